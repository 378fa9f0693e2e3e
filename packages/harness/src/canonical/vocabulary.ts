/**
 * Any tool's resource in CloudFormation's vocabulary: property names of the CloudFormation type it
 * stands for, values coerced to the types the CloudFormation property shapes say (a Ref to a
 * Number parameter is "90", CDKTF writes `encrypted = "true"`), tags as one map, IAM policy
 * documents parsed and in one form. Terraform-dialect arguments (Terraform, CDKTF, Pulumi) go
 * through the mapping table and, below it, by name through the shapes; what maps nowhere is kept
 * under its own name as `unmapped`, so nothing is compared as if it were something else.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value, type ValueObject } from '../model/value.js';
import { effectiveTags } from '../observe/views.js';
import { terraformTypeOfPulumi } from './kinds.js';
import { matchName, type ObjectShape, objectShape, resourceShape, type Shape } from './shapes.js';
import { NAMING_ARGUMENTS, TERRAFORM_TO_CLOUDFORMATION } from './terraform-mapping.js';

export interface CloudFormationView {
  /** The CloudFormation type the resource stands for. */
  readonly type: string;
  /** Nested, in CloudFormation property names; Unknowns (references) kept as they are. */
  readonly properties: Record<string, Value>;
  /** The tool's own arguments that map to no CloudFormation property, by dotted path. */
  readonly unmapped: Record<string, Value>;
  /** Naming arguments (`name_prefix`): the tool's convention, compared as naming. */
  readonly naming: Record<string, Value>;
}

/** Terraform meta arguments and computed attributes that are not the resource's own settings. */
const TERRAFORM_META = new Set(['tags_all', 'id', 'arn', 'provider', 'region']);

const MAX_DEPTH = 24;

/** `[{Key, Value}]` (or `{key, value}`) lists are tags: one map. */
function asTagMap(value: Value): Value {
  if (!Array.isArray(value)) return value;
  if (!value.every((item) => isValueObject(item) && (item.Key !== undefined || item.key !== undefined)))
    return value;
  const map: Record<string, Value> = {};
  for (const item of value as ValueObject[]) {
    const key = item.Key ?? item.key;
    if (typeof key === 'string') map[key] = (item.Value ?? item.value ?? '') as Value;
  }
  return map;
}

function parseJson(value: Value): Value {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as Value;
  } catch {
    return value;
  }
}

/**
 * An IAM policy document in one form: statements without their Sid (a label), single values as
 * one-element lists, lists sorted — so `"Action": "sts:AssumeRole"` and `["sts:AssumeRole"]` agree.
 */
