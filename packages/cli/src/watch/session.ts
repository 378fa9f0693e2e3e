/**
 * One watch: the pipeline kept warm in this process (the validator in its worker thread, the
 * harness loaded), the tools' libraries warm in their workers, and an answer after each burst of
 * edits.
 *
 * An answer:
 * 1. reads the target once and takes the digest of every implementation package's inputs;
 * 2. synthesizes only the implementations whose inputs (target + package) have no result yet —
 *    a target edit touches all six, a `.tf` edit one; a revert finds its earlier result — and
 *    reads each artifact as soon as its synth is done (validated as it is read, through the
 *    validation memo);
 * 3. builds the report (or the plan), from the report memo when nothing it is built from changed;
 * 4. is printed only if no watched file changed while it was computed and every input still has
 *    the digest it was computed from: otherwise it is dropped and the next one starts at once.
 *
 * It never dies: a target that does not parse is the answer (its error, where it is); a package
 * that does not compile, or whose synth throws, fails its own column; an error of iac-compare
 * itself is reported and the watch goes on. An edit of iac-compare's own sources restarts it on
 * the new build (the launcher does the restart).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type Baseline,
  buildPlanReport,
  buildReport,
  type CompareReport,
  digestOf,
  harnessBuildId,
  type ImplementationInfo,
  type Inventory,
  type PlanSide,
  type Prepared,
  planSideOf,
  prepareImplementation,
  type SynthOutcome,
  startValidatorWorker,
} from '@iac-compare/harness';
import {
  checkEnvelope,
  isSpecError,
  loadEnvelope,
  parseJsonText,
  parseTarget,
  type TargetSpec,
} from '@iac-compare/spec';
import type { Io } from '../io.js';
import { findRepoRoot } from '../repo.js';
import {
  type AnswerInputs,
  type Computed,
  type Printed,
  printAnswer,
  renderComputed,
  type Stages,
  sameInputs,
} from './answer.js';
import { FileWatcher, shown } from './file-watcher.js';
import {
  isOwnSource,
  NOT_INPUTS,
  OWN_SOURCES,
  packageDigest,
  packageOfPath,
  readTargetInput,
  relativeTo,
  type TargetInput,
} from './inputs.js';
import { type Reuse, ToolPool } from './tool-pool.js';
import { TypeChecker, type TypeCheckState } from './type-check.js';

export interface WatchSettings {
  readonly mode: 'compare' | 'plan';
  readonly repoRoot: string;
  readonly specFile: string;
  readonly implementations: readonly ImplementationInfo[];
  /** plan: a saved baseline folder or a git ref; absent: the first answer's inventories. */
  readonly baseline?: Baseline | undefined;
  readonly format: 'table' | 'markdown' | 'json';
  readonly allFacts: boolean;
  /** Clear the terminal before each answer (a terminal only). */
  readonly clear: boolean;
  readonly debounceMs: number;
  readonly timeoutMs: number;
  /** Test seam: wait this long between computing an answer and checking it is still current. */
  readonly holdMs: number;
  readonly io: Io;
}

/**
 * Tool workers used once and replaced (warm) after each synth: none today. Pulumi's runtime keeps
 * process-wide state, so its synth was written to run once per process; its mocks are set anew on
 * every run (recordRegistrations), and a differential test (test/tool-workers.test.ts) holds every
 * long-lived worker to what a fresh process writes for the same target, so all are long-lived.
 * A tool whose state cannot be reset goes here.
 */
const REUSE: Readonly<Record<string, Reuse>> = {};

/**
 * Packages without tool libraries of their own (their synths copy files): one worker process for
 * them all, a process less in memory (≈ 60 MB each).
 */
const SHARED_WORKER: ReadonlySet<string> = new Set(['packages/cloudformation', 'infra-terraform']);

/** Restart exit code: the launcher rebuilds iac-compare and starts the watch again. */
export const RESTART_EXIT_CODE = 75;

interface Entry {
  readonly outcome: SynthOutcome;
  readonly prepared: Prepared;
}

