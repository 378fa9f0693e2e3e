/**
 * The mutant catalogue: one plausible mistake per entry, planted in one implementation's sources,
 * with what iac-compare must say about it. A mutant passes only when every line the report holds
 * against the implementation matches one of `expect`, and every pattern matches at least one line:
 * the mistake is caught, named, and nothing else is blamed. Expectations name the fact, ledger
 * entry or rule a reviewer would point at; they were written before the mutant ran.
 *
 * Equivalent mutants are left out, with the reason: cdk-l2 without its explicit "node groups after
 * the private routes" dependency still waits, because aws-eks-v2's Cluster depends on the whole VPC
 * and every node group depends on the cluster.
 *
 * Paths in edits are relative to the implementation's package folder. `ci` marks the subset the
 * default test run plants (two or three per implementation); MUTANTS=all plants every one.
 */

import type { TargetSpec } from '@iac-compare/spec';
import { WORKLOAD_MUTANTS } from './workload-mutants.js';

export interface MutantEdit {
  readonly file: string;
  /** Exact text to find (first occurrence). */
  readonly find: string;
  readonly replace: string;
}

export interface Mutant {
  readonly id: string;
  readonly implementation: string;
  /** The mistake, as a reviewer would name it. */
  readonly description: string;
  readonly edits: readonly MutantEdit[];
  /** What the report must hold against the implementation, and all it may hold. */
  readonly expect: readonly RegExp[];
  readonly ci?: boolean;
  /** The target the mutant is judged on, when the default target cannot show the mistake. */
  readonly target?: (spec: TargetSpec) => TargetSpec;
}

/** The default target without NAT gateways: private subnets reach AWS through VPC endpoints. */
const withoutNat = (spec: TargetSpec): TargetSpec => ({
  ...spec,
  network: { ...spec.network, natGateways: 'none' },
});

const L2 = 'src/l2/eks-platform.ts';
const L1 = 'src/l1/stack.ts';
const CFN_NETWORK = 'templates/network.yaml';
const CFN_CLUSTER = 'templates/cluster.yaml';
const TF_NETWORK = 'modules/network/main.tf';
const TF_EKS = 'modules/eks/main.tf';
const CDKTF_NETWORK = 'src/network.ts';
const CDKTF_CLUSTER = 'src/cluster.ts';
const PULUMI_NETWORK = 'src/network.ts';
const PULUMI_CLUSTER = 'src/cluster.ts';

const NODE_GROUPS = '(system|general)';

