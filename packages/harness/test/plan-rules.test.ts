/**
 * The plan's rules on small hand-made inventories, each against the behaviour its source documents:
 * unknowns equal by attribute, ignore_changes, Terraform's forced create_before_destroy,
 * collisions of replacements created first, CloudFormation exports, EKS subnet rules, placement,
 * the Kubernetes providers, lists as elements, one order of entries, machinery apart.
 */
import { describe, expect, it } from 'vitest';
import { DEPENDS_ON_ATTRIBUTE } from '../src/canonical/resource-view.js';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
  type ResourceLifecycle,
} from '../src/model/inventory.js';
import { Unknown, type ValueObject } from '../src/model/value.js';
import { sameValue } from '../src/plan/diff.js';
import { countActions, planImplementation, planInventories } from '../src/plan/plan.js';
import { replacementOrders } from '../src/plan/replacement-order.js';
import { reviveRecorded } from '../src/pulumi/properties.js';

function resource(
  address: string,
  nativeType: string,
  properties: ValueObject,
  extra: Partial<InventoryResource> = {},
): InventoryResource {
  const dialect =
    nativeType.startsWith('AWS::') || nativeType.startsWith('Custom::') ? 'cloudformation' : 'terraform';
  const lifecycle = address.startsWith('urn:pulumi:') ? DEFAULT_LIFECYCLE.pulumi : DEFAULT_LIFECYCLE[dialect];
  return {
    address,
    displayName: address,
    nativeType,
    kind: null,
    dialect,
    role: 'core',
    properties,
    references: [],
    dependsOn: [],
    lifecycle,
    ...extra,
  };
}

function inventory(resources: InventoryResource[]): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    implementation: 'test',
    source: 'terraform',
    resources,
    diagnostics: [],
  };
}

const ref = (address: string, attribute = 'id') => new Unknown('computed', [{ address, attribute }]);
const cbd: ResourceLifecycle = { ...DEFAULT_LIFECYCLE.terraform, replacementOrder: 'create-before-destroy' };

describe('unknowns', () => {
  it('are the same value when they come from the same attribute, whatever they waited for', () => {
    const subnet = new Unknown('computed', [{ address: 'aws_subnet.a', attribute: 'id' }]);
    const waited = new Unknown('computed', [
      { address: 'aws_subnet.a', attribute: 'id' },
      { address: 'aws_route.nat', attribute: DEPENDS_ON_ATTRIBUTE },
    ]);
    expect(sameValue(subnet, waited)).toBe(true);
    expect(sameValue(subnet, ref('aws_subnet.b'))).toBe(false);
    expect(sameValue(ref('aws_subnet.a', 'id'), ref('aws_subnet.a', 'arn'))).toBe(false);
  });

  it('do not cascade from a resource they only waited for', () => {
    const route = (gateway: string) =>
      resource('aws_route.nat', 'aws_route', {
        route_table_id: 'rtb',
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: gateway,
      });
    const group = resource('aws_eks_node_group.a', 'aws_eks_node_group', {
      subnet_ids: [
        new Unknown('computed', [
          { address: 'aws_subnet.a', attribute: 'id' },
          { address: 'aws_route.nat', attribute: DEPENDS_ON_ATTRIBUTE },
        ]),
      ],
    });
    const plan = planInventories(
      inventory([route('nat-a'), group]),
      inventory([
        resource('aws_route.nat', 'aws_route', {
          route_table_id: 'rtb-2',
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: 'nat-a',
        }),
        group,
      ]),
    );
    expect(plan.map((change) => [change.address, change.action])).toEqual([['aws_route.nat', 'replace']]);
  });
});

describe('lists', () => {
  it('a changed list carries the elements added and removed', () => {
    const cluster = (types: string[]) =>
      resource('aws_eks_cluster.this', 'aws_eks_cluster', { enabled_cluster_log_types: types });
    const [change] = planInventories(
      inventory([cluster(['api', 'audit', 'scheduler'])]),
      inventory([cluster(['api', 'authenticator', 'audit'])]),
    );
    expect(change!.changes[0]).toMatchObject({ added: ['authenticator'], removed: ['scheduler'] });
  });
});

