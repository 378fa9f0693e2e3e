import { join } from 'node:path';
import {
  type Infrastructure,
  loadEnvelope,
  loadTarget,
  resolveTarget,
  sectionGapsFor,
} from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { compareInfrastructure, conforms } from '../src/compare/compare.js';
import type { Inventory, InventoryResource } from '../src/model/inventory.js';
import { Unknown } from '../src/model/value.js';
import { observe } from '../src/observe/observe.js';
import { cloudFormationInventory } from './cfn-target.js';

const spec = loadTarget();
const expected: Infrastructure = resolveTarget(spec);
const inventory = cloudFormationInventory(spec);

function edited(
  source: Inventory,
  address: string,
  edit: (resource: InventoryResource) => InventoryResource | undefined,
): Inventory {
  const resources = source.resources.flatMap((resource) => {
    if (!resource.address.endsWith(address)) return [resource];
    const next = edit(resource);
    return next ? [next] : [];
  });
  return { ...source, resources };
}

describe('observe', () => {
  const observed = observe(inventory);

  it('reconstructs the subnets, their tiers and default routes by following references', () => {
    expect(Object.keys(observed.subnets).sort()).toEqual(expected.subnets.map((subnet) => subnet.key).sort());
    expect(observed.subnets['private/eu-west-1b']).toMatchObject({
      cidr: '10.40.32.0/19',
      defaultRoute: 'nat-gateway/eu-west-1b',
    });
    expect(observed.subnets['public/eu-west-1a']?.defaultRoute).toBe('internet-gateway');
    expect(observed.subnets['intra/eu-west-1c']?.defaultRoute).toBe('none');
  });

  it('finds the cluster’s role, key, log group and add-on order', () => {
    expect(observed.clusterRole?.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    ]);
    expect(observed.kmsKey).toMatchObject({
      alias: 'alias/iac-compare-demo-eks-secrets',
      enableKeyRotation: true,
      deletionWindowDays: 30,
    });
    expect(observed.logGroup).toMatchObject({ name: '/aws/eks/iac-compare-demo/cluster', retentionDays: 90 });
    expect(observed.addons['vpc-cni']?.order).toBe('before-node-groups');
    expect(observed.addons.coredns?.order).toBe('after-node-groups');
  });

  it('applies stack tags as the resources’ tags', () => {
    expect(observed.vpc?.tags).toMatchObject({ project: 'iac-compare', environment: 'demo' });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(observe(inventory))).toBe(JSON.stringify(observed));
  });
});

describe('compare', () => {
  it('finds the hand-written templates equal to the spec on every fact', () => {
    // The templates build no workloads, and their envelope says so: those facts are outside it.
    const envelope = loadEnvelope(join(import.meta.dirname, '..', '..', 'cloudformation', 'envelope.json'));
    const outsideSections = sectionGapsFor(spec, envelope, 'cloudformation');
    expect(outsideSections.map((gap) => gap.section)).toEqual(['workloads']);
    const comparison = compareInfrastructure(expected, [
      { id: 'cloudformation', observed: observe(inventory), outsideSections },
    ]);
    const notEqual = comparison.rows.filter(
      (row) =>
        row.cells.cloudformation?.status !== 'equal' &&
        !(row.group === 'workloads' || row.group === 'Helm releases'),
    );
    expect(notEqual).toEqual([]);
    const workloadCells = comparison.rows.filter((row) => row.key.startsWith('k8s['));
    expect(workloadCells.length).toBeGreaterThan(100);
    expect(new Set(workloadCells.map((row) => row.cells.cloudformation?.status))).toEqual(
      new Set(['outside-envelope']),
    );
    expect(comparison.rows.length).toBeGreaterThan(100);
    expect(conforms(comparison, 'cloudformation')).toBe(true);
  });

  it('compare(x, x) has no differences', () => {
    const observed = observe(inventory);
    const comparison = compareInfrastructure({ ...expected, workloads: null }, [
      { id: 'a', observed },
      { id: 'b', observed },
    ]);
    expect(comparison.pairwise.a?.b).toMatchObject({ differ: 0, differences: [] });
  });

  it('reports a changed value as differs, with both values', () => {
    const changed = cloudFormationInventory(spec, (parameters) => {
      parameters.NodeGroup1MaxSize = '9';
    });
    const comparison = compareInfrastructure(expected, [{ id: 'x', observed: observe(changed) }]);
    const row = comparison.rows.find((candidate) => candidate.key === 'nodeGroup[system].scaling')!;
    expect(row.expected).toEqual({ minSize: 2, desiredSize: 2, maxSize: 4 });
    expect(row.cells.x).toEqual({ status: 'differs', actual: { minSize: 2, desiredSize: 2, maxSize: 9 } });
  });

  it('reports a removed resource as missing and an extra one as not in the target', () => {
    const without = edited(inventory, '/NodeGroup2', () => undefined);
    const comparison = compareInfrastructure(expected, [{ id: 'x', observed: observe(without) }]);
    expect(comparison.rows.find((row) => row.key === 'nodeGroup[general].capacityType')?.cells.x).toEqual({
      status: 'missing',
    });

    const publicSubnet = inventory.resources.find((resource) => resource.address.endsWith('/PublicSubnet1'))!;
    const copy = (az: string, address: string) => ({
      ...publicSubnet,
      address,
      displayName: address,
      properties: { ...publicSubnet.properties, AvailabilityZone: az, CidrBlock: '10.40.200.0/24' },
    });
    const withExtra = {
      ...inventory,
      resources: [...inventory.resources, copy('eu-west-1d', 'extra/Subnet')],
    };
    const extra = compareInfrastructure(expected, [{ id: 'x', observed: observe(withExtra) }]);
    const extraRows = extra.rows.filter((row) => !row.inTarget);
    // The copy has no route table association, so no default route: whatever its ELB tag and
    // public IPs say, nothing reaches the internet from it, and it is read as an intra subnet.
    expect(extraRows.map((row) => [row.key, row.cells.x])).toEqual([
      ['subnet[intra/eu-west-1d]', { status: 'unexpected', actual: true }],
    ]);

    const duplicate = {
      ...inventory,
      resources: [...inventory.resources, copy('eu-west-1b', 'twin/Subnet')],
    };
    expect(observe(duplicate).notes).toContain(
      'more subnets in eu-west-1b than tiers (twin/Subnet is not compared)',
    );
  });

  it('reports an Unknown value as unknown, saying why', () => {
    const unknownCidr = edited(inventory, '/Vpc', (resource) => ({
      ...resource,
      properties: {
        ...resource.properties,
        CidrBlock: new Unknown('missing-input', [], 'SSM parameter /network/cidr'),
      },
    }));
    const comparison = compareInfrastructure(expected, [{ id: 'x', observed: observe(unknownCidr) }]);
    expect(comparison.rows.find((row) => row.key === 'vpc.cidr')?.cells.x).toEqual({
      status: 'unknown',
      why: 'missing input: SSM parameter /network/cidr',
    });
  });

  it('marks every fact of an implementation outside its envelope', () => {
    const comparison = compareInfrastructure(expected, [
      {
        id: 'x',
        outsideEnvelope: [
          {
            dimension: 'availabilityZones',
            path: 'availabilityZones',
            message: '4 availability zones; this implementation supports at most 3',
          },
        ],
      },
    ]);
    expect(comparison.rows.every((row) => row.cells.x?.status === 'outside-envelope')).toBe(true);
  });
});
