/**
 * Facts: the comparable statements about an infrastructure, one value per key, derived the same
 * way from the expected and from every observed infrastructure. Keys are stable and documented
 * (docs/architecture.md): `subnet[private/eu-west-1a].cidr`, `nodeGroup[system].taints` …
 */

import type { TargetSection } from '@iac-compare/spec';
import { flattenObject } from '../kubernetes/flatten.js';
import { isValueObject, type Value } from '../model/value.js';
import type { ObservedInfrastructure } from '../observe/model.js';

export interface FactSet {
  /** Fact key → value. */
  readonly values: ReadonlyMap<string, Value>;
  /** Keyed items (`subnet[public/eu-west-1a]`, `addon[coredns]` …) and the group they belong to. */
  readonly items: ReadonlyMap<string, string>;
}

/** The tags a comparison looks at: the target's tags and the ELB role tags; tools may add others. */
export function tagUniverse(expected: ObservedInfrastructure): Set<string> {
  const keys = new Set<string>();
  const visit = (tags: Value | undefined) => {
    if (isValueObject(tags)) for (const key of Object.keys(tags)) keys.add(key);
  };
  visit(expected.vpc?.tags);
  for (const subnet of Object.values(expected.subnets)) visit(subnet.tags);
  visit(expected.cluster?.tags);
  return keys;
}

function pickTags(tags: Value, universe: ReadonlySet<string>): Value {
  if (!isValueObject(tags)) return tags;
  return Object.fromEntries(
    Object.keys(tags)
      .filter((key) => universe.has(key))
      .sort()
      .map((key) => [key, tags[key]!]),
  );
}

/**
 * Resource type → tags, with only the target's tag keys; a type left with none drops out (tools
 * add Name tags of their own, which say nothing about the target's tags reaching instances).
 */
function pickTagSpecifications(value: Value, universe: ReadonlySet<string>): Value {
  if (!isValueObject(value)) return value;
  const result: Record<string, Value> = {};
  for (const [type, tags] of Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) {
    const picked = pickTags(tags, universe);
    if (!isValueObject(picked) || Object.keys(picked).length > 0) result[type] = picked;
  }
  return result;
}

