/**
 * Policy mutants: one security mistake (a concern) planted in each tool it applies to, written the
 * way that tool's users write it — an inline ingress block in HCL, AWS::EC2::SecurityGroupIngress in
 * a template, aws_vpc_security_group_ingress_rule in CDKTF, the legacy aws_security_group_rule in
 * Pulumi. Each must fail the concern's rule in every tool, and change no other rule's verdict: one
 * rule set gives one answer whichever tool wrote the mistake. (Conformance mutants are mutants.ts:
 * these are judged by policy, not by the fact matrix.)
 */
import type { Mutant } from './mutant.js';

export interface PolicyConcern {
  readonly id: string;
  readonly rule: string;
  /** The tools the mistake can be written in (the CloudFormation family deploys no workloads). */
  readonly tools: readonly string[];
}

const ALL = ['cdk-l2', 'cdk-l1', 'cloudformation', 'infra-terraform', 'cdktf', 'pulumi'];
const KUBERNETES = ['cdk-l2', 'infra-terraform', 'cdktf', 'pulumi'];

export const POLICY_CONCERNS: readonly PolicyConcern[] = [
  { id: 'open-ssh', rule: 'network-admin-ports-open', tools: ALL },
  { id: 'nodes-public', rule: 'nodes-private-subnets', tools: ALL },
  { id: 'rotation-off', rule: 'kms-key-rotation', tools: ALL },
  { id: 'imdsv1', rule: 'nodes-imdsv2-required', tools: ALL },
  { id: 'privileged', rule: 'k8s-privileged-container', tools: KUBERNETES },
  { id: 'image-latest', rule: 'k8s-image-pinned', tools: KUBERNETES },
];

/**
 * The rules the unmutated default target fails, in every implementation: each is waived, with its
 * reason, in the repository's iac-compare-waivers.yaml (conformance.test.ts holds both to it).
 */
export const DEFAULT_TARGET_FAILING = [
  'eks-public-endpoint-open',
  'network-vpc-flow-logs',
  'nodes-imds-hop-limit',
];

/** The mutants a run plants: every one with POLICY_MUTANTS=all (or MUTANTS=all), ids named, else the `ci` subset. */
export function selectedPolicyMutants(
  selection: string | undefined = process.env.POLICY_MUTANTS ??
    (process.env.MUTANTS === 'all' ? 'all' : undefined),
): readonly PolicyMutant[] {
  if (selection === 'all') return POLICY_MUTANTS;
  if (selection) {
    const ids = new Set(selection.split(','));
    const unknown = [...ids].filter((id) => !POLICY_MUTANTS.some((mutant) => mutant.id === id));
    if (unknown.length) throw new Error(`POLICY_MUTANTS names no mutant ${unknown.join(', ')}`);
    return POLICY_MUTANTS.filter((mutant) => ids.has(mutant.id));
  }
  return POLICY_MUTANTS.filter((mutant) => mutant.ci);
}

export interface PolicyMutant extends Mutant {
  readonly concern: string;
}

const L2 = 'src/l2/eks-platform.ts';
const L1 = 'src/l1/stack.ts';
const CFN_NETWORK = 'templates/network.yaml';
const CFN_CLUSTER = 'templates/cluster.yaml';
const TF_NETWORK = 'modules/network/main.tf';
const TF_EKS = 'modules/eks/main.tf';
const TF_ROOT = 'main.tf';
const TF_WORKLOADS = 'modules/workloads/main.tf';
const CDKTF_NETWORK = 'src/network.ts';
const CDKTF_CLUSTER = 'src/cluster.ts';
const PULUMI_NETWORK = 'src/network.ts';
const PULUMI_CLUSTER = 'src/cluster.ts';
const L2_WORKLOADS = 'src/l2/workloads.ts';
const WORKLOADS_TS = 'src/workloads.ts';

