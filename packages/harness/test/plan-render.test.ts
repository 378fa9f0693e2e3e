/**
 * The plan as text and Markdown, from hand-built plan models: lines fit the width, a changed list
 * shows the elements added and removed, a failing change is visibly failing (a column, a mark, the
 * summary), each replace says which comes first, values are one line whatever their source, and
 * the entries keep the model's order.
 */
import { describe, expect, it } from 'vitest';
import { Unknown } from '../src/model/value.js';
import type { ImplementationPlan, PlanReport, ResourceChange } from '../src/plan/model.js';
import { differingTexts, planSummary, renderPlanMarkdown, renderPlanTable } from '../src/plan/render.js';

const NO = { create: 0, update: 0, replace: 0, delete: 0 };

function change(
  fields: Partial<ResourceChange> & Pick<ResourceChange, 'action' | 'displayName'>,
): ResourceChange {
  return {
    address: fields.displayName,
    nativeType: 'AWS::EKS::Nodegroup',
    kind: 'eks-node-group',
    role: 'core',
    changes: [],
    ...fields,
  };
}

function plan(
  id: string,
  changes: ResourceChange[],
  fields: Partial<ImplementationPlan> = {},
): ImplementationPlan {
  const counts = { ...NO };
  const machineryCounts = { ...NO };
  for (const item of changes) (item.role === 'core' ? counts : machineryCounts)[item.action]++;
  return { id, label: id, status: 'planned', detail: null, counts, machineryCounts, changes, ...fields };
}

const LONG_MANIFEST = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'phoenix', namespace: 'phoenix', labels: { 'app.kubernetes.io/name': 'phoenix' } },
  spec: {
    replicas: 2,
    template: { spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/phoenix:1.4.0' }] } },
  },
});

const nodeGroup = change({
  action: 'replace',
  displayName: 'iac-compare-demo-cdk-l2/Platform/Cluster/Nodegroupsystem/Resource',
  replacementOrder: 'create-first',
  changes: [
    {
      path: 'InstanceTypes',
      before: ['m7i.large', 'm7a.large', 'm6i.large', 'm6a.large', 'm5.large', 'm5a.large', 'm5n.large'],
      after: ['m7i.large', 'm7a.large', 'm6i.large', 'm6a.large', 'm5.large', 'm5a.large', 'c7i.large'],
      replaces: true,
      source: 'cloudformation-spec',
      why: 'AWS::EKS::Nodegroup InstanceTypes: a change requires replacement',
    },
  ],
});
const cluster = change({
  action: 'update',
  displayName: 'Cluster',
  nativeType: 'AWS::EKS::Cluster',
  fails: true,
  failure: 'EKS upgrades one minor version at a time (1.36 first)',
  note: 'the control plane upgrade takes about 10 minutes',
  changes: [
    {
      path: 'Version',
      before: '1.35',
      after: '1.37',
      replaces: false,
      source: 'cloudformation-spec',
      why: 'updatable in place',
    },
  ],
});
const values = change({
  action: 'update',
  displayName: 'metrics-server',
  nativeType: 'helm_release',
  changes: [
    {
      path: 'values',
      before: ['args:\n  - --kubelet-insecure-tls\nreplicas: 1\n'],
      after: ['args:\n  - --kubelet-insecure-tls\nreplicas: 2\n'],
      replaces: false,
      source: 'provider',
      why: 'helm upgrade',
    },
  ],
});
const manifest = change({
  action: 'update',
  displayName: 'ManifestDeployment',
  nativeType: 'Custom::AWSCDK-EKS-KubernetesResource',
  changes: [
    {
      path: 'Manifest',
      before: LONG_MANIFEST,
      after: LONG_MANIFEST.replace('"replicas":2', '"replicas":3'),
      replaces: false,
      source: 'cloudformation-spec',
      why: 'kubectl apply',
    },
  ],
});
const deleteFirst = change({
  action: 'replace',
  displayName: 'module.eks.aws_eks_node_group.this["system"]',
  nativeType: 'aws_eks_node_group',
  replacementOrder: 'delete-first',
  replacementOrderWhy: "Terraform's default",
  note: 'capacity drops to zero during the replacement',
  changes: [
    {
      path: 'instance_types',
      before: ['m7i.large'],
      after: ['c7i.large'],
      added: ['c7i.large'],
      removed: ['m7i.large'],
      replaces: true,
      source: 'derived',
      why: 'as AWS::EKS::Nodegroup InstanceTypes',
    },
    {
      path: 'subnet_ids',
      before: [new Unknown('computed', [{ address: 'aws_subnet.private["a"]', attribute: 'id' }])],
      after: [new Unknown('computed', [{ address: 'aws_subnet.private["b"]', attribute: 'id' }])],
      replaces: true,
      source: 'derived',
      why: 'as AWS::EKS::Nodegroup Subnets',
    },
  ],
});
const metadata = change({
  action: 'update',
  displayName: 'CDKMetadata',
  nativeType: 'AWS::CDK::Metadata',
  role: 'overhead',
  changes: [
    {
      path: 'Analytics',
      before: 'v2:deflate64:AAA',
      after: 'v2:deflate64:BBB',
      replaces: false,
      source: 'cloudformation-spec',
      why: 'rewritten',
    },
  ],
});