export class WatchSession {
  private readonly packageDirs: string[];
  /**
   * Where iac-compare's own code is: the checkout this command runs from, and the repository it
   * works on (whose spec package the implementations run on), when that is another.
   */
  private readonly ownRoots: string[];
  private readonly artifactRoot: string;
  private readonly pool: ToolPool;
  private readonly types: TypeChecker;
  private watcher!: FileWatcher;
  /** Per implementation, results by input key (a few kept: a revert finds its earlier result). */
  private readonly results = new Map<string, Map<string, Entry>>();
  private readonly reports = new Map<string, CompareReport>();
  private baseline: Baseline | undefined;
  private last: Printed | undefined;
  private attempts = 0;
  private dirty = false;
  private loop: Promise<void> | undefined;
  /** Edits since the last printed answer (what the next one is "after"). */
  private edits = new Set<string>();
  private stopping: ((code: number) => void) | undefined;
  private readonly stopped: Promise<number>;

  constructor(private readonly settings: WatchSettings) {
    this.packageDirs = [...new Set(settings.implementations.map((info) => info.packageDir))];
    this.ownRoots = [...new Set([findRepoRoot(), settings.repoRoot])];
    this.artifactRoot = join(settings.repoRoot, '.iac-compare', 'watch', String(process.pid));
    this.baseline = settings.baseline;
    this.pool = new ToolPool(
      settings.repoRoot,
      this.packageDirs.map((packageDir) => ({
        packageDir,
        reuse: REUSE[packageDir] ?? 'long-lived',
        group: SHARED_WORKER.has(packageDir) ? 'files' : packageDir,
      })),
      settings.timeoutMs,
      settings.io.cwd,
    );
    this.types = new TypeChecker(settings.repoRoot, (packageDir) => this.onTypeChecked(packageDir));
    this.stopped = new Promise((resolve) => {
      this.stopping = resolve;
    });
  }

  /** Starts watching; resolves with the exit code when the watch stops. */
  async run(): Promise<number> {
    const { io, repoRoot } = this.settings;
    io.err(
      `iac-compare watch: warming ${this.packageDirs.length} tool workers and the validator; the first answer follows\n`,
    );
    removeAbandoned(join(repoRoot, '.iac-compare', 'watch'));
    // The validator's engines stay warm for every later answer.
    startValidatorWorker();
    await this.types.load();
    this.watcher = new FileWatcher({
      paths: [
        ...this.packageDirs.map((dir) => join(repoRoot, dir)),
        this.settings.specFile,
        ...this.ownRoots.flatMap((root) => OWN_SOURCES.map((path) => join(root, path))),
      ],
      ignored: (path) => this.ignored(path),
      debounceMs: this.settings.debounceMs,
      onBatch: (paths) => this.onBatch(paths),
      onError: (error) => io.err(`iac-compare watch: the file watcher reports: ${error.message}\n`),
    });
    await this.watcher.whenReady();
    this.request();
    const stop = () => this.stop(0);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const code = await this.stopped;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return code;
  }

  /** Process ids of the tool workers. */
  workerPids(): number[] {
    return this.pool.pids();
  }