export const MUTANTS: readonly Mutant[] = [
  // ---- AWS CDK L2 -------------------------------------------------------------------------
  {
    id: 'cdk-l2-stray-bucket',
    implementation: 'cdk-l2',
    description: 'an S3 bucket the spec never asked for',
    ci: true,
    edits: [
      {
        file: L2,
        find: "import * as logs from 'aws-cdk-lib/aws-logs';",
        replace: "import * as logs from 'aws-cdk-lib/aws-logs';\nimport * as s3 from 'aws-cdk-lib/aws-s3';",
      },
      {
        file: L2,
        find: 'super(scope, id);',
        replace: "super(scope, id);\n    new s3.Bucket(this, 'Stray');",
      },
    ],
    expect: [/^unaccounted AWS::S3::Bucket$/],
  },
  {
    id: 'cdk-l2-key-rotation-off',
    implementation: 'cdk-l2',
    description: 'KMS key rotation hard-coded off',
    edits: [
      {
        file: L2,
        find: 'enableKeyRotation: props.secretsKeyRotation ?? true,',
        replace: 'enableKeyRotation: false,',
      },
    ],
    expect: [/^fact kmsKey\.enableKeyRotation differs$/],
  },
  {
    id: 'cdk-l2-log-retention',
    implementation: 'cdk-l2',
    description: 'log retention hard-coded to a month',
    edits: [
      {
        file: L2,
        find: 'retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,',
        replace: 'retention: logs.RetentionDays.ONE_MONTH,',
      },
    ],
    expect: [/^fact logGroup\.retentionDays differs$/],
  },
  {
    id: 'cdk-l2-log-type-dropped',
    implementation: 'cdk-l2',
    description: 'the first control-plane log type dropped',
    edits: [
      {
        file: L2,
        find: 'clusterLogging: props.clusterLogging ?? ALL_LOG_TYPES,',
        replace: 'clusterLogging: (props.clusterLogging ?? ALL_LOG_TYPES).slice(1),',
      },
    ],
    expect: [/^fact cluster\.logging differs$/],
  },
  {
    id: 'cdk-l2-hop-limit',
    implementation: 'cdk-l2',
    description: 'IMDS hop limit 1: pods on the node cannot reach IMDS',
    ci: true,
    edits: [{ file: L2, find: 'httpPutResponseHopLimit: 2,', replace: 'httpPutResponseHopLimit: 1,' }],
    expect: [
      new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.launchTemplate\\.httpPutResponseHopLimit differs$`),
    ],
  },
  {
    id: 'cdk-l2-nodes-in-public-subnets',
    implementation: 'cdk-l2',
    description: 'node groups placed in the public subnets',
    edits: [
      {
        file: L2,
        find: 'nodeRole: this.nodeRole,\n        subnets: privateSubnets,',
        replace: "nodeRole: this.nodeRole,\n        subnets: { subnetGroupName: 'public' },",
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.subnets differs$`)],
  },
  {
    id: 'cdk-l2-taints-dropped',
    implementation: 'cdk-l2',
    description: 'taints not passed to the node group',
    edits: [{ file: L2, find: 'taints: group.taints,', replace: 'taints: undefined,' }],
    expect: [/^fact nodeGroup\[system\]\.taints differs$/],
  },
  {
    id: 'cdk-l2-key-retained',
    implementation: 'cdk-l2',
    description: 'the KMS key retained on delete whatever the spec says',
    edits: [
      {
        file: L2,
        find: 'removalPolicy: props.secretsKeyRemovalPolicy ?? RemovalPolicy.RETAIN,',
        replace: 'removalPolicy: RemovalPolicy.RETAIN,',
      },
    ],
    expect: [/^fact kmsKey\.onDelete differs$/],
  },
  {
    id: 'cdk-l2-spot-capacity',
    implementation: 'cdk-l2',
    description: 'every node group on Spot capacity',
    edits: [
      {
        file: L2,
        find: 'capacityType: group.capacityType ?? eks.CapacityType.ON_DEMAND,',
        replace: 'capacityType: eks.CapacityType.SPOT,',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.capacityType differs$`)],
  },
  {
    id: 'cdk-l2-default-sg-open',
    implementation: 'cdk-l2',
    description: "the VPC's default security group keeps its rules",
    edits: [
      {
        file: L2,
        find: 'restrictDefaultSecurityGroup: props.restrictDefaultSecurityGroup ?? true,',
        replace: 'restrictDefaultSecurityGroup: false,',
      },
    ],
    expect: [/^fact vpc\.restrictDefaultSecurityGroup differs$/],
  },
  {
    id: 'cdk-l2-ssh-open',
    implementation: 'cdk-l2',
    description: 'a security group open to the world on port 22',
    edits: [
      {
        file: L2,
        find: "const privateSubnets: ec2.SubnetSelection = { subnetGroupName: 'private' };",
        replace:
          "const privateSubnets: ec2.SubnetSelection = { subnetGroupName: 'private' };\n    new ec2.SecurityGroup(this, 'Ssh', { vpc: this.vpc }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));",
      },
    ],
    expect: [/^unaccounted AWS::EC2::SecurityGroup$/],
  },
  {
    id: 'cdk-l2-tags-dropped',
    implementation: 'cdk-l2',
    description: "the target's tags never applied",
    edits: [
      {
        file: L2,
        find: 'for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(this).add(key, value);',
        replace: '',
      },
    ],
    expect: [
      /^fact \S+\.tags differs$/,
      /^fact \S+\.eipTags differs$/,
      /\.launchTemplate\.tagSpecifications differs$/,
    ],
  },
  {
    id: 'cdk-l2-addon-dropped',
    implementation: 'cdk-l2',
    description: 'the Pod Identity agent add-on filtered out',
    edits: [
      {
        file: L2,
        find: 'const addons = props.addons ?? DEFAULT_ADDONS;',
        replace:
          "const addons = (props.addons ?? DEFAULT_ADDONS).filter((addon) => addon.name !== 'eks-pod-identity-agent');",
      },
    ],
    expect: [/^fact addon\[eks-pod-identity-agent\]\.\w+ missing$/],
  },
  {
    id: 'cdk-l2-coredns-unordered',
    implementation: 'cdk-l2',
    description: 'coredns no longer waits for the node groups',
    edits: [
      {
        file: L2,
        find: "if (addon.order === 'after') resource.node.addDependency(...this.nodeGroups);",
        replace: '',
      },
    ],
    expect: [/^fact addon\[coredns\]\.order differs$/],
  },

  // ---- AWS CDK L1 -------------------------------------------------------------------------
  {
    id: 'cdk-l1-private-subnet-public-ip',
    implementation: 'cdk-l1',
    description: 'one private subnet maps public IPs on launch',
    ci: true,
    edits: [
      {
        file: L1,
        find: 'mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,',
        replace:
          "mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch || subnet.key === infra.subnets.find((s) => s.tier === 'private')!.key,",
      },
    ],
    // Exactly one line: the one wrong attribute is the one difference.
    expect: [/^fact subnet\[private\/eu-west-1a\]\.mapPublicIpOnLaunch differs$/],
  },
  {
    id: 'cdk-l1-private-subnet-moved',
    implementation: 'cdk-l1',
    description: 'the first private subnet placed in the second AZ',
    edits: [
      {
        file: L1,
        find: 'availabilityZone: subnet.availabilityZone,\n        mapPublicIpOnLaunch',
        replace:
          "availabilityZone: subnet.key === 'private/' + infra.availabilityZones[0] ? infra.availabilityZones[1]! : subnet.availabilityZone,\n        mapPublicIpOnLaunch",
      },
    ],
    // The first AZ has no private subnet; the second has two, of which one is read as its private
    // subnet (with the moved one's CIDR and NAT route, or its own) and the other, with its route
    // table, route and association, is unaccounted; node groups use a subnet that is not the spec's.
    expect: [
      /^fact subnet\[private\/eu-west-1a\]\.\w+ missing$/,
      /^fact subnet\[private\/eu-west-1b\]\.(cidr|defaultRoute) differs$/,
      new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.subnets differs$`),
      /^unaccounted AWS::EC2::(Subnet|RouteTable|Route|SubnetRouteTableAssociation)$/,
    ],
  },
  {
    id: 'cdk-l1-one-nat-for-all',
    implementation: 'cdk-l1',
    description: 'every private route to the first NAT gateway although the spec says one per AZ',
    edits: [
      {
        file: L1,
        find: 'natGatewayId: natIds.get(subnet.defaultRoute.availabilityZone)!,',
        replace: 'natGatewayId: [...natIds.values()][0]!,',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1[bc]\]\.defaultRoute differs$/],
  },
  {
    id: 'cdk-l1-node-policy-missing',
    implementation: 'cdk-l1',
    description: 'the node role misses its first managed policy',
    ci: true,
    edits: [
      {
        file: L1,
        find: 'managedPolicyArns: [...infra.nodeRole.managedPolicyArns],',
        replace: 'managedPolicyArns: infra.nodeRole.managedPolicyArns.slice(1),',
      },
    ],
    expect: [/^fact nodeRole\.managedPolicyArns differs$/],
  },
  {
    id: 'cdk-l1-nodes-before-routes',
    implementation: 'cdk-l1',
    description: 'node groups no longer wait for the NAT routes',
    edits: [
      {
        file: L1,
        find: 'for (const resource of privateEgress) {',
        replace: 'for (const resource of []) {',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.waitsForPrivateEgress differs$`)],
  },
  {
    id: 'cdk-l1-coredns-unordered',
    implementation: 'cdk-l1',
    description: 'coredns no longer waits for the node groups',
    edits: [
      {
        file: L1,
        find: "if (addon.order !== 'after-node-groups') continue;",
        replace: 'continue;',
      },
    ],
    expect: [/^fact addon\[coredns\]\.order differs$/],
  },
  {
    id: 'cdk-l1-stray-topic',
    implementation: 'cdk-l1',
    description: 'an SNS topic the spec never asked for',
    edits: [
      {
        file: L1,
        find: 'const infra = resolveTarget(spec);',
        replace:
          "const infra = resolveTarget(spec);\n    new CfnResource(this, 'Stray', { type: 'AWS::SNS::Topic' });",
      },
    ],
    expect: [/^unaccounted AWS::SNS::Topic$/],
  },
  {
    id: 'cdk-l1-key-retained',
    implementation: 'cdk-l1',
    description: 'DeletionPolicy Retain on the key whatever the spec says',
    edits: [
      {
        file: L1,
        find: 'setDeletionPolicy(key, infra.kmsKey.onDelete);',
        replace: "setDeletionPolicy(key, 'retain');",
      },
    ],
    expect: [/^fact kmsKey\.onDelete differs$/],
  },
  {
    id: 'cdk-l1-unknown-property',
    implementation: 'cdk-l1',
    description: 'a property EKS does not have (a typo an escape hatch lets through)',
    edits: [
      {
        file: L1,
        find: "cluster.addResourceDependency(logGroup, 'EKS must find the log group we created, with its retention');",
        replace:
          "cluster.addResourceDependency(logGroup, 'EKS must find the log group we created, with its retention');\n    cluster.addPropertyOverride('ResourcesVpcConfig.EndpointPrivateAcess', true);",
      },
    ],
    expect: [/^rejected F3002$/],
  },
  {
    id: 'cdk-l1-deprecated-runtime',
    implementation: 'cdk-l1',
    description: 'the custom resource on a Lambda runtime AWS no longer accepts',
    edits: [{ file: L1, find: "runtime: 'python3.13',", replace: "runtime: 'python2.7'," }],
    expect: [/^rejected E2533$/],
  },
  {
    id: 'cdk-l1-log-group-after-cluster',
    implementation: 'cdk-l1',
    description: 'the cluster no longer waits for its log group (EKS creates it first, without retention)',
    edits: [
      {
        file: L1,
        find: "cluster.addResourceDependency(logGroup, 'EKS must find the log group we created, with its retention');",
        replace: '',
      },
    ],
    expect: [/^fact logGroup\.createdBeforeCluster differs$/],
  },

  // ---- CloudFormation ---------------------------------------------------------------------
  {
    id: 'cloudformation-private-subnet-public-ip',
    implementation: 'cloudformation',
    description: 'the first private subnet maps public IPs on launch',
    ci: true,
    edits: [
      {
        file: CFN_NETWORK,
        find: '      CidrBlock: !Select [0, !Ref PrivateSubnetCidrs]\n',
        replace: '      CidrBlock: !Select [0, !Ref PrivateSubnetCidrs]\n      MapPublicIpOnLaunch: true\n',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1a\]\.mapPublicIpOnLaunch differs$/],
  },
  {
    id: 'cloudformation-key-rotation-off',
    implementation: 'cloudformation',
    description: 'key rotation hard-coded off instead of the parameter',
    edits: [
      { file: CFN_CLUSTER, find: 'EnableKeyRotation: !Ref KeyRotation', replace: 'EnableKeyRotation: false' },
    ],
    expect: [/^fact kmsKey\.enableKeyRotation differs$/],
  },
  {
    id: 'cloudformation-hop-limit',
    implementation: 'cloudformation',
    description: 'IMDS hop limit 1 in the first node group slot',
    edits: [
      {
        file: CFN_CLUSTER,
        find: 'HttpPutResponseHopLimit: 2 # pods',
        replace: 'HttpPutResponseHopLimit: 1 # pods',
      },
    ],
    expect: [/^fact nodeGroup\[system\]\.launchTemplate\.httpPutResponseHopLimit differs$/],
  },
  {
    id: 'cloudformation-second-az-on-first-nat',
    implementation: 'cloudformation',
    description: "the second AZ's private route always to the first NAT gateway",
    edits: [
      {
        file: CFN_NETWORK,
        find: 'NatGatewayId: !If [NatPerAz, !Ref NatGateway2, !Ref NatGateway1]',
        replace: 'NatGatewayId: !Ref NatGateway1',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1b\]\.defaultRoute differs$/],
  },
  {
    id: 'cloudformation-nodes-in-intra',
    implementation: 'cloudformation',
    description: 'the first node group slot in the control-plane (intra) subnets',
    edits: [
      {
        file: CFN_CLUSTER,
        find: '      Subnets: !Split [",", !ImportValue { "Fn::Sub": "${NetworkStackName}-PrivateSubnetIds" }]',
        replace:
          '      Subnets: !Split [",", !ImportValue { "Fn::Sub": "${NetworkStackName}-ControlPlaneSubnetIds" }]',
      },
    ],
    // Intra subnets have no default route, so the group also stops waiting for one.
    expect: [
      /^fact nodeGroup\[system\]\.subnets differs$/,
      /^fact nodeGroup\[system\]\.waitsForPrivateEgress differs$/,
    ],
  },
  {
    id: 'cloudformation-coredns-unordered',
    implementation: 'cloudformation',
    description: 'coredns no longer waits for a node group',
    edits: [
      {
        file: CFN_CLUSTER,
        find: '    DependsOn: NodeGroup1\n    Properties:\n      ClusterName: !Ref Cluster\n      AddonName: coredns',
        replace: '    Properties:\n      ClusterName: !Ref Cluster\n      AddonName: coredns',
      },
    ],
    expect: [/^fact addon\[coredns\]\.order differs$/],
  },
  {
    id: 'cloudformation-stray-bucket',
    implementation: 'cloudformation',
    description: 'an S3 bucket the spec never asked for',
    edits: [
      {
        file: CFN_CLUSTER,
        find: '\nResources:\n',
        replace: '\nResources:\n  Stray:\n    Type: AWS::S3::Bucket\n\n',
      },
    ],
    expect: [/^unaccounted AWS::S3::Bucket$/],
  },
  {
    id: 'cloudformation-unknown-property',
    implementation: 'cloudformation',
    description: 'a misspelt cluster property',
    ci: true,
    edits: [
      {
        file: CFN_CLUSTER,
        find: '      BootstrapSelfManagedAddons: false # the managed add-ons below replace them\n',
        replace:
          '      BootstrapSelfManagedAddons: false # the managed add-ons below replace them\n      BootstrapSelfManagedAddon: false\n',
      },
    ],
    expect: [/^rejected F3002$/],
  },
  {
    id: 'cloudformation-retention-not-allowed',
    implementation: 'cloudformation',
    description: 'a log retention CloudWatch does not offer (45 days)',
    edits: [
      {
        file: CFN_CLUSTER,
        find: 'RetentionInDays: !Ref LogRetentionDays',
        replace: 'RetentionInDays: 45',
      },
    ],
    expect: [/^fact logGroup\.retentionDays differs$/, /^rejected aws\.logs\.log-group\.retention$/],
  },
  {
    id: 'cloudformation-scheduler-logs-dropped',
    implementation: 'cloudformation',
    description: 'scheduler logs never enabled',
    edits: [
      {
        file: CFN_CLUSTER,
        find: '            - !If [SchedulerLogsOn, { Type: scheduler }, !Ref AWS::NoValue]\n',
        replace: '',
      },
    ],
    expect: [/^fact cluster\.logging differs$/],
  },
  {
    id: 'cloudformation-cni-policy-missing',
    implementation: 'cloudformation',
    description: 'the node role misses AmazonEKS_CNI_Policy',
    edits: [
      {
        file: CFN_CLUSTER,
        find: '        - !Sub "arn:${AWS::Partition}:iam::aws:policy/AmazonEKS_CNI_Policy"\n',
        replace: '',
      },
    ],
    expect: [/^fact nodeRole\.managedPolicyArns differs$/],
  },

  // ---- Terraform HCL ----------------------------------------------------------------------
  {
    id: 'infra-terraform-private-subnet-public-ip',
    implementation: 'infra-terraform',
    description: 'the first private subnet maps public IPs on launch',
    ci: true,
    edits: [
      {
        file: TF_NETWORK,
        find: 'map_public_ip_on_launch = each.value.tier == "public"',
        replace:
          'map_public_ip_on_launch = each.value.tier == "public" || each.key == "private-${var.availability_zones[0]}"',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1a\]\.mapPublicIpOnLaunch differs$/],
  },
  {
    id: 'infra-terraform-desired-size-reverted',
    implementation: 'infra-terraform',
    description: 'ignore_changes on desired_size removed: every apply undoes the autoscaler',
    edits: [
      {
        file: TF_EKS,
        find: '    ignore_changes = [scaling_config[0].desired_size]\n',
        replace: '',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.desiredSizeDrift differs$`)],
  },
  {
    id: 'infra-terraform-node-group-destroy-first',
    implementation: 'infra-terraform',
    description: 'create_before_destroy removed from the node groups',
    ci: true,
    edits: [
      {
        file: TF_EKS,
        find: '  lifecycle {\n    create_before_destroy = true\n    # The cluster autoscaler',
        replace: '  lifecycle {\n    # The cluster autoscaler',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.replacement differs$`)],
  },
  {
    id: 'infra-terraform-launch-template-prefix-too-long',
    implementation: 'infra-terraform',
    description: 'a launch template name_prefix past the provider limit of 99 characters',
    edits: [
      {
        file: TF_EKS,
        find: 'name_prefix = "${substr("${var.cluster.name}-${each.key}", 0, 98)}-"',
        replace: 'name_prefix = "${join("-", [for i in range(7) : var.cluster.name])}-${each.key}-"',
      },
    ],
    expect: [/^rejected terraform\.aws_launch_template\.name_prefix$/],
  },
  {
    id: 'infra-terraform-nodes-before-endpoints',
    implementation: 'infra-terraform',
    description: 'without NAT, node groups no longer wait for the VPC endpoints',
    target: withoutNat,
    edits: [
      {
        file: TF_NETWORK.replace('main.tf', 'outputs.tf'),
        find: ', aws_vpc_endpoint.s3, aws_vpc_endpoint.interface]',
        replace: ']',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.waitsForPrivateEgress differs$`)],
  },
  {
    id: 'pulumi-nodes-before-endpoints',
    implementation: 'pulumi',
    description: 'without NAT, node groups no longer wait for the VPC endpoints',
    target: withoutNat,
    edits: [{ file: PULUMI_NETWORK, find: '        this.privateEgress.push(resource);\n', replace: '' }],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.waitsForPrivateEgress differs$`)],
  },
  {
    id: 'infra-terraform-owner-tag-dropped',
    implementation: 'infra-terraform',
    description: "the provider's default tags drop the owner tag",
    edits: [
      {
        file: 'providers.tf',
        find: 'tags = var.tags',
        replace: 'tags = { for key, value in var.tags : key => value if key != "owner" }',
      },
    ],
    expect: [/^fact \S+\.(tags|eipTags) differs$/],
  },
  {
    id: 'infra-terraform-stray-topic',
    implementation: 'infra-terraform',
    description: 'an SNS topic the spec never asked for',
    edits: [
      {
        file: TF_EKS,
        find: 'data "aws_partition" "current" {}\n',
        replace: 'data "aws_partition" "current" {}\n\nresource "aws_sns_topic" "stray" {}\n',
      },
    ],
    expect: [/^unaccounted aws_sns_topic$/],
  },
  {
    id: 'infra-terraform-ssh-open',
    implementation: 'infra-terraform',
    description: 'a security group open to the world on port 22',
    edits: [
      {
        file: TF_NETWORK,
        find: 'resource "aws_internet_gateway" "this" {',
        replace: `resource "aws_security_group" "ssh" {
  vpc_id = aws_vpc.this.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_internet_gateway" "this" {`,
      },
    ],
    expect: [/^unaccounted aws_security_group$/],
  },
  {
    id: 'infra-terraform-one-nat-for-all',
    implementation: 'infra-terraform',
    description: 'every private route to the first AZ’s NAT gateway',
    edits: [
      {
        file: TF_NETWORK,
        find: 'nat_gateway_id         = aws_nat_gateway.this[each.value].id',
        replace: 'nat_gateway_id         = aws_nat_gateway.this[var.availability_zones[0]].id',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1[bc]\]\.defaultRoute differs$/],
  },
  {
    id: 'infra-terraform-taint-effect',
    implementation: 'infra-terraform',
    description: 'every taint NO_EXECUTE whatever the spec says',
    edits: [{ file: TF_EKS, find: 'effect = taint.value.effect', replace: 'effect = "NO_EXECUTE"' }],
    expect: [/^fact nodeGroup\[system\]\.taints differs$/],
  },
  {
    id: 'infra-terraform-launch-template-untagged',
    implementation: 'infra-terraform',
    description: 'the launch templates never tag what they launch',
    edits: [
      {
        file: TF_EKS,
        find: 'for_each = length(var.tags) > 0 ? toset(each.value.propagate_tags_to) : toset([])',
        replace: 'for_each = toset([])',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.launchTemplate\\.tagSpecifications differs$`)],
  },
  {
    id: 'infra-terraform-log-group-after-cluster',
    implementation: 'infra-terraform',
    description: 'the cluster no longer waits for its log group',
    edits: [{ file: TF_EKS, find: '    aws_cloudwatch_log_group.this,\n', replace: '' }],
    expect: [/^fact logGroup\.createdBeforeCluster differs$/],
  },
  {
    id: 'infra-terraform-default-sg-open',
    implementation: 'infra-terraform',
    description: 'the default security group never adopted',
    edits: [
      {
        file: TF_NETWORK,
        find: 'count = var.restrict_default_security_group ? 1 : 0',
        replace: 'count = 0',
      },
    ],
    expect: [/^fact vpc\.restrictDefaultSecurityGroup differs$/],
  },

  // ---- CDK for Terraform ------------------------------------------------------------------
  {
    id: 'cdktf-node-group-destroy-first',
    implementation: 'cdktf',
    description: 'create_before_destroy off on the node groups',
    ci: true,
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'createBeforeDestroy: true,\n          ignoreChanges',
        replace: 'createBeforeDestroy: false,\n          ignoreChanges',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.replacement differs$`)],
  },
  {
    id: 'cdktf-nodes-before-routes',
    implementation: 'cdktf',
    description: 'node groups no longer wait for the NAT routes',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],',
        replace: 'dependsOn: [...nodeAttachments, ...beforeNodes],',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.waitsForPrivateEgress differs$`)],
  },
  {
    id: 'cdktf-disk-size',
    implementation: 'cdktf',
    description: 'node volumes hard-coded to 20 GiB',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'volumeSize: group.launchTemplate.volume.sizeGiB,',
        replace: 'volumeSize: 20,',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.launchTemplate\\.volume differs$`)],
  },
  {
    id: 'cdktf-instance-types',
    implementation: 'cdktf',
    description: 'instance types hard-coded',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'instanceTypes: [...group.instanceTypes],',
        replace: "instanceTypes: ['t3.medium'],",
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.instanceTypes differs$`)],
  },
  {
    id: 'cdktf-launch-template-prefix-too-long',
    implementation: 'cdktf',
    description: 'a launch template name_prefix past the provider limit of 99 characters',
    ci: true,
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'namePrefix: `${`${c.name}-${group.name}`.slice(0, 98)}-`,',
        replace: 'namePrefix: `${c.name.repeat(7)}-${group.name}-`,',
      },
    ],
    expect: [/^rejected terraform\.aws_launch_template\.name_prefix$/],
  },
  {
    id: 'cdktf-stray-queue',
    implementation: 'cdktf',
    description: 'an SQS queue the spec never asked for',
    edits: [
      {
        file: CDKTF_NETWORK,
        find: "import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';",
        replace:
          "import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';\nimport { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';",
      },
      {
        file: CDKTF_NETWORK,
        find: 'const name = infra.name;',
        replace: "const name = infra.name;\n    new SqsQueue(this, 'stray', {});",
      },
    ],
    expect: [/^unaccounted aws_sqs_queue$/],
  },
  {
    id: 'cdktf-view-policy',
    implementation: 'cdktf',
    description: 'access entries get the view policy instead of the one the spec names',
    edits: [
      {
        file: CDKTF_CLUSTER,
        find: 'policyArn: `arn:${partition}:eks::aws:cluster-access-policy/${policy.policy}`,',
        replace: 'policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy`,',
      },
    ],
    expect: [/^fact accessEntry\[[^\]]+\]\.policies differs$/],
  },

  // ---- Pulumi -----------------------------------------------------------------------------
  {
    id: 'pulumi-node-group-delete-first',
    implementation: 'pulumi',
    description: 'deleteBeforeReplace on the node groups',
    ci: true,
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: 'dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],\n          // The cluster autoscaler',
        replace:
          'dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],\n          deleteBeforeReplace: true,\n          // The cluster autoscaler',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.replacement differs$`)],
  },
  {
    id: 'pulumi-desired-size-reverted',
    implementation: 'pulumi',
    description: 'ignoreChanges on the desired size removed',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: "ignoreChanges: group.desiredSizeDrift === 'keep' ? ['scalingConfig.desiredSize'] : [],",
        replace: 'ignoreChanges: [],',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.desiredSizeDrift differs$`)],
  },
  {
    id: 'pulumi-log-group-retained',
    implementation: 'pulumi',
    description: 'retainOnDelete on the log group whatever the spec says',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: "retainOnDelete: infra.logGroup.onDelete === 'retain'",
        replace: 'retainOnDelete: true',
      },
    ],
    expect: [/^fact logGroup\.onDelete differs$/],
  },
  {
    id: 'pulumi-default-sg-open',
    implementation: 'pulumi',
    description: 'the default security group adopted with SSH open to the world',
    ci: true,
    edits: [
      {
        file: PULUMI_NETWORK,
        find: 'ingress: [], egress: [],',
        replace:
          "ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] }], egress: [],",
      },
    ],
    expect: [/^fact vpc\.restrictDefaultSecurityGroup differs$/],
  },
  {
    id: 'pulumi-stray-bucket',
    implementation: 'pulumi',
    description: 'an S3 bucket the spec never asked for',
    edits: [
      {
        file: PULUMI_NETWORK,
        find: "import * as pulumi from '@pulumi/pulumi';",
        replace: "import * as pulumi from '@pulumi/pulumi';\nimport * as s3 from '@pulumi/aws/s3/index.js';",
      },
      {
        file: PULUMI_NETWORK,
        find: 'const child = { parent: this };',
        replace: "const child = { parent: this };\n    new s3.Bucket('stray', {}, child);",
      },
    ],
    expect: [/^unaccounted aws:s3\/\w+:\w+$/],
  },
  {
    id: 'pulumi-private-endpoint-off',
    implementation: 'pulumi',
    description: 'the private API endpoint hard-coded off',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: 'endpointPrivateAccess: c.endpointPrivateAccess,',
        replace: 'endpointPrivateAccess: false,',
      },
    ],
    expect: [/^fact cluster\.endpointPrivateAccess differs$/],
  },
  {
    id: 'pulumi-extra-label',
    implementation: 'pulumi',
    description: 'a label the spec never asked for on every node group',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: 'labels: { ...group.labels },',
        replace: "labels: { ...group.labels, extra: 'yes' },",
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.labels differs$`)],
  },
  {
    id: 'pulumi-nat-routes-to-igw',
    implementation: 'pulumi',
    description: 'private default routes to the internet gateway (the private tier becomes public)',
    edits: [
      {
        file: PULUMI_NETWORK,
        find: 'natGatewayId: natIds.get(subnet.defaultRoute.availabilityZone)!,',
        replace: 'gatewayId: igw.id,',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1[abc]\]\.defaultRoute differs$/],
  },
  ...WORKLOAD_MUTANTS,
];

/** The mutants a run plants: every one with MUTANTS=all, else the `ci` subset. */
export function selectedMutants(selection: string | undefined = process.env.MUTANTS): readonly Mutant[] {
  if (selection === 'all') return MUTANTS;
  if (selection) {
    const ids = new Set(selection.split(','));
    const unknown = [...ids].filter((id) => !MUTANTS.some((mutant) => mutant.id === id));
    if (unknown.length) throw new Error(`MUTANTS names no mutant ${unknown.join(', ')}`);
    return MUTANTS.filter((mutant) => ids.has(mutant.id));
  }
  return MUTANTS.filter((mutant) => mutant.ci);
}

/** Lines of `findings` no pattern explains, and patterns no line matches: both empty when the mutant is caught exactly. */
export function judgeMutant(
  mutant: Mutant,
  findings: readonly string[],
): { unexplained: string[]; unmatched: RegExp[] } {
  return {
    unexplained: findings.filter((line) => !mutant.expect.some((pattern) => pattern.test(line))),
    unmatched: mutant.expect.filter((pattern) => !findings.some((line) => pattern.test(line))),
  };
}
