/**
 * What the resource-by-resource diff does not count as a difference, each with its source:
 * - defaults: a property left out means a value (AWS's, CloudFormation's or the Terraform
 *   provider's); the diff fills it in before comparing, so "absent" and "the default" agree;
 * - naming: names each tool makes up by its own convention (CDK construct paths in Name tags,
 *   generated physical names, Terraform name prefixes), which the target does not set.
 * Whatever differs after these is a real difference between the tools.
 */
import type { Value } from '../model/value.js';

export interface DefaultContext {
  readonly partition: string;
  readonly account: string;
}

export interface PropertyDefault {
  /** CloudFormation type (as the canonical view reads it). */
  readonly type: string;
  /** Dotted canonical path. */
  readonly path: string;
  /** The value when absent, for resources written in each dialect (Terraform: the provider's default). */
  readonly cloudformation: Value | ((context: DefaultContext) => Value);
  readonly terraform?: Value | ((context: DefaultContext) => Value);
  /** Only when this other path is absent too (EKS's update default applies with no UpdateConfig at all). */
  readonly unlessPresent?: string;
  readonly source: string;
}

const AWS_DOCS = 'AWS CloudFormation resource reference';

export const PROPERTY_DEFAULTS: readonly PropertyDefault[] = [
  {
    type: 'AWS::EC2::VPC',
    path: 'EnableDnsSupport',
    cloudformation: true,
    source: `${AWS_DOCS}, AWS::EC2::VPC: EnableDnsSupport defaults to true`,
  },
  {
    type: 'AWS::EC2::VPC',
    path: 'EnableDnsHostnames',
    cloudformation: false,
    source: `${AWS_DOCS}, AWS::EC2::VPC: EnableDnsHostnames defaults to false`,
  },
  {
    type: 'AWS::EC2::VPC',
    path: 'InstanceTenancy',
    cloudformation: 'default',
    source: `${AWS_DOCS}, AWS::EC2::VPC: InstanceTenancy defaults to default`,
  },
  {
    type: 'AWS::EC2::Subnet',
    path: 'MapPublicIpOnLaunch',
    cloudformation: false,
    source: `${AWS_DOCS}, AWS::EC2::Subnet: MapPublicIpOnLaunch defaults to false`,
  },
  {
    type: 'AWS::EC2::NatGateway',
    path: 'ConnectivityType',
    cloudformation: 'public',
    source: `${AWS_DOCS}, AWS::EC2::NatGateway: ConnectivityType defaults to public`,
  },
  {
    type: 'AWS::EC2::SecurityGroup',
    path: 'SecurityGroupEgress',
    cloudformation: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
    // The provider revokes the rule AWS adds, so a group without egress blocks has none.
    terraform: [],
    source:
      'AWS adds an allow-all egress rule to a new VPC security group (EC2 User Guide); the Terraform provider removes it on create unless egress is given (internal/service/ec2/vpc_security_group.go)',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    path: 'VpcEndpointType',
    cloudformation: 'Gateway',
    source: `${AWS_DOCS}, AWS::EC2::VPCEndpoint: VpcEndpointType defaults to Gateway`,
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    path: 'PrivateDnsEnabled',
    cloudformation: false,
    source: `${AWS_DOCS}, AWS::EC2::VPCEndpoint: PrivateDnsEnabled defaults to false`,
  },
  {
    type: 'AWS::KMS::Key',
    path: 'Enabled',
    cloudformation: true,
    source: `${AWS_DOCS}, AWS::KMS::Key: Enabled defaults to true`,
  },
  {
    type: 'AWS::KMS::Key',
    path: 'EnableKeyRotation',
    cloudformation: false,
    source: `${AWS_DOCS}, AWS::KMS::Key: EnableKeyRotation defaults to false`,
  },
  {
    type: 'AWS::KMS::Key',
    path: 'PendingWindowInDays',
    cloudformation: 30,
    source: `${AWS_DOCS}, AWS::KMS::Key: PendingWindowInDays defaults to 30`,
  },
  {
    type: 'AWS::KMS::Key',
    path: 'KeySpec',
    cloudformation: 'SYMMETRIC_DEFAULT',
    source: `${AWS_DOCS}, AWS::KMS::Key: KeySpec defaults to SYMMETRIC_DEFAULT`,
  },
  {
    type: 'AWS::KMS::Key',
    path: 'KeyUsage',
    cloudformation: 'ENCRYPT_DECRYPT',
    source: `${AWS_DOCS}, AWS::KMS::Key: KeyUsage defaults to ENCRYPT_DECRYPT`,
  },
  {
    type: 'AWS::KMS::Key',
    path: 'MultiRegion',
    cloudformation: false,
    source: `${AWS_DOCS}, AWS::KMS::Key: MultiRegion defaults to false`,
  },
  {
    type: 'AWS::KMS::Key',
    path: 'KeyPolicy',
    cloudformation: ({ partition, account }) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Action: ['kms:*'],
          Effect: 'Allow',
          Principal: { AWS: [`arn:${partition}:iam::${account}:root`] },
          Resource: ['*'],
        },
      ],
    }),
    source:
      'AWS KMS Developer Guide, "Default key policy": a key created without a policy gives the account (its root principal) full access; CloudFormation and the Terraform provider both leave it to KMS',
  },
  {
    type: 'AWS::IAM::Role',
    path: 'Path',
    cloudformation: '/',
    source: `${AWS_DOCS}, AWS::IAM::Role: Path defaults to /`,
  },
  {
    type: 'AWS::IAM::Role',
    path: 'MaxSessionDuration',
    cloudformation: 3600,
    source: `${AWS_DOCS}, AWS::IAM::Role: MaxSessionDuration defaults to 3600`,
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'BootstrapSelfManagedAddons',
    cloudformation: true,
    source: `${AWS_DOCS}, AWS::EKS::Cluster: BootstrapSelfManagedAddons defaults to true`,
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'ResourcesVpcConfig.EndpointPrivateAccess',
    cloudformation: false,
    source: 'EKS API VpcConfigRequest: endpointPrivateAccess defaults to false',
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'ResourcesVpcConfig.EndpointPublicAccess',
    cloudformation: true,
    source: 'EKS API VpcConfigRequest: endpointPublicAccess defaults to true',
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'ResourcesVpcConfig.PublicAccessCidrs',
    cloudformation: ['0.0.0.0/0'],
    source: 'EKS API VpcConfigRequest: publicAccessCidrs defaults to 0.0.0.0/0',
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'AccessConfig.BootstrapClusterCreatorAdminPermissions',
    cloudformation: true,
    source: 'EKS API CreateAccessConfigRequest: bootstrapClusterCreatorAdminPermissions defaults to true',
  },
  // EKS Auto Mode and IPv6 are off unless asked for; aws-eks-v2 writes the off settings out.
  {
    type: 'AWS::EKS::Cluster',
    path: 'ComputeConfig.Enabled',
    cloudformation: false,
    source: 'EKS User Guide, EKS Auto Mode: off unless ComputeConfig.Enabled is true',
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'KubernetesNetworkConfig.ElasticLoadBalancing.Enabled',
    cloudformation: false,
    source: 'EKS User Guide, EKS Auto Mode: load balancing capability off unless enabled',
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'StorageConfig.BlockStorage.Enabled',
    cloudformation: false,
    source: 'EKS User Guide, EKS Auto Mode: block storage capability off unless enabled',
  },
  {
    type: 'AWS::EKS::Cluster',
    path: 'KubernetesNetworkConfig.IpFamily',
    cloudformation: 'ipv4',
    source: `${AWS_DOCS}, AWS::EKS::Cluster KubernetesNetworkConfig: IpFamily defaults to ipv4`,
  },
  {
    type: 'AWS::EKS::Nodegroup',
    path: 'CapacityType',
    cloudformation: 'ON_DEMAND',
    source: `${AWS_DOCS}, AWS::EKS::Nodegroup: CapacityType defaults to ON_DEMAND`,
  },
  {
    type: 'AWS::EKS::Nodegroup',
    path: 'ForceUpdateEnabled',
    cloudformation: false,
    source: `${AWS_DOCS}, AWS::EKS::Nodegroup: ForceUpdateEnabled defaults to false; the Terraform provider's force_update_version too`,
  },
  {
    type: 'AWS::EKS::Nodegroup',
    path: 'UpdateConfig.MaxUnavailable',
    cloudformation: 1,
    unlessPresent: 'UpdateConfig.MaxUnavailablePercentage',
    source:
      'EKS User Guide, "Managed node update behavior": without an update config, one node is unavailable at a time',
  },
  {
    type: 'AWS::EKS::Nodegroup',
    path: 'Labels',
    cloudformation: {},
    source: 'no labels when none are given',
  },
  {
    type: 'AWS::EKS::Nodegroup',
    path: 'Taints',
    cloudformation: [],
    source: 'no taints when none are given',
  },
  {
    type: 'AWS::EKS::AccessEntry',
    path: 'Type',
    cloudformation: 'STANDARD',
    source: `${AWS_DOCS}, AWS::EKS::AccessEntry: Type defaults to STANDARD`,
  },
  {
    type: 'AWS::EKS::AccessEntry',
    path: 'KubernetesGroups',
    cloudformation: [],
    source: 'no groups when none are given',
  },
  {
    type: 'AWS::EKS::AccessEntry',
    path: 'AccessPolicies',
    cloudformation: [],
    source: 'no access policies when none are given',
  },
  {
    type: 'AWS::EC2::LaunchTemplate',
    path: 'LaunchTemplateData.MetadataOptions.HttpEndpoint',
    cloudformation: 'enabled',
    source: 'EC2 API LaunchTemplateInstanceMetadataOptionsRequest: HttpEndpoint defaults to enabled',
  },
  {
    type: 'AWS::EC2::LaunchTemplate',
    path: 'LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit',
    cloudformation: 1,
    source: 'EC2 API LaunchTemplateInstanceMetadataOptionsRequest: HttpPutResponseHopLimit defaults to 1',
  },
  {
    type: 'AWS::EC2::LaunchTemplate',
    path: 'LaunchTemplateData.TagSpecifications',
    cloudformation: [],
    source: 'no tag specifications when none are given',
  },
  {
    type: 'AWS::Logs::LogGroup',
    path: 'LogGroupClass',
    cloudformation: 'STANDARD',
    source: `${AWS_DOCS}, AWS::Logs::LogGroup: LogGroupClass defaults to STANDARD`,
  },
];

