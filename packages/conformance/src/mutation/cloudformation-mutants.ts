/** Mutants of the hand-written CloudFormation templates (the catalogue's rules are in mutants.ts). */
import type { Mutant } from './mutant.js';

const CFN_NETWORK = 'templates/network.yaml';
const CFN_CLUSTER = 'templates/cluster.yaml';

export const CLOUDFORMATION_MUTANTS: readonly Mutant[] = [
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
];
