/**
 * Which arguments of the Terraform AWS provider's resources force replacement (`ForceNew: true` in an
 * SDKv2 schema, `RequiresReplace()` in a Plugin Framework one), and which force it only under a
 * condition (a `CustomizeDiff` calling `ForceNew` / `ForceNewIfChange`, a Framework `ModifyPlan`
 * setting `RequiresReplace`).
 *
 * Read at terraform-provider-aws **6.25.0** (AWS_PROVIDER_VERSION; the version
 * @cdktf/provider-aws 21.22 binds, and pulumi-aws 7 bridges the same 6.x line). Copies of the source
 * newer or older than 6.25 were dated and checked against the provider's CHANGELOG (see
 * /work/wt/review-forcenew.md for the review this table was corrected from). When the pin moves:
 * 6.26 adds aws_eks_node_group update_config.update_strategy; 6.28 makes aws_vpc_endpoint
 * private_dns_enabled ForceNew for non-Interface endpoints and adds dns_options.private_dns_preference
 * and private_dns_specified_domains (ForceNew); 6.29 adds aws_subnet ipv4/ipv6 IPAM pool and netmask
 * arguments (ForceNew) and a conditional ipv6_cidr_block.
 *
 * No package ships this: the provider schema as `terraform providers schema -json` prints it has no
 * ForceNew flag at all (the plugin protocol decides replacement in PlanResourceChange), @pulumi/aws's
 * SDK and @cdktf/provider-aws's bindings are generated from that schema and carry none either, and
 * Pulumi's docs strip the "(Forces new resource)" remark from each argument. So this table is read
 * from the provider's source, resource by resource, for the types the harness models (canonical/
 * kinds.ts). A type listed here is complete: every argument not named (in `forceNew` or
 * `conditional`) does not replace (an in-place update; plan/provider-rules.ts lists the few updates
 * the provider plans but never applies). Types not listed fall back to the CloudFormation property
 * they map to (labelled derived).
 */
import { isUnknown, isValueObject, type Value } from '../model/value.js';

export const AWS_PROVIDER_VERSION = '6.25.0';

/** A resource's arguments before and after a change (Terraform argument names). */
export interface ArgumentsChange {
  readonly before: Readonly<Record<string, Value>>;
  readonly after: Readonly<Record<string, Value>>;
}

/**
 * An argument the provider replaces only under a condition. The rule is consulted only for a change
 * that touches one of its arguments; `replaces` then decides from the whole resource before and
 * after. An Unknown counts as set (a value the configuration gives, known at apply).
 */
export interface ConditionalForceNew {
  /** The arguments (dotted, no list indexes) whose change the condition is about. */
  readonly arguments: readonly string[];
  /** When it replaces, in words: shown in the plan. */
  readonly when: string;
  /** The CustomizeDiff / ModifyPlan that decides, in the entry's source file. */
  readonly source: string;
  readonly replaces: (change: ArgumentsChange) => boolean;
}

export interface ForceNewEntry {
  /** Provider source file the arguments were read from. */
  readonly source: string;
  /** Argument paths (nested blocks dotted, no list indexes) that force replacement. */
  readonly forceNew: readonly string[];
  /** Arguments that force replacement only under a condition. */
  readonly conditional?: readonly ConditionalForceNew[];
}

/** The value at a dotted path; a list of blocks (a MaxItems 1 block in Terraform) reads its first item. */
export function argumentValue(
  properties: Readonly<Record<string, Value>>,
  dotted: string,
): Value | undefined {
  let current: Value | undefined = properties as Value;
  for (const step of dotted.split('.')) {
    if (Array.isArray(current)) current = current[0];
    if (current === undefined || current === null || isUnknown(current) || !isValueObject(current))
      return undefined;
    current = (current as Record<string, Value>)[step];
  }
  return current;
}

/** Whether an argument is set: not absent, null, or an empty string (Unknown counts as set). */
function isSet(value: Value | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** How many blocks a block argument holds: a list's length, or 1 for a set object (Pulumi's shape). */
function blockCount(value: Value | undefined): number {
  if (value === undefined || value === null) return 0;
  return Array.isArray(value) ? value.length : 1;
}

const EC2 = 'internal/service/ec2';
const EKS_CLUSTER = 'internal/service/eks/cluster.go';

/** aws_vpc_security_group_{ingress,egress}_rule: the argument naming the rule's source or destination. */
const RULE_SOURCES = ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id'] as const;

function ruleSourceKind(properties: Readonly<Record<string, Value>>): string | undefined {
  return RULE_SOURCES.find((argument) => isSet(properties[argument]));
}

const RULE_SOURCE_SWITCH: ConditionalForceNew = {
  arguments: [...RULE_SOURCES],
  when: 'the rule changes its kind of source (cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id)',
  source: `${EC2}/vpc_security_group_ingress_rule.go, securityGroupRuleResource.ModifyPlan (shared by the egress rule): "you cannot change the rule's source type" → RequiresReplace`,
  replaces: ({ before, after }) => ruleSourceKind(before) !== ruleSourceKind(after),
};

