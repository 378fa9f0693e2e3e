/**
 * The tool workers of a watch: child processes started when the watch starts and kept warm
 * (tool-worker.ts): one per tool whose libraries are heavy (aws-cdk-lib, cdktf, @pulumi/*), one
 * shared by the packages that have none (the hand-written CloudFormation and Terraform, whose
 * synths copy files). A worker is either long-lived — it synthesizes again and again, each time on
 * a fresh copy of the package's code — or, for a tool whose state a synth cannot reset, used once
 * and replaced by a fresh one started at once, so the next edit finds it warm.
 *
 * The package's code is transpiled here (transpile.ts) and sent with each request. A synth that
 * runs past its time limit is killed with its process group, and so is one whose process dies:
 * either is that column's failure, and a new worker is started. A long-lived worker whose memory
 * grows past its bound is replaced after its synth.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SynthResult, TargetSpec } from '@iac-compare/spec';
import { Transpiler } from './transpile.js';

export type Reuse = 'long-lived' | 'once';

export interface ToolPackage {
  readonly packageDir: string;
  readonly reuse: Reuse;
  /** Packages of one group share a worker process. */
  readonly group: string;
}

export type SynthReply =
  | { readonly ok: true; readonly result: SynthResult; readonly ms: number }
  | {
      readonly ok: false;
      readonly error: string;
      readonly ms: number;
      /** The process died or ran past its limit: not a property of the inputs, so not kept. */
      readonly transient?: boolean;
    };

/** The worker's compiled script (beside this one in dist/; from dist/ when this runs from sources, in tests). */
const WORKER = ((here: string) =>
  existsSync(join(here, 'tool-worker.js'))
    ? join(here, 'tool-worker.js')
    : join(here, '..', '..', 'dist', 'watch', 'tool-worker.js'))(
  fileURLToPath(new URL('.', import.meta.url)),
);
/**
 * A smaller young generation (V8's default reserves up to 3 × 16 MB per process): ≈ 40 MB less
 * resident per worker, measured at the same synth times (docs/architecture.md, "Watch").
 */
export const WORKER_NODE_OPTIONS = ['--max-semi-space-size=2'];
/** Past this resident size a long-lived worker is replaced after its synth. */
const MEMORY_BOUND_BYTES = 600 * 2 ** 20;

/** Resident bytes of a process, from /proc (0 where there is no /proc). */
export function residentBytesOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

function lastLine(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('node:'));
  return lines.find((line) => /Error\b.*:/.test(line)) ?? lines.at(-1);
}