export interface NamingEquivalence {
  /** A CloudFormation type, or `*` for every type. */
  readonly type: string;
  /** Dotted canonical path, or a path prefix ending in `.*`. */
  readonly path: string;
  readonly reason: string;
}

export const NAMING: readonly NamingEquivalence[] = [
  {
    type: '*',
    path: 'Tags[Name]',
    reason:
      'Name tags follow each tool: the CDK construct path, the stack name, or the name the Terraform and Pulumi code gives; the target sets none',
  },
  {
    type: '*',
    path: 'Tags[aws-cdk:*]',
    reason:
      "AWS CDK's own bookkeeping tags (aws-cdk:subnet-name, aws-cdk:subnet-type on ec2.Vpc's subnets, read when a VPC is imported)",
  },
  {
    type: 'AWS::EC2::SubnetRouteTableAssociation',
    path: 'RouteTableId',
    reason:
      'route table topology is the tool’s choice (ec2.Vpc: one table per subnet; the others: one per tier, one per AZ for private): each subnet’s default route is compared instead',
  },
  {
    type: 'AWS::EC2::Route',
    path: 'RouteTableId',
    reason: 'route table topology is the tool’s choice: the route is compared by the subnet it serves',
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    path: 'RouteTableIds',
    reason:
      'route table topology is the tool’s choice: the subnets a gateway endpoint serves are compared as a fact',
  },
  {
    type: 'AWS::IAM::Role',
    path: 'RoleName',
    reason: 'generated: CloudFormation makes one up, Terraform takes a name_prefix, Pulumi auto-names',
  },
  {
    type: 'AWS::EC2::LaunchTemplate',
    path: 'LaunchTemplateName',
    reason: 'generated: CloudFormation makes one up, Terraform takes a name_prefix, Pulumi auto-names',
  },
  {
    type: 'AWS::EC2::SecurityGroup',
    path: 'GroupName',
    reason: 'generated: CloudFormation makes one up, Terraform takes a name_prefix, Pulumi auto-names',
  },
  {
    type: 'AWS::EKS::Nodegroup',
    path: 'NodegroupName',
    reason:
      'generated or prefixed so a replacement can start the new group first; the group is identified by its Name tag',
  },
];

/** Canonical paths that describe the tool's plumbing, never the resource (a custom resource's ServiceToken). */
export const PLUMBING = new Set(['ServiceToken']);

export function namingOf(type: string, path: string): NamingEquivalence | undefined {
  return NAMING.find(
    (entry) =>
      (entry.type === '*' || entry.type === type) &&
      (entry.path === path ||
        (entry.path.endsWith('.*') && path.startsWith(entry.path.slice(0, -1))) ||
        (entry.path.endsWith('*]') && path.startsWith(entry.path.slice(0, -2)))),
  );
}

/**
 * Settings only one tool family has: compared between tools of the same dialect. Terraform's and
 * Pulumi's ignore_changes have no CloudFormation counterpart (CloudFormation never reads live
 * state, though an update of a node group's ScalingConfig may resend DesiredSize); the effect is compared as a fact (nodeGroup[…].desiredSizeDrift).
 */
export const DIALECT_SPECIFIC = new Set(['$lifecycle.ignoreChanges']);

export function defaultsFor(type: string): readonly PropertyDefault[] {
  return PROPERTY_DEFAULTS.filter((entry) => entry.type === type);
}
