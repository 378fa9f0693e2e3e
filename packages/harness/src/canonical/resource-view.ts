/**
 * Every resource observe identified, in one canonical form per item, so the same item can be
 * compared property by property across tools: CloudFormation's vocabulary (vocabulary.ts),
 * references as the item they point at (`→subnet[private/eu-west-1a]`, whatever the tool's IDs),
 * equivalent forms folded in (a role's policy attachments into ManagedPolicyArns, an internet
 * gateway's attachment into its VpcId, access policy associations into AccessPolicies, separate
 * security group rules into the group), and the resource's lifecycle as `$lifecycle.*`.
 */
import type { SourceLocation } from '../errors.js';
import { awaitOf, workloadItemType } from '../kubernetes/await.js';
import { workloadLifecycleOf } from '../kubernetes/workload-lifecycle.js';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, Unknown, type Value } from '../model/value.js';
import type { ObservedInfrastructure } from '../observe/model.js';
import { type OrderVerdict, replacementOrders } from '../plan/replacement-order.js';
import { type CloudFormationView, cloudformationViewOf } from './vocabulary.js';

export interface CanonicalResource {
  readonly identity: string;
  /** The CloudFormation type it is read as (the default security group: a group with no rules). */
  readonly type: string;
  /** The primary resource first, then the equivalent forms folded into it. */
  readonly addresses: readonly string[];
  readonly nativeTypes: readonly string[];
  readonly dialect: InventoryResource['dialect'];
  readonly location?: SourceLocation;
  /** Dotted CloudFormation property paths → canonical values; lists whole. */
  readonly properties: Readonly<Record<string, Value>>;
  /** The tool's own arguments that map to no CloudFormation property. */
  readonly unmapped: Readonly<Record<string, Value>>;
  /** Naming arguments (`name_prefix`), compared as naming only. */
  readonly naming: Readonly<Record<string, Value>>;
}

/** Lists whose order matters: EKS tries instance types in the order given (on-demand, prioritized). */
const ORDERED_LISTS = new Set(['InstanceTypes']);

const MAX_DEPTH = 32;

/** The attribute an ordering-only reference carries (a Terraform output's depends_on). */
export const DEPENDS_ON_ATTRIBUTE = '$depends_on';

/** A reference as the item it points at, so tools that name IDs differently still compare. */
function tokenOf(unknown: Unknown, identityOf: ReadonlyMap<string, string>): string {
  const references = unknown.references.filter((reference) => reference.attribute !== DEPENDS_ON_ATTRIBUTE);
  if (references.length === 0) return `?${unknown.reason}${unknown.detail ? `: ${unknown.detail}` : ''}`;
  const targets = [
    ...new Set(references.map((reference) => `→${identityOf.get(reference.address) ?? reference.address}`)),
  ].sort();
  return targets.join(' ');
}

function tokenize(value: Value, identityOf: ReadonlyMap<string, string>, depth = 0): Value {
  if (depth > MAX_DEPTH) return value;
  if (isUnknown(value)) return tokenOf(value, identityOf);
  if (Array.isArray(value)) return value.map((item) => tokenize(item, identityOf, depth + 1));
  if (isValueObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, tokenize(item, identityOf, depth + 1)]),
    );
  }
  return value;
}

