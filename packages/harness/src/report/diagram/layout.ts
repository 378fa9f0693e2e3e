/**
 * The picture every implementation's diagram shares: the union of the items all of them draw,
 * folded into nodes (a subnet with its route table, association and default route; a NAT gateway
 * with its Elastic IP; a node group with its launch template; the key with its alias), placed in
 * nested boxes — the VPC, an availability zone, the EKS cluster with its node groups and add-ons,
 * the workloads by namespace, keys, logs and IAM — with the default routes as edges. Laid out once:
 * every implementation's graph has exactly these nodes, boxes and edges, only their styles differ.
 */
import type { Topology } from './model.js';

/** The node an item is drawn in: its own, or the node it is part of. */
export function nodeKeyOf(identity: string): string {
  const part = /^(routeTable|routeTableAssociation|route)\[([^\]]+)\]$/.exec(identity);
  if (part) return `subnet[${part[2]}]`;
  const eip = /^eip\[([^\]]+)\]$/.exec(identity);
  if (eip) return `natGateway[${eip[1]}]`;
  const template = /^launchTemplate\[([^\]]+)\]$/.exec(identity);
  if (template) return `nodeGroup[${template[1]}]`;
  if (identity === 'kmsAlias') return 'kmsKey';
  return identity;
}

/** A box: the VPC, an AZ, the EKS cluster, a namespace … */
export interface DiagramBox {
  readonly key: string;
  readonly label: string;
  /** The item whose mark styles the box (the VPC), if any. */
  readonly item?: string;
  readonly boxes: DiagramBox[];
  readonly nodes: string[];
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** Drawn only in implementations with this default route. */
  readonly route: { readonly subnet: string; readonly target: string };
  /** Drawn against the rank order (the arrow points up). */
  readonly back?: true;
}

export interface DiagramLayout {
  readonly root: DiagramBox;
  /** Node key → its label (the same in every diagram, so every node has the same size). */
  readonly labels: Readonly<Record<string, string>>;
  readonly edges: readonly DiagramEdge[];
  /** Nodes on one row, top to bottom: gateways, public subnets, NAT, private, intra, the cluster, its node groups, the workloads. */
  readonly ranks: readonly (readonly string[])[];
  /** Node key → the items folded into it. */
  readonly members: Readonly<Record<string, readonly string[]>>;
}

const TIER_ORDER = ['public', 'private', 'intra'];

function box(key: string, label: string, item?: string): DiagramBox {
  return { key, label, ...(item ? { item } : {}), boxes: [], nodes: [] };
}

function shortName(name: string): string {
  return name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
}

/** A node's label: what it is, then which one (and the target's value where it names it). */
export function labelOf(key: string, details: Readonly<Record<string, string>>): string {
  const detail = details[key];
  const bracket = /^(\w+)\[(.*)\]$/.exec(key);
  const family = bracket?.[1] ?? key;
  const name = bracket?.[2] ?? '';
  const lines = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n');
  switch (family) {
    case 'subnet':
      return lines(`${name.split('/')[0]} subnet`, detail);
    case 'natGateway':
      return lines('NAT gateway', 'and Elastic IP');
    case 'internetGateway':
      return 'internet gateway';
    case 'defaultSecurityGroup':
      return lines('default', 'security group');
    case 'cluster':
      return lines('EKS control plane', detail);
    case 'nodeGroup':
      return lines('node group', name);
    case 'addon':
      return lines('add-on', name);
    case 'accessEntry':
      return lines('access entry', shortName(name));
    case 'kmsKey':
      return lines('KMS key', 'and alias');
    case 'logGroup':
      return lines('control-plane', 'log group');
    case 'clusterRole':
      return lines('IAM role', 'cluster');
    case 'nodeRole':
      return lines('IAM role', 'nodes');
    case 'k8s': {
      const [kind, object] = name.split(' ');
      return lines(kind, shortName(object ?? ''));
    }
    case 'helmRelease':
      return lines('Helm release', shortName(name));
    case 'vpcEndpoint':
      return lines('VPC endpoint', name);
    default:
      return key;
  }
}

/** Where a node sits: the keys of its boxes, outermost first. */
function placementOf(key: string): string[] {
  const bracket = /^(\w+)\[(.*)\]$/.exec(key);
  const family = bracket?.[1] ?? key;
  const name = bracket?.[2] ?? '';
  switch (family) {
    case 'internetGateway':
    case 'defaultSecurityGroup':
      return ['vpc'];
    case 'subnet':
      return ['vpc', `az:${name.split('/')[1] ?? name}`];
    case 'natGateway':
      return ['vpc', `az:${name}`];
    case 'vpcEndpoint':
      return ['vpc', 'endpoints'];
    case 'cluster':
    case 'accessEntry':
      return ['eks'];
    case 'addon':
      return ['eks', 'addons'];
    case 'nodeGroup':
      return ['eks', 'nodegroups'];
    case 'k8s': {
      const object = name.split(' ')[1] ?? '';
      const namespace = name.startsWith('Namespace ')
        ? object
        : object.includes('/')
          ? object.split('/')[0]!
          : 'default';
      return ['eks', 'workloads', `ns:${namespace}`];
    }
    case 'helmRelease':
      return ['eks', 'workloads', `ns:${name.split('/')[0] ?? 'default'}`];
    case 'kmsKey':
    case 'logGroup':
    case 'clusterRole':
    case 'nodeRole':
      return ['security'];
    default:
      return ['other'];
  }
}