function mutant(
  concern: string,
  implementation: string,
  description: string,
  edits: Mutant['edits'],
  ci = false,
): PolicyMutant {
  return {
    id: `policy-${concern}-${implementation}`,
    concern,
    implementation,
    description,
    edits,
    expect: [],
    ...(ci ? { ci } : {}),
  };
}

export const POLICY_MUTANTS: readonly PolicyMutant[] = [
  // ---- SSH open to the world, in each tool's own form of a security-group rule -------------
  mutant('open-ssh', 'cdk-l2', 'ec2.SecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(22))', [
    {
      file: L2,
      find: "const privateSubnets: ec2.SubnetSelection = { subnetGroupName: 'private' };",
      replace:
        "const privateSubnets: ec2.SubnetSelection = { subnetGroupName: 'private' };\n    new ec2.SecurityGroup(this, 'Ssh', { vpc: this.vpc }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));",
    },
  ]),
  mutant(
    'open-ssh',
    'cdk-l1',
    'CfnSecurityGroup with an inline ingress rule for port 22 from ::/0',
    [
      {
        file: L1,
        find: "    const igw = new ec2.CfnInternetGateway(this, 'InternetGateway', {});",
        replace:
          "    new ec2.CfnSecurityGroup(this, 'Ssh', { groupDescription: 'ssh', vpcId: vpc.ref, securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv6: '::/0' }] });\n    const igw = new ec2.CfnInternetGateway(this, 'InternetGateway', {});",
      },
    ],
    true,
  ),
  mutant('open-ssh', 'cloudformation', 'AWS::EC2::SecurityGroupIngress (a separate rule) for ports 0-1024', [
    {
      file: CFN_NETWORK,
      find: 'Resources:\n  Vpc:\n',
      replace:
        'Resources:\n  SshGroup:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: ssh\n      VpcId: !Ref Vpc\n  SshIngress:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !Ref SshGroup\n      IpProtocol: tcp\n      FromPort: 0\n      ToPort: 1024\n      CidrIp: 0.0.0.0/0\n  Vpc:\n',
    },
  ]),
  mutant('open-ssh', 'infra-terraform', 'aws_security_group with an inline ingress block', [
    {
      file: TF_NETWORK,
      find: 'resource "aws_internet_gateway" "this" {',
      replace:
        'resource "aws_security_group" "ssh" {\n  vpc_id = aws_vpc.this.id\n\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n\nresource "aws_internet_gateway" "this" {',
    },
  ]),
  mutant('open-ssh', 'cdktf', 'VpcSecurityGroupIngressRule (aws_vpc_security_group_ingress_rule)', [
    {
      file: CDKTF_NETWORK,
      find: "    const igw = new InternetGateway(this, 'internet-gateway',",
      replace:
        "    const ssh = new SecurityGroup(this, 'ssh', { vpcId: this.vpc.id });\n    new VpcSecurityGroupIngressRule(this, 'ssh-in', { securityGroupId: ssh.id, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' });\n    const igw = new InternetGateway(this, 'internet-gateway',",
    },
  ]),
  mutant('open-ssh', 'pulumi', 'aws.ec2.SecurityGroupRule of type ingress (aws_security_group_rule)', [
    {
      file: PULUMI_NETWORK,
      find: '    this.vpcId = vpc.id;',
      replace:
        "    this.vpcId = vpc.id;\n    const ssh = new ec2.SecurityGroup('ssh', { vpcId: vpc.id }, child);\n    new ec2.SecurityGroupRule('ssh-in', { type: 'ingress', securityGroupId: ssh.id, protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] }, child);",
    },
  ]),
  // ---- Node groups in the public subnets --------------------------------------------------
  mutant('nodes-public', 'cdk-l2', "node groups given { subnetGroupName: 'public' }", [
    {
      file: L2,
      find: 'nodeRole: this.nodeRole,\n        subnets: privateSubnets,',
      replace: "nodeRole: this.nodeRole,\n        subnets: { subnetGroupName: 'public' },",
    },
  ]),
  mutant('nodes-public', 'cdk-l1', "node groups' subnets looked up in the public tier", [
    {
      file: L1,
      find: 'subnets: group.subnets.map((subnet) => subnetIds.get(subnet)!),',
      replace:
        "subnets: group.subnets.map((subnet) => subnetIds.get(subnet.replace('private/', 'public/') as typeof subnet)!),",
    },
  ]),
  mutant(
    'nodes-public',
    'cloudformation',
    "the first node group imports the network stack's public subnets",
    [
      {
        file: CFN_CLUSTER,
        find: '      Subnets: !Split [",", !ImportValue { "Fn::Sub": "${NetworkStackName}-PrivateSubnetIds" }]',
        replace:
          '      Subnets: !Split [",", !ImportValue { "Fn::Sub": "${NetworkStackName}-PublicSubnetIds" }]',
      },
    ],
    true,
  ),
  mutant('nodes-public', 'infra-terraform', 'node_subnet_ids = the public subnets', [
    {
      file: TF_ROOT,
      find: 'node_subnet_ids          = module.network.private_subnet_ids',
      replace: 'node_subnet_ids          = values(module.network.subnet_ids["public"])',
    },
  ]),
  mutant('nodes-public', 'cdktf', "node groups' subnet ids looked up in the public tier", [
    {
      file: CDKTF_CLUSTER,
      find: 'subnetIds: group.subnets.map((subnet) => subnetIds.get(subnet)!),',
      replace:
        "subnetIds: group.subnets.map((subnet) => subnetIds.get(subnet.replace('private/', 'public/') as typeof subnet)!),",
    },
  ]),
  mutant('nodes-public', 'pulumi', "node groups' subnet ids looked up in the public tier", [
    {
      file: PULUMI_CLUSTER,
      find: 'subnetIds: group.subnets.map((subnet) => subnetIds.get(subnet)!),',
      replace:
        "subnetIds: group.subnets.map((subnet) => subnetIds.get(subnet.replace('private/', 'public/') as typeof subnet)!),",
    },
  ]),
  // ---- KMS key rotation off ---------------------------------------------------------------
  mutant('rotation-off', 'cdk-l2', 'kms.Key enableKeyRotation: false', [
    {
      file: L2,
      find: 'enableKeyRotation: props.secretsKeyRotation ?? true,',
      replace: 'enableKeyRotation: false,',
    },
  ]),
  mutant('rotation-off', 'cdk-l1', 'CfnKey enableKeyRotation: false', [
    {
      file: L1,
      find: 'enableKeyRotation: infra.kmsKey.enableKeyRotation,',
      replace: 'enableKeyRotation: false,',
    },
  ]),
  mutant('rotation-off', 'cloudformation', 'EnableKeyRotation: false', [
    { file: CFN_CLUSTER, find: 'EnableKeyRotation: !Ref KeyRotation', replace: 'EnableKeyRotation: false' },
  ]),
  mutant(
    'rotation-off',
    'infra-terraform',
    'enable_key_rotation = false',
    [
      {
        file: TF_EKS,
        find: 'enable_key_rotation     = var.cluster.kms_key_rotation',
        replace: 'enable_key_rotation     = false',
      },
    ],
    true,
  ),
  mutant('rotation-off', 'cdktf', 'KmsKey enableKeyRotation: false', [
    {
      file: CDKTF_CLUSTER,
      find: 'enableKeyRotation: infra.kmsKey.enableKeyRotation,',
      replace: 'enableKeyRotation: false,',
    },
  ]),
  mutant('rotation-off', 'pulumi', 'aws.kms.Key enableKeyRotation: false', [
    {
      file: PULUMI_CLUSTER,
      find: 'enableKeyRotation: infra.kmsKey.enableKeyRotation,',
      replace: 'enableKeyRotation: false,',
    },
  ]),
  // ---- IMDSv1 allowed -----------------------------------------------------------------------
  mutant('imdsv1', 'cdk-l2', 'ec2.LaunchTemplate httpTokens: OPTIONAL instead of requireImdsv2', [
    { file: L2, find: 'requireImdsv2: true,', replace: 'httpTokens: ec2.LaunchTemplateHttpTokens.OPTIONAL,' },
  ]),
  mutant('imdsv1', 'cdk-l1', "metadataOptions.httpTokens: 'optional'", [
    { file: L1, find: 'httpTokens: group.launchTemplate.httpTokens,', replace: "httpTokens: 'optional'," },
  ]),
  mutant('imdsv1', 'cloudformation', 'HttpTokens: optional in the first node group slot', [
    {
      file: CFN_CLUSTER,
      find: 'HttpTokens: required # IMDSv2 only',
      replace: 'HttpTokens: optional # IMDSv2 only',
    },
  ]),
  mutant('imdsv1', 'infra-terraform', 'http_tokens = "optional"', [
    {
      file: TF_EKS,
      find: 'http_tokens                 = "required" # IMDSv2 only',
      replace: 'http_tokens                 = "optional"',
    },
  ]),
  mutant(
    'imdsv1',
    'cdktf',
    "metadataOptions.httpTokens: 'optional'",
    [
      {
        file: CDKTF_CLUSTER,
        find: 'httpTokens: group.launchTemplate.httpTokens,',
        replace: "httpTokens: 'optional',",
      },
    ],
    true,
  ),
  mutant('imdsv1', 'pulumi', "metadataOptions.httpTokens: 'optional'", [
    {
      file: PULUMI_CLUSTER,
      find: 'httpTokens: group.launchTemplate.httpTokens,',
      replace: "httpTokens: 'optional',",
    },
  ]),
  // ---- A privileged container ---------------------------------------------------------------
  mutant(
    'privileged',
    'cdk-l2',
    'privileged: true in the manifest',
    [
      {
        file: L2_WORKLOADS,
        find: '      allowPrivilegeEscalation: false,\n',
        replace: '      allowPrivilegeEscalation: false,\n      privileged: true,\n',
      },
    ],
    true,
  ),
  mutant('privileged', 'infra-terraform', 'privileged = true in the container security_context', [
    {
      file: TF_WORKLOADS,
      find: '            allow_privilege_escalation = false\n',
      replace:
        '            allow_privilege_escalation = false\n            privileged                 = true\n',
    },
  ]),
  mutant('privileged', 'cdktf', 'privileged: true in the container securityContext', [
    {
      file: WORKLOADS_TS,
      find: '      allowPrivilegeEscalation: false,\n',
      replace: '      allowPrivilegeEscalation: false,\n      privileged: true,\n',
    },
  ]),
  mutant('privileged', 'pulumi', 'privileged: true in the container securityContext', [
    {
      file: WORKLOADS_TS,
      find: '      allowPrivilegeEscalation: false,\n',
      replace: '      allowPrivilegeEscalation: false,\n      privileged: true,\n',
    },
  ]),
  // ---- An image on latest -------------------------------------------------------------------
  mutant('image-latest', 'cdk-l2', "the Job's image on :latest", [
    {
      file: L2_WORKLOADS,
      find: 'image: app.image,',
      replace: "image: app.image.replace(/:[^:/]+$/, ':latest'),",
    },
  ]),
  mutant('image-latest', 'infra-terraform', "the Job's image on :latest", [
    {
      file: TF_WORKLOADS,
      find: 'image   = var.app.image',
      replace: 'image   = "${split(":", var.app.image)[0]}:latest"',
    },
  ]),
  mutant('image-latest', 'cdktf', "the Job's image on :latest", [
    {
      file: WORKLOADS_TS,
      find: 'image: app.image,',
      replace: "image: app.image.replace(/:[^:/]+$/, ':latest'),",
    },
  ]),
  mutant(
    'image-latest',
    'pulumi',
    "the Job's image without a tag (so latest)",
    [{ file: WORKLOADS_TS, find: 'image: app.image,', replace: "image: app.image.replace(/:[^:/]+$/, '')," }],
    true,
  ),
];
