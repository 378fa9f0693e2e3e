import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('iac-compare compare', () => {
  it('prints the matrix and exits 0 when the CloudFormation family conforms', () => {
    const result = runCli(['compare', '--only', 'cdk-l2,cdk-l1,cloudformation']);
    expect(result.stderr).toMatch(/synth cdk-l2 +(done|cached)/);
    expect(result.stdout).toContain('3 of 3 implementations conform');
    expect(result.stdout).toMatch(/node groups +✓ \d+\/\d+ +✓ \d+\/\d+ +✓ \d+\/\d+/);
    expect(result.status).toBe(0);
  }, 180_000);

  it('writes a JSON report with conforms: true for the three, and caches an unchanged synth', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'compare-')), 'report.json');
    const result = runCli([
      'compare',
      '--only',
      'cdk-l2,cdk-l1,cloudformation',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/synth cloudformation +cached/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.schemaVersion).toBe(2);
    expect(report.implementations.map((i: { id: string; conforms: boolean }) => [i.id, i.conforms])).toEqual([
      ['cdk-l2', true],
      ['cdk-l1', true],
      ['cloudformation', true],
    ]);
    const cdk = report.implementations[0];
    expect(cdk.resources).toBeGreaterThan(40);
    expect(cdk.overhead).toBeGreaterThanOrEqual(1);
    expect(cdk.differences).toEqual([]);
    expect(cdk.unknowns).toEqual([]);
    expect(cdk.ledger.unaccounted).toEqual([]);
    expect(cdk.ledger.toolDefaults.map((entry: { defaultId: string }) => entry.defaultId)).toEqual([
      'aws-eks-v2-control-plane-security-group',
    ]);
    expect(report.resourceDiff.implementations).toEqual(['cdk-l2', 'cdk-l1', 'cloudformation']);
    expect(report.comparison.rows.length).toBeGreaterThan(100);
  }, 180_000);

  it('rejects an unknown implementation id and an unknown format with exit 2', () => {
    const unknown = runCli(['compare', '--only', 'cdk-l3']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown implementation "cdk-l3" (did you mean "cdk-l2"?)');
    // Every id that starts with what was typed.
    const prefix = runCli(['compare', '--only', 'cdk']);
    expect(prefix.status).toBe(2);
    expect(prefix.stderr).toContain(
      'unknown implementation "cdk" (did you mean "cdk-l2", "cdk-l1", "cdktf"?)',
    );
    expect(runCli(['synth', '--only', 'infra']).stderr).toContain('(did you mean "infra-terraform"?)');
    // html is a format now (the HTML report); pdf is not.
    expect(runCli(['compare', '--format', 'pdf']).status).toBe(2);
  });

  it('exits 2 on an invalid target, before synthesizing anything', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'compare-')), 'target.json');
    writeFileSync(file, JSON.stringify({ name: 'x' }));
    const result = runCli(['compare', '--spec', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('account: required');
    expect(result.stderr).not.toMatch(/synth /);
  });
});

describe('firstErrorLine', () => {
  it('picks the error message, not the source location Node prints first', async () => {
    const { firstErrorLine } = await import('../src/synth-runner.js');
    const stderr = [
      'node:internal/modules/esm/resolve:873',
      '  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);',
      '        ^',
      '',
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'aws-cdk-lib' imported from /x/dist/app.js",
      '    at packageResolve (node:internal/modules/esm/resolve:873:9)',
    ].join('\n');
    expect(firstErrorLine(stderr, 1)).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'aws-cdk-lib' imported from /x/dist/app.js",
    );
    expect(
      firstErrorLine('@iac-compare/cdk synth: targets/x.json: the target has 1 problem\n  region: …', 2),
    ).toBe('@iac-compare/cdk synth: targets/x.json: the target has 1 problem');
    expect(firstErrorLine('', 134)).toBe('exited with code 134');
  });
});