const BOX_LABELS: Readonly<Record<string, string>> = {
  vpc: 'VPC',
  endpoints: 'VPC endpoints',
  eks: 'EKS cluster',
  addons: 'add-ons',
  nodegroups: 'managed node groups',
  workloads: 'on the cluster',
  security: 'keys, logs and IAM',
  other: 'other resources',
};

function boxLabel(key: string, details: Readonly<Record<string, string>>): string {
  if (key.startsWith('az:')) return key.slice(3);
  if (key.startsWith('ns:')) return `namespace ${key.slice(3)}`;
  if (key === 'vpc' && details.vpc) return `VPC ${details.vpc}`;
  return BOX_LABELS[key] ?? key;
}

/** The row a node sits on, top to bottom. */
function rankOf(key: string): number {
  const family = /^(\w+)/.exec(key)?.[1] ?? key;
  if (family === 'subnet') {
    const tier = /^subnet\[(\w+)\//.exec(key)?.[1] ?? '';
    return tier === 'public' ? 1 : tier === 'private' ? 3 : 4;
  }
  const rows: Readonly<Record<string, number>> = {
    internetGateway: 0,
    defaultSecurityGroup: 0,
    vpcEndpoint: 0,
    natGateway: 2,
    cluster: 5,
    kmsKey: 5,
    logGroup: 5,
    clusterRole: 5,
    nodeRole: 5,
    addon: 6,
    nodeGroup: 6,
    accessEntry: 6,
    k8s: 7,
    helmRelease: 7,
  };
  return rows[family] ?? 8;
}

/** Sort order inside a box: gateways first, then subnets by tier, then the rest by key. */
function nodeOrder(key: string): string {
  const subnet = /^subnet\[(\w+)\//.exec(key);
  if (subnet) return `1${[0, 2, 3][TIER_ORDER.indexOf(subnet[1]!)] ?? 4}${key}`;
  if (key.startsWith('natGateway[')) return `11${key}`;
  if (key === 'internetGateway') return `0${key}`;
  if (key === 'cluster') return `0${key}`;
  if (key.startsWith('k8s[Namespace ')) return `0${key}`;
  return `5${key}`;
}

/** The union of every drawn topology's items, laid out in boxes, with the default routes as edges. */
export function layoutOf(
  topologies: readonly Topology[],
  details: Readonly<Record<string, string>>,
): DiagramLayout {
  const members = new Map<string, string[]>();
  for (const topology of topologies) {
    if (topology.note) continue;
    for (const identity of Object.keys(topology.items)) {
      if (identity === 'vpc') continue;
      const key = nodeKeyOf(identity);
      const list = members.get(key) ?? [];
      if (!list.includes(identity)) list.push(identity);
      members.set(key, list);
    }
  }
  const root = box('root', '');
  const find = (path: readonly string[]): DiagramBox => {
    let current = root;
    for (const key of path) {
      let next = current.boxes.find((candidate) => candidate.key === key);
      if (!next) {
        next = box(key, boxLabel(key, details), key === 'vpc' ? 'vpc' : undefined);
        current.boxes.push(next);
      }
      current = next;
    }
    return current;
  };
  const keys = [...members.keys()].sort((a, b) => nodeOrder(a).localeCompare(nodeOrder(b)));
  // Boxes in a fixed order, whatever order the items come in.
  for (const path of [['vpc'], ['eks'], ['eks', 'addons'], ['eks', 'nodegroups'], ['security']])
    if (keys.some((key) => placementOf(key).join('/').startsWith(path.join('/')))) find(path);
  for (const key of keys) find(placementOf(key)).nodes.push(key);
  const sortBoxes = (parent: DiagramBox) => {
    parent.boxes.sort((a, b) =>
      a.key.startsWith('az:') && b.key.startsWith('az:') ? a.key.localeCompare(b.key) : 0,
    );
    for (const child of parent.boxes) sortBoxes(child);
  };
  sortBoxes(root);

  const edges: DiagramEdge[] = [];
  const routeTargets = new Set<string>();
  for (const topology of topologies)
    for (const [subnet, target] of Object.entries(topology.routes))
      routeTargets.add(`${subnet}\u0000${target}`);
  for (const entry of [...routeTargets].sort()) {
    const [subnet, target] = entry.split('\u0000') as [string, string];
    const from = `subnet[${subnet}]`;
    const to =
      target === 'internet-gateway'
        ? 'internetGateway'
        : target.startsWith('nat-gateway/')
          ? `natGateway[${target.slice('nat-gateway/'.length)}]`
          : undefined;
    if (!to || !members.has(from) || !members.has(to)) continue;
    // The target above the subnet: the edge runs target → subnet in rank order, its arrow back up.
    edges.push({ from: to, to: from, route: { subnet, target }, back: true });
  }
  const ranks: string[][] = [];
  for (const key of keys) {
    const level = rankOf(key);
    ranks[level] = [...(ranks[level] ?? []), key];
  }
  return {
    root,
    labels: Object.fromEntries(keys.map((key) => [key, labelOf(key, details)])),
    edges,
    ranks: ranks.filter((rank) => rank !== undefined && rank.length > 0),
    members: Object.fromEntries(members),
  };
}
