/**
 * `iac-compare watch`, run as a user runs it, on a scratch copy of the repository: answers are read
 * from its JSON lines (one object per answer), what it says about them from stderr.
 *
 * - an edit produces a new answer, naming the inputs it reflects by the digest of their content;
 * - a revert (saved by renaming a temporary file over the target, as many editors save) returns to
 *   the first answer;
 * - a broken edit shows its error in its own column (the others still answer), the next good edit
 *   recovers; a target that does not parse is the answer, and a fix recovers;
 * - nothing stale is printed: a second edit lands while the first edit's answer is held (the
 *   IAC_COMPARE_WATCH_HOLD_MS seam holds each computed answer before its freshness check), and
 *   only the second edit's answer is printed. If the second edit came too late the first answer
 *   would be printed and the test would fail: it cannot pass by luck.
 * - a TypeScript edit is answered from the edited code (transpiled at once) and a type error fails
 *   the column when the background type check finds it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from './run-cli.js';
import { scratchRepo } from './scratch-repo.js';

interface Answer {
  readonly answer: number;
  readonly after: string[];
  readonly inputs: {
    readonly target: { readonly file: string; readonly digest: string };
    readonly implementations: {
      readonly id: string;
      readonly digest: string;
      readonly types: string;
      readonly synthesized: boolean;
    }[];
  };
  readonly since?: { readonly answer: number; readonly changes: string[] };
  readonly error?: string;
  readonly plan?: {
    readonly baseline: { readonly source: string };
    readonly implementations: {
      readonly id: string;
      readonly status: string;
      readonly counts: Record<string, number>;
      readonly changes: { address: string; action: string; changes: { path: string; after: unknown }[] }[];
    }[];
  };
  readonly report?: {
    readonly implementations: {
      readonly id: string;
      readonly status: string;
      readonly conforms: boolean;
      readonly failure: string | null;
      readonly differences: { fact: string; actual: unknown }[];
      readonly synth?: unknown;
    }[];
    readonly comparison: { readonly rows: { key: string; expected: unknown }[] };
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

class Watch {
  readonly answers: Answer[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private stdout = '';
  private readonly waiters = new Set<() => void>();

  constructor(repo: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    // The scratch copy's target (the default target is the one beside the spec package that runs).
    const spec = ['--spec', join('packages', 'spec', 'target.json')];
    this.child = spawn(process.execPath, [CLI, 'watch', ...args, ...spec, '--format', 'json'], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1', IAC_COMPARE_REPO: repo, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      let newline = this.stdout.indexOf('\n');
      while (newline >= 0) {
        this.answers.push(JSON.parse(this.stdout.slice(0, newline)) as Answer);
        this.stdout = this.stdout.slice(newline + 1);
        newline = this.stdout.indexOf('\n');
      }
      this.notify();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      this.notify();
    });
  }

  /** Resolves when `test` holds (checked on every output), else fails after `ms`. */
  until<T>(what: string, test: () => T | undefined | false, ms = 180_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = test();
        if (found) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; stderr:\n${this.stderr.slice(-3000)}`));
      }, ms);
      this.waiters.add(check);
      check();
    });
  }

  /** The next answer after the `count` seen so far. */
  nextAnswer(count: number, what: string): Promise<Answer> {
    return this.until(what, () => this.answers[count]);
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    return exited;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

const ONLY = ['--only', 'cloudformation,infra-terraform'];
const running: Watch[] = [];
afterEach(async () => {
  for (const watch of running.splice(0)) await watch.stop();
});

function start(repo: string, args: string[], env?: NodeJS.ProcessEnv): Watch {
  const watch = new Watch(repo, args, env);
  running.push(watch);
  return watch;
}

function withOwner(text: string, owner: string): string {
  const target = JSON.parse(text) as { tags: Record<string, string> };
  return `${JSON.stringify({ ...target, tags: { ...target.tags, owner } }, null, 2)}\n`;
}

const ownerRow = (answer: Answer) =>
  (answer.report?.comparison.rows.find((row) => row.key === 'vpc.tags')?.expected as Record<string, string>)
    ?.owner;

/** The report without what legitimately differs between two answers of the same inputs (synth times). */
function stable(answer: Answer): unknown {
  return {
    ...answer.report,
    implementations: answer.report?.implementations.map(({ synth: _synth, ...rest }) => rest),
  };
}

describe('iac-compare watch', () => {
  it('an edit produces a new answer naming its inputs; a revert returns to the first answer', async () => {
    const repo = scratchRepo(['packages/cloudformation', 'infra-terraform']);
    const targetFile = join(repo, 'packages', 'spec', 'target.json');
    const original = readFileSync(targetFile, 'utf8');
    const watch = start(repo, ONLY);
    const first = await watch.nextAnswer(0, 'the first answer');
    expect(first.inputs.target).toEqual({ file: 'packages/spec/target.json', digest: sha256(original) });
    expect(first.report!.implementations.map((item) => [item.id, item.status, item.conforms])).toEqual([
      ['cloudformation', 'compared', true],
      ['infra-terraform', 'compared', true],
    ]);
    expect(ownerRow(first)).toBe('platform-team');

    const edited = withOwner(original, 'workshop-team');
    writeFileSync(targetFile, edited);
    const second = await watch.nextAnswer(1, 'the answer after the edit');
    expect(second.after).toEqual(['packages/spec/target.json']);
    expect(second.inputs.target.digest).toBe(sha256(edited));
    expect(second.inputs.implementations.every((input) => input.synthesized)).toBe(true);
    expect(ownerRow(second)).toBe('workshop-team');
    expect(second.report!.implementations.every((item) => item.conforms)).toBe(true);
    expect(second.since?.answer).toBe(first.answer);
    expect(second.since?.changes.join('\n')).toMatch(/target: .*tags\.owner: platform-team → workshop-team/);

    // The revert is saved as editors that write a temporary file and rename it over the original.
    const temporary = join(repo, 'packages', 'spec', '.target.json.swp');
    writeFileSync(temporary, original);
    renameSync(temporary, targetFile);
    const third = await watch.nextAnswer(2, 'the answer after the revert');
    expect(third.inputs.target.digest).toBe(first.inputs.target.digest);
    expect(third.inputs.implementations.map((input) => input.digest)).toEqual(
      first.inputs.implementations.map((input) => input.digest),
    );
    // Its earlier result, not a new synth.
    expect(third.inputs.implementations.some((input) => input.synthesized)).toBe(false);
    expect(stable(third)).toEqual(stable(first));
    expect(watch.answers).toHaveLength(3);
    expect(await watch.stop()).toBe(0);
  }, 300_000);

  it('a broken edit shows its error in its own column, the others still answer, and the next good edit recovers', async () => {
    const repo = scratchRepo(['packages/cloudformation', 'infra-terraform']);
    const mainTf = join(repo, 'infra-terraform', 'main.tf');
    const goodTf = readFileSync(mainTf, 'utf8');
    const targetFile = join(repo, 'packages', 'spec', 'target.json');
    const goodTarget = readFileSync(targetFile, 'utf8');
    const watch = start(repo, ONLY);
    await watch.nextAnswer(0, 'the first answer');

    writeFileSync(mainTf, `${goodTf}\nresource "aws_vpc" "unfinished" {\n`);
    const broken = await watch.nextAnswer(1, 'the answer to the broken .tf');
    const [cloudformation, terraform] = broken.report!.implementations;
    expect(terraform).toMatchObject({ id: 'infra-terraform', status: 'failed' });
    // The error names the file the person edits, not the copy the harness read.
    expect(terraform!.failure).toMatch(/^infra-terraform\/main\.tf:\d+:\d+: /);
    expect(cloudformation).toMatchObject({ id: 'cloudformation', status: 'compared', conforms: true });
    expect(broken.since?.changes.join('\n')).toMatch(
      /infra-terraform: conforms → fails: infra-terraform\/main\.tf/,
    );

    writeFileSync(mainTf, goodTf);
    const fixed = await watch.nextAnswer(2, 'the answer to the fix');
    expect(fixed.report!.implementations.map((item) => [item.id, item.status, item.conforms])).toEqual([
      ['cloudformation', 'compared', true],
      ['infra-terraform', 'compared', true],
    ]);

    // A target that does not parse: the answer is its error, where it is; a fix recovers.
    writeFileSync(targetFile, goodTarget.replace('"owner"', '"owner" "oops"'));
    const unreadable = await watch.nextAnswer(3, 'the answer to the broken target');
    expect(unreadable.report).toBeUndefined();
    expect(unreadable.error).toMatch(/packages\/spec\/target\.json:\d+:\d+/);
    writeFileSync(targetFile, goodTarget);
    const recovered = await watch.nextAnswer(4, 'the answer to the fixed target');
    expect(recovered.inputs.target.digest).toBe(sha256(goodTarget));
    expect(recovered.report!.implementations.every((item) => item.conforms)).toBe(true);
    expect(watch.stderr).not.toMatch(/internal error/);
  }, 300_000);

  it('never prints an answer that is out of date: of two quick edits, only the last is answered', async () => {
    const repo = scratchRepo(['packages/cloudformation', 'infra-terraform']);
    const targetFile = join(repo, 'packages', 'spec', 'target.json');
    const original = readFileSync(targetFile, 'utf8');
    const watch = start(repo, ONLY, { IAC_COMPARE_WATCH_HOLD_MS: '4000' });
    await watch.nextAnswer(0, 'the first answer');

    const firstEdit = withOwner(original, 'first-edit');
    const secondEdit = withOwner(original, 'second-edit');
    writeFileSync(targetFile, firstEdit);
    // The first edit's answer is computed and held before its freshness check: edit again now.
    const computed = await watch.until(
      'the first edit’s answer computed',
      () =>
        /answer (\d+): computing \(after packages\/spec\/target\.json\)\n.*answer \1: computed in/s.exec(
          watch.stderr,
        ) ?? undefined,
    );
    writeFileSync(targetFile, secondEdit);
    const next = await watch.nextAnswer(1, 'the answer after both edits');
    expect(next.inputs.target.digest).toBe(sha256(secondEdit));
    expect(ownerRow(next)).toBe('second-edit');
    expect(watch.stderr).toContain(
      `answer ${computed[1]}: not printed: packages/spec/target.json changed while it was computed`,
    );
    // Nothing printed ever reflected the first edit.
    expect(watch.answers.map((answer) => answer.inputs.target.digest)).not.toContain(sha256(firstEdit));
    expect(watch.answers.map(ownerRow)).not.toContain('first-edit');
  }, 300_000);

  it('watch plan: what the edits since it started do, and nothing after a revert', async () => {
    const repo = scratchRepo(['infra-terraform']);
    const targetFile = join(repo, 'packages', 'spec', 'target.json');
    const original = readFileSync(targetFile, 'utf8');
    const watch = start(repo, ['plan', '--only', 'infra-terraform']);
    const first = await watch.nextAnswer(0, 'the first plan');
    expect(first.plan!.baseline.source).toBe('the first answer of this watch');
    expect(first.plan!.implementations[0]).toMatchObject({ id: 'infra-terraform', status: 'planned' });
    expect(first.plan!.implementations[0]!.changes).toEqual([]);

    writeFileSync(targetFile, withOwner(original, 'workshop-team'));
    const edited = await watch.nextAnswer(1, 'the plan after the edit');
    const plan = edited.plan!.implementations[0]!;
    expect(plan.counts.update).toBeGreaterThan(0);
    expect(plan.counts.replace).toBe(0);
    // The VPC's tags change in place, to the edited owner.
    const vpc = plan.changes.find((change) => change.address === 'module.network.aws_vpc.this');
    expect(vpc?.action).toBe('update');
    expect(JSON.stringify(vpc?.changes)).toContain('workshop-team');
    expect(edited.since?.changes.join('\n')).toMatch(/infra-terraform: \+ update/);

    writeFileSync(targetFile, original);
    const reverted = await watch.nextAnswer(2, 'the plan after the revert');
    expect(reverted.plan!.implementations[0]!.changes).toEqual([]);
  }, 300_000);

  it('answers a TypeScript edit from the edited code, and a type error fails the column when the type check finds it', async () => {
    const repo = scratchRepo(['packages/cloudformation']);
    const source = join(repo, 'packages', 'cloudformation', 'src', 'synthesize.ts');
    const good = readFileSync(source, 'utf8');
    const watch = start(repo, ['--only', 'cloudformation']);
    const first = await watch.nextAnswer(0, 'the first answer');
    expect(first.report!.implementations[0]).toMatchObject({ status: 'compared', conforms: true });
    expect(first.inputs.implementations[0]!.types).toBe('ok');

    // The same edit as the hostile test: the log retention the stack is given is no longer the target's.
    const edited = good.replace(
      'const set = toCloudFormationParameters(spec);',
      "const set = toCloudFormationParameters(spec);\n  set.cluster.LogRetentionDays = '30';",
    );
    expect(edited).not.toBe(good);
    writeFileSync(source, edited);
    const changed = await watch.nextAnswer(1, 'the answer to the TypeScript edit');
    expect(changed.inputs.implementations[0]!.types).toBe('checking');
    expect(changed.report!.implementations[0]!.conforms).toBe(false);
    expect(changed.report!.implementations[0]!.differences.map((difference) => difference.fact)).toContain(
      'logGroup.retentionDays',
    );

    writeFileSync(source, `${good}\nconst broken: number = 'not a number';\n`);
    const failed = await watch.until('the type check’s answer', () =>
      watch.answers.find((answer) => answer.inputs.implementations[0]!.types === 'failed'),
    );
    expect(failed.report!.implementations[0]!.status).toBe('failed');
    expect(failed.report!.implementations[0]!.failure).toMatch(
      /does not compile: packages\/cloudformation\/src\/synthesize\.ts:\d+:\d+: TS2322/,
    );

    writeFileSync(source, good);
    const recovered = await watch.until('the answer to the revert', () =>
      watch.answers.find(
        (answer) =>
          answer.answer > failed.answer &&
          answer.inputs.implementations[0]!.digest === first.inputs.implementations[0]!.digest,
      ),
    );
    expect(recovered.report!.implementations[0]).toMatchObject({ status: 'compared', conforms: true });
  }, 300_000);
});
