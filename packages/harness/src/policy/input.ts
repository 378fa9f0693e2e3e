/**
 * PolicyInput from an inventory: core resources in CloudFormation's vocabulary, every form of a
 * security-group ingress rule as one list, and the Kubernetes objects with the resource that sends
 * each. Rules read this, never a tool's dialect, so the same control reads the same in every tool.
 */
import { kindOf } from '../canonical/kinds.js';
import { cloudformationViewOf } from '../canonical/vocabulary.js';
import { canonicalObject } from '../kubernetes/canonical.js';
import { keyOfObject, kubernetesLayerOf } from '../kubernetes/read.js';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import type { ObservedInfrastructure } from '../observe/model.js';
import { observe } from '../observe/observe.js';
import type { IngressRule, KubernetesObject, PolicyInput, PolicyResource } from './model.js';

/** Identity for every claimed resource (its own item first, an equivalent form's item otherwise). */
function identities(observed: ObservedInfrastructure): Map<string, string> {
  const result = new Map<string, string>();
  for (const claim of observed.claims)
    if (!claim.part && !result.has(claim.address)) result.set(claim.address, claim.identity);
  for (const claim of observed.claims)
    if (!result.has(claim.address)) result.set(claim.address, claim.identity);
  return result;
}

function policyResource(resource: InventoryResource, identity: string | undefined): PolicyResource {
  const view = cloudformationViewOf(resource);
  // Types no mapping knows (a flow log, a security group rule in Terraform's older form) keep
  // their own properties: rules that read them read the tool's dialect on purpose.
  const properties = view ? { ...view.properties, ...prefixed(view.unmapped) } : resource.properties;
  return {
    address: resource.address,
    displayName: resource.displayName,
    nativeType: resource.nativeType,
    kind: resource.kind ?? kindOf(resource.nativeType)?.kind ?? null,
    identity: identity ?? `${resource.kind ?? resource.nativeType}:${resource.displayName}`,
    ...(resource.location ? { location: resource.location } : {}),
    properties,
  };
}

/** Unmapped arguments under `$tool.`, so a rule can still see them without mistaking them. */
function prefixed(unmapped: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(Object.entries(unmapped).map(([key, value]) => [`$tool.${key}`, value]));
}

export function buildPolicyInput(
  inventory: Inventory,
  observed: ObservedInfrastructure = observe(inventory),
): PolicyInput {
  const identityOf = identities(observed);
  const core = inventory.resources.filter((resource) => resource.role === 'core');
  const resources = core.map((resource) => policyResource(resource, identityOf.get(resource.address)));
  const byAddress = new Map(resources.map((resource) => [resource.address, resource]));
  const byIdentity = new Map<string, PolicyResource>();
  for (const claim of observed.claims) {
    if (claim.part || byIdentity.has(claim.identity)) continue;
    const resource = byAddress.get(claim.address);
    if (resource) byIdentity.set(claim.identity, resource);
  }
  const rawByAddress = new Map(core.map((resource) => [resource.address, resource]));
  return {
    implementation: inventory.implementation,
    inventory,
    observed,
    resources,
    ingressRules: resources.flatMap((resource) =>
      ingressRulesOf(resource, rawByAddress.get(resource.address)!).map((rule) => ({
        ...rule,
        cidrs: rule.cidrs.map((cidr) => knownCidr(cidr, rawByAddress)),
      })),
    ),
    kubernetes: kubernetesObjectsOf(inventory, byAddress),
    resourceFor: (identity) => byIdentity.get(identity),
  };
}

const CIDR_ATTRIBUTES = new Set(['CidrBlock', 'cidr_block']);

/**
 * A CIDR written as a reference to a VPC's or subnet's own CIDR (`!GetAtt Vpc.CidrBlock`,
 * `aws_vpc.this.cidr_block`) is that resource's CIDR, which the inventory knows: resolving it keeps
 * a rule "from the VPC" from reading as unknown in one tool and as its literal in another.
 */
function knownCidr(cidr: Value, byAddress: ReadonlyMap<string, InventoryResource>): Value {
  if (!isUnknown(cidr) || cidr.references.length !== 1) return cidr;
  const [reference] = cidr.references;
  if (!reference?.attribute || !CIDR_ATTRIBUTES.has(reference.attribute)) return cidr;
  const target = byAddress.get(reference.address);
  const own = target?.properties.CidrBlock ?? target?.properties.cidr_block;
  return typeof own === 'string' ? own : cidr;
}