export const FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = {
  aws_vpc: {
    source: `${EC2}/vpc_.go`,
    forceNew: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'],
    conditional: [
      {
        arguments: ['instance_tenancy'],
        when: 'instance_tenancy changes other than dedicated → default (only that one goes through ModifyVpcTenancy)',
        source: `${EC2}/vpc_.go, resourceVPCCustomizeDiff: ForceNew("instance_tenancy") unless old is dedicated and new is default`,
        replaces: ({ before, after }) =>
          !(
            argumentValue(before, 'instance_tenancy') === 'dedicated' &&
            argumentValue(after, 'instance_tenancy') === 'default'
          ),
      },
    ],
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
    // customer_owned_ipv4_pool is Optional without ForceNew (and resourceEIPUpdate ignores it).
    source: `${EC2}/ec2_eip.go`,
    forceNew: ['address', 'domain', 'ipam_pool_id', 'network_border_group', 'public_ipv4_pool'],
  },
  aws_nat_gateway: {
    // availability_mode and vpc_id came with regional NAT gateways (6.24.0).
    source: `${EC2}/vpc_nat_gateway.go`,
    forceNew: [
      'allocation_id',
      'availability_mode',
      'connectivity_type',
      'private_ip',
      'subnet_id',
      'vpc_id',
    ],
    conditional: [
      {
        arguments: ['secondary_private_ip_address_count'],
        when: 'a private NAT gateway whose configuration sets secondary_private_ip_address_count',
        source: `${EC2}/vpc_nat_gateway.go, resourceNATGatewayCustomizeDiff: for connectivity_type "private", a changed count set in the configuration is ForceNew`,
        replaces: ({ after }) =>
          argumentValue(after, 'connectivity_type') === 'private' &&
          isSet(argumentValue(after, 'secondary_private_ip_address_count')),
      },
    ],
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
    // route_table_id is updated with ReplaceRouteTableAssociation (the association ID changes).
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
    conditional: [RULE_SOURCE_SWITCH],
  },
  aws_vpc_security_group_egress_rule: {
    source: `${EC2}/vpc_security_group_ingress_rule.go (the egress rule shares its schema and ModifyPlan; Plugin Framework: RequiresReplace)`,
    forceNew: ['security_group_id'],
    conditional: [RULE_SOURCE_SWITCH],
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
    // deletion_protection_enabled (6.25.0) could not be checked from a stored copy of the source.
    source: 'internal/service/logs/group.go',
    forceNew: ['name', 'name_prefix', 'log_group_class'],
  },
  aws_iam_role: { source: 'internal/service/iam/role.go', forceNew: ['name', 'name_prefix', 'path'] },
  aws_iam_role_policy_attachment: {
    source: 'internal/service/iam/role_policy_attachment.go (no Update: every argument)',
    forceNew: ['role', 'policy_arn'],
  },
  aws_eks_cluster: {
    // remote_network_config is updated in place since 6.11.0 (UpdateClusterConfig); the outpost_config
    // block itself is not ForceNew, only the two arguments below (outpost_arns is not).
    source: EKS_CLUSTER,
    forceNew: [
      'name',
      'role_arn',
      'bootstrap_self_managed_addons',
      'access_config.bootstrap_cluster_creator_admin_permissions',
      'kubernetes_network_config.service_ipv4_cidr',
      'kubernetes_network_config.ip_family',
      'outpost_config.control_plane_instance_type',
      'outpost_config.control_plane_placement.group_name',
    ],
    conditional: [
      {
        arguments: ['encryption_config'],
        when: 'encryption_config is removed (adding it is AssociateEncryptionConfig, in place)',
        source: `${EKS_CLUSTER}, CustomizeDiff: ForceNewIfChange("encryption_config", old has 1 block and new has none)`,
        replaces: ({ before, after }) =>
          blockCount(before.encryption_config) === 1 && blockCount(after.encryption_config) === 0,
      },
      {
        arguments: ['compute_config.node_role_arn'],
        when: 'an existing node role changes (not when one is added, nor when auto mode or its node pools are turned off with the role unset)',
        source: `${EKS_CLUSTER}, validateAutoModeComputeConfigCustomizeDiff: ForceNew("compute_config.0.node_role_arn") when an existing role changes`,
        replaces: ({ before, after }) => {
          if (blockCount(before.compute_config) === 0 || blockCount(after.compute_config) === 0) return false;
          const oldRole = argumentValue(before, 'compute_config.node_role_arn');
          const newRole = argumentValue(after, 'compute_config.node_role_arn');
          const pools = argumentValue(after, 'compute_config.node_pools');
          const enabled = argumentValue(after, 'compute_config.enabled');
          if (!isSet(newRole) && (enabled !== true || !Array.isArray(pools) || pools.length === 0))
            return false;
          return isSet(oldRole);
        },
      },
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
    // Checked on a late-v5 copy (the index holds no v6 one); the 6.x CHANGELOG up to 6.25 adds no ForceNew here.
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
  aws_ssm_parameter: {
    source: 'internal/service/ssm/parameter.go',
    forceNew: ['name', 'data_type'],
    conditional: [
      {
        arguments: ['tier'],
        when: 'tier goes from Advanced to Standard',
        source:
          'internal/service/ssm/parameter.go, CustomizeDiff: ForceNewIfChange("tier", old Advanced and new Standard)',
        replaces: ({ before, after }) =>
          argumentValue(before, 'tier') === 'Advanced' && argumentValue(after, 'tier') === 'Standard',
      },
    ],
  },
  aws_lambda_function: {
    // tenancy_config: 6.23.0. durable_config (6.25.0, ForceNewIfChange when added or removed in a
    // later copy) is not modelled: no 6.25 copy showed that the CustomizeDiff shipped with it.
    source: 'internal/service/lambda/function.go',
    forceNew: ['function_name', 'package_type', 'tenancy_config'],
  },
};
