/**
 * Service-unique keys (plan/service-keys.ts) on hand-made inventories: a resource created while
 * another one, or its own old version, holds the key AWS identifies it by (review 18: R5, Pulumi's
 * access policy association replaced create-first; R6, raw CloudFormation's access entry slots).
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
  type ResourceLifecycle,
} from '../src/model/inventory.js';
import { Unknown, type ValueObject } from '../src/model/value.js';
import { planInventories } from '../src/plan/plan.js';

function resource(
  address: string,
  nativeType: string,
  kind: string,
  properties: ValueObject,
  lifecycle?: ResourceLifecycle,
): InventoryResource {
  const dialect = nativeType.startsWith('AWS::') ? 'cloudformation' : 'terraform';
  return {
    address,
    displayName: address,
    nativeType,
    kind,
    dialect,
    role: 'core',
    properties,
    references: [],
    dependsOn: [],
    lifecycle:
      lifecycle ??
      (address.startsWith('urn:pulumi:') ? DEFAULT_LIFECYCLE.pulumi : DEFAULT_LIFECYCLE[dialect]),
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

const ADMIN = 'arn:aws:iam::111122223333:role/admin';
const VIEWER = 'arn:aws:iam::111122223333:role/viewer';
const VIEW_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';
const clusterName = (address: string) => new Unknown('computed', [{ address, attribute: 'name' }]);

describe('an access policy association replaced with its key unchanged (R5)', () => {
  const PULUMI_CLUSTER = 'urn:pulumi:s::p::aws:eks/cluster:Cluster::cluster';
  const association = (scope: ValueObject, lifecycle?: ResourceLifecycle, address?: string) =>
    resource(
      address ?? 'urn:pulumi:s::p::aws:eks/accessPolicyAssociation:AccessPolicyAssociation::viewer',
      'aws:eks/accessPolicyAssociation:AccessPolicyAssociation',
      'eks-access-policy-association',
      {
        cluster_name: clusterName(PULUMI_CLUSTER),
        principal_arn: VIEWER,
        policy_arn: VIEW_POLICY,
        access_scope: scope,
      },
      lifecycle,
    );
  const cluster = resource(PULUMI_CLUSTER, 'aws:eks/cluster:Cluster', 'eks-cluster', { name: 'demo' });
  const toNamespace = (lifecycle?: ResourceLifecycle) =>
    planInventories(
      inventory([cluster, association({ type: 'cluster' }, lifecycle)]),
      inventory([cluster, association({ type: 'namespace', namespaces: ['app'] }, lifecycle)]),
    ).find((change) => change.kind === 'eks-access-policy-association')!;

  it("Pulumi's default (create first) loses the policy: the old one's delete removes the new association", () => {
    const change = toNamespace();
    expect(change).toMatchObject({ action: 'replace', replacementOrder: 'create-first', fails: true });
    expect(change.failure).toMatch(/its own old version/);
    expect(change.failure).toMatch(/principal ends without the policy/);
    expect(change.failure).toMatch(/set deleteBeforeReplace/);
  });

  it('with deleteBeforeReplace, the association is re-made after the old one goes: nothing fails', () => {
    const change = toNamespace({ ...DEFAULT_LIFECYCLE.pulumi, replacementOrder: 'destroy-before-create' });
    expect(change).toMatchObject({ action: 'replace', replacementOrder: 'delete-first' });
    expect(change.fails).toBeUndefined();
  });

  it('Terraform: destroy-first by default is fine; under create_before_destroy it fails the same way', () => {
    const tf = (scope: ValueObject, lifecycle?: ResourceLifecycle) =>
      resource(
        'aws_eks_access_policy_association.viewer',
        'aws_eks_access_policy_association',
        'eks-access-policy-association',
        {
          cluster_name: clusterName('aws_eks_cluster.this'),
          principal_arn: VIEWER,
          policy_arn: VIEW_POLICY,
          access_scope: [scope],
        },
        lifecycle,
      );
    const tfCluster = resource('aws_eks_cluster.this', 'aws_eks_cluster', 'eks-cluster', { name: 'demo' });
    const plan = (lifecycle?: ResourceLifecycle) =>
      planInventories(
        inventory([tfCluster, tf({ type: 'cluster' }, lifecycle)]),
        inventory([tfCluster, tf({ type: 'namespace', namespaces: ['app'] }, lifecycle)]),
      ).find((change) => change.kind === 'eks-access-policy-association')!;
    expect(plan()).toMatchObject({ action: 'replace', replacementOrder: 'delete-first' });
    expect(plan().fails).toBeUndefined();
    const cbd = plan({ ...DEFAULT_LIFECYCLE.terraform, replacementOrder: 'create-before-destroy' });
    expect(cbd).toMatchObject({ replacementOrder: 'create-first', fails: true });
    expect(cbd.failure).toMatch(/replace it destroy-first/);
  });

  it('a new cluster is a new key: an association replaced with its cluster collides with nothing', () => {
    const renamed = resource(PULUMI_CLUSTER, 'aws:eks/cluster:Cluster', 'eks-cluster', { name: 'demo-2' });
    const change = planInventories(
      inventory([cluster, association({ type: 'cluster' })]),
      inventory([renamed, association({ type: 'cluster' })]),
    ).find((candidate) => candidate.kind === 'eks-access-policy-association')!;
    expect(change.action).toBe('replace');
    expect(change.fails).toBeUndefined();
  });
});

describe('access entries in positional slots (R6, raw CloudFormation)', () => {
  const entry = (slot: number, principal: string) =>
    resource(`c/AccessEntry${slot}`, 'AWS::EKS::AccessEntry', 'eks-access-entry', {
      ClusterName: 'demo',
      PrincipalArn: principal,
      Type: 'STANDARD',
    });

  it('an entry inserted first shifts the principals: slot 2 is created while slot 1 still holds its principal', () => {
    const plan = planInventories(
      inventory([entry(1, ADMIN)]),
      inventory([entry(1, VIEWER), entry(2, ADMIN)]),
    );
    expect(plan.find((change) => change.address === 'c/AccessEntry1')).toMatchObject({
      action: 'replace',
      replacementOrder: 'create-first',
    });
    const created = plan.find((change) => change.address === 'c/AccessEntry2')!;
    expect(created).toMatchObject({ action: 'create', fails: true });
    expect(created.failure).toMatch(/c\/AccessEntry1, which goes only after this is created/);
    expect(created.failure).toMatch(/ResourceInUseException/);
    expect(created.failure).toMatch(/add entries at the end/);
  });

  it('the first of two removed: slot 1 takes the principal slot 2 holds until the cleanup phase', () => {
    const plan = planInventories(
      inventory([entry(1, ADMIN), entry(2, VIEWER)]),
      inventory([entry(1, VIEWER)]),
    );
    const replaced = plan.find((change) => change.address === 'c/AccessEntry1')!;
    expect(replaced).toMatchObject({ action: 'replace', fails: true });
    expect(replaced.failure).toMatch(/c\/AccessEntry2, which goes only after this is created/);
  });

  it('an entry appended at the end moves nothing and fails nothing', () => {
    const plan = planInventories(
      inventory([entry(1, ADMIN)]),
      inventory([entry(1, ADMIN), entry(2, VIEWER)]),
    );
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ action: 'create' });
    expect(plan[0]!.fails).toBeUndefined();
  });

  it('Terraform, keyed by another address: destroy and create are unordered, so a race, noted', () => {
    const tfEntry = (key: string) =>
      resource(`aws_eks_access_entry.this["${key}"]`, 'aws_eks_access_entry', 'eks-access-entry', {
        cluster_name: 'demo',
        principal_arn: VIEWER,
      });
    const plan = planInventories(inventory([tfEntry('old')]), inventory([tfEntry('new')]));
    const created = plan.find((change) => change.action === 'create')!;
    expect(created.fails).toBeUndefined();
    expect(created.note).toMatch(/unless Terraform destroys it first/);
  });
});

describe('a region change (a new region holds no old key)', () => {
  it('replaces a Terraform access entry into the new region without a collision with the old one', () => {
    const entry = resource('aws_eks_access_entry.admin', 'aws_eks_access_entry', 'eks-access-entry', {
      cluster_name: 'demo',
      principal_arn: ADMIN,
    });
    const lifecycle: ResourceLifecycle = {
      ...DEFAULT_LIFECYCLE.terraform,
      replacementOrder: 'create-before-destroy',
    };
    const changes = planInventories(
      inventory([{ ...entry, lifecycle }]),
      inventory([{ ...entry, lifecycle }]),
      {
        placement: {
          before: { account: '111122223333', region: 'eu-west-1' },
          after: { account: '111122223333', region: 'us-east-1' },
        },
      },
    );
    const change = changes.find((item) => item.kind === 'eks-access-entry')!;
    expect(change.action).toBe('replace');
    expect(change.replacementOrder).toBe('create-first');
    expect(change.fails).toBeUndefined();
  });
});
