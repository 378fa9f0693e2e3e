/**
 * The corpus: every plan scenario of issues 18, 20 and 21 and the eight before them, each one edit
 * of the default target (packages/spec/target.json) planned in all six implementations. For every
 * tool, every changed core resource is met by an expectation (action, failure, order) with its
 * source (sources.ts); the test fails on any change no expectation accounts for.
 */
import {
  ALL_TOOLS,
  CLOUDFORMATION_FAMILY,
  type Expectation,
  KUBERNETES_TOOLS,
  type Scenario,
  type Selector,
  TERRAFORM_FAMILY,
  type Tool,
} from './model.js';
import { SOURCE } from './sources.js';

const ALL = ALL_TOOLS;
const CFN = CLOUDFORMATION_FAMILY;
const TF = TERRAFORM_FAMILY;
const PULUMI: readonly Tool[] = ['pulumi'];
const NOT_CFN: readonly Tool[] = [...TF, 'pulumi'];
const CDK_L2: readonly Tool[] = ['cdk-l2'];
const L1_AND_RAW: readonly Tool[] = ['cdk-l1', 'cloudformation'];
const RAW: readonly Tool[] = ['cloudformation'];
const SINGLE_STACK: readonly Tool[] = ['cdk-l2', 'cdk-l1'];
const K8S_NOT_CDK: readonly Tool[] = [...TF, 'pulumi'];

const kind = (name: string): Selector => ({ kind: name });
const CDK_MANIFESTS: Selector = { type: /^Custom::AWSCDK-EKS-/ };
const WORKLOADS: Selector = { type: /^(kubernetes|helm_release)/ };

function expect(
  tools: readonly Tool[],
  match: Selector,
  action: Expectation['action'],
  source: string,
  extra: Partial<Omit<Expectation, 'tools' | 'match' | 'action' | 'source'>> = {},
): Expectation {
  return { tools, match, action, source, fails: false, ...extra };
}

/** The Terraform and CDKTF name of a CloudFormation property's rule, for the citation. */
const nodeGroupReplaced = (property: string, argument: string): Expectation[] => [
  expect(CFN, kind('eks-node-group'), 'replace', SOURCE.cfnSpec('AWS::EKS::Nodegroup', property, true), {
    order: 'create-first',
  }),
  expect(
    TF,
    kind('eks-node-group'),
    'replace',
    `${SOURCE.tfEks(`aws_eks_node_group.${argument}`, true)}; lifecycle.create_before_destroy`,
    {
      order: 'create-first',
    },
  ),
  expect(
    PULUMI,
    kind('eks-node-group'),
    'replace',
    `${SOURCE.pulumiBridge}; the group has a name prefix, so no delete-first`,
    {
      order: 'create-first',
    },
  ),
];

