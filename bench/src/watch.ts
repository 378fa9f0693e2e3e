/**
 * The watch figures: `iac-compare watch plan --format json` runs as a user runs it, and each figure
 * is the time from writing an edit to the answer that reflects it arriving on stdout (debounce
 * included), median of RUNS after a warm-up edit, with the answer's own stages. Edits:
 * - target: a tag value changed in a copy of the target (every implementation synthesizes);
 * - .tf: a new log group appended to infra-terraform/main.tf (one implementation; its one new
 *   resource goes to the warm validator);
 * - TypeScript: a line appended to packages/cdktf/src/network.ts (transpiled, synthesized in the
 *   warm worker; the answer does not wait for the background type check, which the next edit
 *   does: a person reads an answer before editing again).
 * Resident memory: the watch process and its tool workers (the background type check's build
 * reported apart), sampled from /proc every 50 ms throughout.
 * Edited files are restored afterwards, also on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './results.js';
import { type Summary, summarize } from './stats.js';

interface Answer {
  readonly answer: number;
  readonly after: string[];
  readonly ms: number;
  readonly stages?: Record<string, number>;
  readonly inputs: {
    readonly target: { readonly digest: string };
    readonly implementations: { readonly id: string; readonly digest: string; readonly types: string }[];
  };
}

export interface WatchBenchContext {
  readonly repo: string;
  readonly cli: string;
  readonly tmp: string;
  readonly runs: number;
  readonly log: (text: string) => void;
  /** References measured in the same run, alternately with the watch figures. */
  readonly references: {
    readonly cdkSynth: () => Promise<number>;
    readonly cdktfSynth: () => Promise<number>;
  };
}

const PAGE_BYTES = 4096;

