/**
 * The memos: validation (per template, per derived resource) and the compare report. A memo must
 * give exactly what recomputing gives, miss whenever anything that decides the answer changed, and
 * never keep what could be passing (a failed implementation).
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTarget,
  type TargetSpec,
  toCloudFormationParameters,
  toParameterList,
  toTagList,
} from '@iac-compare/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { implementationById } from '../src/implementations.js';
import {
  isPlainJson,
  preparedFingerprint,
  recallReport,
  rememberReport,
  reportMemoKey,
} from '../src/memo/report-memo.js';
import { configureValidationMemo, validationMemoCounts } from '../src/memo/validation-memo.js';
import { Unknown } from '../src/model/value.js';
import { buildReport } from '../src/report/build.js';
import { renderJson } from '../src/report/render-json.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { renderTable } from '../src/report/render-table.js';
import { readTerraformDirectory } from '../src/terraform/source.js';
import { validateTemplateText } from '../src/validate/cloudformation-validate.js';
import { validateDerived } from '../src/validate/validate.js';

const PLACEMENT = { account: '111122223333', region: 'eu-west-1' };
const tagVariant = () => undefined;

/** Counts of validator calls the memo did not answer, across `run`. */
async function missesDuring<T>(run: () => Promise<T>): Promise<{ result: T; misses: number; hits: number }> {
  const before = validationMemoCounts();
  const result = await run();
  const after = validationMemoCounts();
  return { result, misses: after.misses - before.misses, hits: after.hits - before.hits };
}

function terraformFolder(cidr: string, retention: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'memo-tf-'));
  writeFileSync(
    join(dir, 'main.tf'),
    [
      'resource "aws_vpc" "this" {',
      `  cidr_block = "${cidr}"`,
      '}',
      'resource "aws_cloudwatch_log_group" "this" {',
      '  name              = "/aws/eks/demo/cluster"',
      `  retention_in_days = ${retention}`,
      '}',
      '',
    ].join('\n'),
  );
  return dir;
}

afterEach(() => configureValidationMemo({ enabled: true }));

describe('the validation memo', () => {
  it('derived checks: an unchanged resource is not validated again, a changed one is, and the findings are what the validator says', async () => {
    configureValidationMemo({ enabled: true });
    const first = await readTerraformDirectory(terraformFolder('10.0.0.0/16', 8), 'tf', PLACEMENT);
    const cold = await missesDuring(() => validateDerived(first, PLACEMENT.region, tagVariant));
    // 8 days is not a retention CloudWatch offers: the schema says so, on the log group.
    const retention = cold.result.filter((finding) => finding.subject === 'aws_cloudwatch_log_group.this');
    expect(retention).toHaveLength(1);
    expect(retention[0]).toMatchObject({
      source: 'derived',
      rule: 'W3030',
      property: 'Properties.RetentionInDays',
    });
    expect(retention[0]!.message).toMatch(/^8 is not one of \[1, 3, 5, 7, 14/);
    expect(cold.misses).toBe(2);

    const again = await missesDuring(() => validateDerived(first, PLACEMENT.region, tagVariant));
    expect(again.misses).toBe(0);
    expect(again.hits).toBe(2);
    expect(again.result).toEqual(cold.result);

    // One resource edited: only it goes to the validator.
    const edited = await readTerraformDirectory(terraformFolder('10.1.0.0/16', 8), 'tf', PLACEMENT);
    const partial = await missesDuring(() => validateDerived(edited, PLACEMENT.region, tagVariant));
    expect(partial.misses).toBe(1);
    expect(partial.hits).toBe(1);
    // The same findings as the validator gives without any memo.
    configureValidationMemo({ enabled: false });
    expect(await validateDerived(edited, PLACEMENT.region, tagVariant)).toEqual(partial.result);
    // Another region is another answer.
    configureValidationMemo({ enabled: true });
    const elsewhere = await missesDuring(() => validateDerived(edited, 'us-east-1', tagVariant));
    expect(elsewhere.misses).toBe(2);
  }, 120_000);

  it('templates: keyed on the text, the parameter values and the pseudo parameters; kept on disk for the next command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memo-validation-'));
    configureValidationMemo({ enabled: true, dir });
    const text = [
      'Parameters:',
      '  Retention: { Type: Number }',
      'Resources:',
      '  Logs:',
      '    Type: AWS::Logs::LogGroup',
      '    Properties: { RetentionInDays: !Ref Retention }',
      '',
    ].join('\n');
    const input = (retention: string, region = 'eu-west-1') => ({
      text,
      file: '/templates/logs.yaml',
      parameters: { Retention: retention },
      region,
      account: PLACEMENT.account,
    });
    const cold = await missesDuring(() => validateTemplateText(input('7')));
    expect(cold.misses).toBe(1);
    expect((await missesDuring(() => validateTemplateText(input('7')))).misses).toBe(0);
    expect((await missesDuring(() => validateTemplateText(input('14')))).misses).toBe(1);
    expect((await missesDuring(() => validateTemplateText(input('7', 'us-east-1')))).misses).toBe(1);
    // A new process (a new store on the same folder) finds the answers on disk.
    configureValidationMemo({ enabled: true, dir });
    const next = await missesDuring(() => validateTemplateText(input('7')));
    expect(next.misses).toBe(0);
    expect(next.result).toEqual(cold.result);
    // Off: every call goes to the validator.
    configureValidationMemo({ enabled: false });
    expect(await validateTemplateText(input('7'))).toEqual(cold.result);
  }, 120_000);
});