const withoutWorkloads = (spec: Record<string, unknown>) => {
  delete spec.workloads;
};

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'no-change',
    title: 'the same target: an empty plan in every tool',
    issues: ['plan scenario 6'],
    expect: [],
  },
  {
    id: 'nat-single-to-per-az',
    title:
      'NAT single → per-az: two Elastic IPs and NAT gateways created, two private default routes repointed in place',
    issues: ['plan scenario 1'],
    before: (spec) => {
      spec.network.natGateways = 'single';
    },
    expect: [
      expect(ALL, kind('eip'), 'create', 'a new logical ID, for_each key or URN in every tool: a create', {
        count: 2,
      }),
      expect(
        ALL,
        kind('nat-gateway'),
        'create',
        'a new logical ID, for_each key or URN in every tool: a create',
        { count: 2 },
      ),
      expect(
        ALL,
        kind('route'),
        'update',
        `${SOURCE.cfnSpec('AWS::EC2::Route', 'NatGatewayId', false)}; ${SOURCE.tfEc2('aws_route.nat_gateway_id', false)}`,
        { count: 2 },
      ),
    ],
  },
  {
    id: 'az-add',
    title:
      'a third availability zone: new subnets and routing; node groups replaced; the cluster cannot take subnets in a new AZ',
    issues: ['plan scenario 2', '21.7', '21.5'],
    before: (spec) => {
      spec.availabilityZones = spec.availabilityZones.slice(0, 2);
    },
    expect: [
      expect(ALL, kind('subnet'), 'create', 'new keys for the new zone', { count: 3 }),
      expect(ALL, kind('eip'), 'create', 'per-az NAT: one more gateway and its Elastic IP', { count: 1 }),
      expect(ALL, kind('nat-gateway'), 'create', 'per-az NAT: one more gateway and its Elastic IP', {
        count: 1,
      }),
      expect(ALL, kind('route-table-association'), 'create', 'one per new subnet', { count: 3 }),
      // aws-cdk-lib's ec2.Vpc gives every subnet its own table, and public subnets a default route each.
      expect(CDK_L2, kind('route-table'), 'create', 'aws-cdk-lib ec2.Vpc: a route table per subnet', {
        count: 3,
      }),
      expect(
        CDK_L2,
        kind('route'),
        'create',
        'aws-cdk-lib ec2.Vpc: public and private default routes per subnet',
        { count: 2 },
      ),
      expect(
        [...L1_AND_RAW, ...NOT_CFN],
        kind('route-table'),
        'create',
        'one private table per zone (public and intra tables are shared)',
        { count: 1 },
      ),
      expect([...L1_AND_RAW, ...NOT_CFN], kind('route'), 'create', "the new private table's default route", {
        count: 1,
      }),
      expect(SINGLE_STACK, kind('eks-cluster'), 'update', `${SOURCE.cfnSubnetsUpdatable}; ${SOURCE.eksAzs}`, {
        fails: /an AZ the cluster was not created with/,
      }),
      expect(
        RAW,
        kind('eks-cluster'),
        'update',
        `${SOURCE.cfnSubnetsUpdatable}; ${SOURCE.eksAzs}; ${SOURCE.cfnImportValue}`,
        {
          fails:
            /an AZ the cluster was not created with[\s\S]*Cannot update export|Cannot update export[\s\S]*an AZ the cluster/,
        },
      ),
      expect(NOT_CFN, kind('eks-cluster'), 'update', `${SOURCE.tfVpcSubnetIds}; ${SOURCE.eksAzs}`, {
        fails: /an AZ the cluster was not created with/,
      }),
      expect(
        SINGLE_STACK,
        kind('eks-node-group'),
        'replace',
        SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Subnets', true),
        { order: 'create-first', count: 2 },
      ),
      expect(
        RAW,
        kind('eks-node-group'),
        'replace',
        `${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Subnets', true)}; ${SOURCE.cfnImportValue}`,
        {
          order: 'create-first',
          count: 2,
          fails: /Cannot update export/,
        },
      ),
      expect(
        TF,
        kind('eks-node-group'),
        'replace',
        `${SOURCE.tfEks('aws_eks_node_group.subnet_ids', true)}; lifecycle.create_before_destroy with node_group_name_prefix`,
        { order: 'create-first', count: 2 },
      ),
      expect(PULUMI, kind('eks-node-group'), 'replace', SOURCE.pulumiBridge, {
        order: 'create-first',
        count: 2,
      }),
    ],
  },
  {
    id: 'az-remove',
    title:
      'one availability zone fewer: its network deleted, node groups replaced, the cluster keeps fewer subnets; raw CloudFormation cannot change its exports',
    issues: ['21.5'],
    after: (spec) => {
      spec.availabilityZones = spec.availabilityZones.slice(0, 2);
    },
    expect: [
      ...['subnet', 'eip', 'nat-gateway', 'route-table', 'route', 'route-table-association'].map((name) =>
        expect([...SINGLE_STACK, ...NOT_CFN], kind(name), 'delete', "the zone's resources leave the program"),
      ),
      expect(RAW, { kind: 'subnet', name: /Intra|Private/ }, 'delete', SOURCE.cfnImportValue, {
        count: 2,
        fails: /exported to stack/,
      }),
      expect(RAW, { kind: 'subnet', name: /Public/ }, 'delete', 'the public subnet is not exported', {
        count: 1,
      }),
      ...['eip', 'nat-gateway', 'route-table', 'route', 'route-table-association'].map((name) =>
        expect(RAW, kind(name), 'delete', "the zone's resources leave the template"),
      ),
      expect(
        [...SINGLE_STACK, ...NOT_CFN],
        kind('eks-cluster'),
        'update',
        `${SOURCE.cfnSubnetsUpdatable}; ${SOURCE.tfVpcSubnetIds}: fewer subnets in the original AZs are accepted`,
      ),
      expect(RAW, kind('eks-cluster'), 'update', SOURCE.cfnImportValue, { fails: /Cannot update export/ }),
      expect(
        [...SINGLE_STACK, ...NOT_CFN],
        kind('eks-node-group'),
        'replace',
        `${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Subnets', true)}; ${SOURCE.tfEks('aws_eks_node_group.subnet_ids', true)}`,
        { order: 'create-first', count: 2 },
      ),
      expect(RAW, kind('eks-node-group'), 'replace', SOURCE.cfnImportValue, {
        order: 'create-first',
        count: 2,
        fails: /Cannot update export/,
      }),
    ],
  },
  {
    id: 'instance-type',
    title: "a node group's instance type: that node group is replaced, new-first, nothing else",
    issues: ['plan scenario 3'],
    before: (spec) => {
      spec.nodeGroups[1]!.instanceTypes = ['m7i.2xlarge'];
    },
    expect: nodeGroupReplaced('InstanceTypes', 'instance_types').map((expectation) => ({
      ...expectation,
      count: 1,
    })),
  },
  {
    id: 'version-skip',
    title: 'Kubernetes 1.35 → 1.37: the cluster update fails in every tool, one minor version at a time',
    issues: ['plan scenario 3b'],
    before: (spec) => {
      spec.cluster.version = '1.35';
    },
    expect: [
      expect(ALL, kind('eks-cluster'), 'update', SOURCE.eksVersion, {
        fails: /one minor version at a time \(1\.36 first\)/,
      }),
    ],
  },
  {
    id: 'version-up',
    title:
      'Kubernetes up one minor version: the cluster is updated in place; the node groups stay where they are',
    issues: ['plan scenario 4', '21 (node groups and the control plane)'],
    before: (spec) => {
      spec.cluster.version = '1.36';
    },
    expect: [
      expect(
        ALL,
        kind('eks-cluster'),
        'update',
        `${SOURCE.cfnSpec('AWS::EKS::Cluster', 'Version', false)}; ${SOURCE.eksVersion}`,
        {
          says: /node groups stay on Kubernetes 1\.36/,
        },
      ),
    ],
  },
  {
    id: 'vpc-cidr',
    title:
      'the VPC CIDR: the network is replaced; NAT gateways replaced new-first on held Elastic IPs fail; the cluster cannot move VPC',
    issues: ['plan scenario 5', '21.6', '21.5', '18.6'],
    before: (spec) => {
      spec.network.cidr = '10.41.0.0/16';
    },
    expect: [
      expect(
        ALL,
        kind('vpc'),
        'replace',
        `${SOURCE.cfnSpec('AWS::EC2::VPC', 'CidrBlock', true)}; Terraform: forced create_before_destroy (${SOURCE.tfForcedCbd})`,
        { order: 'create-first' },
      ),
      ...['subnet', 'route-table', 'route', 'route-table-association'].map((name) =>
        expect(
          [...SINGLE_STACK, ...NOT_CFN],
          kind(name),
          'replace',
          `VpcId/SubnetId/RouteTableId replace (${SOURCE.cfnSpec('AWS::EC2::Subnet', 'VpcId', true)}); a new VPC holds no old CIDR, so no overlap`,
        ),
      ),
      expect(RAW, { kind: 'subnet', name: /Intra|Private/ }, 'replace', SOURCE.cfnImportValue, {
        fails: /exported to stack/,
      }),
      expect(
        RAW,
        { kind: 'subnet', name: /Public/ },
        'replace',
        SOURCE.cfnSpec('AWS::EC2::Subnet', 'VpcId', true),
      ),
      ...['route-table', 'route', 'route-table-association'].map((name) =>
        expect(RAW, kind(name), 'replace', SOURCE.cfnSpec('AWS::EC2::Subnet', 'VpcId', true)),
      ),
      expect(
        ALL,
        kind('nat-gateway'),
        'replace',
        `${SOURCE.ec2NatEip}; ${SOURCE.cfnReplacement}; Terraform: ${SOURCE.tfForcedCbd}`,
        {
          order: 'create-first',
          count: 3,
          fails: /Elastic IP/,
        },
      ),
      expect(
        CFN,
        kind('gateway-attachment'),
        'replace',
        `${SOURCE.cfnSpec('AWS::EC2::VPCGatewayAttachment', 'VpcId', true)}; the VPC ID is exported but no stack imports it`,
      ),
      expect(NOT_CFN, kind('internet-gateway'), 'update', SOURCE.tfEc2('aws_internet_gateway.vpc_id', false)),
      expect(CFN, kind('default-security-group'), 'update', SOURCE.cfnCustomResource),
      expect([...TF, 'pulumi'], kind('default-security-group'), 'replace', SOURCE.tfDefaultSg),
      expect(
        CDK_L2,
        kind('security-group'),
        'replace',
        SOURCE.cfnSpec('AWS::EC2::SecurityGroup', 'VpcId', true),
      ),
      expect(
        ALL,
        kind('eks-cluster'),
        'update',
        `${SOURCE.cfnSubnetsUpdatable}; ${SOURCE.tfVpcSubnetIds}; ${SOURCE.eksVpcMove}`,
        { fails: /another VPC/ },
      ),
      expect(
        [...SINGLE_STACK, ...NOT_CFN],
        kind('eks-node-group'),
        'replace',
        SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Subnets', true),
        { order: 'create-first', count: 2 },
      ),
      expect(RAW, kind('eks-node-group'), 'replace', SOURCE.cfnImportValue, {
        order: 'create-first',
        count: 2,
        fails: /Cannot update export/,
      }),
    ],
  },
  {
    id: 'image',
    title:
      "a new image: the Deployment rolls out; the Job is replaced where the provider says so, and CDK's kubectl apply fails on it",
    issues: ['plan scenario 7', '18.7'],
    before: (spec) => {
      spec.workloads!.app.image = 'ghcr.io/iac-compare/phoenix-demo:1.4.1';
    },
    expect: [
      expect(CDK_L2, { workload: 'Deployment' }, 'update', SOURCE.cdkKubectl, { says: /a rollout/ }),
      expect(CDK_L2, { workload: 'Job' }, 'update', `${SOURCE.cdkKubectl}; ${SOURCE.k8sJobUpdate}`, {
        fails: /cannot change a Job's pod template/,
      }),
      expect(K8S_NOT_CDK, { workload: 'Deployment' }, 'update', SOURCE.tfKubernetesUpdate, {
        says: /rollout/,
      }),
      expect(TF, { workload: 'Job' }, 'replace', SOURCE.tfKubernetesJob, { order: 'delete-first' }),
      expect(
        PULUMI,
        { workload: 'Job' },
        'replace',
        `${SOURCE.pulumiKubernetesDiff}; ${SOURCE.pulumiKubernetesDbr}`,
        { order: 'delete-first' },
      ),
    ],
  },
  {
    id: 'helm-values',
    title: 'Helm values: the release is upgraded in place wherever it is deployed',
    issues: ['plan scenario 8'],
    before: (spec) => {
      spec.workloads!.helmReleases[0]!.values = { ...spec.workloads!.helmReleases[0]!.values, replicas: 1 };
    },
    expect: [
      expect(KUBERNETES_TOOLS, { workload: 'HelmRelease' }, 'update', SOURCE.helmUpgrade, {
        says: /helm upgrade/,
      }),
    ],
  },
  {
    id: 'region',
    title:
      'eu-west-1 → us-east-1: new stacks in CloudFormation (the old ones left), regional resources replaced in Terraform and Pulumi',
    issues: ['20§1'],
    after: (spec) => {
      spec.region = 'us-east-1';
      spec.availabilityZones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    },
    notes: { tools: CFN, says: /stay as they are/, source: SOURCE.cdkEnvironments },
    expect: [
      expect(
        CFN,
        { any: true },
        'create',
        `${SOURCE.cdkEnvironments}: no role has a custom name, so nothing collides in IAM`,
      ),
      // Keys that name the zone are new keys; everything else is replaced by its region.
      expect(NOT_CFN, { kind: 'subnet' }, 'create', 'subnet keys name the zone: new keys', { count: 9 }),
      expect(NOT_CFN, { kind: 'subnet' }, 'delete', "the old zones' keys leave", { count: 9 }),
      ...['eip', 'nat-gateway', 'route-table-association'].flatMap((name) => [
        expect(NOT_CFN, kind(name), 'create', 'keyed by zone: new keys'),
        expect(NOT_CFN, kind(name), 'delete', 'keyed by zone: the old keys leave'),
      ]),
      expect(
        NOT_CFN,
        { kind: 'route-table', name: /private/ },
        'create',
        'keyed by zone: new keys and old keys',
        { count: 3 },
      ),
      expect(
        NOT_CFN,
        { kind: 'route-table', name: /private/ },
        'delete',
        'keyed by zone: new keys and old keys',
        { count: 3 },
      ),
      expect(NOT_CFN, { kind: 'route', name: /nat/ }, 'create', 'keyed by zone: new keys and old keys', {
        count: 3,
      }),
      expect(NOT_CFN, { kind: 'route', name: /nat/ }, 'delete', 'keyed by zone: new keys and old keys', {
        count: 3,
      }),
      ...[
        'vpc',
        'internet-gateway',
        'default-security-group',
        'kms-key',
        'kms-alias',
        'log-group',
        'eks-cluster',
        'eks-addon',
        'eks-access-entry',
        'eks-access-policy-association',
        'launch-template',
        'eks-node-group',
      ].map((name) =>
        expect(
          TF,
          kind(name),
          'replace',
          `${SOURCE.tfRegion}; a new region holds no old name, so fixed names do not collide`,
        ),
      ),
      expect(TF, { kind: 'route-table', name: /intra|public/ }, 'replace', SOURCE.tfRegion, { count: 2 }),
      expect(TF, { kind: 'route', name: /internet/ }, 'replace', SOURCE.tfRegion, { count: 1 }),
      expect(TF, WORKLOADS, 'replace', `${SOURCE.tfRegion}; ${SOURCE.tfStacking}`, {
        fails: /cannot read or plan this object/,
      }),
      ...[
        'vpc',
        'internet-gateway',
        'default-security-group',
        'kms-key',
        'kms-alias',
        'eks-addon',
        'eks-access-entry',
        'eks-access-policy-association',
        'launch-template',
        'eks-node-group',
      ].map((name) => expect(PULUMI, kind(name), 'replace', SOURCE.pulumiRegion, { order: 'create-first' })),
      expect(PULUMI, kind('log-group'), 'replace', `${SOURCE.pulumiRegion}; ${SOURCE.pulumiNameDbr}`, {
        order: 'delete-first',
      }),
      expect(PULUMI, kind('eks-cluster'), 'replace', `${SOURCE.pulumiRegion}; ${SOURCE.pulumiNameDbr}`, {
        order: 'delete-first',
      }),
      expect(PULUMI, { kind: 'route-table', name: /intra|public/ }, 'replace', SOURCE.pulumiRegion, {
        count: 2,
      }),
      expect(PULUMI, { kind: 'route', name: /internet/ }, 'replace', SOURCE.pulumiRegion, { count: 1 }),
      expect(
        PULUMI,
        WORKLOADS,
        'replace',
        `${SOURCE.pulumiKubeconfig}: the engine replaces them, create-first`,
        { order: 'create-first' },
      ),
    ],
  },
  {
    id: 'account',
    title: 'another account: new stacks in CloudFormation, a new deployment in Terraform; Pulumi refuses',
    issues: ['20§1'],
    after: (spec) => {
      spec.account = '444455556666';
      for (const entry of spec.cluster.accessEntries)
        entry.principalArn = entry.principalArn.replace('111122223333', '444455556666');
    },
    notes: {
      tools: [...CFN, ...TF],
      says: /stay as they are|left running and unmanaged/,
      source: `${SOURCE.cdkEnvironments}; ${SOURCE.tfRefreshNotFound}`,
    },
    refused: { tools: PULUMI, says: /pulumi stack init/, source: SOURCE.pulumiAccountRefused },
    expect: [
      expect(CFN, { any: true }, 'create', SOURCE.cdkEnvironments),
      expect(TF, { any: true }, 'create', SOURCE.tfRefreshNotFound),
    ],
  },
  {
    id: 'nat-none',
    title:
      'NAT per-az → none: NAT gateways, Elastic IPs and their routes deleted, endpoints created; no node group replaced through unknown subnet IDs',
    issues: ['20§1'],
    before: withoutWorkloads,
    after: (spec) => {
      withoutWorkloads(spec);
      spec.network.natGateways = 'none';
    },
    expect: [
      expect(ALL, kind('nat-gateway'), 'delete', 'NAT leaves the program', { count: 3 }),
      expect(ALL, kind('eip'), 'delete', 'NAT leaves the program', { count: 3 }),
      expect(ALL, kind('route'), 'delete', 'the private default routes leave with their NAT gateways', {
        count: 3,
      }),
      expect(
        ALL,
        kind('vpc-endpoint'),
        'create',
        'spec: without NAT, private subnets reach AWS through VPC endpoints (schema.ts, natGateways)',
      ),
      expect([...L1_AND_RAW, ...NOT_CFN], kind('security-group'), 'create', "the endpoints' security group", {
        count: 1,
      }),
      expect(NOT_CFN, kind('security-group-ingress'), 'create', 'HTTPS from the VPC to the endpoints', {
        count: 1,
      }),
      expect(
        CDK_L2,
        kind('security-group'),
        'create',
        'aws-cdk-lib ec2.InterfaceVpcEndpoint: a security group per endpoint unless given one (securityGroups, default: a new group)',
        { count: 5 },
      ),
      expect(
        CDK_L2,
        { kind: 'subnet', name: /private/ },
        'update',
        'aws-cdk-lib ec2.Vpc tags a private subnet without egress "Isolated" (aws-cdk:subnet-type); tags update in place',
        { count: 3 },
      ),
    ],
    unsourced:
      "the node groups of infra-terraform: their subnet IDs wait (depends_on in the network module's outputs) for the routes that go; Terraform compares the subnet IDs, which do not change — reasoned from Terraform's plan (values, not dependencies), issue 20§1",
  },
  {
    id: 'private-prefix',
    title:
      'the private subnets /19 → /20: every subnet moves (the CIDR plan packs the tiers), created first over the old ranges, and fails',
    issues: ['18.6', '21.6', '21.5'],
    after: (spec) => {
      spec.network.subnets.private.prefixLength = 20;
    },
    expect: [
      expect(
        [...SINGLE_STACK, ...NOT_CFN],
        kind('subnet'),
        'replace',
        `${SOURCE.cfnSpec('AWS::EC2::Subnet', 'CidrBlock', true)}; ${SOURCE.ec2SubnetConflict}; Terraform: ${SOURCE.tfForcedCbd}`,
        {
          order: 'create-first',
          count: 9,
          fails: /InvalidSubnet\.Conflict/,
        },
      ),
      expect(RAW, kind('subnet'), 'replace', `${SOURCE.ec2SubnetConflict}; ${SOURCE.cfnImportValue}`, {
        order: 'create-first',
        count: 9,
        fails: /InvalidSubnet\.Conflict/,
      }),
      expect(ALL, kind('nat-gateway'), 'replace', SOURCE.ec2NatEip, {
        order: 'create-first',
        count: 3,
        fails: /Elastic IP/,
      }),
      expect(ALL, kind('route'), 'update', SOURCE.cfnSpec('AWS::EC2::Route', 'NatGatewayId', false), {
        count: 3,
      }),
      expect(
        ALL,
        kind('route-table-association'),
        'replace',
        SOURCE.cfnSpec('AWS::EC2::SubnetRouteTableAssociation', 'SubnetId', true),
        { count: 9 },
      ),
      expect([...SINGLE_STACK, ...NOT_CFN], kind('eks-cluster'), 'update', SOURCE.cfnSubnetsUpdatable),
      expect(RAW, kind('eks-cluster'), 'update', SOURCE.cfnImportValue, { fails: /Cannot update export/ }),
      expect(
        [...SINGLE_STACK, ...NOT_CFN],
        kind('eks-node-group'),
        'replace',
        SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Subnets', true),
        { order: 'create-first', count: 2 },
      ),
      expect(RAW, kind('eks-node-group'), 'replace', SOURCE.cfnImportValue, {
        order: 'create-first',
        count: 2,
        fails: /Cannot update export/,
      }),
    ],
  },
  {
    id: 'public-prefix',
    title:
      'the public subnets /24 → /25: public and intra subnets move over their old ranges and fail; NAT gateways on held Elastic IPs fail',
    issues: ['18.6', '21.6'],
    after: (spec) => {
      spec.network.subnets.public.prefixLength = 25;
    },
    expect: [
      expect(
        [...SINGLE_STACK, ...NOT_CFN],
        kind('subnet'),
        'replace',
        `${SOURCE.ec2SubnetConflict}; Terraform: the public subnets hold the NAT gateways, which the node groups wait for (${SOURCE.tfForcedCbd})`,
        {
          order: 'create-first',
          count: 6,
          fails: /InvalidSubnet\.Conflict/,
        },
      ),
      expect(RAW, kind('subnet'), 'replace', `${SOURCE.ec2SubnetConflict}; ${SOURCE.cfnImportValue}`, {
        order: 'create-first',
        count: 6,
        fails: /InvalidSubnet\.Conflict/,
      }),
      expect(ALL, kind('nat-gateway'), 'replace', SOURCE.ec2NatEip, {
        order: 'create-first',
        count: 3,
        fails: /Elastic IP/,
      }),
      expect(ALL, kind('route'), 'update', SOURCE.cfnSpec('AWS::EC2::Route', 'NatGatewayId', false), {
        count: 3,
      }),
      expect(
        ALL,
        kind('route-table-association'),
        'replace',
        SOURCE.cfnSpec('AWS::EC2::SubnetRouteTableAssociation', 'SubnetId', true),
        { count: 6 },
      ),
      expect(
        [...SINGLE_STACK, ...NOT_CFN],
        kind('eks-cluster'),
        'update',
        `the control plane takes the intra subnets: ${SOURCE.cfnSubnetsUpdatable}`,
      ),
      expect(RAW, kind('eks-cluster'), 'update', SOURCE.cfnImportValue, { fails: /Cannot update export/ }),
    ],
  },
  {
    id: 'cluster-rename',
    title:
      'a new cluster name: the cluster and everything that takes its name replaced (CloudFormation succeeds with the new name); Pulumi replaces its Kubernetes provider and every object',
    issues: ['21.1', '21.3', '21.9'],
    after: (spec) => {
      spec.cluster.name = 'iac-compare-renamed';
    },
    expect: [
      expect(ALL, kind('kms-key'), 'update', SOURCE.cfnSpec('AWS::KMS::Key', 'Description', false)),
      expect(CFN, kind('kms-alias'), 'replace', SOURCE.cfnSpec('AWS::KMS::Alias', 'AliasName', true), {
        order: 'create-first',
      }),
      expect(TF, kind('kms-alias'), 'replace', SOURCE.tfDestroyFirst, { order: 'delete-first' }),
      expect(PULUMI, kind('kms-alias'), 'replace', SOURCE.pulumiBridge, { order: 'create-first' }),
      expect(
        [...CFN, ...TF],
        kind('log-group'),
        'replace',
        `${SOURCE.cfnCustomName} — the name changes with the cluster's, so the replacement succeeds`,
        { order: 'create-first' },
      ),
      expect(PULUMI, kind('log-group'), 'replace', SOURCE.pulumiNameDbr, { order: 'delete-first' }),
      expect(
        CFN,
        kind('eks-cluster'),
        'replace',
        `${SOURCE.cfnCustomName}: a new name lets CloudFormation replace it`,
        { order: 'create-first' },
      ),
      expect(
        TF,
        kind('eks-cluster'),
        'replace',
        `${SOURCE.tfEks('aws_eks_cluster.name', true)}; ${SOURCE.tfForcedCbd} — under a new name, so no collision`,
        { order: 'create-first' },
      ),
      expect(
        PULUMI,
        kind('eks-cluster'),
        'replace',
        `${SOURCE.tfEks('aws_eks_cluster.name', true)}; ${SOURCE.pulumiNameDbr}`,
        { order: 'delete-first' },
      ),
      ...['eks-addon', 'eks-access-entry', 'eks-node-group'].map((name) =>
        expect(
          CFN,
          kind(name),
          'replace',
          `ClusterName is the cluster's Ref, which changes with the name: ${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'ClusterName', true)}`,
          { order: 'create-first' },
        ),
      ),
      ...['eks-addon', 'eks-access-entry', 'eks-access-policy-association', 'eks-node-group'].map((name) =>
        expect(
          [...TF, 'pulumi'],
          kind(name),
          'replace',
          SOURCE.tfEks(`${name.replace(/-/g, '_')}.cluster_name`, true),
        ),
      ),
      expect(
        TF,
        kind('iam-role'),
        'replace',
        'terraform-provider-aws internal/service/iam/role.go: name_prefix is ForceNew (the prefix names the cluster)',
        {
          gap: '21.9 (check: ForceNew arguments from the provider schema)',
        },
      ),
      expect(
        TF,
        kind('launch-template'),
        'replace',
        'terraform-provider-aws internal/service/ec2/ec2_launch_template.go: name_prefix is ForceNew',
        {
          gap: '21.9 (check: ForceNew arguments from the provider schema)',
        },
      ),
      expect(
        CDK_L2,
        CDK_MANIFESTS,
        'update',
        `${SOURCE.cfnCustomResource}: ClusterName changes, kubectl applies to the new cluster`,
      ),
      expect(TF, WORKLOADS, 'replace', SOURCE.tfStacking, { fails: /cannot read or plan this object/ }),
      expect(PULUMI, WORKLOADS, 'replace', SOURCE.pulumiKubeconfig, { order: 'create-first' }),
    ],
  },
  {
    id: 'desired-only',
    title:
      "a node group's desired size alone: CloudFormation updates it; Terraform, CDKTF and Pulumi ignore it (ignore_changes)",
    issues: ['21.2'],
    after: (spec) => {
      spec.nodeGroups[0]!.desiredSize = 3;
    },
    expect: [
      expect(
        CFN,
        kind('eks-node-group'),
        'update',
        SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'ScalingConfig', false),
        { count: 1 },
      ),
    ],
  },
  {
    id: 'sizes-up',
    title:
      'node group sizes 2/2/4 → 3/3/6: CloudFormation updates all three; the others send min 3 with the desired 2 from state, which EKS refuses',
    issues: ['21.2'],
    after: (spec) => {
      Object.assign(spec.nodeGroups[0]!, { minSize: 3, desiredSize: 3, maxSize: 6 });
    },
    expect: [
      expect(
        CFN,
        kind('eks-node-group'),
        'update',
        SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'ScalingConfig', false),
        { count: 1 },
      ),
      expect(NOT_CFN, kind('eks-node-group'), 'update', SOURCE.tfNodeGroupScaling, {
        count: 1,
        fails: /Minimum capacity 3 can't be greater than desired size 2/,
      }),
    ],
  },
  {
    id: 'configmap',
    title:
      'ConfigMap data: updated in place by kubectl and Terraform; Pulumi replaces the ConfigMap, delete-first',
    issues: ['21.4'],
    after: (spec) => {
      spec.workloads!.app.env = { ...spec.workloads!.app.env, PHX_HOST: 'phoenix.example.org' };
    },
    expect: [
      expect(CDK_L2, { workload: 'ConfigMap' }, 'update', SOURCE.cdkKubectl),
      expect(TF, { workload: 'ConfigMap' }, 'update', SOURCE.tfKubernetesUpdate),
      expect(
        PULUMI,
        { workload: 'ConfigMap' },
        'replace',
        `${SOURCE.pulumiKubernetesDiff}; ${SOURCE.pulumiKubernetesDbr}`,
        { order: 'delete-first' },
      ),
    ],
  },
  {
    id: 'secret',
    title:
      'Secret values: updated in place by kubectl and Terraform; Pulumi replaces the Secret, delete-first',
    issues: ['21.4'],
    after: (spec) => {
      spec.workloads!.app.secrets = {
        ...spec.workloads!.app.secrets,
        RELEASE_COOKIE: 'another-cookie-value-0123456789abcdef',
      };
    },
    expect: [
      expect(CDK_L2, { workload: 'Secret' }, 'update', SOURCE.cdkKubectl),
      expect(TF, { workload: 'Secret' }, 'update', SOURCE.tfKubernetesUpdate),
      expect(
        PULUMI,
        { workload: 'Secret' },
        'replace',
        `${SOURCE.pulumiKubernetesDiff}; ${SOURCE.pulumiKubernetesDbr}`,
        { order: 'delete-first' },
      ),
    ],
  },
  {
    id: 'job-backoff',
    title:
      "the Job's backoff limit: kubectl and Pulumi update it in place; the Terraform provider marks it ForceNew and replaces the Job",
    issues: ['18.7'],
    after: (spec) => {
      spec.workloads!.app.migration.backoffLimit = 5;
    },
    expect: [
      expect(CDK_L2, { workload: 'Job' }, 'update', `${SOURCE.cdkKubectl}; ${SOURCE.k8sJobUpdate}`),
      expect(TF, { workload: 'Job' }, 'replace', SOURCE.tfKubernetesJob, { order: 'delete-first' }),
      expect(PULUMI, { workload: 'Job' }, 'update', SOURCE.pulumiKubernetesDiff),
    ],
  },
  {
    id: 'job-deadline',
    title: "the Job's active deadline: as the backoff limit (and the Terraform wait's timeouts follow it)",
    issues: ['18.7'],
    after: (spec) => {
      spec.workloads!.app.migration.activeDeadlineSeconds = 900;
    },
    expect: [
      expect(CDK_L2, { workload: 'Job' }, 'update', `${SOURCE.cdkKubectl}; ${SOURCE.k8sJobUpdate}`),
      expect(TF, { workload: 'Job' }, 'replace', SOURCE.tfKubernetesJob, { order: 'delete-first' }),
      expect(PULUMI, { workload: 'Job' }, 'update', SOURCE.pulumiKubernetesDiff),
    ],
  },
  {
    id: 'restrict-sg-off',
    title:
      'restrictDefaultSecurityGroup true → false: CDK L2 puts the default rules back; Terraform and Pulumi leave the group empty; ours do what their handler says',
    issues: ['18.11'],
    after: (spec) => {
      spec.network.restrictDefaultSecurityGroup = false;
    },
    expect: [
      expect(CDK_L2, kind('default-security-group'), 'delete', SOURCE.cdkRestrictSg, {
        says: /puts the default rules back/,
      }),
      expect(L1_AND_RAW, kind('default-security-group'), 'delete', SOURCE.ownRestrictSg, {
        says: /inline handler, on Delete/,
      }),
      expect(NOT_CFN, kind('default-security-group'), 'delete', SOURCE.tfDefaultSg, {
        says: /stays without rules/,
      }),
    ],
  },
  {
    id: 'nodegroup-add',
    title: 'a third node group: its launch template and group created, nothing else',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups.push({ ...structuredClone(spec.nodeGroups[1]!), name: 'batch' });
    },
    expect: [
      expect(ALL, kind('launch-template'), 'create', 'a new logical ID, for_each key or URN: a create', {
        count: 1,
      }),
      expect(ALL, kind('eks-node-group'), 'create', 'a new logical ID, for_each key or URN: a create', {
        count: 1,
      }),
    ],
  },
  {
    id: 'nodegroup-remove',
    title: 'one node group fewer: its launch template and group deleted',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups = spec.nodeGroups.slice(0, 1);
    },
    expect: [
      expect(
        ALL,
        kind('launch-template'),
        'delete',
        'its logical ID, for_each key or URN leaves the program: a delete',
        { count: 1 },
      ),
      expect(
        ALL,
        kind('eks-node-group'),
        'delete',
        'its logical ID, for_each key or URN leaves the program: a delete',
        { count: 1 },
      ),
    ],
  },
  {
    id: 'public-endpoint-off',
    title:
      'the public endpoint off: updated in place; the CloudFormation family fails for dropping PublicAccessCidrs',
    issues: ['21 (PublicAccessCidrs kept once set)', '21.10'],
    after: (spec) => {
      spec.cluster.endpoint.publicAccess = false;
      delete spec.cluster.endpoint.publicAccessCidrs;
    },
    expect: [
      expect(CFN, kind('eks-cluster'), 'update', SOURCE.cfnEndpointKept, {
        fails: /PublicAccessCidrs left out/,
      }),
      expect(
        NOT_CFN,
        kind('eks-cluster'),
        'update',
        `${SOURCE.tfEks('aws_eks_cluster.vpc_config.endpoint_public_access', false)}`,
      ),
      expect(
        NOT_CFN,
        kind('eks-cluster'),
        'update',
        'terraform-provider-aws internal/service/eks/cluster.go: public_access_cidrs is Optional and Computed, so leaving it out shows no change',
        {
          onlyPaths: /endpoint_?[pP]ublic_?[aA]ccess$/,
          gap: '21.10 (check: optional and computed arguments from the provider schema)',
        },
      ),
    ],
  },
  {
    id: 'log-retention',
    title: 'log retention 90 → 30 days: the log group updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.logging.retentionDays = 30;
    },
    expect: [
      expect(
        ALL,
        kind('log-group'),
        'update',
        SOURCE.cfnSpec('AWS::Logs::LogGroup', 'RetentionInDays', false),
        { count: 1 },
      ),
    ],
  },
  {
    id: 'log-types',
    title: 'fewer control-plane log types: the cluster updated in place, the list shown as elements removed',
    issues: ['20§1 (lists as elements)'],
    after: (spec) => {
      spec.cluster.logging.types = ['api', 'audit'];
    },
    expect: [
      expect(ALL, kind('eks-cluster'), 'update', SOURCE.cfnSpec('AWS::EKS::Cluster', 'Logging', false), {
        count: 1,
      }),
    ],
  },
  {
    id: 'tags',
    title: 'a new tag: every tagged resource updated in place, nothing replaced',
    issues: ['21'],
    after: (spec) => {
      spec.tags = { ...spec.tags, costCenter: 'platform' };
    },
    expect: [
      expect(
        ALL,
        { any: true },
        'update',
        'tags update in place in every resource type (CloudFormation specification: Tags, No interruption; provider default_tags)',
      ),
    ],
  },
  {
    id: 'access-entry-add',
    title: 'a second access entry: created (with its policy association where that is a resource of its own)',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.accessEntries.push({
        principalArn: 'arn:aws:iam::111122223333:role/read-only',
        policies: [{ policy: 'AmazonEKSViewPolicy', scope: { type: 'cluster' } }],
      } as never);
    },
    expect: [
      expect(ALL, kind('eks-access-entry'), 'create', 'a new logical ID, for_each key or URN: a create', {
        count: 1,
      }),
      expect(
        NOT_CFN,
        kind('eks-access-policy-association'),
        'create',
        'aws_eks_access_policy_association is its own resource (CloudFormation nests AccessPolicies)',
        { count: 1 },
      ),
    ],
  },
  {
    id: 'addon-remove',
    title: 'one add-on fewer: deleted',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.addons = spec.cluster.addons.filter((addon) => addon.name !== 'eks-pod-identity-agent');
    },
    expect: [
      expect(
        ALL,
        kind('eks-addon'),
        'delete',
        'its logical ID, for_each key or URN leaves the program: a delete',
        { count: 1 },
      ),
    ],
  },
  {
    id: 'labels',
    title: 'a node group label: updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups[1]!.labels = { ...spec.nodeGroups[1]!.labels, team: 'web' };
    },
    expect: [
      expect(
        ALL,
        kind('eks-node-group'),
        'update',
        `${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Labels', false)}; ${SOURCE.tfEks('aws_eks_node_group.labels', false)}`,
        { count: 1 },
      ),
    ],
  },
  {
    id: 'taints',
    title: 'a node group taint: updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups[1]!.taints = [{ key: 'dedicated', value: 'web', effect: 'NO_SCHEDULE' }];
    },
    expect: [
      expect(
        ALL,
        kind('eks-node-group'),
        'update',
        `${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Taints', false)}; ${SOURCE.tfEks('aws_eks_node_group.taint', false)}`,
        { count: 1 },
      ),
    ],
  },
  {
    id: 'capacity-type',
    title: 'ON_DEMAND → SPOT: the node group replaced, new-first',
    issues: ['21'],
    after: (spec) => {
      spec.nodeGroups[0]!.capacityType = 'SPOT';
    },
    expect: nodeGroupReplaced('CapacityType', 'capacity_type').map((expectation) => ({
      ...expectation,
      count: 1,
    })),
  },
  {
    id: 'disk-size',
    title:
      'a node disk size: the launch template gets a new version, and the node group rolls its nodes — in Pulumi too',
    issues: ['21.8'],
    after: (spec) => {
      spec.nodeGroups[0]!.diskSize = 80;
    },
    expect: [
      expect(
        ALL,
        kind('launch-template'),
        'update',
        SOURCE.cfnSpec('AWS::EC2::LaunchTemplate', 'LaunchTemplateData', false),
        { count: 1 },
      ),
      expect(
        ALL,
        kind('eks-node-group'),
        'update',
        `${SOURCE.eksNodeGroupLaunchTemplate}; the group follows the template's latest version (Pulumi: recorded as latestVersion)`,
        {
          count: 1,
          says: /replaces every node/,
        },
      ),
    ],
  },
  {
    id: 'replicas',
    title: 'the Deployment replicas: updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.app.replicas = 4;
    },
    expect: [
      expect(
        KUBERNETES_TOOLS,
        { workload: 'Deployment' },
        'update',
        `${SOURCE.cdkKubectl}; ${SOURCE.tfKubernetesUpdate}; ${SOURCE.pulumiKubernetesDiff}`,
      ),
    ],
  },
  {
    id: 'pdb',
    title:
      'the PodDisruptionBudget: updated in place (policy/v1 has no replacing field in pulumi-kubernetes)',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.app.disruptionBudget.minAvailable = 1;
    },
    expect: [
      expect(
        KUBERNETES_TOOLS,
        { workload: 'PodDisruptionBudget' },
        'update',
        `${SOURCE.pulumiKubernetesDiff} (only policy/v1beta1 PodDisruptionBudget .spec); ${SOURCE.tfKubernetesUpdate}`,
      ),
    ],
  },
  {
    id: 'helm-version',
    title: 'a new chart version: helm upgrade in place',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.helmReleases[0]!.version = '3.13.1';
    },
    expect: [expect(KUBERNETES_TOOLS, { workload: 'HelmRelease' }, 'update', SOURCE.helmUpgrade)],
  },
  {
    id: 'namespace',
    title:
      'another namespace: every namespaced object replaced in Terraform and Pulumi (Pulumi new-first, the names change); CDK applies the manifests anew',
    issues: ['21'],
    after: (spec) => {
      spec.workloads!.namespace = 'phoenix-prod';
    },
    expect: [
      expect(CDK_L2, CDK_MANIFESTS, 'update', `${SOURCE.cfnCustomResource}; ${SOURCE.cdkKubectl}`),
      expect(TF, { type: /^kubernetes_/ }, 'replace', SOURCE.tfKubernetesName, {
        order: 'delete-first',
        count: 8,
      }),
      expect(
        PULUMI,
        { type: /^kubernetes:(core|apps|batch|policy)/ },
        'replace',
        `${SOURCE.pulumiKubernetesDbr}: a new name or namespace is created first`,
        { order: 'create-first', count: 8 },
      ),
    ],
  },
  {
    id: 'kms-window',
    title: 'the key deletion window: the key updated in place',
    issues: ['21'],
    after: (spec) => {
      spec.cluster.secretsEncryption.keyDeletionWindowDays = 14;
    },
    expect: [
      expect(ALL, kind('kms-key'), 'update', SOURCE.cfnSpec('AWS::KMS::Key', 'PendingWindowInDays', false), {
        count: 1,
      }),
    ],
  },
];