/** Resident bytes of `root`'s process tree, split into the watch's own processes and builds. */
function treeMemory(root: number): { watch: number; builds: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const command = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      children.set(Number(fields[1]), [...(children.get(Number(fields[1])) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * PAGE_BYTES);
      command.set(pid, readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // gone meanwhile
    }
  }
  const totals = { watch: 0, builds: 0 };
  const visit = (pid: number, inBuild: boolean) => {
    const build = inBuild || /\bnpm\b|\btsc\b|build-stamp/.test(command.get(pid) ?? '');
    totals[build ? 'builds' : 'watch'] += rss.get(pid) ?? 0;
    for (const child of children.get(pid) ?? []) visit(child, build);
  };
  visit(root, false);
  return totals;
}

class WatchProcess {
  readonly answers: Answer[] = [];
  stderr = '';
  readonly child: ChildProcess;
  private buffer = '';
  private readonly waiters = new Set<() => void>();
  peak = { watch: 0, builds: 0, both: 0 };
  private readonly sampler: NodeJS.Timeout;

  constructor(cli: string, args: string[], cwd: string) {
    this.child = spawn(process.execPath, [cli, 'watch', ...args, '--format', 'json'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString();
      for (let at = this.buffer.indexOf('\n'); at >= 0; at = this.buffer.indexOf('\n')) {
        this.answers.push(JSON.parse(this.buffer.slice(0, at)) as Answer);
        this.buffer = this.buffer.slice(at + 1);
      }
      for (const waiter of [...this.waiters]) waiter();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      for (const waiter of [...this.waiters]) waiter();
    });
    this.sampler = setInterval(() => {
      if (this.child.pid === undefined) return;
      const now = treeMemory(this.child.pid);
      this.peak = {
        watch: Math.max(this.peak.watch, now.watch),
        builds: Math.max(this.peak.builds, now.builds),
        both: Math.max(this.peak.both, now.watch + now.builds),
      };
    }, 50);
  }

  until<T>(what: string, test: () => T | undefined, ms = 600_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = test();
        if (found !== undefined) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`watch: timed out waiting for ${what}\n${this.stderr.slice(-2000)}`));
      }, ms);
      this.waiters.add(check);
      check();
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.on('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Edits `file` with `edit(n)` and times the answer `reflects` recognises; the stages ride along. */
async function timeEdits(
  watch: WatchProcess,
  label: string,
  runs: number,
  log: (text: string) => void,
  edit: (n: number) => string,
  reflects: (answer: Answer, written: string, before: Answer) => boolean,
  between: () => Promise<void>,
  stageSamples: Map<string, number[]>,
  reference?: () => Promise<number>,
): Promise<{ subject: Summary; reference?: Summary }> {
  const samples: number[] = [];
  const references: number[] = [];
  for (let run = 0; run <= runs; run++) {
    log(`${label}: ${run === 0 ? 'warm-up' : `run ${run}/${runs}`}`);
    const before = watch.answers.at(-1)!;
    const count = watch.answers.length;
    const started = performance.now();
    const written = edit(run);
    const answer = await watch.until(`${label} answer`, () =>
      watch.answers.slice(count).find((candidate) => reflects(candidate, written, before)),
    );
    const ms = performance.now() - started;
    await between();
    if (run === 0) continue;
    samples.push(ms);
    for (const [stage, value] of Object.entries(answer.stages ?? {})) {
      stageSamples.set(stage, [...(stageSamples.get(stage) ?? []), value]);
    }
    if (reference) references.push(await reference());
  }
  return { subject: summarize(samples), ...(reference ? { reference: summarize(references) } : {}) };
}

function stageFigures(id: string, title: string, samples: Map<string, number[]>): Figure[] {
  return [...samples]
    .filter(([, values]) => values.length > 0)
    .map(([stage, values]) => ({
      id: `${id}-stage-${stage.replace(/[^a-z0-9-]+/gi, '-')}`,
      title: `${title}, stage: ${stage}`,
      unit: 'ms' as const,
      subject: summarize(values),
      note: 'from the answer (median of the runs that had this stage)',
    }));
}

export async function watchFigures(context: WatchBenchContext): Promise<Figure[]> {
  const { repo, cli, tmp, runs, log } = context;
  const figures: Figure[] = [];
  const targetCopy = join(tmp, 'watch-target.json');
  const target = JSON.parse(readFileSync(join(repo, 'packages', 'spec', 'target.json'), 'utf8')) as {
    tags: Record<string, string>;
  };
  writeFileSync(targetCopy, `${JSON.stringify(target, null, 2)}\n`);
  const tfFile = join(repo, 'infra-terraform', 'main.tf');
  const tsFile = join(repo, 'packages', 'cdktf', 'src', 'network.ts');
  const originals = new Map([
    [tfFile, readFileSync(tfFile, 'utf8')],
    [tsFile, readFileSync(tsFile, 'utf8')],
  ]);
  const restore = () => {
    for (const [file, text] of originals) writeFileSync(file, text);
  };
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  const started = performance.now();
  const watch = new WatchProcess(cli, ['plan', '--spec', targetCopy], repo);
  try {
    log('watch: waiting for the first answer (workers warming, every implementation synthesized)');
    await watch.until('the first answer', () => watch.answers[0]);
    const first = performance.now() - started;
    figures.push({
      id: 'watch-first-answer',
      title: 'Watch: start to the first answer (six-way plan; workers and validator warmed)',
      unit: 'ms',
      subject: summarize([first]),
      note: 'one run',
    });
    const noPause = async () => {};

    const targetStages = new Map<string, number[]>();
    const targetEdit = await timeEdits(
      watch,
      'watch: target edit',
      runs,
      log,
      (n) => {
        const text = `${JSON.stringify({ ...target, tags: { ...target.tags, revision: `bench-${n}` } }, null, 2)}\n`;
        writeFileSync(targetCopy, text);
        return text;
      },
      (answer, written) => answer.inputs.target.digest === sha256(written),
      noPause,
      targetStages,
      context.references.cdkSynth,
    );
    figures.push({
      id: 'watch-target-edit',
      title: 'Watch: target edit, then the six-way plan (edit to answer)',
      unit: 'ms',
      subject: targetEdit.subject,
      reference: { label: 'npx cdk synth (CDK L2 app)', summary: targetEdit.reference! },
      ratio: Math.round((targetEdit.subject.median / targetEdit.reference!.median) * 100) / 100,
      ratioLabel: 'watch answer / cdk synth',
      target: { text: '≤ 1.0 s', met: targetEdit.subject.median <= 1000 },
    });
    figures.push(...stageFigures('watch-target-edit', 'Watch: target edit', targetStages));

    const tfStages = new Map<string, number[]>();
    const digestOf = (answer: Answer, id: string) =>
      answer.inputs.implementations.find((input) => input.id === id)?.digest;
    const tfEdit = await timeEdits(
      watch,
      'watch: .tf edit',
      runs,
      log,
      (n) => {
        const text = `${originals.get(tfFile)}\nresource "aws_cloudwatch_log_group" "bench_${n}" {\n  name              = "/bench/watch-${n}"\n  retention_in_days = 7\n}\n`;
        writeFileSync(tfFile, text);
        return text;
      },
      (answer, _, before) =>
        answer.after.includes('infra-terraform/main.tf') &&
        digestOf(answer, 'infra-terraform') !== digestOf(before, 'infra-terraform'),
      noPause,
      tfStages,
    );
    figures.push({
      id: 'watch-tf-edit',
      title: 'Watch: .tf edit (a new resource), then the six-way plan (edit to answer)',
      unit: 'ms',
      subject: tfEdit.subject,
      target: { text: '≤ 0.5 s', met: tfEdit.subject.median <= 500 },
    });
    figures.push(...stageFigures('watch-tf-edit', 'Watch: .tf edit', tfStages));
    writeFileSync(tfFile, originals.get(tfFile)!);

    const tsStages = new Map<string, number[]>();
    const typeChecked = async () => {
      // A person reads the answer before editing again; the background type check finishes first.
      const seen = watch.stderr.length;
      await watch
        .until(
          'the type check',
          () =>
            /packages\/cdktf: type check passed|cdktf: .*does not compile/.test(watch.stderr.slice(seen))
              ? true
              : undefined,
          120_000,
        )
        .catch(() => undefined);
    };
    const tsEdit = await timeEdits(
      watch,
      'watch: TypeScript edit',
      runs,
      log,
      (n) => {
        const text = `${originals.get(tsFile)}\nexport const benchRevision = ${n};\n`;
        writeFileSync(tsFile, text);
        return text;
      },
      (answer, _, before) =>
        answer.after.includes('packages/cdktf/src/network.ts') &&
        digestOf(answer, 'cdktf') !== digestOf(before, 'cdktf'),
      typeChecked,
      tsStages,
      context.references.cdktfSynth,
    );
    figures.push({
      id: 'watch-ts-edit',
      title: 'Watch: cdktf TypeScript edit, then the six-way plan (edit to answer)',
      unit: 'ms',
      subject: tsEdit.subject,
      reference: { label: "cdktf's own synth (in process)", summary: tsEdit.reference! },
      ratio: Math.round((tsEdit.subject.median / tsEdit.reference!.median) * 100) / 100,
      ratioLabel: 'watch answer / cdktf synth',
      target: { text: '≤ 1.5 s', met: tsEdit.subject.median <= 1500 },
    });
    figures.push(...stageFigures('watch-ts-edit', 'Watch: TypeScript edit', tsStages));
  } finally {
    restore();
    await watch.stop();
    process.off('SIGINT', onSignal);
  }
  const MiB = 2 ** 20;
  figures.push({
    id: 'watch-memory',
    title: 'Watch: resident memory of the watch and its tool workers (peak over the watch figures)',
    unit: 'MiB',
    subject: summarize([watch.peak.watch / MiB]),
    target: { text: '≤ 1 GiB', met: watch.peak.watch <= 1024 * MiB },
    note: `the background type check's build (npm, tsc) apart: its peak ${Math.round(watch.peak.builds / MiB)} MiB; both at once at most ${Math.round(watch.peak.both / MiB)} MiB`,
  });
  return figures;
}