describe('ignore_changes', () => {
  const group = (min: number, desired: number, max: number) =>
    resource(
      'aws_eks_node_group.system',
      'aws_eks_node_group',
      { scaling_config: [{ min_size: min, desired_size: desired, max_size: max }] },
      { kind: 'eks-node-group', lifecycle: { ...cbd, ignoreChanges: ['scaling_config[0].desired_size'] } },
    );

  it('a change only to an ignored path plans nothing', () => {
    expect(planInventories(inventory([group(2, 2, 4)]), inventory([group(2, 3, 4)]))).toEqual([]);
  });

  it('a new minimum above the desired size in state fails, as EKS validates the three together', () => {
    const [change] = planInventories(inventory([group(2, 2, 4)]), inventory([group(3, 3, 6)]));
    expect(change!.changes.map((property) => property.path)).toEqual([
      'scaling_config[0].max_size',
      'scaling_config[0].min_size',
    ]);
    expect(change).toMatchObject({ action: 'update', fails: true });
    expect(change!.failure).toContain("Minimum capacity 3 can't be greater than desired size 2");
  });

  it('Pulumi spells the path in camelCase, to the same effect', () => {
    const pulumi = (desired: number) =>
      resource(
        'urn:pulumi:s::p::aws:eks/nodeGroup:NodeGroup::g',
        'aws:eks/nodeGroup:NodeGroup',
        { scaling_config: { min_size: 1, desired_size: desired, max_size: 6 } },
        {
          kind: 'eks-node-group',
          lifecycle: { ...DEFAULT_LIFECYCLE.pulumi, ignoreChanges: ['scalingConfig.desiredSize'] },
        },
      );
    expect(planInventories(inventory([pulumi(2)]), inventory([pulumi(5)]))).toEqual([]);
  });
});

describe("Terraform's forced create_before_destroy", () => {
  const vpc = resource('aws_vpc.this', 'aws_vpc', { cidr_block: '10.0.0.0/16' }, { kind: 'vpc' });
  const subnet = (cidr: string) =>
    resource(
      'aws_subnet.private',
      'aws_subnet',
      { vpc_id: ref('aws_vpc.this'), cidr_block: cidr },
      {
        kind: 'subnet',
        references: [{ path: 'vpc_id', target: 'aws_vpc.this', attribute: 'id' }],
      },
    );
  const cluster = resource(
    'aws_eks_cluster.this',
    'aws_eks_cluster',
    { name: 'demo' },
    { kind: 'eks-cluster' },
  );
  const group = resource(
    'aws_eks_node_group.a',
    'aws_eks_node_group',
    { cluster_name: 'demo', subnet_ids: [ref('aws_subnet.private')] },
    {
      kind: 'eks-node-group',
      lifecycle: cbd,
      references: [
        { path: 'subnet_ids[0]', target: 'aws_subnet.private', attribute: 'id' },
        { path: 'cluster_name', target: 'aws_eks_cluster.this' },
      ],
    },
  );

  it('reaches every dependency of a create_before_destroy resource, and says from where', () => {
    const orders = replacementOrders(inventory([vpc, subnet('10.0.0.0/19'), cluster, group]));
    expect(orders.get('aws_eks_node_group.a')).toMatchObject({
      order: 'create-first',
      why: 'lifecycle.create_before_destroy is set',
    });
    for (const address of ['aws_subnet.private', 'aws_vpc.this', 'aws_eks_cluster.this'])
      expect(orders.get(address), address).toMatchObject({
        order: 'create-first',
        forcedBy: 'aws_eks_node_group.a',
      });
  });

  it('so a subnet whose CIDR changes is created first, overlaps its old self, and fails', () => {
    const plan = planInventories(
      inventory([vpc, subnet('10.0.0.0/19'), cluster, group]),
      inventory([vpc, subnet('10.0.0.0/20'), cluster, group]),
    );
    const changed = plan.find((change) => change.address === 'aws_subnet.private')!;
    expect(changed).toMatchObject({ action: 'replace', replacementOrder: 'create-first', fails: true });
    expect(changed.failure).toContain('InvalidSubnet.Conflict');
    expect(changed.replacementOrderWhy).toContain('Forced Create Before Destroy');
  });

  it('and a fixed name inherited into create-first fails on the name', () => {
    const renamedRole = (role: string) =>
      resource(
        'aws_eks_cluster.this',
        'aws_eks_cluster',
        { name: 'demo', role_arn: role },
        { kind: 'eks-cluster' },
      );
    const plan = planInventories(inventory([renamedRole('a'), group]), inventory([renamedRole('b'), group]));
    const changed = plan.find((change) => change.address === 'aws_eks_cluster.this')!;
    expect(changed).toMatchObject({ action: 'replace', replacementOrder: 'create-first', fails: true });
    expect(changed.failure).toContain('inherited from aws_eks_node_group.a');
  });

  it('without create_before_destroy anywhere, Terraform destroys first', () => {
    const plain = { ...group, lifecycle: DEFAULT_LIFECYCLE.terraform };
    const orders = replacementOrders(inventory([vpc, subnet('10.0.0.0/19'), cluster, plain]));
    expect([...orders.values()].every((order) => order.order === 'delete-first')).toBe(true);
  });
});

