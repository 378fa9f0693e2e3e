/**
 * Where the Terraform AWS provider (and Pulumi's AWS provider, bridged from it) decides replacement
 * differently from CloudFormation, or has a resource CloudFormation lacks. Each entry names its
 * source: the provider's schema in hashicorp/terraform-provider-aws (`ForceNew`, or an Update
 * function that handles the argument). Everything not listed is derived from the CloudFormation
 * specification through terraform-mapping.ts.
 */

export interface ProviderRule {
  readonly terraformType: string;
  /** Argument path without list indexes; the rule covers everything under it. */
  readonly path: readonly string[];
  readonly replaces: boolean;
  readonly source: string;
}

const EKS_CLUSTER = 'internal/service/eks/cluster.go';

export const PROVIDER_RULES: readonly ProviderRule[] = [
  {
    terraformType: 'aws_eks_cluster',
    path: ['vpc_config', 'subnet_ids'],
    replaces: false,
    source: `${EKS_CLUSTER}: vpc_config.subnet_ids has no ForceNew; the provider calls UpdateClusterConfig (CloudFormation replaces the cluster)`,
  },
  {
    terraformType: 'aws_eks_cluster',
    path: ['vpc_config', 'security_group_ids'],
    replaces: false,
    source: `${EKS_CLUSTER}: vpc_config.security_group_ids has no ForceNew; updated with UpdateClusterConfig`,
  },
  {
    terraformType: 'aws_eks_cluster',
    path: ['encryption_config'],
    replaces: false,
    source: `${EKS_CLUSTER}: encryption_config is associated in place (ForceNewIfChange only when it is removed)`,
  },
  {
    terraformType: 'aws_route_table_association',
    path: ['route_table_id'],
    replaces: false,
    source:
      'internal/service/ec2/vpc_route_table_association.go: route_table_id has no ForceNew; updated with ReplaceRouteTableAssociation',
  },
  {
    terraformType: 'aws_internet_gateway',
    path: ['vpc_id'],
    replaces: false,
    source:
      'internal/service/ec2/vpc_internet_gateway.go: vpc_id has no ForceNew; the gateway is detached and attached',
  },
  {
    terraformType: 'aws_iam_role_policy_attachment',
    path: ['role'],
    replaces: true,
    source:
      'internal/service/iam/role_policy_attachment.go: role is ForceNew (no CloudFormation resource of its own)',
  },
  {
    terraformType: 'aws_iam_role_policy_attachment',
    path: ['policy_arn'],
    replaces: true,
    source: 'internal/service/iam/role_policy_attachment.go: policy_arn is ForceNew',
  },
  ...['cluster_name', 'principal_arn', 'policy_arn', 'access_scope'].map(
    (argument): ProviderRule => ({
      terraformType: 'aws_eks_access_policy_association',
      path: [argument],
      replaces: true,
      source: `internal/service/eks/access_policy_association.go: ${argument} is ForceNew (the resource has no Update)`,
    }),
  ),
  {
    terraformType: 'aws_eks_node_group',
    path: ['launch_template', 'id'],
    replaces: true,
    source:
      'internal/service/eks/node_group.go: launch_template.id is ForceNew; launch_template.version is updated',
  },
];

export function providerRuleFor(terraformType: string, path: readonly string[]): ProviderRule | undefined {
  return PROVIDER_RULES.find(
    (rule) =>
      rule.terraformType === terraformType &&
      rule.path.length <= path.length &&
      rule.path.every((step, index) => path[index] === step),
  );
}