const SECURITY_GROUP_TYPES = new Set([
  'AWS::EC2::SecurityGroup',
  'aws_security_group',
  'aws_default_security_group',
  'aws:ec2/securityGroup:SecurityGroup',
  'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup',
]);
const SEPARATE_INGRESS_TYPES = new Set([
  'AWS::EC2::SecurityGroupIngress',
  'aws_vpc_security_group_ingress_rule',
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
]);
const LEGACY_RULE_TYPES = new Set(['aws_security_group_rule', 'aws:ec2/securityGroupRule:SecurityGroupRule']);

function list(value: Value | undefined): Value[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...value] : [value];
}

function port(value: Value | undefined): number | null {
  if (value === undefined || value === null) return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : null;
}

/** EC2's protocol names: `-1`/`all` is every protocol; IANA numbers 6 and 17 are tcp and udp. */
export function normalizeProtocol(value: Value | undefined): string {
  if (value === undefined || value === null) return '-1';
  const text = String(value).toLowerCase();
  if (text === 'all' || text === '-1') return '-1';
  if (text === '6') return 'tcp';
  if (text === '17') return 'udp';
  return text;
}

function rule(
  resource: PolicyResource,
  form: string,
  protocol: Value | undefined,
  from: Value | undefined,
  to: Value | undefined,
  cidrs: Value[],
): IngressRule {
  const normalized = normalizeProtocol(protocol);
  // With every protocol the ports mean nothing (EC2 ignores them); -1 as a port is "all" too.
  const allPorts = normalized === '-1' || port(from) === -1;
  return {
    resource,
    protocol: normalized,
    fromPort: allPorts ? null : port(from),
    toPort: allPorts ? null : (port(to) ?? port(from)),
    cidrs: cidrs.filter((cidr) => cidr !== null && cidr !== undefined && cidr !== ''),
    form,
  };
}

/**
 * Every ingress rule a resource states, whatever the form: CloudFormation's inline
 * SecurityGroupIngress and AWS::EC2::SecurityGroupIngress; Terraform's (and CDKTF's, and Pulumi's
 * bridged) `ingress` blocks of aws_security_group and aws_default_security_group,
 * aws_security_group_rule of type ingress, and aws_vpc_security_group_ingress_rule.
 */
function ingressRulesOf(resource: PolicyResource, raw: InventoryResource): IngressRule[] {
  const type = raw.nativeType;
  const p = raw.properties;
  if (SECURITY_GROUP_TYPES.has(type)) {
    if (raw.dialect === 'cloudformation') {
      return list(p.SecurityGroupIngress)
        .filter(isValueObject)
        .map((item) =>
          rule(resource, 'inline SecurityGroupIngress', item.IpProtocol, item.FromPort, item.ToPort, [
            ...list(item.CidrIp),
            ...list(item.CidrIpv6),
          ]),
        );
    }
    if (isUnknown(p.ingress)) return [];
    return list(p.ingress)
      .filter(isValueObject)
      .map((item) =>
        rule(
          resource,
          `${type.includes(':') ? 'ingress input' : 'ingress block'}`,
          item.protocol,
          item.from_port,
          item.to_port,
          [...list(item.cidr_blocks), ...list(item.ipv6_cidr_blocks)],
        ),
      );
  }
  if (SEPARATE_INGRESS_TYPES.has(type)) {
    if (raw.dialect === 'cloudformation')
      return [
        rule(resource, type, p.IpProtocol, p.FromPort, p.ToPort, [...list(p.CidrIp), ...list(p.CidrIpv6)]),
      ];
    return [
      rule(resource, type, p.ip_protocol, p.from_port, p.to_port, [
        ...list(p.cidr_ipv4),
        ...list(p.cidr_ipv6),
      ]),
    ];
  }
  if (LEGACY_RULE_TYPES.has(type)) {
    if (p.type !== 'ingress') return [];
    return [
      rule(resource, type, p.protocol, p.from_port, p.to_port, [
        ...list(p.cidr_blocks),
        ...list(p.ipv6_cidr_blocks),
      ]),
    ];
  }
  return [];
}

function kubernetesObjectsOf(
  inventory: Inventory,
  byAddress: ReadonlyMap<string, PolicyResource>,
): KubernetesObject[] {
  const layer = kubernetesLayerOf(inventory);
  const seen = new Set<string>();
  const objects: KubernetesObject[] = [];
  for (const record of layer.objects) {
    const resource = byAddress.get(record.address);
    if (!resource) continue;
    const object = canonicalObject(record.object);
    const key = keyOfObject(object);
    if (seen.has(key)) continue;
    seen.add(key);
    objects.push({ key, object, resource });
  }
  return objects;
}
