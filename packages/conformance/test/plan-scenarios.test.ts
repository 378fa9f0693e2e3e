/**
 * Plan scenarios: one edit of the target, planned in all six implementations. Each expectation is
 * what AWS and each tool must do, reasoned from the resources (a new NAT gateway is a create; a
 * node group's instance types cannot change in place; EKS upgrades a cluster's version in place;
 * CloudFormation replaces a cluster whose subnets change, the Terraform provider updates them) —
 * never copied from the plan under test.
 */
import { join } from 'node:path';
import { type Inventory, planInventories, type ResourceChange } from '@iac-compare/harness';
import { loadTarget, type TargetSpec } from '@iac-compare/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { inventoriesFor } from '../src/check.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const ALL = ['cdk-l2', 'cdk-l1', 'cloudformation', 'infra-terraform', 'cdktf', 'pulumi'];
const CLOUDFORMATION_FAMILY = new Set(['cdk-l2', 'cdk-l1', 'cloudformation']);

const base = loadTarget();
function edited(edit: (spec: TargetSpec & Record<string, unknown>) => void): TargetSpec {
  const copy = structuredClone(base) as TargetSpec & Record<string, unknown>;
  edit(copy);
  return copy;
}

let current: Map<string, Inventory>;
const inventoriesOnly = async (spec: TargetSpec) =>
  new Map([...(await inventoriesFor(spec, REPO_ROOT))].map(([id, read]) => [id, read.inventory]));
beforeAll(async () => {
  current = await inventoriesOnly(base);
  expect([...current.keys()]).toEqual(ALL);
}, 300_000);

/** The plan of every implementation from `baseline` to the default target. */
async function planFrom(baseline: TargetSpec): Promise<Map<string, ResourceChange[]>> {
  const before = await inventoriesOnly(baseline);
  return new Map(ALL.map((id) => [id, planInventories(before.get(id)!, current.get(id)!)]));
}

const core = (changes: readonly ResourceChange[]) => changes.filter((change) => change.role === 'core');
const ofKind = (changes: readonly ResourceChange[], kind: string) =>
  changes.filter((change) => change.kind === kind);
function kindsBy(
  changes: readonly ResourceChange[],
  action: ResourceChange['action'],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of core(changes).filter((c) => c.action === action))
    counts[change.kind ?? change.nativeType] = (counts[change.kind ?? change.nativeType] ?? 0) + 1;
  return counts;
}

