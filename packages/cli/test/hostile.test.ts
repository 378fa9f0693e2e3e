/**
 * Hostile cases: what a team does to a tool without meaning to. Outputs aimed at files and
 * folders the command must not touch, sources edited and reverted, a package that does not
 * compile, a pull request whose code changes. Each runs the real command on a scratch copy of
 * the repository (the CloudFormation and Terraform packages: small builds) and checks that no
 * file is lost and no answer comes from code that no longer exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { commitAll, scratchRepo } from './scratch-repo.js';

const PACKAGES = ['packages/cloudformation', 'infra-terraform'];
const ONLY = ['--only', 'cloudformation', '--only', 'infra-terraform'];
const SYNTHESIZE = join('packages', 'cloudformation', 'src', 'synthesize.ts');

/** Every file under `dir`, with its content: to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (/(^|\/)(node_modules|\.iac-compare|\.git)(\/|$)/.test(file)) continue;
    const path = join(dir, file);
    try {
      out[file] = readFileSync(path, 'utf8');
    } catch {
      // a folder
    }
  }
  return out;
}

function temporaryFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => /\.tmp($|-)/.test(file) && !file.includes('node_modules'),
  );
}

describe('hostile cases', () => {
  let repo: string;
  const cli = (args: string[], cwd?: string) =>
    runCli(args, { env: { IAC_COMPARE_REPO: repo }, ...(cwd ? { cwd } : { cwd: repo }) });

  beforeAll(() => {
    repo = scratchRepo(PACKAGES);
  });

  it('--out refuses a folder, the target file and a file iac-compare did not write, before any work', () => {
    mkdirSync(join(repo, 'docs'), { recursive: true });
    writeFileSync(join(repo, 'docs', 'notes.md'), '# my notes\n');
    writeFileSync(join(repo, 'README.md'), '# iac-compare\n\nThe team’s own README.\n');
    const before = snapshot(repo);
    const folder = cli(['compare', '--out', 'docs', ...ONLY]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('--out docs is a folder');
    const target = cli([
      'compare',
      '--out',
      join(repo, '..', 'not-used.json'),
      '--spec',
      join(repo, 'docs', 'notes.md'),
    ]);
    expect(target.status).toBe(2);
    const spec = join(repo, 'target.json');
    writeFileSync(spec, readFileSync(join(repo, 'packages', 'spec', 'target.json')));
    const overTarget = cli(['compare', '--spec', spec, '--out', spec, ...ONLY]);
    expect(overTarget.status).toBe(2);
    expect(overTarget.stderr).toContain('is the target file');
    for (const [file, format] of [
      ['README.md', 'markdown'],
      [join('docs', 'notes.md'), 'markdown'],
      [join('packages', 'cloudformation', 'src', 'index.ts'), 'json'],
    ] as const) {
      const result = cli(['compare', '--out', file, '--format', format, ...ONLY]);
      expect(result.status, file).toBe(2);
      expect(result.stderr).toContain('iac-compare did not write it');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    expect(snapshot(repo)).toEqual({ ...before, 'target.json': readFileSync(spec, 'utf8') });
    expect(temporaryFiles(repo)).toEqual([]);
  }, 120_000);

  it('writes a report, replaces its own report, and a failed run leaves the previous one in place', () => {
    const report = join(repo, 'report.json');
    expect(cli(['compare', '--out', 'report.json', ...ONLY]).status).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8')).summary.conforming).toBe(2);
    // Its own report is replaced.
    expect(cli(['compare', '--out', 'report.json', ...ONLY]).status).toBe(0);
    const good = readFileSync(report, 'utf8');

    const source = readFileSync(join(repo, SYNTHESIZE), 'utf8');
    writeFileSync(join(repo, SYNTHESIZE), `${source}\nconst broken: number = 'not a number';\n`);
    try {
      const failed = cli(['compare', '--out', 'report.json', ...ONLY]);
      expect(failed.status).toBe(2);
      expect(failed.stderr).toContain('not written: cloudformation failed; report.json is unchanged');
      expect(readFileSync(report, 'utf8')).toBe(good);
    } finally {
      writeFileSync(join(repo, SYNTHESIZE), source);
    }
    expect(temporaryFiles(repo)).toEqual([]);
  }, 180_000);

  it('a package that does not compile fails only its own column, with the compiler’s first error', () => {
    const source = readFileSync(join(repo, SYNTHESIZE), 'utf8');
    writeFileSync(join(repo, SYNTHESIZE), `${source}\nconst broken: number = 'not a number';\n`);
    try {
      const result = cli(['compare', ...ONLY]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /synth cloudformation +FAILED: does not compile: packages\/cloudformation\/src\/synthesize\.ts:\d+:\d+: TS2322/,
      );
      expect(result.stderr).toMatch(/synth infra-terraform +(done|cached)/);
      expect(result.stdout).toMatch(/infra-terraform/);
      expect(result.stdout).toMatch(/cloudformation: synth failed: does not compile/);
    } finally {
      writeFileSync(join(repo, SYNTHESIZE), source);
    }
  }, 180_000);

  it('answers from the code as it is: an edit is rebuilt and caught, a revert conforms again', () => {
    expect(cli(['compare', ...ONLY]).status).toBe(0);
    const source = readFileSync(join(repo, SYNTHESIZE), 'utf8');
    const edited = source.replace(
      'const set = toCloudFormationParameters(spec);',
      "const set = toCloudFormationParameters(spec);\n  set.cluster.LogRetentionDays = '30';",
    );
    expect(edited).not.toBe(source);
    writeFileSync(join(repo, SYNTHESIZE), edited);
    try {
      const changed = cli(['compare', ...ONLY]);
      expect(changed.status).toBe(1);
      expect(changed.stderr).toMatch(/synth cloudformation +building \(sources changed since its build\)/);
      expect(changed.stdout).toMatch(/logGroup\.retentionDays/);
      // Asked again, the answer is the same: the cache holds the edited code's result, not the old one's.
      expect(cli(['compare', ...ONLY]).status).toBe(1);
    } finally {
      writeFileSync(join(repo, SYNTHESIZE), source);
    }
    const reverted = cli(['compare', ...ONLY]);
    expect(reverted.status).toBe(0);
    expect(reverted.stdout).not.toMatch(/retentionDays/);
  }, 240_000);

  it('a build that fails leaves the last good build in place: after a revert, the answer is the reverted code’s', () => {
    expect(cli(['compare', ...ONLY]).status).toBe(0);
    const source = readFileSync(join(repo, SYNTHESIZE), 'utf8');
    // A type error beside a change of behaviour: emitted anyway, the build would leave dist/ running
    // the change under the stamp of the sources before it (tsconfig.base.json: noEmitOnError).
    const broken = source.replace(
      'const set = toCloudFormationParameters(spec);',
      "const set = toCloudFormationParameters(spec);\n  set.cluster.LogRetentionDays = '30';\n  const wrong: number = 'not a number';",
    );
    expect(broken).not.toBe(source);
    writeFileSync(join(repo, SYNTHESIZE), broken);
    try {
      expect(cli(['compare', ...ONLY]).status).toBe(2);
    } finally {
      writeFileSync(join(repo, SYNTHESIZE), source);
    }
    const reverted = cli(['compare', ...ONLY]);
    expect(reverted.status, reverted.stdout).toBe(0);
    expect(reverted.stdout).not.toMatch(/retentionDays/);
  }, 240_000);

  it('synth never writes into the folder Terraform deploys from', () => {
    expect(cli(['synth', '--only', 'infra-terraform']).status).toBe(0);
    expect(existsSync(join(repo, 'infra-terraform', 'spec.auto.tfvars.json'))).toBe(false);
    expect(existsSync(join(repo, 'infra-terraform', 'out', 'spec.auto.tfvars.json'))).toBe(true);
    const direct = spawnSync(
      process.execPath,
      [join(repo, 'infra-terraform', 'dist', 'bin', 'synth.js'), '--out', join(repo, 'infra-terraform')],
      { encoding: 'utf8' },
    );
    expect(direct.status).toBe(2);
    expect(direct.stderr).toContain('holds files iac-compare did not write');
    expect(existsSync(join(repo, 'infra-terraform', 'main.tf'))).toBe(true);
  }, 120_000);

  it('--save-baseline refuses a folder holding other files (and the checkout), and replaces its own baseline', () => {
    const notes = join(repo, 'notes');
    mkdirSync(notes, { recursive: true });
    writeFileSync(join(notes, 'todo.txt'), 'keep me\n');
    const refused = cli(['plan', '--save-baseline', 'notes', ...ONLY]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('holds files iac-compare did not write (todo.txt)');
    expect(readFileSync(join(notes, 'todo.txt'), 'utf8')).toBe('keep me\n');
    const checkout = cli(['plan', '--save-baseline', '.', ...ONLY]);
    expect(checkout.status).toBe(2);
    expect(existsSync(join(repo, 'package.json'))).toBe(true);

    expect(cli(['plan', '--save-baseline', 'baseline', ...ONLY]).status).toBe(0);
    const first = readFileSync(join(repo, 'baseline', 'baseline.json'), 'utf8');
    expect(cli(['plan', '--save-baseline', 'baseline', ...ONLY]).status).toBe(0);
    expect(readFileSync(join(repo, 'baseline', 'baseline.json'), 'utf8')).not.toBe(first);
    expect(cli(['plan', '--baseline', 'baseline', ...ONLY]).status).toBe(0);
    expect(temporaryFiles(repo)).toEqual([]);
  }, 180_000);

  it('plans a ref with code changes from that ref’s code, and two refs against each other', () => {
    commitAll(repo, 'base');
    const template = join(repo, 'packages', 'cloudformation', 'templates', 'cluster.yaml');
    const text = readFileSync(template, 'utf8');
    writeFileSync(
      template,
      text.replace('HttpPutResponseHopLimit: 2 # pods', 'HttpPutResponseHopLimit: 1 # pods'),
    );
    // The working tree against HEAD: the template edit shows, though the target did not change.
    const spec = ['--spec', join('packages', 'spec', 'target.json'), '--only', 'cloudformation'];
    const working = cli(['plan', '--baseline', 'HEAD', ...spec]);
    expect(working.status, working.stderr).toBe(1);
    expect(working.stdout).toMatch(/HttpPutResponseHopLimit: 2 → 1/);
    // Wrapped to the width: read as one paragraph.
    expect(working.stdout.replace(/\s+/g, ' ')).toMatch(/EKS replaces every node of the group/);
    commitAll(repo, 'hop limit 1');
    const refs = cli(['plan', '--base', 'HEAD~1', '--head', 'HEAD', ...spec]);
    expect(refs.status, refs.stderr).toBe(1);
    expect(refs.stdout).toMatch(/HttpPutResponseHopLimit: 2 → 1/);
    const same = cli(['plan', '--base', 'HEAD', ...spec]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toContain(
      'No changes: every implementation would leave the infrastructure as it is.',
    );
  }, 300_000);
});
