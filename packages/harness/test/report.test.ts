import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultTargetPath,
  loadTarget,
  toCloudFormationParameters,
  toParameterList,
  toTagList,
} from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { targetSectionOf } from '../src/compare/facts.js';
import { implementationById } from '../src/implementations.js';
import { buildReport } from '../src/report/build.js';
import { renderJson } from '../src/report/render-json.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { renderTable } from '../src/report/render-table.js';

const PACKAGE = join(import.meta.dirname, '..', '..', 'cloudformation');

/** A repository holding only the CloudFormation implementation's artifact, written from the spec. */
function repositoryWithCloudFormation(brokenTemplate = false): string {
  const root = mkdtempSync(join(tmpdir(), 'report-'));
  const out = join(root, 'packages/cloudformation/out');
  mkdirSync(out, { recursive: true });
  cpSync(join(PACKAGE, 'envelope.json'), join(root, 'packages/cloudformation/envelope.json'));
  cpSync(join(PACKAGE, 'templates'), join(root, 'packages/cloudformation/templates'), { recursive: true });
  cpSync(join(PACKAGE, 'templates'), out, { recursive: true });
  const set = toCloudFormationParameters(loadTarget());
  writeFileSync(join(out, 'network.parameters.json'), JSON.stringify(toParameterList(set.network)));
  writeFileSync(join(out, 'cluster.parameters.json'), JSON.stringify(toParameterList(set.cluster)));
  writeFileSync(join(out, 'tags.json'), JSON.stringify(toTagList(set.tags)));
  writeFileSync(
    join(out, 'stacks.json'),
    JSON.stringify({
      schemaVersion: 1,
      account: '111122223333',
      region: 'eu-west-1',
      stacks: [
        {
          name: set.stackNames.network,
          template: 'network.yaml',
          parameters: 'network.parameters.json',
          tags: 'tags.json',
        },
        {
          name: set.stackNames.cluster,
          template: 'cluster.yaml',
          parameters: 'cluster.parameters.json',
          tags: 'tags.json',
        },
      ],
    }),
  );
  if (brokenTemplate) writeFileSync(join(out, 'cluster.yaml'), 'Resources:\n  Cluster:\n    Type: [oops\n');
  return root;
}

const info = implementationById('cloudformation')!;

describe('the report', async () => {
  const report = await buildReport({
    repoRoot: repositoryWithCloudFormation(),
    spec: loadTarget(),
    specFile: defaultTargetPath(),
    implementations: [info],
    synth: new Map([['cloudformation', { ms: 42, cached: false }]]),
    cache: false,
  });

  it('carries the documented JSON contract', () => {
    const json = JSON.parse(renderJson(report));
    expect(json.schemaVersion).toBe(2);
    expect(json.target).toMatchObject({
      name: 'iac-compare-demo',
      region: 'eu-west-1',
      natGateways: 'per-az',
      kubernetesVersion: '1.37',
    });
    const [implementation] = json.implementations;
    expect(Object.keys(implementation)).toEqual(
      expect.arrayContaining([
        'id',
        'conforms',
        'differences',
        'resources',
        'overhead',
        'unknowns',
        'resourcesByKind',
        'linesOfCode',
        'synth',
        'envelope',
        'ledger',
        'findings',
      ]),
    );
    expect(implementation).toMatchObject({
      id: 'cloudformation',
      conforms: true,
      status: 'compared',
      differences: [],
      unknowns: [],
      // The Lambda function and its role behind Custom::RestrictDefaultSecurityGroup.
      overhead: 2,
    });
    expect(implementation.resources).toBe(52);
    expect(implementation.ledger).toMatchObject({ claimed: 52, toolDefaults: [], unaccounted: [] });
    // AWS's validator ran on the templates with their parameters: warnings only, each with its rule and line.
    const rules = implementation.findings.map((finding: { rule: string }) => finding.rule);
    expect(rules).toContain('W9009');
    expect(
      implementation.findings.every((finding: { severity: string }) => finding.severity === 'warning'),
    ).toBe(true);
    const deprecated = implementation.findings.find((finding: { rule: string }) => finding.rule === 'W9009');
    expect(deprecated).toMatchObject({ source: 'cloudformation-validate', subject: 'Cluster' });
    expect(deprecated.location.file).toMatch(/cluster\.yaml$/);
    expect(deprecated.location.line).toBeGreaterThan(600);
    expect(json.resourceDiff.implementations).toEqual(['cloudformation']);
    expect(implementation.resourcesByKind.subnet).toBe(9);
    expect(implementation.linesOfCode).toBeGreaterThan(800);
    expect(implementation.synth).toEqual({ ms: 42, cached: false });
    expect(implementation.envelope.availabilityZones).toEqual({ min: 2, max: 3 });
    // Differences at a glance, restating the report's data: the two machinery resources by purpose.
    expect(json.glance.find((item: { topic: string }) => item.topic === 'machinery')).toMatchObject({
      text: 'cloudformation 2 (custom-resource handlers 2).',
      implementations: ['cloudformation'],
    });
  });

  it('renders Markdown tables and a terminal table', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('# iac-compare: iac-compare-demo');
    expect(markdown).toContain(
      '| `cloudformation` CloudFormation (hand-written YAML) | CloudFormation | yes | 52 | 52 claimed, 0 tool defaults, 0 unaccounted | 2 |',
    );
    // Leads with the verdict; the long fact table is folded.
    expect(markdown.indexOf('cloudformation conforms')).toBeLessThan(markdown.indexOf('<summary>Every fact'));
    expect(markdown).toMatch(/\| subnet\[private\/eu-west-1a\]\.cidr \| 10\.40\.0\.0\/19 \| ✓ \|/);
    const table = renderTable(report, { color: false, allFacts: true });
    // The workload facts are not built by raw CloudFormation (its envelope says why): not counted
    // as equal, and the headline counts the rows the fact table has for that section.
    const workloadRows = report.comparison.rows.filter(
      (row) => targetSectionOf(row.key) === 'workloads',
    ).length;
    expect(workloadRows).toBeGreaterThan(100);
    expect(table).toContain(
      `✓ cloudformation conforms: 135 facts equal, every resource accounted for, nothing AWS or a provider would reject (cloudformation leaves out the ${workloadRows} workload facts: outside its envelope)`,
    );
    expect(table).toMatch(/ {2}subnet\[private\/eu-west-1a\]\.cidr +✓/);
    expect(table).not.toContain(String.fromCharCode(27));
  });

  it('names the file and line of a broken artifact and keeps the column, without a stack trace', async () => {
    const broken = await buildReport({
      repoRoot: repositoryWithCloudFormation(true),
      spec: loadTarget(),
      specFile: 'target.json',
      implementations: [info],
      cache: false,
    });
    const [implementation] = broken.implementations;
    expect(implementation?.status).toBe('failed');
    expect(implementation?.failure).toMatch(/out\/cluster\.yaml:\d+:\d+: not valid YAML: Flow sequence/);
    expect(broken.comparison.rows.every((row) => row.cells.cloudformation?.status === 'failed')).toBe(true);
  });
});
