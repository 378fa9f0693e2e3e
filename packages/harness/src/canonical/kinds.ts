/**
 * Canonical kinds: one name per kind of infrastructure, whatever the tool calls it. The harness
 * compares kinds, not type names: AWS::EC2::Subnet ≡ aws_subnet ≡ aws:ec2/subnet:Subnet.
 */

export interface KindInfo {
  readonly kind: string;
  /** Whether the kind takes tags (and so receives stack tags / provider default tags). */
  readonly taggable: boolean;
  readonly cloudformation: readonly string[];
  readonly terraform: readonly string[];
  readonly pulumi: readonly string[];
}

const KINDS: readonly KindInfo[] = [
  {
    kind: 'vpc',
    taggable: true,
    cloudformation: ['AWS::EC2::VPC'],
    terraform: ['aws_vpc'],
    pulumi: ['aws:ec2/vpc:Vpc'],
  },
  {
    kind: 'subnet',
    taggable: true,
    cloudformation: ['AWS::EC2::Subnet'],
    terraform: ['aws_subnet'],
    pulumi: ['aws:ec2/subnet:Subnet'],
  },
  {
    kind: 'internet-gateway',
    taggable: true,
    cloudformation: ['AWS::EC2::InternetGateway'],
    terraform: ['aws_internet_gateway'],
    pulumi: ['aws:ec2/internetGateway:InternetGateway'],
  },
  {
    kind: 'gateway-attachment',
    taggable: false,
    cloudformation: ['AWS::EC2::VPCGatewayAttachment'],
    terraform: ['aws_internet_gateway_attachment'],
    pulumi: ['aws:ec2/internetGatewayAttachment:InternetGatewayAttachment'],
  },
  {
    kind: 'eip',
    taggable: true,
    cloudformation: ['AWS::EC2::EIP'],
    terraform: ['aws_eip'],
    pulumi: ['aws:ec2/eip:Eip'],
  },
  {
    kind: 'nat-gateway',
    taggable: true,
    cloudformation: ['AWS::EC2::NatGateway'],
    terraform: ['aws_nat_gateway'],
    pulumi: ['aws:ec2/natGateway:NatGateway'],
  },
  {
    kind: 'route-table',
    taggable: true,
    cloudformation: ['AWS::EC2::RouteTable'],
    terraform: ['aws_route_table'],
    pulumi: ['aws:ec2/routeTable:RouteTable'],
  },
  {
    kind: 'route',
    taggable: false,
    cloudformation: ['AWS::EC2::Route'],
    terraform: ['aws_route'],
    pulumi: ['aws:ec2/route:Route'],
  },
  {
    kind: 'route-table-association',
    taggable: false,
    cloudformation: ['AWS::EC2::SubnetRouteTableAssociation'],
    terraform: ['aws_route_table_association'],
    pulumi: ['aws:ec2/routeTableAssociation:RouteTableAssociation'],
  },
  {
    kind: 'security-group',
    taggable: true,
    cloudformation: ['AWS::EC2::SecurityGroup'],
    terraform: ['aws_security_group'],
    pulumi: ['aws:ec2/securityGroup:SecurityGroup'],
  },
  {
    // The VPC's default group: Terraform and Pulumi adopt it; CloudFormation has no resource for it,
    // so the CloudFormation family strips its rules with a custom resource.
    kind: 'default-security-group',
    taggable: true,
    cloudformation: ['Custom::VpcRestrictDefaultSG', 'Custom::RestrictDefaultSecurityGroup'],
    terraform: ['aws_default_security_group'],
    pulumi: ['aws:ec2/defaultSecurityGroup:DefaultSecurityGroup'],
  },
  {
    kind: 'security-group-ingress',
    taggable: true,
    cloudformation: ['AWS::EC2::SecurityGroupIngress'],
    terraform: ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule'],
    pulumi: [
      'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
      'aws:ec2/securityGroupRule:SecurityGroupRule',
    ],
  },
  {
    kind: 'security-group-egress',
    taggable: true,
    cloudformation: ['AWS::EC2::SecurityGroupEgress'],
    terraform: ['aws_vpc_security_group_egress_rule'],
    pulumi: ['aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule'],
  },
  {
    kind: 'vpc-endpoint',
    taggable: true,
    cloudformation: ['AWS::EC2::VPCEndpoint'],
    terraform: ['aws_vpc_endpoint'],
    pulumi: ['aws:ec2/vpcEndpoint:VpcEndpoint'],
  },
  {
    kind: 'kms-key',
    taggable: true,
    cloudformation: ['AWS::KMS::Key'],
    terraform: ['aws_kms_key'],
    pulumi: ['aws:kms/key:Key'],
  },
  {
    kind: 'kms-alias',
    taggable: false,
    cloudformation: ['AWS::KMS::Alias'],
    terraform: ['aws_kms_alias'],
    pulumi: ['aws:kms/alias:Alias'],
  },
  {
    kind: 'log-group',
    taggable: true,
    cloudformation: ['AWS::Logs::LogGroup'],
    terraform: ['aws_cloudwatch_log_group'],
    pulumi: ['aws:cloudwatch/logGroup:LogGroup'],
  },
  {
    kind: 'iam-role',
    taggable: true,
    cloudformation: ['AWS::IAM::Role'],
    terraform: ['aws_iam_role'],
    pulumi: ['aws:iam/role:Role'],
  },
  {
    kind: 'iam-role-policy-attachment',
    taggable: false,
    cloudformation: [],
    terraform: ['aws_iam_role_policy_attachment'],
    pulumi: ['aws:iam/rolePolicyAttachment:RolePolicyAttachment'],
  },
  {
    kind: 'eks-cluster',
    taggable: true,
    cloudformation: ['AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster'],
    terraform: ['aws_eks_cluster'],
    pulumi: ['aws:eks/cluster:Cluster'],
  },
  {
    kind: 'eks-addon',
    taggable: true,
    cloudformation: ['AWS::EKS::Addon'],
    terraform: ['aws_eks_addon'],
    pulumi: ['aws:eks/addon:Addon'],
  },
  {
    kind: 'eks-access-entry',
    taggable: true,
    cloudformation: ['AWS::EKS::AccessEntry'],
    terraform: ['aws_eks_access_entry'],
    pulumi: ['aws:eks/accessEntry:AccessEntry'],
  },
  {
    kind: 'eks-access-policy-association',
    taggable: false,
    cloudformation: [],
    terraform: ['aws_eks_access_policy_association'],
    pulumi: ['aws:eks/accessPolicyAssociation:AccessPolicyAssociation'],
  },
  {
    kind: 'launch-template',
    taggable: true,
    cloudformation: ['AWS::EC2::LaunchTemplate'],
    terraform: ['aws_launch_template'],
    pulumi: ['aws:ec2/launchTemplate:LaunchTemplate'],
  },
  {
    kind: 'eks-node-group',
    taggable: true,
    cloudformation: ['AWS::EKS::Nodegroup'],
    terraform: ['aws_eks_node_group'],
    pulumi: ['aws:eks/nodeGroup:NodeGroup'],
  },
  {
    kind: 'ssm-parameter',
    taggable: true,
    cloudformation: ['AWS::SSM::Parameter'],
    terraform: ['aws_ssm_parameter'],
    pulumi: ['aws:ssm/parameter:Parameter'],
  },
  {
    kind: 'lambda-function',
    taggable: true,
    cloudformation: ['AWS::Lambda::Function'],
    terraform: ['aws_lambda_function'],
    pulumi: ['aws:lambda/function:Function'],
  },
];