describe('plan scenarios, all six implementations', () => {
  it('1. NAT single → per-az: two new EIPs and NAT gateways, two private default routes repointed, nothing else', async () => {
    const plans = await planFrom(edited((spec) => (spec.network.natGateways = 'single')));
    for (const [id, changes] of plans) {
      expect(kindsBy(changes, 'create'), id).toEqual({ eip: 2, 'nat-gateway': 2 });
      expect(kindsBy(changes, 'delete'), id).toEqual({});
      expect(kindsBy(changes, 'replace'), id).toEqual({});
      const updated = core(changes).filter((change) => change.action === 'update');
      expect(
        updated.map((change) => change.kind),
        id,
      ).toEqual(['route', 'route']);
      for (const route of updated)
        expect(
          route.changes.map((c) => c.path),
          id,
        ).toEqual([
          CLOUDFORMATION_FAMILY.has(id)
            ? 'NatGatewayId'
            : id === 'pulumi'
              ? 'natGatewayId'
              : 'nat_gateway_id',
        ]);
      // Tool machinery may be rewritten, never replaced or deleted.
      for (const change of changes.filter((c) => c.role === 'overhead'))
        expect(change.action, id).toBe('update');
    }
  }, 300_000);

  it('2. a third availability zone: new subnets, routing and NAT; the subnet lists of the cluster and node groups change', async () => {
    const plans = await planFrom(
      edited((spec) => (spec.availabilityZones = spec.availabilityZones.slice(0, 2))),
    );
    for (const [id, changes] of plans) {
      const created = kindsBy(changes, 'create');
      expect(created.subnet, id).toBe(3); // public, private and intra in eu-west-1c
      expect(created['route-table-association'], id).toBe(3);
      expect(created['nat-gateway'], id).toBe(1); // per-az
      expect(created.eip, id).toBe(1);
      // aws-cdk-lib's ec2.Vpc gives every subnet its own route table (so the new public subnet gets
      // a table and a default route too); the others share one public and one intra table and add
      // the new zone's private table and its default route to the NAT gateway.
      expect(created['route-table'], id).toBe(id === 'cdk-l2' ? 3 : 1);
      expect(created.route, id).toBe(id === 'cdk-l2' ? 2 : 1);
      expect(kindsBy(changes, 'delete'), id).toEqual({});
      // Node groups cannot change subnets in place, in CloudFormation or the Terraform provider.
      const nodeGroups = ofKind(changes, 'eks-node-group');
      expect(
        nodeGroups.map((change) => change.action),
        id,
      ).toEqual(['replace', 'replace']);
      const [cluster] = ofKind(changes, 'eks-cluster');
      if (CLOUDFORMATION_FAMILY.has(id)) {
        // The specification marks ResourcesVpcConfig.SubnetIds as replacement; the cluster has a
        // custom name, so CloudFormation's replacement would fail — the plan says so.
        expect(cluster?.action, id).toBe('replace');
        expect(cluster?.changes[0]?.source, id).toBe('cloudformation-spec');
        expect(cluster?.note, id).toContain('custom-named');
      } else {
        expect(cluster?.action, id).toBe('update');
        expect(
          cluster?.changes.every((change) => change.source === 'provider' && !change.replaces),
          id,
        ).toBe(true);
      }
      // Nothing in the first two zones changes.
      for (const change of core(changes).filter((c) => c.action !== 'create'))
        expect(['eks-cluster', 'eks-node-group'], `${id} ${change.address}`).toContain(change.kind);
    }
  }, 300_000);

  it("3. a node group's instance type: that node group is replaced, nothing else", async () => {
    const plans = await planFrom(
      edited((spec) => {
        spec.nodeGroups[1]!.instanceTypes = ['m7i.2xlarge'];
      }),
    );
    for (const [id, changes] of plans) {
      const changed = core(changes);
      expect(
        changed.map((change) => [change.kind, change.action]),
        id,
      ).toEqual([['eks-node-group', 'replace']]);
      const nodeGroup = current
        .get(id)!
        .resources.find((resource) => resource.address === changed[0]!.address)!;
      // The group is named by its Name tag (no fixed name): every tool can replace it new-first.
      const tags = (nodeGroup.properties.Tags ?? nodeGroup.properties.tags) as Record<string, unknown>;
      expect(tags.Name, id).toBe('general');
      expect(
        changed[0]!.changes.map((change) => change.path),
        id,
      ).toEqual([
        CLOUDFORMATION_FAMILY.has(id)
          ? 'InstanceTypes'
          : id === 'pulumi'
            ? 'instanceTypes'
            : 'instance_types',
      ]);
      expect(nodeGroup.lifecycle.replacementOrder, id).toBe('create-before-destroy');
      expect(changed[0]!.fails, `${id}: ${changed[0]!.note}`).toBeUndefined();
    }
  }, 300_000);

  it('3b. a skipped Kubernetes version fails in every implementation, saying why', async () => {
    const plans = await planFrom(edited((spec) => (spec.cluster.version = '1.35')));
    for (const [id, changes] of plans) {
      const [cluster] = core(changes).filter((change) => change.kind === 'eks-cluster');
      expect(cluster, id).toMatchObject({ action: 'update', fails: true });
      expect(cluster!.note, id).toContain('one minor version at a time (1.36 first)');
    }
  }, 300_000);

  it('4. Kubernetes version up one minor: the cluster is updated in place everywhere, nothing else', async () => {
    const plans = await planFrom(edited((spec) => (spec.cluster.version = '1.36')));
    for (const [id, changes] of plans) {
      const changed = core(changes);
      expect(
        changed.map((change) => [change.kind, change.action]),
        id,
      ).toEqual([['eks-cluster', 'update']]);
      expect(
        changed[0]!.changes.map((change) => [change.path, change.before, change.after]),
        id,
      ).toEqual([[CLOUDFORMATION_FAMILY.has(id) ? 'Version' : 'version', '1.36', '1.37']]);
    }
  }, 300_000);

  it('5. the VPC CIDR: the VPC and everything in it is replaced in every implementation', async () => {
    const plans = await planFrom(edited((spec) => (spec.network.cidr = '10.41.0.0/16')));
    for (const [id, changes] of plans) {
      for (const kind of [
        'vpc',
        'subnet',
        'route-table',
        'route-table-association',
        'nat-gateway',
        'eks-node-group',
      ]) {
        const ofThisKind = ofKind(changes, kind);
        expect(ofThisKind.length, `${id} ${kind}`).toBeGreaterThan(0);
        expect(new Set(ofThisKind.map((change) => change.action)), `${id} ${kind}`).toEqual(
          new Set(['replace']),
        );
      }
      expect(kindsBy(changes, 'create'), id).toEqual({});
      expect(kindsBy(changes, 'delete'), id).toEqual({});
      const [cluster] = ofKind(changes, 'eks-cluster');
      if (CLOUDFORMATION_FAMILY.has(id)) expect(cluster?.action, id).toBe('replace');
      else {
        // The Terraform provider plans new subnets as an in-place update, which EKS refuses across
        // VPCs: the plan shows the update and says it fails unless the cluster is replaced.
        expect(cluster?.action, id).toBe('update');
        expect(cluster?.note, id).toContain('another VPC');
      }
    }
  }, 300_000);

  const KUBERNETES_CAPABLE = ['cdk-l2', 'infra-terraform', 'cdktf', 'pulumi'];
  /** The resource that sends a Kubernetes object of `kind` (CDK: the manifest holding it). */
  const sends = (change: ResourceChange, kind: string) =>
    change.nativeType === 'Custom::AWSCDK-EKS-KubernetesResource'
      ? change.changes.some((property) => JSON.stringify(property.after).includes(`\\"kind\\":\\"${kind}\\"`))
      : new RegExp(
          `(^kubernetes_${kind.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}_v1$)|(:${kind}$)`,
        ).test(change.nativeType);

  it('7. a new image: the Deployment rolls out; the Job is replaced, except in CDK, whose kubectl apply fails on it', async () => {
    // The baseline ran the previous image; the default target runs the current one.
    const plans = await planFrom(
      edited((spec) => {
        spec.workloads!.app.image = 'ghcr.io/iac-compare/phoenix-demo:1.4.1';
      }),
    );
    for (const id of ['cdk-l1', 'cloudformation']) expect(core(plans.get(id)!), id).toEqual([]);
    for (const id of KUBERNETES_CAPABLE) {
      const changed = core(plans.get(id)!);
      const deployment = changed.filter((change) => sends(change, 'Deployment'));
      const job = changed.filter((change) => sends(change, 'Job'));
      expect(changed, id).toHaveLength(2);
      expect(
        deployment.map((change) => change.action),
        id,
      ).toEqual(['update']);
      if (id === 'cdk-l2') {
        // One custom-resource update each; CloudFormation cannot know the Job's template is immutable.
        expect(job[0], id).toMatchObject({ action: 'update', fails: true });
        expect(job[0]!.note, id).toContain("cannot change a Job's pod template");
        expect(deployment[0]!.note, id).toContain('a rollout');
      } else {
        expect(
          job.map((change) => change.action),
          id,
        ).toEqual(['replace']);
        expect(
          job[0]!.changes.some((property) => property.replaces && /immutable/.test(property.why)),
          id,
        ).toBe(true);
        expect(
          deployment[0]!.changes.every((property) => /rollout/.test(property.why)),
          id,
        ).toBe(true);
      }
    }
  }, 300_000);

  it('8. Helm values: the release is upgraded in place in every Kubernetes-capable tool, nothing else', async () => {
    const plans = await planFrom(
      edited((spec) => {
        spec.workloads!.helmReleases[0]!.values = { ...spec.workloads!.helmReleases[0]!.values, replicas: 1 };
      }),
    );
    for (const id of ['cdk-l1', 'cloudformation']) expect(core(plans.get(id)!), id).toEqual([]);
    for (const id of KUBERNETES_CAPABLE) {
      const changed = core(plans.get(id)!);
      expect(
        changed.map((change) => [change.nativeType, change.action]),
        id,
      ).toEqual([
        [
          {
            'cdk-l2': 'Custom::AWSCDK-EKS-HelmChart',
            'infra-terraform': 'helm_release',
            cdktf: 'helm_release',
            pulumi: 'kubernetes:helm.sh/v3:Release',
          }[id],
          'update',
        ],
      ]);
      const why = changed[0]!.note ?? changed[0]!.changes.map((property) => property.why).join(' ');
      expect(why, id).toMatch(/helm upgrade/);
    }
  }, 300_000);

  it('6. no change: an empty plan for all six', async () => {
    const plans = await planFrom(base);
    for (const [id, changes] of plans) expect(changes, id).toEqual([]);
  }, 300_000);
});
