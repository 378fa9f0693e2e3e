/**
 * Warnings: a valid target that deploys in some tools only from some places. Unlike a rule's
 * problem, a warning does not make the target invalid: the deploy works when it runs where the
 * warning says. `iac-compare validate` prints them.
 */
import type { Problem } from './errors.js';
import { publicAccessCidrs } from './resolve.js';
import type { TargetSpec } from './schema.js';

/** The tools that send the workloads from the machine running the deploy, not from the cloud. */
export const DEPLOYER_SIDE_KUBERNETES_TOOLS = ['Terraform', 'CDKTF', 'Pulumi'] as const;

/**
 * Who reaches the cluster endpoint to apply the workloads. Terraform and CDKTF (the kubernetes and
 * helm providers) and Pulumi (@pulumi/kubernetes) call the API server from the machine that runs
 * `terraform apply`, `cdktf deploy` or `pulumi up`; CDK's kubectl provider runs in a Lambda inside
 * the VPC (aws-eks-v2 places it in the private subnets when the private endpoint is on). A private
 * endpoint, or public CIDRs that leave the deployer out, makes the first three time out unless they
 * run inside the VPC or a network that reaches it (a CI runner in the VPC, a VPN, peering).
 */
function endpointReachWarnings(spec: TargetSpec): Problem[] {
  if (!spec.workloads) return [];
  const { endpoint } = spec.cluster;
  const tools = DEPLOYER_SIDE_KUBERNETES_TOOLS.join(', ');
  if (!endpoint.publicAccess) {
    return [
      {
        path: 'cluster.endpoint.publicAccess',
        message: `the endpoint is private: ${tools} apply the workloads from the machine that deploys, which must then run inside the VPC or a network that reaches it (a CI runner in the VPC, a VPN); CDK applies them from its kubectl Lambda in the VPC`,
      },
    ];
  }
  const cidrs = publicAccessCidrs(spec);
  if (cidrs.includes('0.0.0.0/0')) return [];
  return [
    {
      path: 'cluster.endpoint.publicAccessCidrs',
      message: `only ${cidrs.join(', ')} reach the public endpoint: ${tools} apply the workloads from the machine that deploys, whose public address must be in them (or which must run inside the VPC); CDK applies them from its kubectl Lambda in the VPC`,
    },
  ];
}

/** Everything a valid target deploys only under conditions, each with its path. */
export function targetWarnings(spec: TargetSpec): Problem[] {
  return [...endpointReachWarnings(spec)];
}
