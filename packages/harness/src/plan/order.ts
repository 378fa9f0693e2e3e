/**
 * One order of plan entries for every tool, by what they build — network (VPC, gateways, subnets,
 * routes), then the cluster and what it needs (keys, logs, roles), node groups, and workloads; tool
 * machinery last — so two tools' plans can be read side by side. Within a group, by the tool's own
 * address.
 */
import type { ResourceChange } from './model.js';

const KIND_ORDER = [
  'vpc',
  'internet-gateway',
  'gateway-attachment',
  'subnet',
  'eip',
  'nat-gateway',
  'route-table',
  'route',
  'route-table-association',
  'default-security-group',
  'security-group',
  'security-group-ingress',
  'security-group-egress',
  'vpc-endpoint',
  'kms-key',
  'kms-alias',
  'log-group',
  'iam-role',
  'iam-role-policy-attachment',
  'eks-cluster',
  'eks-addon',
  'eks-access-entry',
  'eks-access-policy-association',
  'launch-template',
  'eks-node-group',
];

/** Workloads by what they are, in the order they are applied. */
const WORKLOAD_ORDER = [
  'namespace',
  'config_map|configmap',
  'secret',
  'service',
  'deployment',
  'job',
  'pod_disruption_budget|poddisruptionbudget',
  'helm|release',
  'kubernetesresource',
];

function rankOf(change: ResourceChange): number {
  if (change.role === 'overhead') return 1000;
  const kind = change.kind ? KIND_ORDER.indexOf(change.kind) : -1;
  if (kind >= 0) return kind;
  const type = change.nativeType.toLowerCase().replace(/[:/.-]/g, '_');
  if (type.startsWith('kubernetes') || type.includes('helm') || type.startsWith('custom__awscdk_eks')) {
    const workload = WORKLOAD_ORDER.findIndex((pattern) => new RegExp(`(${pattern})`).test(type));
    return 500 + (workload >= 0 ? workload : WORKLOAD_ORDER.length);
  }
  return 400;
}

export function orderChanges(changes: readonly ResourceChange[]): ResourceChange[] {
  return [...changes].sort((a, b) => rankOf(a) - rankOf(b) || a.address.localeCompare(b.address));
}
