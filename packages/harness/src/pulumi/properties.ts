/**
 * Pulumi inputs → the Terraform dialect. The Pulumi AWS provider is bridged from the Terraform
 * provider, so its inputs are the Terraform arguments in camelCase with blocks of at most one item
 * flattened to objects — which observe already accepts. What is not a plain camelCase of the
 * Terraform name is listed here, with where it comes from.
 */
import { Unknown, type Value, type ValueObject } from '../model/value.js';

/**
 * Inputs the bridge renamed from Terraform (pluralised list blocks): the provider schema's
 * `"language": {"nodejs": {"name": …}}` overrides, as in @pulumi/aws's generated types
 * (`NodeGroupArgs.taints` is `aws_eks_node_group.taint`, `RouteTableArgs.routes` is `route`, …).
 */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'aws:eks/nodeGroup:NodeGroup': { taints: 'taint' },
  'aws:ec2/routeTable:RouteTable': { routes: 'route' },
  'aws:iam/role:Role': { inlinePolicies: 'inline_policy' },
};

/**
 * Inputs whose keys are data, not argument names: tag and label maps (user keys), and IAM policy
 * documents, which Pulumi accepts as objects and sends as JSON (their keys are IAM's own).
 */
const VERBATIM = new Set(['tags', 'tagsAll', 'labels', 'assumeRolePolicy', 'policy']);

/** camelCase → snake_case, as the bridge derives Pulumi names from Terraform's (`ipv6CidrBlock` too). */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Input path (`launchTemplate.version`) → the resource attributes an unknown there stands for. */
export type RecordedAttributes = Readonly<Record<string, readonly { urn: string; attribute: string }[]>>;

/**
 * A recorded input value (JSON with $unknown/$secret/$resource markers) as a harness Value. An
 * unknown refers to the attributes the recording followed it to (`attributes`, by input path), in
 * the Terraform names the rest of the harness uses; else only to the resources the input depends on.
 */
export function reviveRecorded(
  value: unknown,
  dependencies: readonly string[],
  path = '',
  attributes: RecordedAttributes = {},
): Value {
  if (Array.isArray(value))
    return value.map((item, index) => reviveRecorded(item, dependencies, `${path}[${index}]`, attributes));
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (object.$unknown === true) {
      const followed = attributes[path];
      if (followed && followed.length > 0) {
        return new Unknown(
          'computed',
          followed.map((tag) => ({ address: tag.urn, attribute: snakeCase(tag.attribute) })),
        );
      }
      // Otherwise Pulumi records which resources an input came from, not which of their outputs.
      return new Unknown(
        'computed',
        dependencies.map((address) => ({ address })),
      );
    }
    if ('$secret' in object) return reviveRecorded(object.$secret, dependencies, path, attributes);
    if (typeof object.$resource === 'string') {
      return new Unknown('computed', [{ address: object.$resource }], 'a resource reference');
    }
    return Object.fromEntries(
      Object.entries(object).map(([key, item]) => [
        key,
        reviveRecorded(item, dependencies, path ? `${path}.${key}` : key, attributes),
      ]),
    );
  }
  return value as Value;
}

function snakeKeys(value: Value): Value {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object' || value instanceof Unknown) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [snakeCase(key), VERBATIM.has(key) ? item : snakeKeys(item)]),
  );
}

/** The Terraform argument name of a top-level Pulumi input of `type`. */
export function terraformName(type: string, input: string): string {
  return RENAMED[type]?.[input] ?? snakeCase(input);
}

/** A resource's inputs in the Terraform dialect; `dependenciesOf(input)` gives its property dependencies. */
export function toTerraformArguments(
  type: string,
  inputs: Readonly<Record<string, unknown>>,
  dependenciesOf: (input: string) => readonly string[],
  attributes: RecordedAttributes = {},
): ValueObject {
  const out: Record<string, Value> = {};
  for (const [input, raw] of Object.entries(inputs)) {
    // A null input is not set: the bridge sends the provider nothing for it, as Terraform does.
    if (raw === null) continue;
    const value = reviveRecorded(raw, dependenciesOf(input), input, attributes);
    out[terraformName(type, input)] = VERBATIM.has(input) ? value : snakeKeys(value);
  }
  return out;
}

/** snake_case → camelCase, the bridge's Pulumi name of a Terraform argument. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** The Pulumi input name of a top-level Terraform argument of `type` (the inverse of terraformName). */
export function pulumiName(type: string, argument: string): string {
  const renamed = Object.entries(RENAMED[type] ?? {}).find(([, terraform]) => terraform === argument);
  return renamed ? renamed[0] : camelCase(argument);
}

/**
 * A property path read in the Terraform dialect, in Pulumi's own names again: `scaling_config.desired_size`
 * of a node group is `scalingConfig.desiredSize`; keys inside tags, labels and policy documents stay as they are.
 */
export function pulumiPath(type: string, path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  let verbatim = false;
  path.forEach((step, index) => {
    if (typeof step === 'number' || verbatim || step.startsWith('(')) {
      out.push(step);
      return;
    }
    const name = index === 0 ? pulumiName(type, step) : camelCase(step);
    out.push(name);
    if (VERBATIM.has(name)) verbatim = true;
  });
  return out;
}

/** Properties read in the Terraform dialect, with Pulumi's input names (for showing a Pulumi resource). */
export function toPulumiNames(type: string, properties: ValueObject): ValueObject {
  const rename = (value: Value): Value => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== 'object' || value instanceof Unknown) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const name = camelCase(key);
        return [name, VERBATIM.has(name) ? item : rename(item)];
      }),
    );
  };
  return Object.fromEntries(
    Object.entries(properties).map(([key, item]) => {
      const name = pulumiName(type, key);
      return [name, VERBATIM.has(name) ? item : rename(item)];
    }),
  );
}

/** Inputs kept as they are (only revived): @pulumi/kubernetes takes the Kubernetes object itself. */
export function keptInputs(
  inputs: Readonly<Record<string, unknown>>,
  dependenciesOf: (input: string) => readonly string[],
): ValueObject {
  return Object.fromEntries(
    Object.entries(inputs).map(([input, raw]) => [input, reviveRecorded(raw, dependenciesOf(input))]),
  );
}