export function normalizePolicy(document: Value): Value {
  const parsed = parseJson(document);
  if (!isValueObject(parsed) || parsed.Statement === undefined) return parsed;
  const listOf = (value: Value | undefined): Value =>
    value === undefined
      ? []
      : isUnknown(value)
        ? value
        : (Array.isArray(value) ? [...value] : [value]).sort((a, b) =>
            JSON.stringify(a).localeCompare(JSON.stringify(b)),
          );
  const statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]).map(
    (statement) => {
      if (!isValueObject(statement)) return statement;
      const out: Record<string, Value> = {};
      for (const [key, item] of Object.entries(statement)) {
        if (key === 'Sid') continue;
        if (['Action', 'NotAction', 'Resource', 'NotResource'].includes(key)) out[key] = listOf(item);
        else if ((key === 'Principal' || key === 'NotPrincipal') && isValueObject(item)) {
          out[key] = Object.fromEntries(Object.entries(item).map(([kind, who]) => [kind, listOf(who)]));
        } else out[key] = item;
      }
      return out;
    },
  );
  return {
    Version: parsed.Version ?? '2008-10-17',
    Statement: statements.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

/** A value coerced to a property shape, recursing into lists, maps and property types. */
function coerce(
  value: Value,
  shape: Shape | undefined,
  path: string,
  unmapped: Record<string, Value>,
  depth: number,
  explicit?: (name: string) => string | undefined,
): Value {
  if (depth > MAX_DEPTH || value === null || isUnknown(value) || shape === undefined) return value;
  if (typeof shape === 'string') {
    switch (shape) {
      case 'b':
        return value === 'true' ? true : value === 'false' ? false : value;
      case 'i':
      case 'n':
        return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))
          ? Number(value)
          : value;
      case 's':
        return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
      case 'j':
        return normalizePolicy(parseJson(value));
      default:
        return value;
    }
  }
  const [form, inner] = shape as readonly [string, Shape | string];
  if (form === 'a') {
    const element = inner as Shape;
    const tagList = element === 't' || objectShape(element)?.Key !== undefined;
    // Terraform writes tags as a map where CloudFormation takes a [{Key, Value}] list.
    if (tagList && isValueObject(value) && value.Key === undefined) return value;
    const items = Array.isArray(value) ? value : [value];
    const converted = items.map((item, index) =>
      coerce(item, element, `${path}[${index}]`, unmapped, depth + 1, explicit),
    );
    return tagList ? asTagMap(converted) : converted;
  }
  if (form === 'm') {
    if (!isValueObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        coerce(item, inner as Shape, `${path}.${key}`, unmapped, depth + 1),
      ]),
    );
  }
  if (form === 'u') {
    const options = (shape as readonly Shape[]).slice(1);
    const object = options.find((option) => objectShape(option) !== undefined);
    return coerce(
      value,
      (isValueObject(value) || Array.isArray(value)) && object ? object : options[0],
      path,
      unmapped,
      depth,
      explicit,
    );
  }
  // A property type: HCL writes a nested block as a list of one.
  const fields = objectShape(shape);
  const object = Array.isArray(value) && value.length === 1 ? value[0]! : value;
  if (!fields || !isValueObject(object)) return value;
  return convertObject(object, fields, path, unmapped, depth + 1, explicit);
}

function convertObject(
  object: ValueObject,
  fields: ObjectShape,
  path: string,
  unmapped: Record<string, Value>,
  depth: number,
  explicit?: (name: string) => string | undefined,
): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [key, item] of Object.entries(object)) {
    const name = explicit?.(key) ?? matchName(fields, key);
    const here = path ? `${path}.${key}` : key;
    if (!name) {
      unmapped[here] = item;
      continue;
    }
    out[name] = coerce(item, fields[name], here, unmapped, depth + 1);
  }
  return out;
}

/** Sets `value` at a dotted path, creating objects on the way; the first writer of a path wins. */
function setPath(target: Record<string, Value>, path: readonly string[], value: Value): boolean {
  let current = target;
  for (const step of path.slice(0, -1)) {
    const next = current[step];
    if (next === undefined) current[step] = {};
    else if (!isValueObject(next)) return false;
    current = current[step] as Record<string, Value>;
  }
  const last = path.at(-1)!;
  if (current[last] !== undefined) return false;
  current[last] = value;
  return true;
}

function shapeAt(type: string, path: readonly string[]): Shape | undefined {
  let fields: ObjectShape | undefined = resourceShape(type);
  let shape: Shape | undefined;
  for (const step of path) {
    shape = fields?.[step];
    fields = objectShape(shape);
  }
  return shape;
}

/** Terraform security group rules (`ingress`, `egress` blocks) as CloudFormation's rule list, one CIDR per rule. */
function terraformRules(value: Value): Value {
  if (isUnknown(value) || !Array.isArray(value)) return value;
  return value.flatMap((rule) => {
    if (!isValueObject(rule)) return [rule];
    const cidrs = Array.isArray(rule.cidr_blocks) ? rule.cidr_blocks : [];
    const base: Record<string, Value> = {
      IpProtocol: String(rule.protocol ?? rule.ip_protocol ?? '-1'),
      FromPort: rule.from_port ?? null,
      ToPort: rule.to_port ?? null,
      ...(rule.description !== undefined ? { Description: rule.description } : {}),
    };
    return cidrs.length > 0 ? cidrs.map((cidr) => ({ ...base, CidrIp: cidr })) : [base];
  });
}