class ToolWorker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  exited = false;
  /** Why it exited, from its last words on stderr. */
  exitReason = '';
  private nextId = 0;
  private readonly waiting = new Map<number, { answer: (reply: SynthReply) => void; started: number }>();

  constructor(
    repoRoot: string,
    cwd: string,
    warm: readonly { packageDir: string; modules: Record<string, string> }[],
  ) {
    this.child = spawn(process.execPath, [...WORKER_NODE_OPTIONS, WORKER, repoRoot], {
      // The one-shot synth runs in the command's folder; so does this (CDKTF writes the local
      // backend's path relative to it).
      cwd,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, FORCE_COLOR: '0' },
      detached: true, // its own process group: a kill takes whatever it started
    });
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString()}`.slice(-4000);
    });
    let readies = 0;
    this.ready = new Promise((resolve) => {
      if (warm.length === 0) resolve();
      this.child.on('message', (message: { type: string; id?: number; [key: string]: unknown }) => {
        if (message.type === 'ready' && ++readies >= warm.length) resolve();
        if (message.id === undefined) return;
        const call = this.waiting.get(message.id);
        if (!call) return;
        this.waiting.delete(message.id);
        const ms = Math.round(performance.now() - call.started);
        if (message.type === 'done')
          call.answer({ ok: true, result: message.result as SynthResult, ms: (message.ms as number) ?? ms });
        else call.answer({ ok: false, error: String(message.error), ms });
      });
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        this.exitReason = lastLine(stderr) ?? `its process exited (${signal ?? `code ${code}`})`;
        resolve();
        for (const call of this.waiting.values()) {
          call.answer({
            ok: false,
            transient: true,
            error: this.exitReason,
            ms: Math.round(performance.now() - call.started),
          });
        }
        this.waiting.clear();
      });
    });
    for (const { packageDir, modules } of warm)
      this.child.send({ type: 'warm', packageDir: join(repoRoot, packageDir), modules });
  }

  synth(request: {
    packageDir: string;
    spec: TargetSpec;
    outDir: string;
    modules: Record<string, string>;
    timeoutMs: number;
  }): Promise<SynthReply> {
    if (this.exited) {
      return Promise.resolve({
        ok: false,
        transient: true,
        error: `the tool worker is not running: ${this.exitReason}`,
        ms: 0,
      });
    }
    const id = ++this.nextId;
    const { timeoutMs, ...message } = request;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.kill();
        resolve({
          ok: false,
          transient: true,
          error: `the synth ran past its limit of ${timeoutMs / 1000} s`,
          ms: timeoutMs,
        });
      }, timeoutMs);
      this.waiting.set(id, {
        started: performance.now(),
        answer: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
      });
      this.child.send({ type: 'synth', id, ...message });
    });
  }

  residentBytes(): number {
    return residentBytesOf(this.child.pid);
  }

  kill(): void {
    if (this.exited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }
}

export class ToolPool {
  /** Per group, its worker (being started, or started). */
  private readonly workers = new Map<string, Promise<ToolWorker>>();
  private readonly live = new Set<ToolWorker>();
  /** One synth at a time per worker: requests queue behind the running one. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly transpiler: Transpiler;
  private closed = false;
  private readonly started: Promise<void>;

  constructor(
    private readonly repoRoot: string,
    private readonly packages: readonly ToolPackage[],
    private readonly timeoutMs: number,
    /** The folder synths run in (the command's). */
    private readonly cwd: string,
  ) {
    this.transpiler = new Transpiler(repoRoot);
    this.started = Promise.all(
      [...new Set(packages.map((tool) => tool.group))].map((group) => this.start(group)),
    ).then(() => undefined);
  }

  /** Resolves when every worker has loaded its libraries (or failed to start). */
  async whenReady(): Promise<void> {
    await this.started;
    await Promise.all([...this.workers.values()].map(async (worker) => (await worker).ready));
  }

  /** Synthesizes `spec` with the package's current code into `outDir`. */
  synth(packageDir: string, spec: TargetSpec, outDir: string): Promise<SynthReply> {
    const group = this.toolOf(packageDir).group;
    const previous = this.queues.get(group) ?? Promise.resolve();
    const run = previous.then(() => this.synthNow(packageDir, spec, outDir));
    this.queues.set(
      group,
      run.catch(() => undefined),
    );
    return run;
  }

  /** Process ids of the workers (for the bench's memory figure and for tests). */
  pids(): number[] {
    return [...this.live].flatMap((worker) => (worker.child.pid && !worker.exited ? [worker.child.pid] : []));
  }

  close(): void {
    this.closed = true;
    for (const worker of this.live) worker.kill();
    this.live.clear();
    this.workers.clear();
  }

  private toolOf(packageDir: string): ToolPackage {
    const tool = this.packages.find((candidate) => candidate.packageDir === packageDir);
    if (!tool) throw new Error(`no tool worker for ${packageDir}`);
    return tool;
  }

  private async synthNow(packageDir: string, spec: TargetSpec, outDir: string): Promise<SynthReply> {
    if (this.closed) return { ok: false, error: 'the watch is stopping', ms: 0, transient: true };
    const started = performance.now();
    const code = await this.transpiler.packageCode(packageDir);
    if (!code.ok) return { ok: false, error: code.error, ms: Math.round(performance.now() - started) };
    const tool = this.toolOf(packageDir);
    await this.started;
    let worker = await (this.workers.get(tool.group) ?? this.start(tool.group));
    await worker.ready;
    if (worker.exited) {
      worker = await this.start(tool.group);
      await worker.ready;
    }
    const reply = await worker.synth({
      packageDir: join(this.repoRoot, packageDir),
      spec,
      outDir,
      modules: { ...code.modules },
      timeoutMs: this.timeoutMs,
    });
    const replace = worker.exited || tool.reuse === 'once' || worker.residentBytes() > MEMORY_BOUND_BYTES;
    if (replace && !this.closed) {
      worker.kill();
      void this.start(tool.group); // warm for the next edit
    }
    return reply;
  }

  /** Starts the group's worker now; later requests for the group wait for it. */
  private start(group: string): Promise<ToolWorker> {
    const starting = this.spawnWorker(group);
    this.workers.set(group, starting);
    return starting;
  }

  private async spawnWorker(group: string): Promise<ToolWorker> {
    const warm: { packageDir: string; modules: Record<string, string> }[] = [];
    for (const tool of this.packages.filter((candidate) => candidate.group === group)) {
      const code = await this.transpiler.packageCode(tool.packageDir);
      // A package that does not transpile yet loads nothing now; its synth reports the error.
      if (code.ok) warm.push({ packageDir: tool.packageDir, modules: { ...code.modules } });
    }
    const worker = new ToolWorker(this.repoRoot, this.cwd, warm);
    this.live.add(worker);
    worker.child.on('exit', () => this.live.delete(worker));
    if (this.closed) worker.kill();
    return worker;
  }
}
