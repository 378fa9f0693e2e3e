/** `iac-compare plan` end to end: save a baseline, edit the target, plan; git baselines; bad input. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const ONLY = ['--only', 'cloudformation,infra-terraform'];
const IN_GIT =
  spawnSync('git', ['-C', REPO, 'rev-parse', '--verify', 'HEAD'], { encoding: 'utf8' }).status === 0;
const target = JSON.parse(readFileSync(join(REPO, 'packages', 'spec', 'target.json'), 'utf8'));

function targetFile(dir: string, edit: (spec: typeof target) => void = () => {}): string {
  const spec = structuredClone(target);
  delete spec.$schema;
  edit(spec);
  const file = join(dir, `target-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('iac-compare plan', () => {
  it('saves a baseline, then plans an edit: exit 1 and every change with its reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const baseline = join(dir, 'baseline');
    const save = runCli(['plan', '--save-baseline', baseline, '--spec', targetFile(dir), ...ONLY]);
    expect(save.status, save.stderr).toBe(0);
    expect(save.stderr).toContain('saved the baseline of 2 implementations');

    const same = runCli(['plan', '--baseline', baseline, '--spec', targetFile(dir), ...ONLY]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toContain('No changes');

    const edited = targetFile(dir, (spec) => (spec.cluster.logging.retentionDays = 30));
    const plan = runCli(['plan', '--baseline', baseline, '--spec', edited, ...ONLY, '--format', 'json']);
    expect(plan.status, plan.stderr).toBe(1);
    const report = JSON.parse(plan.stdout);
    expect(report.schemaVersion).toBe(2);
    expect(report.implementations.map((i: { id: string; counts: unknown }) => [i.id, i.counts])).toEqual([
      ['cloudformation', { create: 0, update: 1, replace: 0, delete: 0 }],
      ['infra-terraform', { create: 0, update: 1, replace: 0, delete: 0 }],
    ]);
    const table = runCli(['plan', '--baseline', baseline, '--spec', edited, ...ONLY]);
    expect(table.stdout).toMatch(/~ update\s+AWS::Logs::LogGroup/);
    expect(table.stdout).toContain('RetentionInDays: 90 → 30');
  }, 300_000);

  it('a change that would fail looks failing: exit 3, fails and failure in JSON, a mark and a column in the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const baseline = join(dir, 'baseline');
    const save = runCli(['plan', '--save-baseline', baseline, '--spec', targetFile(dir), ...ONLY]);
    expect(save.status, save.stderr).toBe(0);
    // 1.37 → 1.35 is a downgrade, which EKS refuses in every tool.
    const edited = targetFile(dir, (spec) => (spec.cluster.version = '1.35'));
    const json = runCli(['plan', '--baseline', baseline, '--spec', edited, ...ONLY, '--format', 'json']);
    expect(json.status, json.stderr).toBe(3);
    const report = JSON.parse(json.stdout);
    for (const plan of report.implementations) {
      expect(plan.fails, plan.id).toBe(true);
      const [cluster] = plan.changes;
      expect(cluster, plan.id).toMatchObject({ action: 'update', fails: true });
      expect(cluster.failure, plan.id).toContain('downgrade');
      expect(cluster.note, plan.id).toBeUndefined();
    }
    const table = runCli(['plan', '--baseline', baseline, '--spec', edited, ...ONLY]);
    expect(table.status).toBe(3);
    expect(table.stdout).toMatch(/\bID\s+CREATE\s+UPDATE\s+REPLACE\s+DELETE\s+FAILS/);
    expect(table.stdout).toContain('✗ fails: Kubernetes 1.37 → 1.35 is a downgrade');
    expect(table.stdout.replace(/\s+/g, ' ')).toContain(
      '2 of 2 planned implementations would fail to apply this change: cloudformation (1 change) and infra-terraform (1 change)',
    );
    expect(table.stdout).not.toContain('change something');
  }, 300_000);

  it.runIf(IN_GIT)(
    'takes a git ref as the baseline: the code and the target file as they were at that commit',
    () => {
      // A ref is built in a worktree from scratch: slow on a loaded two-core machine.
      const result = runCli(['plan', '--baseline', 'HEAD', ...ONLY], { timeout: 280_000 });
      expect(result.stdout).toContain('baseline: git:HEAD (target packages/spec/target.json)');
      expect([0, 1]).toContain(result.status);
    },
    300_000,
  );

  it('exits 2 with one clear line on a missing or corrupt baseline, a bad ref, or a ref without the target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-bad-'));
    const missing = runCli(['plan', '--baseline', join(dir, 'nothing-here'), ...ONLY]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('is neither a baseline folder nor a git commit');

    const corrupt = join(dir, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'baseline.json'), '{');
    const broken = runCli(['plan', '--baseline', corrupt, ...ONLY]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/baseline\.json: not JSON/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);

    if (!IN_GIT) {
      console.warn('cli: the git-ref checks of plan skipped: this checkout is not a git repository');
      return;
    }
    const untracked = join(REPO, '.iac-compare', 'plan-test-target.json');
    mkdirSync(join(REPO, '.iac-compare'), { recursive: true });
    writeFileSync(untracked, JSON.stringify(target));
    try {
      const noTarget = runCli(['plan', '--baseline', 'HEAD', '--spec', untracked, ...ONLY]);
      expect(noTarget.status).toBe(2);
      expect(noTarget.stderr).toContain('HEAD has no .iac-compare/plan-test-target.json');
    } finally {
      rmSync(untracked, { force: true });
    }

    const neither = runCli(['plan', ...ONLY]);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('plan needs one of --baseline DIR|GIT_REF');
  }, 300_000);
});
