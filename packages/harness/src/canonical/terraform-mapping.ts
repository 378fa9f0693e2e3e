/**
 * Terraform arguments → the CloudFormation property that sets the same thing, for the resource
 * types the target uses (Pulumi's AWS provider is bridged from Terraform's, so it shares them).
 * Two readers: the plan asks the CloudFormation specification whether a change to that property
 * replaces the resource (labelled "derived"), and the resource-by-resource diff reads every tool's
 * properties in CloudFormation's vocabulary. Paths leave out list indexes (HCL's blocks are lists
 * of one; CDKTF and Pulumi write them as objects). Nested arguments a table does not list map by
 * name through the CloudFormation property shapes (`http_tokens` → `HttpTokens`).
 */

export interface TerraformMapping {
  readonly cloudformationType: string;
  /** Terraform argument path → CloudFormation property path, both dotted. */
  readonly properties: Readonly<Record<string, string>>;
}

export const TERRAFORM_TO_CLOUDFORMATION: Readonly<Record<string, TerraformMapping>> = {
  aws_vpc: {
    cloudformationType: 'AWS::EC2::VPC',
    properties: {
      cidr_block: 'CidrBlock',
      enable_dns_support: 'EnableDnsSupport',
      enable_dns_hostnames: 'EnableDnsHostnames',
      instance_tenancy: 'InstanceTenancy',
    },
  },
  aws_subnet: {
    cloudformationType: 'AWS::EC2::Subnet',
    properties: {
      vpc_id: 'VpcId',
      cidr_block: 'CidrBlock',
      availability_zone: 'AvailabilityZone',
      map_public_ip_on_launch: 'MapPublicIpOnLaunch',
    },
  },
  // CloudFormation attaches a gateway with AWS::EC2::VPCGatewayAttachment; its VpcId is folded into
  // the gateway (canonical/resource-view.ts), so vpc_id reads as the same fact.
  aws_internet_gateway: { cloudformationType: 'AWS::EC2::InternetGateway', properties: { vpc_id: 'VpcId' } },
  aws_internet_gateway_attachment: {
    cloudformationType: 'AWS::EC2::VPCGatewayAttachment',
    properties: { vpc_id: 'VpcId', internet_gateway_id: 'InternetGatewayId' },
  },
  aws_eip: { cloudformationType: 'AWS::EC2::EIP', properties: { domain: 'Domain' } },
  aws_nat_gateway: {
    cloudformationType: 'AWS::EC2::NatGateway',
    properties: {
      allocation_id: 'AllocationId',
      subnet_id: 'SubnetId',
      connectivity_type: 'ConnectivityType',
    },
  },
  aws_route_table: { cloudformationType: 'AWS::EC2::RouteTable', properties: { vpc_id: 'VpcId' } },
  aws_route: {
    cloudformationType: 'AWS::EC2::Route',
    properties: {
      route_table_id: 'RouteTableId',
      destination_cidr_block: 'DestinationCidrBlock',
      gateway_id: 'GatewayId',
      nat_gateway_id: 'NatGatewayId',
    },
  },
  aws_route_table_association: {
    cloudformationType: 'AWS::EC2::SubnetRouteTableAssociation',
    properties: { subnet_id: 'SubnetId', route_table_id: 'RouteTableId' },
  },
  aws_vpc_endpoint: {
    cloudformationType: 'AWS::EC2::VPCEndpoint',
    properties: {
      vpc_id: 'VpcId',
      service_name: 'ServiceName',
      vpc_endpoint_type: 'VpcEndpointType',
      subnet_ids: 'SubnetIds',
      route_table_ids: 'RouteTableIds',
      security_group_ids: 'SecurityGroupIds',
      private_dns_enabled: 'PrivateDnsEnabled',
    },
  },
  aws_security_group: {
    cloudformationType: 'AWS::EC2::SecurityGroup',
    properties: {
      name: 'GroupName',
      description: 'GroupDescription',
      vpc_id: 'VpcId',
      ingress: 'SecurityGroupIngress',
      egress: 'SecurityGroupEgress',
    },
  },
  aws_vpc_security_group_ingress_rule: {
    cloudformationType: 'AWS::EC2::SecurityGroupIngress',
    properties: {
      security_group_id: 'GroupId',
      cidr_ipv4: 'CidrIp',
      from_port: 'FromPort',
      to_port: 'ToPort',
      ip_protocol: 'IpProtocol',
      description: 'Description',
    },
  },
  // No CloudFormation resource: the default group is read as the VPC's group with no rules.
  aws_default_security_group: {
    cloudformationType: 'AWS::EC2::SecurityGroup',
    properties: { vpc_id: 'VpcId', ingress: 'SecurityGroupIngress', egress: 'SecurityGroupEgress' },
  },
  aws_kms_key: {
    cloudformationType: 'AWS::KMS::Key',
    properties: {
      description: 'Description',
      enable_key_rotation: 'EnableKeyRotation',
      deletion_window_in_days: 'PendingWindowInDays',
      policy: 'KeyPolicy',
    },
  },
  aws_kms_alias: {
    cloudformationType: 'AWS::KMS::Alias',
    properties: { name: 'AliasName', target_key_id: 'TargetKeyId' },
  },
  aws_cloudwatch_log_group: {
    cloudformationType: 'AWS::Logs::LogGroup',
    properties: { name: 'LogGroupName', retention_in_days: 'RetentionInDays', kms_key_id: 'KmsKeyId' },
  },
  aws_iam_role: {
    cloudformationType: 'AWS::IAM::Role',
    properties: {
      name: 'RoleName',
      path: 'Path',
      description: 'Description',
      assume_role_policy: 'AssumeRolePolicyDocument',
      managed_policy_arns: 'ManagedPolicyArns',
    },
  },
  aws_eks_cluster: {
    cloudformationType: 'AWS::EKS::Cluster',
    properties: {
      name: 'Name',
      role_arn: 'RoleArn',
      version: 'Version',
      'vpc_config.subnet_ids': 'ResourcesVpcConfig.SubnetIds',
      'vpc_config.security_group_ids': 'ResourcesVpcConfig.SecurityGroupIds',
      'vpc_config.endpoint_private_access': 'ResourcesVpcConfig.EndpointPrivateAccess',
      'vpc_config.endpoint_public_access': 'ResourcesVpcConfig.EndpointPublicAccess',
      'vpc_config.public_access_cidrs': 'ResourcesVpcConfig.PublicAccessCidrs',
      encryption_config: 'EncryptionConfig',
      enabled_cluster_log_types: 'Logging',
      'access_config.authentication_mode': 'AccessConfig.AuthenticationMode',
      'access_config.bootstrap_cluster_creator_admin_permissions':
        'AccessConfig.BootstrapClusterCreatorAdminPermissions',
      'encryption_config.provider.key_arn': 'EncryptionConfig.Provider.KeyArn',
      'encryption_config.resources': 'EncryptionConfig.Resources',
      bootstrap_self_managed_addons: 'BootstrapSelfManagedAddons',
      kubernetes_network_config: 'KubernetesNetworkConfig',
    },
  },
  aws_eks_node_group: {
    cloudformationType: 'AWS::EKS::Nodegroup',
    properties: {
      cluster_name: 'ClusterName',
      node_group_name: 'NodegroupName',
      node_role_arn: 'NodeRole',
      subnet_ids: 'Subnets',
      instance_types: 'InstanceTypes',
      capacity_type: 'CapacityType',
      ami_type: 'AmiType',
      disk_size: 'DiskSize',
      scaling_config: 'ScalingConfig',
      labels: 'Labels',
      taint: 'Taints',
      launch_template: 'LaunchTemplate',
      version: 'Version',
      update_config: 'UpdateConfig',
      force_update_version: 'ForceUpdateEnabled',
      release_version: 'ReleaseVersion',
    },
  },
  aws_launch_template: {
    cloudformationType: 'AWS::EC2::LaunchTemplate',
    properties: {
      name: 'LaunchTemplateName',
      block_device_mappings: 'LaunchTemplateData.BlockDeviceMappings',
      metadata_options: 'LaunchTemplateData.MetadataOptions',
      tag_specifications: 'LaunchTemplateData.TagSpecifications',
      image_id: 'LaunchTemplateData.ImageId',
      instance_type: 'LaunchTemplateData.InstanceType',
      user_data: 'LaunchTemplateData.UserData',
      vpc_security_group_ids: 'LaunchTemplateData.SecurityGroupIds',
    },
  },
  aws_eks_addon: {
    cloudformationType: 'AWS::EKS::Addon',
    properties: {
      cluster_name: 'ClusterName',
      addon_name: 'AddonName',
      addon_version: 'AddonVersion',
      resolve_conflicts_on_create: 'ResolveConflicts',
      resolve_conflicts_on_update: 'ResolveConflicts',
      service_account_role_arn: 'ServiceAccountRoleArn',
      configuration_values: 'ConfigurationValues',
    },
  },
  aws_eks_access_entry: {
    cloudformationType: 'AWS::EKS::AccessEntry',
    properties: {
      cluster_name: 'ClusterName',
      principal_arn: 'PrincipalArn',
      type: 'Type',
      kubernetes_groups: 'KubernetesGroups',
      user_name: 'Username',
    },
  },
  // No CloudFormation resource of their own: folded into the role and the access entry.
  aws_iam_role_policy_attachment: {
    cloudformationType: 'AWS::IAM::Role',
    properties: { policy_arn: 'ManagedPolicyArns' },
  },
  aws_eks_access_policy_association: {
    cloudformationType: 'AWS::EKS::AccessEntry',
    properties: { policy_arn: 'AccessPolicies.PolicyArn', access_scope: 'AccessPolicies.AccessScope' },
  },
};

/**
 * Arguments that are the tool's naming, with no CloudFormation property: a prefix Terraform adds a
 * unique suffix to. The diff treats them as naming (docs: compare/equivalences.ts).
 */
export const NAMING_ARGUMENTS = new Set(['name_prefix', 'node_group_name_prefix']);

/** The CloudFormation property for a Terraform argument path (longest mapped prefix), if any. */
export function cloudformationPathFor(
  terraformType: string,
  path: readonly string[],
): { readonly cloudformationType: string; readonly path: readonly string[] } | undefined {
  const mapping = TERRAFORM_TO_CLOUDFORMATION[terraformType];
  if (!mapping) return undefined;
  for (let length = path.length; length > 0; length--) {
    const mapped = mapping.properties[path.slice(0, length).join('.')];
    if (mapped !== undefined)
      return { cloudformationType: mapping.cloudformationType, path: mapped.split('.') };
  }
  return undefined;
}
