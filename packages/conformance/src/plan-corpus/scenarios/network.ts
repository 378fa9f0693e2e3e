/** The network: NAT, zones, CIDRs, the default security group, tags. */
import type { Scenario } from '../model.js';
import { SOURCE } from '../sources.js';
import {
  ALL,
  CDK_L2,
  CFN,
  expect,
  kind,
  L1_AND_RAW,
  NOT_CFN,
  PULUMI,
  RAW,
  SINGLE_STACK,
  TF,
  withoutWorkloads,
} from './shared.js';

export const NETWORK_SCENARIOS: readonly Scenario[] = [
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
    id: 'az-remove-first',
    title:
      'the first availability zone removed: a delete where subnets are keyed by zone; CDK L2 and raw CloudFormation, by position, move every later zone into the slot before it and fail',
    issues: ['18 review (R7)', '21.5', '21.6'],
    after: (spec) => {
      spec.availabilityZones = spec.availabilityZones.slice(1);
    },
    expect: [
      // Keyed by zone (L1 logical IDs, for_each keys, URNs): only the zone's own resources go.
      ...['subnet', 'eip', 'nat-gateway', 'route-table', 'route', 'route-table-association'].map((name) =>
        expect(['cdk-l1', ...NOT_CFN], kind(name), 'delete', "the zone's resources leave the program"),
      ),
      expect(
        ['cdk-l1', ...NOT_CFN],
        kind('eks-cluster'),
        'update',
        `${SOURCE.cfnSubnetsUpdatable}; ${SOURCE.tfVpcSubnetIds}: fewer subnets in the original AZs are accepted`,
      ),
      expect(
        ['cdk-l1', ...NOT_CFN],
        kind('eks-node-group'),
        'replace',
        `${SOURCE.cfnSpec('AWS::EKS::Nodegroup', 'Subnets', true)}; ${SOURCE.tfEks('aws_eks_node_group.subnet_ids', true)}`,
        { order: 'create-first', count: 2 },
      ),
      // By position: slots 1 and 2 take the next zone's subnet and CIDR, created first while slots
      // 2 and 3 still hold those CIDRs; slot 3 goes.
      expect(
        CDK_L2,
        { kind: 'subnet', name: /Subnet[12]\/Subnet$/ },
        'replace',
        `${SOURCE.cdkVpcByPosition}; ${SOURCE.cfnSpec('AWS::EC2::Subnet', 'AvailabilityZone', true)}; ${SOURCE.ec2SubnetConflict}`,
        { order: 'create-first', count: 6, fails: /InvalidSubnet\.Conflict/ },
      ),
      expect(CDK_L2, { kind: 'subnet', name: /Subnet3\/Subnet$/ }, 'delete', SOURCE.cdkVpcByPosition, {
        count: 3,
      }),
      expect(
        RAW,
        { kind: 'subnet', name: /(Intra|Private)Subnet[12]$/ },
        'replace',
        `${SOURCE.rawCfnSlots}; ${SOURCE.ec2SubnetConflict}; ${SOURCE.cfnImportValue}`,
        {
          order: 'create-first',
          count: 4,
          fails: /exported to stack[\s\S]*InvalidSubnet\.Conflict/,
        },
      ),
      expect(
        RAW,
        { kind: 'subnet', name: /PublicSubnet[12]$/ },
        'replace',
        `${SOURCE.rawCfnSlots}; ${SOURCE.ec2SubnetConflict}`,
        { order: 'create-first', count: 2, fails: /InvalidSubnet\.Conflict/ },
      ),
      expect(
        RAW,
        { kind: 'subnet', name: /(Intra|Private)Subnet3$/ },
        'delete',
        `${SOURCE.rawCfnSlots}; ${SOURCE.cfnImportValue}`,
        { count: 2, fails: /exported to stack/ },
      ),
      expect(
        RAW,
        { kind: 'subnet', name: /PublicSubnet3$/ },
        'delete',
        'the public subnets are not exported',
        {
          count: 1,
        },
      ),
      expect([...CDK_L2, ...RAW], kind('eip'), 'delete', 'the last slot’s Elastic IP goes', { count: 1 }),
      expect(
        [...CDK_L2, ...RAW],
        kind('nat-gateway'),
        'replace',
        `a NAT gateway follows its slot's public subnet (${SOURCE.cfnSpec('AWS::EC2::NatGateway', 'SubnetId', true)}) onto the Elastic IP it holds: ${SOURCE.ec2NatEip}`,
        { order: 'create-first', count: 2, fails: /Elastic IP/ },
      ),
      expect([...CDK_L2, ...RAW], kind('nat-gateway'), 'delete', 'the last slot’s NAT gateway goes', {
        count: 1,
      }),
      expect(
        CDK_L2,
        kind('route-table'),
        'delete',
        'aws-cdk-lib ec2.Vpc: a route table per subnet; the last slot’s go',
        { count: 3 },
      ),
      expect(RAW, kind('route-table'), 'delete', 'one private table per slot; the last goes', { count: 1 }),
      expect(
        [...CDK_L2, ...RAW],
        kind('route'),
        'update',
        SOURCE.cfnSpec('AWS::EC2::Route', 'NatGatewayId', false),
        { count: 2 },
      ),
      expect(CDK_L2, kind('route'), 'delete', "the last slot's public and private default routes", {
        count: 2,
      }),
      expect(RAW, kind('route'), 'delete', "the last slot's private default route", { count: 1 }),
      expect(
        [...CDK_L2, ...RAW],
        kind('route-table-association'),
        'replace',
        SOURCE.cfnSpec('AWS::EC2::SubnetRouteTableAssociation', 'SubnetId', true),
        { count: 6 },
      ),
      expect([...CDK_L2, ...RAW], kind('route-table-association'), 'delete', "the last slot's associations", {
        count: 3,
      }),
      expect(CDK_L2, kind('eks-cluster'), 'update', SOURCE.cfnSubnetsUpdatable),
      expect(RAW, kind('eks-cluster'), 'update', SOURCE.cfnImportValue, { fails: /Cannot update export/ }),
      expect(
        CDK_L2,
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
    notes: {
      tools: ALL,
      says: /the public subnets move \(10\.40\.96\.0\/24 → 10\.40\.48\.0\/24[\s\S]*network\.subnets\.private changed/,
      source:
        'packages/spec/README.md, "The CIDR plan": unpinned tiers are placed one after another, largest first',
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
    notes: {
      tools: ALL,
      says: /the intra subnets move[\s\S]*network\.subnets\.public changed/,
      source:
        'packages/spec/README.md, "The CIDR plan": unpinned tiers are placed one after another, largest first',
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
];
