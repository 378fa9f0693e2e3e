/** Mutants of AWS CDK L2 and L1 (the catalogue's rules are in mutants.ts). */
import { type Mutant, NODE_GROUPS } from './mutant.js';

const L2 = 'src/l2/eks-platform.ts';
const L1 = 'src/l1/stack.ts';

export const CDK_MUTANTS: readonly Mutant[] = [
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
];