function sortList(list: readonly Value[]): Value[] {
  return [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Maps keyed by user data (tags, labels): one path per key, `Tags[Name]`, so one tag is one difference. */
const KEYED_MAPS = new Set(['Tags', 'Labels']);

/**
 * Objects to dotted paths; lists stay whole (sorted unless their order matters); a list of
 * references is the set of items it points at (Pulumi records dependencies per input, not per
 * element). Null is absent (Terraform's way of leaving an argument out).
 */
function flatten(value: Value, prefix: string, out: Record<string, Value>, depth = 0): void {
  const name = prefix.split('.').at(-1) ?? '';
  if (value === null) return;
  if (depth > MAX_DEPTH) {
    out[prefix] = value;
    return;
  }
  if (Array.isArray(value) || isReferenceToken(value)) {
    const items = (Array.isArray(value) ? value : [value]).map((item) => normalizeNested(item, depth + 1));
    const references = referenceSet(items);
    out[prefix] = references ?? (ORDERED_LISTS.has(name) ? items : sortList(items));
    return;
  }
  if (isValueObject(value) && KEYED_MAPS.has(name)) {
    for (const [key, item] of Object.entries(value))
      if (item !== null) out[`${prefix}[${key}]`] = normalizeNested(item, depth + 1);
    return;
  }
  if (isValueObject(value) && !isPolicy(value)) {
    for (const [key, item] of Object.entries(value))
      flatten(item, prefix ? `${prefix}.${key}` : key, out, depth + 1);
    return;
  }
  out[prefix] = normalizeNested(value, depth + 1);
}

function isReferenceToken(value: Value): boolean {
  return typeof value === 'string' && value.startsWith('→') && value.includes(' →');
}

/** Every item of a list is a reference token: the sorted set of items pointed at. */
function referenceSet(items: readonly Value[]): Value[] | undefined {
  if (items.length === 0 || !items.every((item) => typeof item === 'string' && item.startsWith('→')))
    return undefined;
  return [...new Set((items as string[]).flatMap((item) => item.split(' ')))].sort();
}

function isPolicy(value: Value): boolean {
  return isValueObject(value) && value.Statement !== undefined;
}

/**
 * Inside a list item: key order fixed, nulls left out, nested lists sorted, so equal items compare
 * equal; tags nested in an item (a launch template's tag specifications) lose their naming tags as
 * the top-level ones do (compare/equivalences.ts, NAMING).
 */
function normalizeNested(value: Value, depth: number, key = ''): Value {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return sortList(value.map((item) => normalizeNested(item, depth + 1)));
  if (isValueObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((name) => value[name] !== null && !(key === 'Tags' && isNamingTag(name)))
        .sort()
        .map((name) => [name, normalizeNested(value[name]!, depth + 1, name)]),
    );
  }
  return value;
}

/** Tag keys that are a tool's naming or bookkeeping, not the target's tags (see compare/equivalences.ts). */
export function isNamingTag(key: string): boolean {
  return key === 'Name' || key.startsWith('aws-cdk:');
}

/** Folds an equivalent form's properties into its item's. */
function foldPart(
  into: Record<string, Value>,
  primary: InventoryResource,
  part: InventoryResource,
  view: CloudFormationView,
): void {
  const list = (key: string, items: Value[]) => {
    const existing = into[key];
    into[key] = [...(Array.isArray(existing) ? existing : []), ...items];
  };
  const p = view.properties;
  switch (part.kind) {
    case 'iam-role-policy-attachment': {
      const arns = p.ManagedPolicyArns;
      list('ManagedPolicyArns', Array.isArray(arns) ? [...arns] : [arns ?? null]);
      break;
    }
    case 'gateway-attachment':
      if (into.VpcId === undefined && p.VpcId !== undefined) into.VpcId = p.VpcId;
      break;
    case 'eks-access-policy-association': {
      const policies = p.AccessPolicies;
      const item = isValueObject(policies)
        ? policies
        : { PolicyArn: p.PolicyArn ?? null, AccessScope: p.AccessScope ?? null };
      list('AccessPolicies', [item]);
      break;
    }
    case 'security-group-ingress': {
      const { GroupId: _group, ...rule } = p;
      list('SecurityGroupIngress', [{ ...rule, IpProtocol: String(rule.IpProtocol ?? '-1') }]);
      break;
    }
    default:
      // Another kind of part: its properties under its own type, so nothing folds silently wrong.
      into[`$part.${part.nativeType}`] = { ...p };
  }
  void primary;
}

function lifecycleProperties(
  resource: InventoryResource,
  identityFormat: (path: string) => string,
  order: OrderVerdict | undefined,
): Record<string, Value> {
  const { lifecycle } = resource;
  return {
    '$lifecycle.onDelete': lifecycle.onDelete,
    '$lifecycle.onReplace': lifecycle.onReplace,
    // The order the tool really uses: Terraform's create_before_destroy forced on dependencies too.
    '$lifecycle.replacementOrder': order
      ? order.order === 'create-first'
        ? 'create-before-destroy'
        : 'destroy-before-create'
      : lifecycle.replacementOrder,
    '$lifecycle.ignoreChanges':
      lifecycle.ignoreChanges === 'all' ? 'all' : [...lifecycle.ignoreChanges.map(identityFormat)].sort(),
  };
}

/** `scaling_config[0].desired_size` or `scalingConfig.desiredSize` → `ScalingConfig.DesiredSize`. */
function ignorePathToCloudFormation(path: string): string {
  return path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .map((step) =>
      step
        .replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
        .replace(/^[a-z]/, (letter) => letter.toUpperCase()),
    )
    .join('.');
}

/** The VPC's default security group, as every tool builds it: the VPC's group with no rules. */
function defaultSecurityGroupView(
  resource: InventoryResource,
  view: CloudFormationView | undefined,
): CloudFormationView {
  if (resource.dialect === 'cloudformation') {
    const group = resource.properties.DefaultSecurityGroupId;
    const vpc = isUnknown(group) ? group : null;
    return {
      type: 'AWS::EC2::SecurityGroup',
      properties: { VpcId: vpc, SecurityGroupIngress: [], SecurityGroupEgress: [], $default: true },
      unmapped: {},
      naming: {},
    };
  }
  const properties = { ...(view?.properties ?? {}) };
  // Adopting the default group without rules removes them (aws_default_security_group docs).
  properties.SecurityGroupIngress ??= [];
  properties.SecurityGroupEgress ??= [];
  properties.$default = true;
  return {
    type: 'AWS::EC2::SecurityGroup',
    properties,
    unmapped: view?.unmapped ?? {},
    naming: view?.naming ?? {},
  };
}

/**
 * A literal the tool resolved from another resource (Terraform knows `aws_eks_cluster.this.name`,
 * Pulumi's preview echoes inputs) is still a reference to it, as CloudFormation's `Ref` is: where
 * the resource has an edge at a top-level property whose value is a known string, the value becomes
 * a reference for comparing.
 */
function withEdgesAsReferences(resource: InventoryResource): InventoryResource {
  let properties: Record<string, Value> | undefined;
  for (const edge of resource.references) {
    if (edge.path.includes('.') || edge.path.includes('[')) continue;
    const value = resource.properties[edge.path];
    if (typeof value !== 'string') continue;
    properties ??= { ...resource.properties };
    properties[edge.path] = new Unknown('computed', [{ address: edge.target }]);
  }
  return properties ? { ...resource, properties } : resource;
}

/** The token of a reference to a resource that is a documented tool default (ledger.ts). */
export const TOOL_DEFAULT_TOKEN = 'tool-default:';

export function canonicalResources(
  inventory: Inventory,
  observed: ObservedInfrastructure,
  /** Address → tool-default id, for resources the ledger found to be tool defaults. */
  toolDefaults: ReadonlyMap<string, string> = new Map(),
): Map<string, CanonicalResource> {
  const byAddress = new Map(inventory.resources.map((resource) => [resource.address, resource]));
  const identityOf = new Map<string, string>();
  for (const [address, id] of toolDefaults) identityOf.set(address, `${TOOL_DEFAULT_TOKEN}${id}`);
  for (const claim of observed.claims)
    if (!claim.part && !identityOf.has(claim.address)) identityOf.set(claim.address, claim.identity);
  for (const claim of observed.claims)
    if (!identityOf.has(claim.address)) identityOf.set(claim.address, claim.identity);

  const orders = replacementOrders(inventory);
  const result = new Map<string, CanonicalResource>();
  for (const claim of observed.claims) {
    if (claim.part || result.has(claim.identity)) continue;
    const resource = byAddress.get(claim.address);
    if (!resource) continue;
    const workloadType = workloadItemType(claim.identity);
    if (workloadType) {
      // A Kubernetes object or Helm release: its content is compared fact by fact; across tools,
      // what the deploy waits for after sending it (kubernetes/await.ts), what a failed delete
      // does and how a ConfigMap or Secret takes new data (kubernetes/workload-lifecycle.ts).
      result.set(claim.identity, {
        identity: claim.identity,
        type: workloadType,
        addresses: [resource.address],
        nativeTypes: [resource.nativeType],
        dialect: resource.dialect,
        ...(resource.location ? { location: resource.location } : {}),
        properties: {
          $await: awaitOf(resource, claim.identity),
          ...workloadLifecycleOf(resource, claim.identity, inventory),
        },
        unmapped: {},
        naming: {},
      });
      continue;
    }
    const direct = cloudformationViewOf(withEdgesAsReferences(resource));
    const view =
      resource.kind === 'default-security-group' ? defaultSecurityGroupView(resource, direct) : direct;
    if (!view) continue;
    const properties: Record<string, Value> = { ...view.properties };
    const parts = observed.claims
      .filter((other) => other.part && other.identity === claim.identity)
      .map((other) => byAddress.get(other.address))
      .filter((part): part is InventoryResource => part !== undefined);
    for (const part of parts) {
      const partView = cloudformationViewOf(withEdgesAsReferences(part));
      if (partView) foldPart(properties, resource, part, partView);
    }
    const flat: Record<string, Value> = {};
    flatten(tokenize(properties, identityOf) as Value, '', flat);
    Object.assign(
      flat,
      lifecycleProperties(resource, ignorePathToCloudFormation, orders.get(resource.address)),
    );
    result.set(claim.identity, {
      identity: claim.identity,
      type: view.type,
      addresses: [resource.address, ...parts.map((part) => part.address)],
      nativeTypes: [resource.nativeType, ...parts.map((part) => part.nativeType)],
      dialect: resource.dialect,
      ...(resource.location ? { location: resource.location } : {}),
      properties: flat,
      unmapped: tokenize(view.unmapped, identityOf) as Record<string, Value>,
      naming: view.naming,
    });
  }
  return result;
}