const report: PlanReport = {
  schemaVersion: 2,
  baseline: { source: '.iac-compare/baseline', target: 'packages/spec/target.json' },
  target: { file: 'packages/spec/target.json', name: 'iac-compare-demo' },
  implementations: [
    plan('cdk-l2', [nodeGroup, cluster, values, manifest, metadata], {
      fails: true,
      machineryCounts: { ...NO, update: 1 },
    }),
    plan('infra-terraform', [deleteFirst], {
      machineryCounts: NO,
      notes: ['a new state: the old resources stay'],
    }),
    plan('pulumi', []),
    {
      id: 'cdktf',
      label: 'cdktf',
      status: 'failed',
      detail: 'synth failed: boom',
      counts: NO,
      machineryCounts: NO,
      changes: [],
    },
  ],
};

describe('the plan as text', () => {
  for (const width of [60, 80, 120]) {
    it(`fits ${width} columns`, () => {
      const text = renderPlanTable(report, { color: false, width });
      const long = text.split('\n').filter((line) => [...line].length > width);
      expect(long).toEqual([]);
    });
  }

  it('shows a changed list as the elements added and removed', () => {
    const text = renderPlanTable(report, { color: false, width: 200 });
    expect(text).toContain('InstanceTypes: added c7i.large; removed m5n.large — replaces:');
    expect(text).toContain('instance_types: added c7i.large; removed m7i.large');
    // Unknowns from other references: the elements say where each comes from.
    expect(text).toContain(
      'subnet_ids: added ‹aws_subnet.private["b"].id›; removed ‹aws_subnet.private["a"].id›',
    );
  });

  it('shows a failing change apart from a note: a column, a mark, and the summary', () => {
    const text = renderPlanTable(report, { color: false, width: 200 });
    expect(text).toMatch(/^ID +CREATE +UPDATE +REPLACE +DELETE +FAILS +MACHINERY/m);
    expect(text).toMatch(/^cdk-l2 +0 +3 +1 +0 +✗ 1 +1$/m);
    expect(text).toContain('cdktf: failed: synth failed: boom');
    expect(text).toMatch(/^infra-terraform +0 +0 +1 +0 +0 +0$/m);
    expect(text).toMatch(/~ update +AWS::EKS::Cluster Cluster {2}✗ fails/);
    expect(text).toContain('✗ fails: EKS upgrades one minor version at a time (1.36 first)');
    expect(text).toContain('note: the control plane upgrade takes about 10 minutes');
    expect(text).toContain('note: capacity drops to zero during the replacement');
    expect(text).not.toMatch(/✗ fails: capacity drops/);
    const summary = planSummary(report);
    expect(summary).toBe(
      '1 of 3 planned implementations would fail to apply this change: cdk-l2 (1 change); 1 applies it; not planned: cdktf (failed)',
    );
    expect(summary).not.toMatch(/\d+ of \d+ planned implementations change something/);
    // It leads, and it closes.
    const lines = text.trimEnd().split('\n');
    expect(lines[3]).toBe(summary);
    expect(lines.at(-1)).toBe(summary);
  });

  it('says which comes first on each replace', () => {
    const text = renderPlanTable(report, { color: false, width: 200 });
    expect(text).toMatch(/± replace +AWS::EKS::Nodegroup .*Nodegroupsystem\/Resource \(create first\)/);
    expect(text).toMatch(
      /± replace +aws_eks_node_group .*\["system"\] \(delete first: Terraform's default\)/,
    );
  });

  it('puts every value on one line, a YAML document as its data, and shows where two long values part', () => {
    const text = renderPlanTable(report, { color: false, width: 400 });
    expect(text).toContain(
      'values: added {args: [--kubelet-insecure-tls], replicas: 2}; removed {args: [--kubelet-insecure-tls], replicas: 1}',
    );
    expect(text).not.toMatch(/replicas: 1\n/);
    const line = text.split('\n').find((item) => item.includes('Manifest:'))!;
    expect(line).toMatch(/"replicas":2.*→.*"replicas":3/);
    const [before, after] = differingTexts(
      'x'.repeat(300) + 'A' + 'y'.repeat(300),
      'x'.repeat(300) + 'B' + 'y'.repeat(300),
    );
    expect(before).not.toBe(after);
    expect(before.startsWith('…')).toBe(true);
  });

  it('shows what the plan as a whole means', () => {
    const text = renderPlanTable(report, { color: false, width: 200 });
    expect(text).toMatch(/^infra-terraform\n {2}note: a new state: the old resources stay$/m);
  });

  it('keeps the model order of the entries', () => {
    const text = renderPlanTable(report, { color: false, width: 200 });
    const order = [
      'Nodegroupsystem',
      'EKS::Cluster',
      'metrics-server',
      'ManifestDeployment',
      'CDKMetadata',
    ].map((name) => text.indexOf(name));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('AWS::CDK::Metadata CDKMetadata (tool machinery)');
  });
});

describe('the plan in Markdown', () => {
  const markdown = renderPlanMarkdown(report);
  it('leads with the summary and has a column for failing changes', () => {
    expect(markdown.split('\n')[5]).toBe(`**${planSummary(report)}.**`);
    expect(markdown).toContain(
      '| Implementation | Create | Update | Replace | Delete | Fails | Machinery | Note |',
    );
    expect(markdown).toContain('| cdk-l2 | 0 | 3 | 1 | 0 | ✗ 1 | 1 |  |');
    expect(markdown).toContain('**✗ fails: EKS upgrades one minor version at a time (1.36 first)**');
    expect(markdown).toContain('_note:_ the control plane upgrade');
    expect(markdown).toContain("| ± replace (delete first: Terraform's default) |");
    expect(markdown).toContain('- _note:_ a new state: the old resources stay');
  });
});