export function factsOf(
  model: ObservedInfrastructure,
  universe: ReadonlySet<string>,
  options: { skipAnyOrder?: boolean } = {},
): FactSet {
  const values = new Map<string, Value>();
  const items = new Map<string, string>();
  const put = (key: string, value: Value) =>
    values.set(key, key.endsWith('.tags') || key.endsWith('Tags') ? pickTags(value, universe) : value);
  const group = <T extends object>(
    prefix: string,
    name: string,
    record: Readonly<Record<string, T>>,
    each: (key: string, item: T) => void,
  ) => {
    for (const [key, item] of Object.entries(record).sort(([a], [b]) => a.localeCompare(b))) {
      items.set(`${prefix}[${key}]`, name);
      each(`${prefix}[${key}]`, item);
    }
  };
  const object = (prefix: string, value: Record<string, Value> | null | undefined, name: string) => {
    if (!value) return;
    items.set(prefix, name);
    for (const [key, item] of Object.entries(value)) put(`${prefix}.${key}`, item);
  };

  object('vpc', model.vpc, 'network');
  object('internetGateway', model.internetGateway, 'network');
  group('subnet', 'subnets', model.subnets, (prefix, subnet) => {
    for (const [key, value] of Object.entries(subnet)) put(`${prefix}.${key}`, value);
  });
  group('natGateway', 'NAT gateways', model.natGateways, (prefix, nat) => {
    for (const [key, value] of Object.entries(nat)) put(`${prefix}.${key}`, value);
  });
  group('vpcEndpoint', 'VPC endpoints', model.vpcEndpoints, (prefix, endpoint) => {
    for (const [key, value] of Object.entries(endpoint)) put(`${prefix}.${key}`, value);
  });
  object('kmsKey', model.kmsKey, 'encryption and logs');
  object('logGroup', model.logGroup, 'encryption and logs');
  object('clusterRole', model.clusterRole as Record<string, Value> | null, 'IAM');
  object('nodeRole', model.nodeRole as Record<string, Value> | null, 'IAM');
  object('cluster', model.cluster, 'cluster');
  group('addon', 'add-ons', model.addons, (prefix, addon) => {
    for (const [key, value] of Object.entries(addon)) {
      if (key === 'order' && value === 'any' && options.skipAnyOrder) continue;
      put(`${prefix}.${key}`, value);
    }
  });
  group('accessEntry', 'access entries', model.accessEntries, (prefix, entry) => {
    for (const [key, value] of Object.entries(entry)) put(`${prefix}.${key}`, value);
  });
  group('nodeGroup', 'node groups', model.nodeGroups, (prefix, nodeGroup) => {
    for (const [key, value] of Object.entries(nodeGroup)) {
      if (key === 'launchTemplate') {
        const template = value as ObservedInfrastructure['nodeGroups'][string]['launchTemplate'];
        put(`${prefix}.launchTemplate`, !!template);
        if (template) {
          put(`${prefix}.launchTemplate.httpTokens`, template.httpTokens);
          put(`${prefix}.launchTemplate.httpPutResponseHopLimit`, template.httpPutResponseHopLimit);
          put(`${prefix}.launchTemplate.volume`, template.volume as Value);
          put(
            `${prefix}.launchTemplate.tagSpecifications`,
            pickTagSpecifications(template.tagSpecifications, universe),
          );
        }
      } else put(`${prefix}.${key}`, value as Value);
    }
  });
  if (model.workloads) {
    const { objects, helmReleases } = model.workloads;
    for (const [key, object] of Object.entries(objects).sort(([a], [b]) => a.localeCompare(b))) {
      items.set(`k8s[${key}]`, 'workloads');
      flattenObject(object, `k8s[${key}]`, values);
    }
    for (const [key, release] of Object.entries(helmReleases).sort(([a], [b]) => a.localeCompare(b))) {
      const prefix = `helmRelease[${key}]`;
      items.set(prefix, 'Helm releases');
      for (const field of ['chart', 'repository', 'version', 'namespace', 'namespaceFrom'] as const)
        values.set(`${prefix}.${field}`, release[field]);
      flattenObject(release.values, `${prefix}.values`, values);
    }
  }
  return { values, items };
}

/** The optional target section a fact belongs to (an envelope may leave a section out). */
export function sectionOf(key: string): 'workloads' | undefined {
  return key.startsWith('k8s[') || key.startsWith('helmRelease[') ? 'workloads' : undefined;
}

/**
 * The section of the target a fact belongs to, as the spec names its sections: the network (VPC,
 * subnets, NAT, endpoints), the cluster (with its key, log group, role, add-ons and access
 * entries), the node groups (with their role and launch templates), the workloads.
 */
export function targetSectionOf(key: string): TargetSection | undefined {
  const item = itemOf(key).split('[')[0]!;
  if (['vpc', 'internetGateway', 'subnet', 'natGateway', 'vpcEndpoint'].includes(item)) return 'network';
  if (['kmsKey', 'logGroup', 'clusterRole', 'cluster', 'addon', 'accessEntry'].includes(item))
    return 'cluster';
  if (['nodeRole', 'nodeGroup'].includes(item)) return 'nodeGroups';
  if (['k8s', 'helmRelease'].includes(item)) return 'workloads';
  return undefined;
}

/** The item a fact key belongs to: `subnet[public/eu-west-1a].cidr` → `subnet[public/eu-west-1a]`. */
export function itemOf(key: string): string {
  const bracket = key.indexOf(']');
  if (bracket > 0) return key.slice(0, bracket + 1);
  return key.split('.')[0]!;
}
