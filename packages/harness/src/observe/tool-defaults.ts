/**
 * Resources a tool builds beyond the target on its own, which the target has no field for because
 * they change nothing the target describes. Each entry says how to recognise the resource, why it
 * is harmless, and where the tool does it; the report lists every match as a tool default, never
 * silently. Anything a tool adds that matches no entry (and that observe does not read) is
 * unaccounted, and the implementation does not conform.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isValueObject } from '../model/value.js';
import { F } from './fields.js';
import type { ResourceGraph } from './graph.js';
import { read } from './views.js';

export interface ToolDefault {
  readonly id: string;
  /** Which implementations' tools do this (documentation; matching is structural). */
  readonly tool: string;
  readonly kind: string;
  readonly reason: string;
  readonly source: string;
  matches(resource: InventoryResource, graph: ResourceGraph): boolean;
}

const noRules = (value: unknown) => value === undefined || (Array.isArray(value) && value.length === 0);

export const TOOL_DEFAULTS: readonly ToolDefault[] = [
  {
    id: 'aws-eks-v2-control-plane-security-group',
    tool: 'AWS CDK (aws-eks-v2)',
    kind: 'security-group',
    reason:
      'aws-eks-v2 always creates a security group for the control plane and passes it as ResourcesVpcConfig.SecurityGroupIds. It has no ingress rules and the default allow-all egress, so it grants nothing: traffic between the control plane and the nodes goes through the cluster security group EKS creates in every tool.',
    source:
      'aws-cdk-lib/aws-eks-v2/lib/cluster.ts (ControlPlaneSecurityGroup, created when props.securityGroup is not given)',
    matches(resource, graph) {
      if (resource.kind !== 'security-group' || resource.dialect !== 'cloudformation') return false;
      if (!noRules(read(resource, F.securityGroup.ingress))) return false;
      const egress = read(resource, F.securityGroup.egress);
      if (
        Array.isArray(egress) &&
        !egress.every(
          (rule) => isValueObject(rule) && rule.CidrIp === '0.0.0.0/0' && String(rule.IpProtocol) === '-1',
        )
      )
        return false;
      if (graph.referrers(resource, 'security-group-ingress').length > 0) return false;
      return graph.referrers(resource, 'eks-cluster', F.cluster.securityGroups).length > 0;
    },
  },
];

export function toolDefaultOf(resource: InventoryResource, graph: ResourceGraph): ToolDefault | undefined {
  return TOOL_DEFAULTS.find((entry) => entry.matches(resource, graph));
}