  async stop(code: number): Promise<void> {
    if (!this.stopping) return;
    const done = this.stopping;
    this.stopping = undefined;
    // The processes first: they hold the cores and the memory.
    this.pool.close();
    this.types.close();
    rmSync(this.artifactRoot, { recursive: true, force: true });
    await Promise.race([this.watcher?.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    done(code);
  }

  private ignored(path: string): boolean {
    const rel = relativeTo(this.settings.repoRoot, path);
    if (path === this.settings.specFile || rel === '' || rel.startsWith('/')) return false;
    const dir = this.packageDirs.find((candidate) => rel === candidate || rel.startsWith(`${candidate}/`));
    if (dir) {
      const inside = rel.slice(dir.length + 1);
      return inside !== '' && (NOT_INPUTS.test(inside) || /(^|\/)\./.test(inside));
    }
    return /(^|\/)(node_modules|dist)(\/|$)/.test(rel);
  }

  private onBatch(paths: ReadonlySet<string>): void {
    const { repoRoot, io } = this.settings;
    const changed = [...paths].map((path) => shown(repoRoot, path));
    const own = [...paths].find((path) => this.ownRoots.some((root) => isOwnSource(relative(root, path))));
    if (own) {
      io.err(
        `iac-compare watch: ${shown(repoRoot, own)} is iac-compare's own code: restarting on its new build\n`,
      );
      void this.stop(RESTART_EXIT_CODE);
      return;
    }
    for (const path of changed) {
      if (
        packageOfPath(path, this.packageDirs) ||
        shown(repoRoot, this.settings.specFile) === path ||
        path === this.settings.specFile
      )
        this.edits.add(path);
    }
    this.request();
  }

  private onTypeChecked(packageDir: string): void {
    if (this.last?.inputs.implementations.some((input) => input.packageDir === packageDir)) this.request();
  }

  private request(): void {
    this.dirty = true;
    this.loop ??= this.runLoop();
  }

  private async runLoop(): Promise<void> {
    while (this.dirty && this.stopping) {
      this.dirty = false;
      try {
        await this.answer();
      } catch (error) {
        // Never dies: an error of iac-compare itself is shown, and the next edit is answered.
        this.settings.io.err(
          `iac-compare watch: internal error while answering (a bug in iac-compare): ${error instanceof Error ? (this.settings.io.env.IAC_COMPARE_DEBUG ? error.stack : error.message) : String(error)}\n`,
        );
      }
    }
    this.loop = undefined;
  }

  private async answer(): Promise<void> {
    const { io, repoRoot } = this.settings;
    const sequence = this.watcher.sequence;
    const number = ++this.attempts;
    const started = performance.now();
    const after = [...this.edits];
    io.err(
      `iac-compare watch: answer ${number}: computing${after.length ? ` (after ${after.join(', ')})` : ''}\n`,
    );
    const target = readTargetInput(this.settings.specFile);
    const digests = new Map(this.packageDirs.map((dir) => [dir, packageDigest(repoRoot, dir)]));
    const computed = await this.compute(target, digests, sequence);
    if (!computed) {
      this.dirty = true;
      io.err(`iac-compare watch: answer ${number}: dropped: an input changed while it was computed\n`);
      return;
    }
    io.err(
      `iac-compare watch: answer ${number}: computed in ${Math.round(performance.now() - started)} ms\n`,
    );
    if (io.env.IAC_COMPARE_DEBUG) {
      const memory = Object.entries(process.memoryUsage())
        .map(([name, bytes]) => `${name} ${Math.round(bytes / 2 ** 20)} MiB`)
        .join(', ');
      io.err(`iac-compare watch: memory of this process: ${memory}\n`);
    }
    if (this.settings.holdMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.holdMs));
    // Out of date before it is printed: not printed.
    const moved = this.changedSince(sequence, target, digests);
    if (moved) {
      this.dirty = true;
      io.err(`iac-compare watch: answer ${number}: not printed: ${moved} changed while it was computed\n`);
      return;
    }
    const text = renderComputed(computed, this.settings);
    if (this.last && this.last.text === text && sameInputs(this.last.inputs, computed.inputs, true)) {
      const checked = new Set(
        computed.inputs.implementations
          .filter(
            (input, index) =>
              input.types === 'ok' && this.last?.inputs.implementations[index]?.types === 'checking',
          )
          .map((input) => input.packageDir),
      );
      for (const dir of checked) io.err(`iac-compare watch: ${dir}: type check passed\n`);
      if (checked.size === 0)
        io.err(`iac-compare watch: answer ${number}: the same as answer ${this.last.number}\n`);
      this.last = { ...this.last, inputs: computed.inputs };
      for (const path of after) this.edits.delete(path);
      return;
    }
    const ms = performance.now() - started;
    this.last = printAnswer({ number, computed, text, after, ms }, this.last, this.settings);
    for (const path of after) this.edits.delete(path);
  }

  /** The input that moved since the answer started: a watched file event, the target, a package. */
  private changedSince(
    sequence: number,
    target: TargetInput,
    digests: ReadonlyMap<string, string>,
  ): string | undefined {
    const { repoRoot } = this.settings;
    if (readTargetInput(this.settings.specFile).digest !== target.digest) return shown(repoRoot, target.file);
    for (const [dir, digest] of digests) if (packageDigest(repoRoot, dir) !== digest) return dir;
    if (this.watcher.sequence !== sequence) {
      const pending = [...this.watcher.pendingPaths][0];
      return pending ? shown(repoRoot, pending) : 'a watched file';
    }
    return undefined;
  }

  private async compute(
    target: TargetInput,
    digests: ReadonlyMap<string, string>,
    sequence: number,
  ): Promise<Computed | undefined> {
    const { repoRoot, implementations } = this.settings;
    const label = relativeTo(repoRoot, this.settings.specFile);
    const stages: Stages = {};
    const time = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
      const begun = performance.now();
      try {
        return await run();
      } finally {
        stages[stage] = Math.round((stages[stage] ?? 0) + performance.now() - begun);
      }
    };
    const types = new Map<string, { hash: string; state: TypeCheckState }>();
    for (const dir of this.packageDirs) {
      const hash = this.types.hashOf(dir);
      this.types.ensure(dir, hash);
      types.set(dir, { hash, state: this.types.stateOf(dir, hash) });
    }
    const inputsWith = (synthesized: ReadonlySet<string>): AnswerInputs => ({
      target: { file: label, digest: target.digest },
      implementations: implementations.map((info) => ({
        id: info.id,
        packageDir: info.packageDir,
        digest: digests.get(info.packageDir)!,
        types: types.get(info.packageDir)!.state.state,
        synthesized: synthesized.has(info.id),
      })),
    });
    let spec: TargetSpec;
    try {
      if (target.text === undefined)
        return { kind: 'error', message: `${label} cannot be read`, inputs: inputsWith(new Set()), stages };
      spec = parseTarget(parseJsonText(target.text, label), label);
    } catch (error) {
      if (!isSpecError(error)) throw error;
      return { kind: 'error', message: error.message, inputs: inputsWith(new Set()), stages };
    }
    const keyOf = (info: ImplementationInfo) =>
      digestOf([harnessBuildId(), target.digest, digests.get(info.packageDir)]);
    const synthesized = new Set<string>();
    const fresh = new Map<string, Entry>();
    // Synthesize each package some of whose implementations have no result for these inputs.
    const needed = new Map<string, ImplementationInfo[]>();
    for (const info of implementations) {
      if (this.results.get(info.id)?.has(keyOf(info))) continue;
      needed.set(info.packageDir, [...(needed.get(info.packageDir) ?? []), info]);
    }
    await time('synth-and-read', () =>
      Promise.all(
        [...needed].map(async ([dir, infos]) => {
          const inside = infos.filter((info) => {
            try {
              return checkEnvelope(spec, loadEnvelope(join(repoRoot, info.envelopeFile))).length === 0;
            } catch {
              return true; // prepareImplementation reports the envelope's own error
            }
          });
          const outDir = join(this.artifactRoot, infos[0]!.synthOutDir);
          const reply = inside.length > 0 ? await this.pool.synth(dir, spec, outDir) : undefined;
          if (reply) stages[`synth ${dir}`] = reply.ms;
          // Kept only if the package still holds what was synthesized (an edit during the synth
          // makes it a result of unknown inputs).
          const keep =
            packageDigest(repoRoot, dir) === digests.get(dir) && !(reply && !reply.ok && reply.transient);
          for (const info of infos) {
            const outcome: SynthOutcome = !reply
              ? { ms: null, cached: false }
              : reply.ok
                ? { ms: reply.ms, cached: false }
                : { ms: reply.ms, cached: false, failure: reply.error };
            const begun = performance.now();
            const prepared = await prepareImplementation(info, {
              repoRoot,
              spec,
              specFile: label,
              implementations,
              synth: new Map([[info.id, outcome]]),
              artifactRoot: this.artifactRoot,
              cache: false,
            });
            stages[`read ${info.id}`] = Math.round(performance.now() - begun);
            synthesized.add(info.id);
            fresh.set(info.id, { outcome, prepared });
            if (keep) this.remember(info.id, keyOf(info), { outcome, prepared });
          }
        }),
      ),
    );
    if (this.watcher.sequence !== sequence) return undefined; // stale already: start again
    const outcomes = new Map<string, SynthOutcome>();
    const prepared = new Map<string, Prepared>();
    for (const info of implementations) {
      const key = keyOf(info);
      const entry = fresh.get(info.id) ?? this.results.get(info.id)?.get(key);
      if (!entry) return undefined;
      const typeState = types.get(info.packageDir)!.state;
      if (typeState.state === 'failed') {
        // A compile error fails the column, as in every one-shot command.
        const outcome: SynthOutcome = { ms: null, cached: false, failure: typeState.error };
        outcomes.set(info.id, outcome);
        prepared.set(
          info.id,
          await prepareImplementation(info, {
            repoRoot,
            spec,
            specFile: label,
            implementations,
            synth: new Map([[info.id, outcome]]),
            artifactRoot: this.artifactRoot,
          }),
        );
        continue;
      }
      outcomes.set(info.id, synthesized.has(info.id) ? entry.outcome : { ...entry.outcome, cached: true });
      prepared.set(info.id, entry.prepared);
    }
    const inputs = inputsWith(synthesized);
    if (this.settings.mode === 'plan') {
      const current = new Map<string, PlanSide>([...prepared].map(([id, item]) => [id, planSideOf(item)]));
      this.baseline ??= baselineOf(label, spec, prepared);
      const baseline = this.baseline;
      const plan = await time('plan', () =>
        buildPlanReport({
          implementations,
          baseline,
          current,
          targetFile: label,
          targetName: spec.name,
          // As `plan` does: a region or account change is a new deployment; a CIDR plan change says
          // which tiers move.
          currentPlacement: { account: spec.account, region: spec.region },
          currentSpec: spec,
        }),
      );
      return { kind: 'report', inputs, plan, prepared, stages };
    }
    const reportKey = digestOf([
      harnessBuildId(),
      target.digest,
      implementations.map((info) => [
        info.id,
        keyOf(info),
        outcomes.get(info.id),
        types.get(info.packageDir)!.state,
      ]),
    ]);
    let compare = this.reports.get(reportKey);
    if (!compare) {
      compare = await time('report', () =>
        buildReport({
          repoRoot,
          spec,
          specFile: label,
          implementations,
          synth: outcomes,
          prepared,
          artifactRoot: this.artifactRoot,
        }),
      );
      this.reports.set(reportKey, compare);
      for (const key of [...this.reports.keys()].slice(0, Math.max(0, this.reports.size - 8)))
        this.reports.delete(key);
    }
    return { kind: 'report', inputs, compare, prepared, stages };
  }

  private remember(id: string, key: string, entry: Entry): void {
    const byKey = this.results.get(id) ?? new Map<string, Entry>();
    byKey.delete(key);
    byKey.set(key, entry);
    // The last few inputs of each implementation: enough for a revert to find its result.
    for (const old of [...byKey.keys()].slice(0, Math.max(0, byKey.size - 4))) byKey.delete(old);
    this.results.set(id, byKey);
  }
}

/** Artifacts of watches whose process is gone (killed before it could clean up). */
function removeAbandoned(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
}

/** The first answer's inventories as the baseline of `watch plan` without --baseline. */
function baselineOf(label: string, spec: TargetSpec, prepared: ReadonlyMap<string, Prepared>): Baseline {
  const entries = new Map<string, { inventory?: Inventory; detail?: string }>();
  for (const [id, item] of prepared) {
    if (item.inventory && item.violations.length === 0) entries.set(id, { inventory: item.inventory });
    else
      entries.set(id, {
        detail:
          item.violations.length > 0
            ? `outside-envelope: ${item.violations.map((v) => `${v.path}: ${v.message}`).join('; ')}`
            : `failed: ${item.failure ?? 'not read'}`,
      });
  }
  return { source: 'the first answer of this watch', targetFile: label, spec, entries };
}
