/**
 * Which arguments of the Terraform AWS provider's resources force replacement (`ForceNew: true` in an
 * SDKv2 schema, `RequiresReplace()` in a Plugin Framework one).
 *
 * No package ships this: the provider schema as `terraform providers schema -json` prints it has no
 * ForceNew flag at all (the plugin protocol decides replacement in PlanResourceChange), @pulumi/aws's
 * SDK and @cdktf/provider-aws's bindings are generated from that schema and carry none either, and
 * Pulumi's docs strip the "(Forces new resource)" remark from each argument. So this table is read
 * from the provider's source, resource by resource, for the types the harness models (canonical/
 * kinds.ts), at terraform-provider-aws v6 (the version @cdktf/provider-aws 21.22 binds: 6.25.0). A
 * type listed here is complete: every argument not named is updated in place. Its file is cited.
 * Types not listed fall back to the CloudFormation property they map to (labelled derived).
 */

export interface ForceNewEntry {
  /** Provider source file the arguments were read from. */
  readonly source: string;
  /** Argument paths (nested blocks dotted, no list indexes) that force replacement. */
  readonly forceNew: readonly string[];
}

const EC2 = 'internal/service/ec2';

export const FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = {
  aws_vpc: {
    source: `${EC2}/vpc_.go`,
    forceNew: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'],
  },
  aws_subnet: {
    source: `${EC2}/vpc_subnet.go`,
    forceNew: [
      'availability_zone',
      'availability_zone_id',
      'cidr_block',
      'vpc_id',
      'outpost_arn',
      'ipv6_native',
    ],
  },
  aws_internet_gateway: { source: `${EC2}/vpc_internet_gateway.go`, forceNew: [] },
  aws_internet_gateway_attachment: {
    source: `${EC2}/vpc_internet_gateway_attachment.go`,
    forceNew: ['internet_gateway_id', 'vpc_id'],
  },
  aws_eip: {
    source: `${EC2}/ec2_eip.go`,
    forceNew: [
      'address',
      'customer_owned_ipv4_pool',
      'domain',
      'ipam_pool_id',
      'network_border_group',
      'public_ipv4_pool',
    ],
  },
  aws_nat_gateway: {
    source: `${EC2}/vpc_nat_gateway.go`,
    forceNew: ['allocation_id', 'connectivity_type', 'private_ip', 'subnet_id'],
  },
  aws_route_table: { source: `${EC2}/vpc_route_table.go`, forceNew: ['vpc_id'] },
  aws_route: {
    source: `${EC2}/vpc_route.go`,
    forceNew: [
      'route_table_id',
      'destination_cidr_block',
      'destination_ipv6_cidr_block',
      'destination_prefix_list_id',
    ],
  },
  aws_route_table_association: {
    source: `${EC2}/vpc_route_table_association.go`,
    forceNew: ['subnet_id', 'gateway_id'],
  },
  aws_security_group: {
    source: `${EC2}/vpc_security_group.go`,
    forceNew: ['name', 'name_prefix', 'description', 'vpc_id'],
  },
  aws_default_security_group: { source: `${EC2}/vpc_default_security_group.go`, forceNew: ['vpc_id'] },
  aws_security_group_rule: {
    source: `${EC2}/vpc_security_group_rule.go`,
    forceNew: [
      'type',
      'from_port',
      'to_port',
      'protocol',
      'cidr_blocks',
      'ipv6_cidr_blocks',
      'prefix_list_ids',
      'security_group_id',
      'source_security_group_id',
      'self',
    ],
  },
  aws_vpc_security_group_ingress_rule: {
    source: `${EC2}/vpc_security_group_ingress_rule.go (Plugin Framework: RequiresReplace)`,
    forceNew: ['security_group_id'],
  },
  aws_vpc_security_group_egress_rule: {
    source: `${EC2}/vpc_security_group_egress_rule.go (Plugin Framework: RequiresReplace)`,
    forceNew: ['security_group_id'],
  },
  aws_vpc_endpoint: {
    source: `${EC2}/vpc_endpoint.go`,
    forceNew: [
      'service_name',
      'vpc_endpoint_type',
      'vpc_id',
      'service_region',
      'resource_configuration_arn',
      'service_network_arn',
    ],
  },
  aws_kms_key: {
    source: 'internal/service/kms/key.go',
    forceNew: ['customer_master_key_spec', 'custom_key_store_id', 'key_usage', 'multi_region', 'xks_key_id'],
  },
  aws_kms_alias: { source: 'internal/service/kms/alias.go', forceNew: ['name', 'name_prefix'] },
  aws_cloudwatch_log_group: {
    source: 'internal/service/logs/group.go',
    forceNew: ['name', 'name_prefix', 'log_group_class'],
  },
  aws_iam_role: { source: 'internal/service/iam/role.go', forceNew: ['name', 'name_prefix', 'path'] },
  aws_iam_role_policy_attachment: {
    source: 'internal/service/iam/role_policy_attachment.go',
    forceNew: ['role', 'policy_arn'],
  },
  aws_eks_cluster: {
    source: 'internal/service/eks/cluster.go',
    forceNew: [
      'name',
      'role_arn',
      'bootstrap_self_managed_addons',
      'access_config.bootstrap_cluster_creator_admin_permissions',
      'kubernetes_network_config.service_ipv4_cidr',
      'kubernetes_network_config.ip_family',
      'outpost_config',
      'remote_network_config',
    ],
  },
  aws_eks_addon: { source: 'internal/service/eks/addon.go', forceNew: ['addon_name', 'cluster_name'] },
  aws_eks_access_entry: {
    source: 'internal/service/eks/access_entry.go',
    forceNew: ['cluster_name', 'principal_arn', 'type'],
  },
  aws_eks_access_policy_association: {
    source: 'internal/service/eks/access_policy_association.go (no Update: every argument)',
    forceNew: ['cluster_name', 'principal_arn', 'policy_arn', 'access_scope'],
  },
  aws_launch_template: {
    source: `${EC2}/ec2_launch_template.go (every other change writes a new version)`,
    forceNew: ['name', 'name_prefix'],
  },
  aws_eks_node_group: {
    source: 'internal/service/eks/node_group.go',
    forceNew: [
      'ami_type',
      'capacity_type',
      'cluster_name',
      'disk_size',
      'instance_types',
      'node_group_name',
      'node_group_name_prefix',
      'node_role_arn',
      'remote_access',
      'subnet_ids',
      'launch_template.id',
      'launch_template.name',
    ],
  },
  aws_ssm_parameter: { source: 'internal/service/ssm/parameter.go', forceNew: ['name'] },
  aws_lambda_function: {
    source: 'internal/service/lambda/function.go',
    forceNew: ['function_name', 'package_type'],
  },
};