const CLOUDFORMATION = join(import.meta.dirname, '..', '..', 'cloudformation');

/** A repository holding only the CloudFormation implementation's artifact, written from the spec. */
function repositoryWithCloudFormation(spec: TargetSpec): string {
  const root = mkdtempSync(join(tmpdir(), 'memo-report-'));
  const out = join(root, 'packages/cloudformation/out');
  mkdirSync(out, { recursive: true });
  cpSync(join(CLOUDFORMATION, 'envelope.json'), join(root, 'packages/cloudformation/envelope.json'));
  cpSync(join(CLOUDFORMATION, 'templates'), join(root, 'packages/cloudformation/templates'), {
    recursive: true,
  });
  cpSync(join(CLOUDFORMATION, 'templates'), out, { recursive: true });
  const set = toCloudFormationParameters(spec);
  writeFileSync(join(out, 'network.parameters.json'), JSON.stringify(toParameterList(set.network)));
  writeFileSync(join(out, 'cluster.parameters.json'), JSON.stringify(toParameterList(set.cluster)));
  writeFileSync(join(out, 'tags.json'), JSON.stringify(toTagList(set.tags)));
  writeFileSync(
    join(out, 'stacks.json'),
    JSON.stringify({
      schemaVersion: 1,
      account: spec.account,
      region: spec.region,
      stacks: [
        { name: set.stackNames.network, template: 'network.yaml', parameters: 'network.parameters.json' },
        { name: set.stackNames.cluster, template: 'cluster.yaml', parameters: 'cluster.parameters.json' },
      ],
    }),
  );
  return root;
}

describe('the report memo', () => {
  const info = implementationById('cloudformation')!;
  const spec = loadTarget();
  const keyOf = (repoRoot: string, target: TargetSpec = spec) =>
    reportMemoKey({
      repoRoot,
      spec: target,
      specFile: 'target.json',
      implementations: [info],
      fingerprints: new Map([[info.id, preparedFingerprint(info, { repoRoot, spec: target })]]),
    });

  it('reads back a report that renders exactly as the one it kept, in every format', async () => {
    const repoRoot = repositoryWithCloudFormation(spec);
    const key = keyOf(repoRoot);
    expect(recallReport(key)).toBeUndefined();
    const report = await buildReport({ repoRoot, spec, specFile: 'target.json', implementations: [info] });
    expect(report.implementations[0]!.status).toBe('compared');
    expect(rememberReport(key, report)).toBe(true);
    const recalled = recallReport(key)!;
    expect(recalled).not.toBe(report);
    expect(renderJson(recalled)).toBe(renderJson(report));
    expect(renderMarkdown(recalled, { relativeTo: repoRoot })).toBe(
      renderMarkdown(report, { relativeTo: repoRoot }),
    );
    const table = { color: false, width: 100, relativeTo: repoRoot };
    expect(renderTable(recalled, table)).toBe(renderTable(report, table));
    expect(recalled).toEqual(report);
  }, 120_000);

  it('misses when the artifact, the envelope, the sources or the target changed', () => {
    const repoRoot = repositoryWithCloudFormation(spec);
    const keys = [keyOf(repoRoot)];
    const edit = (path: string) => {
      appendFileSync(join(repoRoot, path), '\n');
      keys.push(keyOf(repoRoot));
    };
    edit('packages/cloudformation/out/cluster.yaml'); // the artifact
    edit('packages/cloudformation/envelope.json');
    edit('packages/cloudformation/templates/network.yaml'); // its sources (lines of code)
    keys.push(keyOf(repoRoot, { ...spec, tags: { ...spec.tags, team: 'other' } }));
    expect(new Set(keys).size).toBe(keys.length);
    // Nothing changed: the same key.
    expect(keyOf(repoRoot)).toBe(keys[3]);
  });

  it('never keeps a report with a failed implementation, nor one that is not plain JSON', async () => {
    const repoRoot = repositoryWithCloudFormation(spec);
    writeFileSync(join(repoRoot, 'packages/cloudformation/out/cluster.yaml'), 'Resources:\n  X: [oops\n');
    const report = await buildReport({ repoRoot, spec, specFile: 'target.json', implementations: [info] });
    expect(report.implementations[0]!.status).toBe('failed');
    const key = keyOf(repoRoot);
    expect(rememberReport(key, report)).toBe(false);
    expect(recallReport(key)).toBeUndefined();
    expect(isPlainJson({ a: [1, 'x', null, new Unknown('computed')] })).toBe(true);
    expect(isPlainJson({ a: new Map() })).toBe(false);
    expect(isPlainJson({ a: undefined })).toBe(false);
    expect(isPlainJson({ a: Number.NaN })).toBe(false);
    expect(isPlainJson({ $unknown: { reason: 'computed' } })).toBe(false);
    expect(readFileSync(join(repoRoot, 'packages/cloudformation/envelope.json'), 'utf8')).toContain('{');
  }, 120_000);
});