describe('collisions of replacements created first', () => {
  const vpc = resource('s/Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }, { kind: 'vpc' });
  const eip = resource('s/Eip', 'AWS::EC2::EIP', { Domain: 'vpc' }, { kind: 'eip' });
  const subnet = (address: string, cidr: string) =>
    resource(
      address,
      'AWS::EC2::Subnet',
      { VpcId: ref('s/Vpc', 'Ref'), CidrBlock: cidr },
      { kind: 'subnet' },
    );

  it('a NAT gateway replaced on the Elastic IP the old one holds fails', () => {
    const nat = (subnetAddress: string) =>
      resource(
        's/Nat',
        'AWS::EC2::NatGateway',
        { AllocationId: ref('s/Eip', 'AllocationId'), SubnetId: ref(subnetAddress, 'Ref') },
        { kind: 'nat-gateway' },
      );
    const plan = planInventories(
      inventory([vpc, eip, subnet('s/A', '10.0.0.0/24'), nat('s/A')]),
      inventory([vpc, eip, subnet('s/A', '10.0.0.0/24'), subnet('s/B', '10.0.1.0/24'), nat('s/B')]),
    );
    const changed = plan.find((change) => change.address === 's/Nat')!;
    expect(changed).toMatchObject({ action: 'replace', replacementOrder: 'create-first', fails: true });
    expect(changed.failure).toContain('Elastic IP');
  });

  it('a route replaced into the table that still holds the old one fails with RouteAlreadyExists', () => {
    const table = resource(
      's/Table',
      'AWS::EC2::RouteTable',
      { VpcId: ref('s/Vpc', 'Ref') },
      { kind: 'route-table' },
    );
    const route = (destination: string, prefixList?: string) =>
      resource(
        's/Route',
        'AWS::EC2::Route',
        {
          RouteTableId: ref('s/Table', 'Ref'),
          DestinationCidrBlock: destination,
          ...(prefixList ? { DestinationPrefixListId: prefixList } : {}),
        },
        { kind: 'route' },
      );
    const plan = planInventories(
      inventory([vpc, table, route('0.0.0.0/0')]),
      inventory([vpc, table, route('0.0.0.0/0', 'pl-1')]),
    );
    expect(plan[0]).toMatchObject({ action: 'replace', fails: true });
    expect(plan[0]!.failure).toContain('RouteAlreadyExists');
  });

  it('a subnet created in a range the plan deletes: CloudFormation deletes last, so it fails', () => {
    const plan = planInventories(
      inventory([vpc, subnet('s/A', '10.0.0.0/24')]),
      inventory([vpc, subnet('s/B', '10.0.0.0/24')]),
    );
    expect(plan.find((change) => change.address === 's/B')).toMatchObject({ action: 'create', fails: true });
  });

  it('in Terraform the same move is a race, noted, not a failure', () => {
    const tfVpc = resource('aws_vpc.this', 'aws_vpc', { cidr_block: '10.0.0.0/16' }, { kind: 'vpc' });
    const tfSubnet = (address: string) =>
      resource(
        address,
        'aws_subnet',
        { vpc_id: ref('aws_vpc.this'), cidr_block: '10.0.0.0/24' },
        { kind: 'subnet' },
      );
    const plan = planInventories(
      inventory([tfVpc, tfSubnet('aws_subnet.a')]),
      inventory([tfVpc, tfSubnet('aws_subnet.b')]),
    );
    const created = plan.find((change) => change.address === 'aws_subnet.b')!;
    expect(created.fails).toBeUndefined();
    expect(created.note).toContain('unless Terraform happens to destroy');
  });
});

describe('CloudFormation custom names and exports', () => {
  const cluster = (name: string) =>
    resource('c/Cluster', 'AWS::EKS::Cluster', { Name: name }, { kind: 'eks-cluster' });
  const addon = resource(
    'c/Addon',
    'AWS::EKS::Addon',
    { ClusterName: ref('c/Cluster', 'Ref'), AddonName: 'coredns' },
    { kind: 'eks-addon' },
  );

  it('a new name replaces the cluster (which then succeeds) and every resource that takes the name', () => {
    const plan = planInventories(inventory([cluster('a'), addon]), inventory([cluster('b'), addon]));
    expect(plan.map((change) => [change.address, change.action, change.fails ?? false])).toEqual([
      ['c/Cluster', 'replace', false],
      ['c/Addon', 'replace', false],
    ]);
    expect(plan[1]!.changes[0]).toMatchObject({ path: 'ClusterName', source: 'cascade', replaces: true });
  });

  it('a changed value another stack imports fails on both sides', () => {
    const subnet = (cidr: string) =>
      resource('net/Subnet', 'AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: cidr }, { kind: 'subnet' });
    const group = resource(
      'cl/Group',
      'AWS::EKS::Nodegroup',
      { Subnets: ref('net/Subnet', 'Ref') },
      { kind: 'eks-node-group' },
    );
    const plan = planInventories(
      inventory([subnet('10.0.0.0/24'), group]),
      inventory([subnet('10.0.1.0/24'), group]),
    );
    expect(plan.find((change) => change.address === 'cl/Group')!.failure).toContain('Cannot update export');
    expect(plan.find((change) => change.address === 'net/Subnet')!.failure).toContain('exported to stack cl');
  });
});

describe('EKS subnets', () => {
  const subnet = (address: string, zone: string) =>
    resource(
      address,
      'aws_subnet',
      { vpc_id: 'vpc-1', availability_zone: zone, cidr_block: '10.0.0.0/24' },
      { kind: 'subnet' },
    );
  const cluster = (subnets: string[]) =>
    resource(
      'aws_eks_cluster.this',
      'aws_eks_cluster',
      { name: 'demo', vpc_config: [{ subnet_ids: subnets.map((s) => ref(s)) }] },
      { kind: 'eks-cluster' },
    );

  it('subnets in an AZ the cluster was not created with fail the in-place update', () => {
    const zones = [subnet('aws_subnet.a', 'eu-west-1a'), subnet('aws_subnet.b', 'eu-west-1b')];
    const plan = planInventories(
      inventory([...zones, cluster(['aws_subnet.a', 'aws_subnet.b'])]),
      inventory([
        ...zones,
        subnet('aws_subnet.c', 'eu-west-1c'),
        cluster(['aws_subnet.a', 'aws_subnet.b', 'aws_subnet.c']),
      ]),
    );
    const changed = plan.find((change) => change.kind === 'eks-cluster')!;
    expect(changed).toMatchObject({ action: 'update', fails: true });
    expect(changed.failure).toContain('eu-west-1c');
    expect(changed.changes[0]).toMatchObject({ added: [ref('aws_subnet.c')], removed: [] });
  });

  it('dropping a zone is allowed', () => {
    const zones = [
      subnet('aws_subnet.a', 'eu-west-1a'),
      subnet('aws_subnet.b', 'eu-west-1b'),
      subnet('aws_subnet.c', 'eu-west-1c'),
    ];
    const plan = planInventories(
      inventory([...zones, cluster(['aws_subnet.a', 'aws_subnet.b', 'aws_subnet.c'])]),
      inventory([...zones, cluster(['aws_subnet.a', 'aws_subnet.b'])]),
    );
    expect(plan.find((change) => change.kind === 'eks-cluster')).toMatchObject({ action: 'update' });
    expect(plan.find((change) => change.kind === 'eks-cluster')!.fails).toBeUndefined();
  });
});

describe('placement', () => {
  const eu = { account: '111122223333', region: 'eu-west-1' };
  const us = { account: '111122223333', region: 'us-east-1' };
  const other = { account: '444455556666', region: 'eu-west-1' };

  it('CloudFormation: new stacks, everything created, the old stacks named as left behind; a named role collides', () => {
    const role = resource('s/Role', 'AWS::IAM::Role', { RoleName: 'demo-cluster' }, { kind: 'iam-role' });
    const vpc = resource('s/Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }, { kind: 'vpc' });
    const plan = planImplementation(inventory([vpc, role]), inventory([vpc, role]), {
      placement: { before: eu, after: us },
    });
    expect(plan.placement.kind).toBe('new-deployment');
    expect(plan.changes.map((change) => [change.kind, change.action])).toEqual([
      ['vpc', 'create'],
      ['iam-role', 'create'],
    ]);
    expect(plan.changes[1]!.failure).toContain('IAM is global');
    expect(plan.placement.kind === 'new-deployment' && plan.placement.notes.join(' ')).toContain(
      'stay as they are',
    );
  });

  it('Terraform: regional resources replaced by their region, IAM kept', () => {
    const role = resource('aws_iam_role.cluster', 'aws_iam_role', { name: 'demo' }, { kind: 'iam-role' });
    const vpc = resource('aws_vpc.this', 'aws_vpc', { cidr_block: '10.0.0.0/16' }, { kind: 'vpc' });
    const plan = planImplementation(inventory([vpc, role]), inventory([vpc, role]), {
      placement: { before: eu, after: us },
    });
    expect(plan.changes.map((change) => [change.address, change.action])).toEqual([
      ['aws_vpc.this', 'replace'],
    ]);
    expect(plan.changes[0]!.changes[0]).toMatchObject({
      path: '(region)',
      source: 'placement',
      replaces: true,
    });
  });

  it('Pulumi: an account change is refused, with what to do', () => {
    const vpc = resource(
      'urn:pulumi:s::p::aws:ec2/vpc:Vpc::vpc',
      'aws:ec2/vpc:Vpc',
      { cidr_block: '10.0.0.0/16' },
      { kind: 'vpc' },
    );
    const plan = planImplementation(inventory([vpc]), inventory([vpc]), {
      placement: { before: eu, after: other },
    });
    expect(plan.placement).toMatchObject({ kind: 'refused' });
    expect(plan.placement.kind === 'refused' && plan.placement.detail).toContain('pulumi stack init');
  });
});

describe('Kubernetes providers', () => {
  const job = (fields: Record<string, unknown>, pulumi: boolean) =>
    pulumi
      ? resource('urn:pulumi:s::p::kubernetes:batch/v1:Job::migrate', 'kubernetes:batch/v1:Job', {
          metadata: { name: 'migrate', namespace: 'app' },
          spec: fields,
        } as ValueObject)
      : resource('kubernetes_job_v1.migrate', 'kubernetes_job_v1', {
          metadata: [{ name: 'migrate', namespace: 'app' }],
          spec: [fields],
        } as ValueObject);

  // hashicorp/kubernetes 2.3x: kubernetes_job_v1's spec is ForceNew: false; jobSpecFields(false) marks
  // completions, completion_mode, selector and the pod template's spec ForceNew; Update patches
  // active_deadline_seconds, backoff_limit, manual_selector, parallelism (patchJobV1Spec).
  it('a Job backoff limit and deadline: patched in place by the Terraform provider and by Pulumi', () => {
    for (const [field, from, to] of [
      ['backoff_limit', 3, 5],
      ['active_deadline_seconds', 600, 900],
      ['parallelism', 1, 2],
    ] as const) {
      const [terraform] = planInventories(
        inventory([job({ [field]: from }, false)]),
        inventory([job({ [field]: to }, false)]),
      );
      expect(terraform, field).toMatchObject({ action: 'update' });
      expect(terraform?.changes[0]?.why, field).toMatch(/patched in place/);
    }
    const [pulumi] = planInventories(
      inventory([job({ backoffLimit: 3 }, true)]),
      inventory([job({ backoffLimit: 5 }, true)]),
    );
    expect(pulumi).toMatchObject({ action: 'update' });
  });

  it('a Job pod template spec, completions or selector: the Terraform provider replaces the Job', () => {
    const template = (image: string) => ({
      template: [{ metadata: [{ labels: { app: 'a' } }], spec: [{ container: [{ name: 'm', image }] }] }],
    });
    const [image] = planInventories(
      inventory([job(template('a'), false)]),
      inventory([job(template('b'), false)]),
    );
    expect(image).toMatchObject({ action: 'replace', replacementOrder: 'delete-first' });
    const [completions] = planInventories(
      inventory([job({ completions: 1 }, false)]),
      inventory([job({ completions: 2 }, false)]),
    );
    expect(completions).toMatchObject({ action: 'replace' });
  });

  it("a Job's pod template labels and ttl: planned updates the Terraform provider never sends", () => {
    const labels = (app: string) => ({
      template: [{ metadata: [{ labels: { app } }], spec: [{ container: [{ name: 'm', image: 'a' }] }] }],
    });
    for (const [before, after] of [
      [labels('a'), labels('b')],
      [{ ttl_seconds_after_finished: '60' }, { ttl_seconds_after_finished: '120' }],
    ] as const) {
      const [change] = planInventories(inventory([job(before, false)]), inventory([job(after, false)]));
      expect(change).toMatchObject({ action: 'update' });
      expect(change?.changes[0]?.why).toMatch(/never applies/);
    }
  });

  it("CDK's kubectl apply: a Job's backoff limit updates; its completions fail (immutable in the API)", () => {
    const manifest = (spec: Record<string, unknown>) =>
      resource('Cluster/Migrate', 'Custom::AWSCDK-EKS-KubernetesResource', {
        Manifest: JSON.stringify([
          { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'app' }, spec },
        ]),
      });
    const template = { spec: { containers: [{ name: 'm', image: 'a' }] } };
    const [backoff] = planInventories(
      inventory([manifest({ backoffLimit: 3, template })]),
      inventory([manifest({ backoffLimit: 5, template })]),
    );
    expect(backoff).toMatchObject({ action: 'update' });
    expect(backoff?.fails).toBeUndefined();
    const [completions] = planInventories(
      inventory([manifest({ completions: 1, template })]),
      inventory([manifest({ completions: 2, template })]),
    );
    expect(completions).toMatchObject({ action: 'update', fails: true });
    expect(completions?.failure).toMatch(/spec\.completions \(immutable\)/);
  });

  it('a Job template: replaced by both, and Pulumi deletes a fixed-name Job first', () => {
    const [pulumi] = planInventories(
      inventory([job({ template: { image: 'a' } }, true)]),
      inventory([job({ template: { image: 'b' } }, true)]),
    );
    expect(pulumi).toMatchObject({ action: 'replace', replacementOrder: 'delete-first' });
  });

  it("Pulumi replaces a ConfigMap's data change, unless its provider makes ConfigMaps mutable", () => {
    const map = (value: string) =>
      resource('urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::env', 'kubernetes:core/v1:ConfigMap', {
        metadata: { name: 'env' },
        data: { A: value },
      });
    expect(planInventories(inventory([map('1')]), inventory([map('2')]))[0]).toMatchObject({
      action: 'replace',
    });
    const provider = resource(
      'urn:pulumi:s::p::pulumi:providers:kubernetes::k',
      'pulumi:providers:kubernetes',
      { enableConfigMapMutable: true },
      { role: 'overhead' },
    );
    expect(
      planInventories(inventory([provider, map('1')]), inventory([provider, map('2')]))[0],
    ).toMatchObject({ action: 'update' });
    // As the recording keeps it (review 18, R3): a string, in the inventory's snake_case names.
    const recorded = resource(
      'urn:pulumi:s::p::pulumi:providers:kubernetes::k',
      'pulumi:providers:kubernetes',
      { enable_config_map_mutable: 'true' },
      { role: 'overhead' },
    );
    expect(
      planInventories(inventory([recorded, map('1')]), inventory([recorded, map('2')]))[0],
    ).toMatchObject({ action: 'update' });
    const off = resource(
      'urn:pulumi:s::p::pulumi:providers:kubernetes::k',
      'pulumi:providers:kubernetes',
      { enable_config_map_mutable: 'false' },
      { role: 'overhead' },
    );
    expect(planInventories(inventory([off, map('1')]), inventory([off, map('2')]))[0]).toMatchObject({
      action: 'replace',
    });
    // Mutable data, but a new namespace still names another object: replaced.
    const moved = resource(
      'urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::env',
      'kubernetes:core/v1:ConfigMap',
      {
        metadata: { name: 'env', namespace: 'b' },
        data: { A: '2' },
      },
    );
    const [change] = planInventories(
      inventory([
        recorded,
        resource(moved.address, moved.nativeType, {
          metadata: { name: 'env', namespace: 'a' },
          data: { A: '1' },
        }),
      ]),
      inventory([recorded, moved]),
    );
    expect(change).toMatchObject({ action: 'replace' });
    expect(change!.changes.find((property) => property.path.startsWith('data'))).toMatchObject({
      replaces: false,
    });
  });

  it('a replaced cluster replaces the Pulumi Kubernetes provider and every object it manages', () => {
    const cluster = (role: string) =>
      resource(
        'urn:pulumi:s::p::aws:eks/cluster:Cluster::c',
        'aws:eks/cluster:Cluster',
        { name: 'demo', role_arn: role },
        { kind: 'eks-cluster' },
      );
    const provider = resource(
      'urn:pulumi:s::p::pulumi:providers:kubernetes::k',
      'pulumi:providers:kubernetes',
      {
        kubeconfig: new Unknown('computed', [{ address: 'urn:pulumi:s::p::aws:eks/cluster:Cluster::c' }]),
      },
      { role: 'overhead' },
    );
    const namespace = resource(
      'urn:pulumi:s::p::kubernetes:core/v1:Namespace::ns',
      'kubernetes:core/v1:Namespace',
      { metadata: { name: 'app' } },
    );
    const plan = planInventories(
      inventory([cluster('a'), provider, namespace]),
      inventory([cluster('b'), provider, namespace]),
    );
    expect(plan.map((change) => [change.nativeType, change.action, change.replacementOrder])).toEqual([
      ['aws:eks/cluster:Cluster', 'replace', 'delete-first'],
      ['kubernetes:core/v1:Namespace', 'replace', 'create-first'],
      ['pulumi:providers:kubernetes', 'replace', 'create-first'],
    ]);
    expect(countActions(plan)).toEqual({ create: 0, update: 0, replace: 2, delete: 0 });
    expect(countActions(plan, 'overhead')).toEqual({ create: 0, update: 0, replace: 1, delete: 0 });
  });
});

describe('Pulumi unknowns with the attribute they stand for', () => {
  it('an unknown input the recording followed refers to that attribute, in Terraform names', () => {
    const value = reviveRecorded(
      { version: { $unknown: true }, id: { $unknown: true } },
      ['urn:lt'],
      'launchTemplate',
      {
        'launchTemplate.version': [{ urn: 'urn:lt', attribute: 'latestVersion' }],
      },
    );
    expect(value).toEqual({
      version: new Unknown('computed', [{ address: 'urn:lt', attribute: 'latest_version' }]),
      id: new Unknown('computed', [{ address: 'urn:lt' }]),
    });
  });
});
