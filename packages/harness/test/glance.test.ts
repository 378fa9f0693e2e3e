/**
 * Differences at a glance, from hand-built reports: each sentence restates the report's own data
 * (machinery, two-phase providers, ordering facts, replacement order, envelopes, lines of code).
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/compare/compare.js';
import type { ResourceDiff } from '../src/compare/resource-diff.js';
import { ON_DELETE_FAILURE } from '../src/kubernetes/workload-lifecycle.js';
import { glanceOf } from '../src/report/glance.js';
import type { CompareReport, ImplementationReport } from '../src/report/model.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { renderTable } from '../src/report/render-table.js';
import { verdictOf } from '../src/report/verdict.js';

const OPEN_ENVELOPE = {
  implementations: ['x'],
  availabilityZones: { min: 2, max: null },
  nodeGroups: { max: null },
  labelsPerNodeGroup: { max: null },
  taintsPerNodeGroup: { max: null },
  accessEntries: { max: null },
  policiesPerAccessEntry: { max: null },
  tags: { max: null },
  natGateways: ['none', 'single', 'per-az'],
  tiers: ['public', 'private', 'intra'],
  labelKeys: null,
  unsupportedValues: [],
  sectionsOutside: [],
  notes: [],
} as unknown as NonNullable<ImplementationReport['envelope']>;

function implementation(id: string, fields: Partial<ImplementationReport> = {}): ImplementationReport {
  return {
    id,
    label: id,
    tool: id,
    status: 'compared',
    conforms: true,
    failure: null,
    outsideEnvelope: [],
    outsideSections: [],
    differences: [],
    unknowns: [],
    resources: 10,
    overhead: fields.overheadResources?.length ?? 0,
    resourcesByKind: {},
    overheadResources: [],
    linesOfCode: 100,
    sourceFiles: 1,
    synth: { ms: null, cached: false },
    envelope: OPEN_ENVELOPE,
    notes: [],
    diagnostics: [],
    ledger: { claimed: 10, toolDefaults: [], unaccounted: [] },
    findings: [],
    ...fields,
  };
}

const KUBECTL =
  'aws-eks-v2 kubectl provider (the Lambda that runs kubectl and helm for the manifests and charts)';
const TWO_PHASE = (name: string) =>
  `Terraform provider configuration (${name}), built from resources this configuration creates: known only once they exist, so a new cluster is applied in two phases`;

function reportOf(
  implementations: ImplementationReport[],
  rows: CompareReport['comparison']['rows'] = [],
  diff: Partial<ResourceDiff> = {},
): Omit<CompareReport, 'glance'> {
  const ids = implementations.map((item) => item.id);
  return {
    schemaVersion: 2,
    target: {
      name: 't',
      file: 'target.json',
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      natGateways: 'single',
      kubernetesVersion: '1.37',
      nodeGroups: 1,
    },
    summary: {
      implementations: implementations.length,
      conforming: implementations.filter((item) => item.conforms).length,
      facts: rows.length,
    },
    implementations,
    comparison: { implementations: ids, rows, pairwise: {}, notes: {} },
    resourceDiff: {
      implementations: ids,
      items: [],
      differences: [],
      pairs: {},
      defaultsUsed: [],
      namingSetAside: [],
      toolDefaultsSetAside: [],
      unmapped: [],
      ...diff,
    },
  };
}

const equal: Cell = { status: 'equal' };

describe('differences at a glance', () => {
  const cdk = implementation('cdk-l2', {
    linesOfCode: 600,
    overheadResources: [
      { address: 'a', type: 'AWS::Lambda::Function', reason: KUBECTL },
      { address: 'b', type: 'AWS::IAM::Role', reason: KUBECTL },
      { address: 'c', type: 'AWS::CDK::Metadata', reason: 'CDK version reporting (CDKMetadata)' },
    ],
  });
  const terraform = implementation('infra-terraform', {
    linesOfCode: 1200,
    overheadResources: [
      { address: 'p1', type: 'provider:aws', reason: 'Terraform provider configuration (aws)' },
      { address: 'p2', type: 'provider:kubernetes', reason: TWO_PHASE('kubernetes') },
      { address: 'p3', type: 'provider:helm', reason: TWO_PHASE('helm') },
    ],
    envelope: {
      ...OPEN_ENVELOPE,
      unsupportedValues: [{ path: 'cluster.logging.onDelete', values: ['retain'], why: 'no retain' }],
    },
  });
  const cloudformation = implementation('cloudformation', {
    linesOfCode: 1500,
    outsideSections: [{ section: 'workloads', why: 'no native way' }],
    envelope: {
      ...OPEN_ENVELOPE,
      availabilityZones: { min: 2, max: 3 },
      nodeGroups: { max: 3 },
      labelsPerNodeGroup: { max: 3 },
    },
  });
  const rows: CompareReport['comparison']['rows'] = [
    {
      key: 'nodeGroup[system].waitsForPrivateEgress',
      group: 'node groups',
      inTarget: true,
      expected: true,
      cells: {
        'cdk-l2': equal,
        'infra-terraform': { status: 'differs', actual: false },
        cloudformation: equal,
      },
    },
    {
      key: 'addon[coredns].order',
      group: 'add-ons',
      inTarget: true,
      expected: 'after-node-groups',
      cells: { 'cdk-l2': equal, 'infra-terraform': equal, cloudformation: equal },
    },
    {
      key: 'k8s[Namespace app].metadata.name',
      group: 'workloads',
      inTarget: true,
      expected: 'app',
      cells: {
        'cdk-l2': equal,
        'infra-terraform': equal,
        cloudformation: { status: 'outside-envelope', why: 'no native way' },
      },
    },
  ];
  const items = ['vpc', 'subnet[public/a]', 'nodeGroup[system]'].map((identity) => ({
    identity,
    type: 'AWS::EC2::VPC',
    in: {},
  }));
  const replacement = (identity: string) => ({
    identity,
    type: 'AWS::EC2::VPC',
    path: '$lifecycle.replacementOrder',
    values: {
      'cdk-l2': 'create-before-destroy',
      cloudformation: 'create-before-destroy',
      'infra-terraform': 'destroy-before-create',
    },
    locations: {},
  });
  const report = reportOf([cdk, cloudformation, terraform], rows, {
    items,
    differences: [replacement('vpc'), replacement('subnet[public/a]')],
  });
  const glance = glanceOf(report);
  const text = (topic: string) => glance.find((item) => item.topic === topic)?.text;

  it('counts the machinery each tool adds, by what it is for', () => {
    expect(text('machinery')).toBe(
      'cdk-l2 3 (kubectl provider 2, CDK metadata 1); infra-terraform 3 (providers 3); cloudformation none.',
    );
  });

  it('names the providers configured from the cluster the same run creates', () => {
    expect(text('two-phase-apply')).toBe(
      'infra-terraform configures the helm and kubernetes providers from the cluster it creates: a new cluster takes two applies; cdk-l2 deploys it all in one.',
    );
    expect(glance.find((item) => item.topic === 'two-phase-apply')?.implementations).toEqual([
      'infra-terraform',
    ]);
  });

  it('says who waits for what, and who does not', () => {
    expect(text('waiting')).toBe(
      'infra-terraform differs on nodeGroup[system].waitsForPrivateEgress; cdk-l2 and cloudformation match the target (node groups after their NAT routes or VPC endpoints; coredns after node groups).',
    );
  });

  it('states the replacement order, and how many items it concerns', () => {
    expect(text('replacement-order')).toBe(
      'cdk-l2 and cloudformation create every replacement first. infra-terraform deletes first on 2 of 3 items (a subnet and the VPC).',
    );
  });

  it('says a tool that deletes first on more items as "those and N more"', () => {
    const order = (identity: string, cdktf: string, terraform: string) => ({
      identity,
      type: 'AWS::EC2::RouteTable',
      path: '$lifecycle.replacementOrder',
      values: { pulumi: 'create-before-destroy', 'infra-terraform': terraform, cdktf },
      locations: {},
    });
    const three = reportOf(
      [implementation('infra-terraform'), implementation('cdktf'), implementation('pulumi')],
      [],
      {
        items: ['kmsAlias', 'routeTable[public/a]', 'routeTable[intra/a]', 'route[public/a]', 'vpc'].map(
          (identity) => ({ identity, type: 'x', in: {} }),
        ),
        differences: [
          order('kmsAlias', 'destroy-before-create', 'destroy-before-create'),
          order('route[public/a]', 'destroy-before-create', 'destroy-before-create'),
          order('routeTable[intra/a]', 'destroy-before-create', 'create-before-destroy'),
          order('routeTable[public/a]', 'destroy-before-create', 'create-before-destroy'),
        ],
      },
    );
    expect(glanceOf(three).find((item) => item.topic === 'replacement-order')?.text).toBe(
      'pulumi creates every replacement first. infra-terraform deletes first on 2 of 5 items (the KMS alias and a route); cdktf on those and 2 more (2 route tables).',
    );
  });

  it('says who waits for the rollout, from the $await rows, and keeps them out of other settings', () => {
    const waits = (identity: string, values: Record<string, string>) => ({
      identity,
      type: 'Kubernetes::Deployment',
      path: '$await',
      values,
      locations: {},
    });
    const nothing = 'nothing: returns once the API server accepts it';
    const four = reportOf(
      ['cdk-l2', 'infra-terraform', 'cdktf', 'pulumi'].map((id) => implementation(id)),
      [],
      {
        differences: [
          waits('helmRelease[kube-system/metrics-server]', {
            'cdk-l2': 'nothing: helm returns once the manifests are applied',
            'infra-terraform': 'helm --wait: every resource of the release ready',
            cdktf: 'helm --wait: every resource of the release ready',
            pulumi: 'helm --wait: every resource of the release ready',
          }),
          waits('k8s[Deployment app/web]', {
            'cdk-l2': nothing,
            'infra-terraform': 'the rollout: every replica updated and available',
            cdktf: 'the rollout: every replica updated and available',
            pulumi: 'the rollout: every replica updated and available',
          }),
          waits('k8s[Job app/migrate]', {
            'cdk-l2': nothing,
            'infra-terraform': 'completion: the Job succeeds',
            cdktf: 'completion: the Job succeeds',
            pulumi: 'completion: the Job succeeds',
          }),
          waits('k8s[Service app/web]', {
            'cdk-l2': nothing,
            'infra-terraform': nothing,
            cdktf: nothing,
            pulumi: 'a ready pod behind the Service',
          }),
        ],
      },
    );
    const at = glanceOf(four);
    expect(at.find((item) => item.topic === 'waiting')?.text).toBe(
      'On deploy, infra-terraform and cdktf wait for release kube-system/metrics-server (helm --wait), Deployment app/web to roll out and Job app/migrate to complete; pulumi also for a ready pod behind Service app/web; cdk-l2 for none of them: its deploy returns once the API server accepts each object.',
    );
    expect(at.find((item) => item.topic === 'other-settings')).toBeUndefined();
  });

  it('says what a failed workload delete does in each tool, in one sentence, not cut off in other settings', () => {
    const lifecycle = (identity: string) => ({
      identity,
      type: 'Kubernetes::Deployment',
      path: '$lifecycle.onDeleteFailure',
      values: {
        'cdk-l2': ON_DELETE_FAILURE.reportedDeleted,
        'infra-terraform': ON_DELETE_FAILURE.fails,
        pulumi: ON_DELETE_FAILURE.fails,
      },
      locations: {},
    });
    const three = reportOf(
      ['cdk-l2', 'infra-terraform', 'pulumi'].map((id) => implementation(id)),
      [],
      { differences: [lifecycle('k8s[Deployment app/web]'), lifecycle('k8s[Job app/migrate]')] },
    );
    const at = glanceOf(three);
    expect(at.find((item) => item.topic === 'workload-lifecycle')?.text).toBe(
      'If a delete fails (2 items): cdk-l2 reports it deleted though it may still run (the handler logs the error); infra-terraform and pulumi fail the destroy and say why.',
    );
    expect(at.find((item) => item.topic === 'other-settings')).toBeUndefined();
  });

  it("prints each tool's value in other settings when they are not just set or unset", () => {
    const setting = (path: string, values: Record<string, string | null>) => ({
      identity: 'launchTemplate[system]',
      type: 'AWS::EC2::LaunchTemplate',
      path,
      values,
      locations: {},
    });
    const two = reportOf([implementation('a'), implementation('b'), implementation('c')], [], {
      differences: [
        setting('LaunchTemplateData.BlockDeviceMappings[0].Ebs.VolumeType', { a: 'gp3', b: 'gp2', c: null }),
        setting('Tags[team]', { a: 'x', b: null, c: 'x' }),
      ],
    });
    expect(glanceOf(two).find((item) => item.topic === 'other-settings')?.text).toBe(
      'LaunchTemplateData.BlockDeviceMappings[0].Ebs.VolumeType on launchTemplate[system]: a gp3; b gp2; c leaves it unset; Tags[team] on launchTemplate[system]: set by a and c, not by b.',
    );
  });

  it('says what lies outside an envelope', () => {
    expect(text('envelope')).toBe(
      'cloudformation leaves out the workloads; cloudformation takes 2–3 AZs and at most 3 node groups (3 labels each); infra-terraform cannot set cluster.logging.onDelete to retain.',
    );
  });

  it('orders the lines of code, with the ratio when it is large', () => {
    expect(text('lines-of-code')).toBe(
      'cdk-l2 600, infra-terraform 1200, cloudformation 1500: cloudformation takes 2.5 times as many as cdk-l2.',
    );
  });

  it('is what the terminal and Markdown reports lead with, after the verdict', () => {
    const full = { ...report, glance };
    const table = renderTable(full, { color: false, width: 80 });
    const verdict = table.indexOf(verdictOf(report).slice(0, 30));
    const atGlance = table.indexOf('Differences at a glance');
    const matrix = table.indexOf('Facts: each of the target');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(atGlance);
    expect(atGlance).toBeLessThan(matrix);
    const markdown = renderMarkdown(full);
    expect(markdown.indexOf('## Differences at a glance')).toBeLessThan(
      markdown.indexOf('## Differences from the target'),
    );
    expect(markdown).toContain('- **Two-phase apply:** infra-terraform configures the helm');
  });

  it('reads as written by a person with one implementation', () => {
    const one = reportOf([
      implementation('yours', {
        conforms: false,
        differences: [
          { fact: 'vpc.cidr', status: 'differs', expected: '10.0.0.0/16', actual: '10.1.0.0/16' },
        ],
      }),
    ]);
    expect(verdictOf(one)).toBe('yours does not conform: 1 fact differs');
    const two = reportOf([
      implementation('a'),
      implementation('b', {
        conforms: false,
        ledger: {
          claimed: 1,
          toolDefaults: [],
          unaccounted: [
            {
              address: 'x',
              displayName: 'x',
              nativeType: 'AWS::S3::Bucket',
              kind: null,
              status: 'unaccounted',
              reason: 'r',
            },
          ],
        },
      }),
    ]);
    expect(verdictOf(two)).toBe(
      '1 of 2 implementations conforms; not conforming: b (1 resource unaccounted for)',
    );
  });
});