const BY_TYPE = new Map<string, KindInfo>();
for (const info of KINDS)
  for (const type of [...info.cloudformation, ...info.terraform, ...info.pulumi]) BY_TYPE.set(type, info);

export function kindOf(nativeType: string): KindInfo | undefined {
  return BY_TYPE.get(nativeType);
}

export function allKinds(): readonly KindInfo[] {
  return KINDS;
}

/** The Terraform resource type a Pulumi type token is bridged from, when we know it. */
export function terraformTypeOfPulumi(token: string): string | undefined {
  const info = BY_TYPE.get(token);
  if (!info) return undefined;
  return info.terraform[info.pulumi.indexOf(token)] ?? info.terraform[0];
}

/** Each kind as a person says it, with its article: "an IAM role", "a NAT gateway". */
const KIND_NOUNS: Readonly<Record<string, string>> = {
  vpc: 'a VPC',
  subnet: 'a subnet',
  'internet-gateway': 'an internet gateway',
  'gateway-attachment': 'a gateway attachment',
  eip: 'an Elastic IP',
  'nat-gateway': 'a NAT gateway',
  'route-table': 'a route table',
  route: 'a route',
  'route-table-association': 'a route table association',
  'security-group': 'a security group',
  'default-security-group': 'a default security group',
  'security-group-ingress': 'a security group ingress rule',
  'security-group-egress': 'a security group egress rule',
  'vpc-endpoint': 'a VPC endpoint',
  'kms-key': 'a KMS key',
  'kms-alias': 'a KMS alias',
  'log-group': 'a log group',
  'iam-role': 'an IAM role',
  'iam-role-policy-attachment': 'an IAM role policy attachment',
  'eks-cluster': 'an EKS cluster',
  'eks-addon': 'an EKS add-on',
  'eks-access-entry': 'an EKS access entry',
  'eks-access-policy-association': 'an EKS access policy association',
  'launch-template': 'a launch template',
  'eks-node-group': 'an EKS node group',
  'ssm-parameter': 'an SSM parameter',
  'lambda-function': 'a Lambda function',
};

/** "an IAM role" for iam-role; a kind without a noun is named as it is. */
export function kindNoun(kind: string): string {
  return KIND_NOUNS[kind] ?? `a ${kind.replace(/-/g, ' ')}`;
}