function fromTerraform(resource: InventoryResource): CloudFormationView | undefined {
  const terraformType = resource.nativeType.includes(':')
    ? terraformTypeOfPulumi(resource.nativeType)
    : resource.nativeType;
  const mapping = terraformType ? TERRAFORM_TO_CLOUDFORMATION[terraformType] : undefined;
  if (!terraformType || !mapping) return undefined;
  const type = mapping.cloudformationType;
  const properties: Record<string, Value> = {};
  const unmapped: Record<string, Value> = {};
  const naming: Record<string, Value> = {};
  const entries = Object.entries(mapping.properties);
  for (const [key, value] of Object.entries(resource.properties)) {
    if (TERRAFORM_META.has(key) || key === 'tags') continue;
    if (NAMING_ARGUMENTS.has(key)) {
      naming[key] = value;
      continue;
    }
    if (terraformType === 'aws_eks_cluster' && key === 'enabled_cluster_log_types') {
      const types = Array.isArray(value) ? value.map((item) => ({ Type: item })) : value;
      setPath(properties, ['Logging', 'ClusterLogging', 'EnabledTypes'], types);
      continue;
    }
    if (
      (terraformType === 'aws_security_group' || terraformType === 'aws_default_security_group') &&
      (key === 'ingress' || key === 'egress')
    ) {
      setPath(
        properties,
        [key === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress'],
        terraformRules(value),
      );
      continue;
    }
    if (terraformType === 'aws_eks_addon' && key === 'resolve_conflicts_on_update') {
      // CloudFormation's one ResolveConflicts stands for both; a different update choice is its own.
      if (resource.properties.resolve_conflicts_on_create !== value) unmapped[key] = value;
      continue;
    }
    const direct = mapping.properties[key];
    const nested = entries.filter(([from]) => from.startsWith(`${key}.`));
    if (direct !== undefined) {
      const target = direct.split('.');
      const explicitChild = (name: string) => {
        const found = mapping.properties[`${key}.${name}`];
        return found?.startsWith(`${direct}.`) ? found.slice(direct.length + 1) : undefined;
      };
      setPath(properties, target, coerce(value, shapeAt(type, target), key, unmapped, 0, explicitChild));
    } else if (nested.length > 0) {
      // A block whose arguments land in different places (vpc_config → ResourcesVpcConfig.*).
      const block = Array.isArray(value) && value.length === 1 ? value[0]! : value;
      if (!isValueObject(block)) {
        unmapped[key] = value;
        continue;
      }
      for (const [child, item] of Object.entries(block)) {
        const to = mapping.properties[`${key}.${child}`];
        if (to === undefined) {
          unmapped[`${key}.${child}`] = item;
          continue;
        }
        const target = to.split('.');
        setPath(properties, target, coerce(item, shapeAt(type, target), `${key}.${child}`, unmapped, 0));
      }
    } else {
      // Not in the table: the CloudFormation property of the same name, if there is one.
      const name = matchName(resourceShape(type), key);
      if (name) setPath(properties, [name], coerce(value, shapeAt(type, [name]), key, unmapped, 0));
      else unmapped[key] = value;
    }
  }
  const tags = effectiveTags(resource, resource.properties.tags);
  const hasTags = (isValueObject(tags) && Object.keys(tags).length > 0) || isUnknown(tags);
  // EC2 tags things CloudFormation cannot (a security group rule): those tags are the tool's own.
  const takesTags = resourceShape(type)?.Tags !== undefined || type === 'AWS::EC2::LaunchTemplate';
  if (hasTags && takesTags) properties.Tags = tags;
  else if (hasTags) unmapped.tags = tags;
  return { type, properties, unmapped, naming };
}

/**
 * A launch template's own tags are the `launch-template` entry of its top-level TagSpecifications
 * (CloudFormation has no Tags property for it; Terraform's `tags` set the same thing).
 */
function launchTemplateTags(resource: InventoryResource): {
  own: Value | undefined;
  rest: Value | undefined;
} {
  const specifications = resource.properties.TagSpecifications;
  if (!Array.isArray(specifications)) return { own: undefined, rest: specifications };
  const own = specifications.find((item) => isValueObject(item) && item.ResourceType === 'launch-template');
  const rest = specifications.filter((item) => item !== own);
  return { own: isValueObject(own) ? own.Tags : undefined, rest: rest.length > 0 ? rest : undefined };
}

function fromCloudFormation(resource: InventoryResource): CloudFormationView {
  const type = resource.nativeType;
  const fields = resourceShape(type);
  const unmapped: Record<string, Value> = {};
  const properties: Record<string, Value> = {};
  const launchTemplate = type === 'AWS::EC2::LaunchTemplate' ? launchTemplateTags(resource) : undefined;
  for (const [key, value] of Object.entries(resource.properties)) {
    if (key === 'Tags') continue;
    if (launchTemplate && key === 'TagSpecifications') {
      if (launchTemplate.rest !== undefined)
        properties[key] = coerce(launchTemplate.rest, fields?.[key], key, unmapped, 0);
      continue;
    }
    if (fields && !Object.hasOwn(fields, key) && !type.startsWith('Custom::')) {
      unmapped[key] = value;
      continue;
    }
    properties[key] = coerce(value, fields?.[key], key, unmapped, 0);
  }
  const tags = effectiveTags(resource, launchTemplate ? launchTemplate.own : resource.properties.Tags);
  if (isValueObject(tags) && Object.keys(tags).length > 0) properties.Tags = tags;
  else if (isUnknown(tags)) properties.Tags = tags;
  return { type, properties, unmapped, naming: {} };
}

/** The resource in CloudFormation's vocabulary, or undefined when no mapping knows its type. */
export function cloudformationViewOf(resource: InventoryResource): CloudFormationView | undefined {
  return resource.dialect === 'cloudformation' ? fromCloudFormation(resource) : fromTerraform(resource);
}

/**
 * Back from the canonical form to what a template says, for validating it: tag maps as the
 * [{Key, Value}] lists the shapes ask for, and a launch template's own tags as its
 * `launch-template` tag specification.
 */
export function templateForm(type: string, properties: Record<string, Value>): Record<string, unknown> {
  const fields = resourceShape(type);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    // A null argument is an argument not set: never part of the template (issue 19).
    if (value === null) continue;
    if (type === 'AWS::EC2::LaunchTemplate' && key === 'Tags') continue;
    // Folded in from the VPCGatewayAttachment: not a property of the gateway itself.
    if (type === 'AWS::EC2::InternetGateway' && key === 'VpcId') continue;
    out[key] = toTemplate(value, fields?.[key], 0);
  }
  if (type === 'AWS::EC2::LaunchTemplate' && isValueObject(properties.Tags)) {
    const own = { ResourceType: 'launch-template', Tags: toTemplate(properties.Tags, ['a', 't'], 0) };
    const rest = Array.isArray(out.TagSpecifications) ? out.TagSpecifications : [];
    out.TagSpecifications = [...rest, own];
  }
  return out;
}

function toTemplate(value: Value, shape: Shape | undefined, depth: number): unknown {
  if (depth > MAX_DEPTH || shape === undefined || typeof shape === 'string' || value === null) return value;
  const [form, inner] = shape as readonly [string, Shape];
  if (form === 'a') {
    const tagList = inner === 't' || objectShape(inner)?.Key !== undefined;
    if (tagList && isValueObject(value))
      return Object.entries(value).map(([Key, item]) => ({ Key, Value: item }));
    return Array.isArray(value) ? value.map((item) => toTemplate(item, inner, depth + 1)) : value;
  }
  if (form === 'm') {
    return isValueObject(value)
      ? Object.fromEntries(
          Object.entries(value).map(([key, item]) => [key, toTemplate(item, inner, depth + 1)]),
        )
      : value;
  }
  const fields = objectShape(shape);
  if (!fields || !isValueObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, toTemplate(item, fields[key], depth + 1)]),
  );
}
