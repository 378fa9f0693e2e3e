/**
 * The plan on small hand-made inventories: identity, property diffs, replacement verdicts by
 * dialect (the CloudFormation spec including nested paths, derived for Terraform, the provider
 * table), cascade, notes — and saving and loading baselines, including bad ones.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTarget } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../src/errors.js';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
} from '../src/model/inventory.js';
import { Unknown, type ValueObject } from '../src/model/value.js';
import { loadBaseline, saveBaseline } from '../src/plan/baseline.js';
import { diffValues, formatPath } from '../src/plan/diff.js';
import { planInventories } from '../src/plan/plan.js';
import { verdictFor } from '../src/plan/replacement.js';

function resource(
  address: string,
  nativeType: string,
  properties: ValueObject,
  extra: Partial<InventoryResource> = {},
): InventoryResource {
  const dialect =
    nativeType.startsWith('AWS::') || nativeType.startsWith('Custom::') ? 'cloudformation' : 'terraform';
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
    lifecycle: DEFAULT_LIFECYCLE[dialect],
    ...extra,
  };
}

function inventory(resources: InventoryResource[]): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    implementation: 'test',
    source: 'cloudformation',
    resources,
    diagnostics: [],
  };
}

const ref = (address: string, attribute = 'Ref') => new Unknown('computed', [{ address, attribute }]);

describe('diffValues', () => {
  it('walks objects and same-length lists of objects, and reports other lists whole', () => {
    const changes = diffValues(
      { A: { B: 1, C: [1, 2] }, D: [{ E: 1 }, { E: 2 }], F: ['x'] },
      { A: { B: 2, C: [1, 2, 3] }, D: [{ E: 1 }, { E: 3 }], F: ['x'] },
    ).map((change) => formatPath(change.path));
    expect(changes).toEqual(['A.B', 'A.C', 'D[1].E']);
  });

  it('treats Unknowns from the same references as equal and from different ones as a change', () => {
    expect(diffValues({ Id: ref('s/A') }, { Id: ref('s/A') })).toEqual([]);
    expect(diffValues({ Id: ref('s/A') }, { Id: ref('s/B') }).map((c) => formatPath(c.path))).toEqual(['Id']);
  });
});

describe('replacement verdicts', () => {
  const cluster = resource('s/Cluster', 'AWS::EKS::Cluster', {});
  it('CloudFormation: nested property paths from the specification', () => {
    expect(verdictFor(cluster, ['KubernetesNetworkConfig', 'ServiceIpv4Cidr'], 'a', 'b')).toMatchObject({
      replaces: true,
      source: 'cloudformation-spec',
    });
    // The bundled spec still says replacement; CloudFormation's reference and the EKS guide say update.
    const subnets = verdictFor(cluster, ['ResourcesVpcConfig', 'SubnetIds'], [], ['x']);
    expect(subnets).toMatchObject({ replaces: false, source: 'cloudformation-spec' });
    expect(subnets.why).toContain('No interruption');
    expect(verdictFor(cluster, ['ResourcesVpcConfig', 'EndpointPublicAccess'], true, false)).toMatchObject({
      replaces: false,
    });
    expect(verdictFor(cluster, ['Version'], '1.36', '1.37').replaces).toBe(false);
  });

  it('CloudFormation: a changed block replaces only when the part the spec names differs', () => {
    const withKey = (key: string) => [{ Provider: { KeyArn: key }, Resources: ['secrets'] }];
    expect(verdictFor(cluster, ['EncryptionConfig'], withKey('a'), withKey('b')).replaces).toBe(true);
  });

  it('tags never replace', () => {
    expect(verdictFor(cluster, ['Tags'], [], [{ Key: 'a', Value: 'b' }]).replaces).toBe(false);
  });

  it('Terraform: the provider table, the provider source, else derived from the CloudFormation property', () => {
    const nodeGroup = resource('aws_eks_node_group.a', 'aws_eks_node_group', {});
    expect(verdictFor(nodeGroup, ['instance_types'], ['a'], ['b'])).toMatchObject({
      replaces: true,
      source: 'provider',
    });
    expect(verdictFor(nodeGroup, ['scaling_config', 0, 'desired_size'], 1, 2)).toMatchObject({
      replaces: false,
      source: 'provider',
    });
    const tfCluster = resource('aws_eks_cluster.a', 'aws_eks_cluster', {});
    expect(verdictFor(tfCluster, ['vpc_config', 0, 'subnet_ids'], ['a'], ['b'])).toMatchObject({
      replaces: false,
      source: 'provider',
    });
    expect(verdictFor(tfCluster, ['name'], 'a', 'b')).toMatchObject({ replaces: true, source: 'provider' });
  });

  it('Pulumi types go through the Terraform type they are bridged from', () => {
    const nodeGroup = resource(
      'urn:pulumi:s::p::aws:eks/nodeGroup:NodeGroup::a',
      'aws:eks/nodeGroup:NodeGroup',
      {},
    );
    expect(verdictFor(nodeGroup, ['subnet_ids'], [], ['x'])).toMatchObject({
      replaces: true,
      source: 'provider',
    });
  });

  it('says so when it has no rule', () => {
    const odd = resource('aws_thing.a', 'aws_thing', {});
    expect(verdictFor(odd, ['x'], 1, 2)).toMatchObject({ replaces: false, source: 'unmapped' });
    expect(verdictFor(odd, ['x'], 1, 2).why).toContain('not determined');
  });
});

describe('planInventories', () => {
  const vpc = (cidr: string) => resource('s/Vpc', 'AWS::EC2::VPC', { CidrBlock: cidr });
  const subnet = resource('s/Subnet', 'AWS::EC2::Subnet', { VpcId: ref('s/Vpc'), CidrBlock: '10.0.0.0/24' });
  const table = resource('s/Table', 'AWS::EC2::RouteTable', { VpcId: ref('s/Vpc') });
  const association = resource('s/Assoc', 'AWS::EC2::SubnetRouteTableAssociation', {
    SubnetId: ref('s/Subnet'),
    RouteTableId: ref('s/Table'),
  });

  it('identity is the address: a new address is a create, a missing one a delete', () => {
    const plan = planInventories(
      inventory([vpc('10.0.0.0/16')]),
      inventory([resource('s/Vpc2', 'AWS::EC2::VPC', {})]),
    );
    expect(plan.map((change) => [change.address, change.action])).toEqual([
      ['s/Vpc', 'delete'],
      ['s/Vpc2', 'create'],
    ]);
  });

  it('replacement cascades through the references of whatever uses the replaced resource', () => {
    const plan = planInventories(
      inventory([vpc('10.0.0.0/16'), subnet, table, association]),
      inventory([vpc('10.1.0.0/16'), subnet, table, association]),
    );
    // In one order for every tool: the VPC, subnets, tables, associations (kinds unset: by address).
    expect(plan.map((change) => [change.address, change.action]).sort()).toEqual([
      ['s/Assoc', 'replace'],
      ['s/Subnet', 'replace'],
      ['s/Table', 'replace'],
      ['s/Vpc', 'replace'],
    ]);
    const assoc = plan.find((change) => change.address === 's/Assoc')!;
    expect(assoc.changes.every((change) => change.source === 'cascade')).toBe(true);
  });

  it("a Ref that is a resource's unchanged custom name does not cascade, and replacing it under that name fails", () => {
    const cluster = (role: string) =>
      resource('s/Cluster', 'AWS::EKS::Cluster', {
        Name: 'demo',
        RoleArn: role,
      });
    const addon = resource('s/Addon', 'AWS::EKS::Addon', {
      ClusterName: ref('s/Cluster'),
      AddonName: 'coredns',
    });
    const plan = planInventories(inventory([cluster('arn:a'), addon]), inventory([cluster('arn:b'), addon]));
    expect(plan.map((change) => [change.address, change.action])).toEqual([['s/Cluster', 'replace']]);
    expect(plan[0]).toMatchObject({ fails: true, replacementOrder: 'create-first' });
    expect(plan[0]!.failure).toContain('cannot replace a custom-named resource under the same name');
    expect(plan[0]!.note).toBeUndefined();
  });

  it('an unchanged inventory plans nothing', () => {
    const all = inventory([vpc('10.0.0.0/16'), subnet, table, association]);
    expect(planInventories(all, all)).toEqual([]);
  });

  describe('EKS version rules', () => {
    const cluster = (version: string) =>
      resource('s/Cluster', 'AWS::EKS::Cluster', { Version: version }, { kind: 'eks-cluster' });
    const tfCluster = (version: string) =>
      resource('aws_eks_cluster.this', 'aws_eks_cluster', { version }, { kind: 'eks-cluster' });
    const plan = (before: InventoryResource[], after: InventoryResource[]) =>
      planInventories(inventory(before), inventory(after));

    it('an update one minor version up is an ordinary update', () => {
      const [change] = plan([cluster('1.36')], [cluster('1.37')]);
      expect(change).toMatchObject({ action: 'update' });
      expect(change!.fails).toBeUndefined();
    });

    it('a skipped version fails, in every tool, saying which to take first', () => {
      for (const [before, after] of [
        [cluster('1.35'), cluster('1.37')],
        [tfCluster('1.35'), tfCluster('1.37')],
      ]) {
        const [change] = plan([before!], [after!]);
        expect(change).toMatchObject({ fails: true });
        expect(change!.failure).toContain('one minor version at a time (1.36 first)');
      }
    });

    it('a downgrade fails', () => {
      const [change] = plan([cluster('1.37')], [cluster('1.36')]);
      expect(change).toMatchObject({ fails: true });
      expect(change!.failure).toContain('downgrade');
    });

    it('a node group newer than its cluster fails', () => {
      const group = (version: string) =>
        resource('s/Group', 'AWS::EKS::Nodegroup', { Version: version }, { kind: 'eks-node-group' });
      const changes = plan([cluster('1.36'), group('1.36')], [cluster('1.36'), group('1.37')]);
      const change = changes.find((candidate) => candidate.address === 's/Group')!;
      expect(change).toMatchObject({ fails: true });
      expect(change.failure).toContain("newer than its cluster's 1.36");
    });
  });

  describe('replacement with the lifecycle', () => {
    const group = (types: string[], properties: Record<string, unknown>, createFirst: boolean) =>
      resource(
        'aws_eks_node_group.this["system"]',
        'aws_eks_node_group',
        { instance_types: types, ...properties } as ValueObject,
        {
          kind: 'eks-node-group',
          lifecycle: {
            ...DEFAULT_LIFECYCLE.terraform,
            replacementOrder: createFirst ? 'create-before-destroy' : 'destroy-before-create',
          },
        },
      );
    it('a fixed name with create_before_destroy fails on the name', () => {
      const [change] = planInventories(
        inventory([group(['m7i.large'], { node_group_name: 'system' }, true)]),
        inventory([group(['m7i.xlarge'], { node_group_name: 'system' }, true)]),
      );
      expect(change).toMatchObject({ action: 'replace', fails: true, replacementOrder: 'create-first' });
      expect(change!.failure).toContain('name prefix');
    });

    it('destroy-before-create drops the capacity first, and says so', () => {
      const [change] = planInventories(
        inventory([group(['m7i.large'], { node_group_name: 'system' }, false)]),
        inventory([group(['m7i.xlarge'], { node_group_name: 'system' }, false)]),
      );
      expect(change).toMatchObject({ action: 'replace', replacementOrder: 'delete-first' });
      expect(change!.fails).toBeUndefined();
      expect(change!.note).toContain('capacity drops to zero');
    });

    it('a prefix with create_before_destroy replaces cleanly', () => {
      const [change] = planInventories(
        inventory([group(['m7i.large'], { node_group_name_prefix: 'system-' }, true)]),
        inventory([group(['m7i.xlarge'], { node_group_name_prefix: 'system-' }, true)]),
      );
      expect(change).toMatchObject({ action: 'replace' });
      expect(change!.note).toBeUndefined();
    });
  });
});

describe('baselines', () => {
  const spec = loadTarget();
  const saved = async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'baseline-')), 'b');
    await saveBaseline(
      dir,
      { file: 'target.json', spec },
      new Map([
        [
          'cloudformation',
          { inventory: inventory([resource('s/Vpc', 'AWS::EC2::VPC', { VpcId: ref('s/X') })]) },
        ],
        ['cdk-l2', { status: 'outside-envelope' as const, detail: 'too many zones' }],
      ]),
    );
    return dir;
  };
  const failure = (dir: string): HarnessError => {
    try {
      loadBaseline(dir);
    } catch (error) {
      if (error instanceof HarnessError) return error;
      throw error;
    }
    throw new Error('loaded');
  };

  it('round-trips inventories (Unknowns included) and why others are absent', async () => {
    const baseline = loadBaseline(await saved());
    expect(baseline.spec.name).toBe(spec.name);
    const vpc = baseline.entries.get('cloudformation')!.inventory!.resources[0]!;
    expect(vpc.properties.VpcId).toBeInstanceOf(Unknown);
    expect(baseline.entries.get('cdk-l2')).toEqual({ detail: 'outside-envelope: too many zones' });
  });

  it('refuses a missing folder, a folder without a manifest, corrupt JSON and another schema version', async () => {
    expect(failure('/nonexistent/baseline').message).toContain('plan --save-baseline');
    expect(failure(mkdtempSync(join(tmpdir(), 'empty-'))).message).toContain('no baseline.json');
    const corrupt = await saved();
    writeFileSync(join(corrupt, 'inventory-cloudformation.json'), '{ not json');
    expect(failure(corrupt).message).toMatch(/inventory-cloudformation\.json: not JSON/);
    const old = await saved();
    const manifest = JSON.parse(readFileSync(join(old, 'baseline.json'), 'utf8'));
    writeFileSync(join(old, 'baseline.json'), JSON.stringify({ ...manifest, schemaVersion: 0 }));
    const error = failure(old);
    expect(error.code).toBe('BASELINE_INVALID');
    expect(error.message).toContain('baseline schema version 0; this iac-compare reads version 1');
  });
});
