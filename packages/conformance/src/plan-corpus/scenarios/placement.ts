/** Region and account: a new deployment, as each tool runs it (20§1). */
import type { Scenario } from '../model.js';
import { SOURCE } from '../sources.js';
import { CFN, expect, kind, NOT_CFN, PULUMI, TF, WORKLOADS } from './shared.js';

export const PLACEMENT_SCENARIOS: readonly Scenario[] = [
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
        'launch-template',
        'eks-node-group',
      ].map((name) => expect(PULUMI, kind(name), 'replace', SOURCE.pulumiRegion, { order: 'create-first' })),
      expect(
        PULUMI,
        kind('eks-access-policy-association'),
        'replace',
        `${SOURCE.pulumiRegion}; ${SOURCE.pulumiAssociationDbr}`,
        { order: 'delete-first' },
      ),
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
];
