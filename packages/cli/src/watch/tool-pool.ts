/**
 * The tool workers of a watch: one child process per implementation package, started when the
 * watch starts and kept warm (tool-worker.ts). A worker is either long-lived — it synthesizes again
 * and again, each time on a fresh copy of the package's code — or, for a package whose tool keeps
 * state a synth cannot reset, used once and replaced by a fresh one started at once, so the next
 * edit finds it warm.
 *
 * A synth that runs past its time limit is killed with its process group, and so is one whose
 * process dies: either is that column's failure, and a new worker is started. A long-lived worker
 * whose memory grows past its bound is replaced after its synth.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SynthResult, TargetSpec } from '@iac-compare/spec';

export type Reuse = 'long-lived' | 'once';

export interface ToolPackage {
  readonly packageDir: string;
  readonly reuse: Reuse;
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
/** Past this resident size a long-lived worker is replaced after its synth. */
const MEMORY_BOUND_BYTES = 700 * 2 ** 20;

class ToolWorker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: SynthReply) => void>();
  private started = new Map<number, number>();
  exited = false;
  /** Why it exited, from its last words on stderr. */
  exitReason = '';

  constructor(packageDir: string, repoRoot: string, cwd: string) {
    this.child = spawn(process.execPath, [WORKER, join(repoRoot, packageDir), repoRoot], {
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
    this.ready = new Promise((resolve) => {
      this.child.on('message', (message: { type: string; id?: number; [key: string]: unknown }) => {
        if (message.type === 'ready') resolve();
        if (message.id === undefined) return;
        const answer = this.waiting.get(message.id);
        const ms = Math.round(performance.now() - (this.started.get(message.id) ?? performance.now()));
        this.waiting.delete(message.id);
        this.started.delete(message.id);
        if (message.type === 'done')
          answer?.({ ok: true, result: message.result as SynthResult, ms: (message.ms as number) ?? ms });
        else answer?.({ ok: false, error: String(message.error), ms });
      });
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        resolve();
        const why = lastLine(stderr) ?? `its process exited (${signal ?? `code ${code}`})`;
        this.exitReason = why;
        for (const [id, answer] of this.waiting) {
          answer({
            ok: false,
            transient: true,
            error: why,
            ms: Math.round(performance.now() - (this.started.get(id) ?? performance.now())),
          });
        }
        this.waiting.clear();
      });
    });
  }

  synth(spec: TargetSpec, outDir: string, timeoutMs: number): Promise<SynthReply> {
    if (this.exited)
      return Promise.resolve({
        ok: false,
        transient: true,
        error: `the tool worker is not running: ${this.exitReason}`,
        ms: 0,
      });
    const id = ++this.nextId;
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
      this.started.set(id, performance.now());
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.child.send({ type: 'synth', id, spec, outDir });
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

function lastLine(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('node:'));
  return lines.find((line) => /Error\b.*:/.test(line)) ?? lines.at(-1);
}

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

export class ToolPool {
  private readonly workers = new Map<string, ToolWorker>();
  /** One synth at a time per package: requests queue behind the running one. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly repoRoot: string,
    private readonly packages: readonly ToolPackage[],
    private readonly timeoutMs: number,
    /** The folder synths run in (the command's). */
    private readonly cwd: string,
  ) {
    for (const tool of packages) this.start(tool.packageDir);
  }

  /** Resolves when every worker has loaded its libraries (or failed to start). */
  async whenReady(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.ready));
  }

  /** Synthesizes `spec` with the package's current code into `outDir`. */
  synth(packageDir: string, spec: TargetSpec, outDir: string): Promise<SynthReply> {
    const previous = this.queues.get(packageDir) ?? Promise.resolve();
    const run = previous.then(() => this.synthNow(packageDir, spec, outDir));
    this.queues.set(
      packageDir,
      run.catch(() => undefined),
    );
    return run;
  }

  /** Process ids of the workers (for the bench's memory figure and for tests). */
  pids(): number[] {
    return [...this.workers.values()].flatMap((worker) => (worker.child.pid ? [worker.child.pid] : []));
  }

  close(): void {
    this.closed = true;
    for (const worker of this.workers.values()) worker.kill();
    this.workers.clear();
  }

  private async synthNow(packageDir: string, spec: TargetSpec, outDir: string): Promise<SynthReply> {
    if (this.closed) return { ok: false, error: 'the watch is stopping', ms: 0 };
    let worker = this.workers.get(packageDir);
    if (!worker || worker.exited) worker = this.start(packageDir);
    await worker.ready;
    if (worker.exited) worker = this.start(packageDir);
    await worker.ready;
    const reply = await worker.synth(spec, outDir, this.timeoutMs);
    const tool = this.packages.find((candidate) => candidate.packageDir === packageDir);
    const replace =
      worker.exited ||
      tool?.reuse === 'once' ||
      (!worker.exited && worker.residentBytes() > MEMORY_BOUND_BYTES);
    if (replace && !this.closed) {
      worker.kill();
      this.start(packageDir); // warm for the next edit
    }
    return reply;
  }

  private start(packageDir: string): ToolWorker {
    const worker = new ToolWorker(packageDir, this.repoRoot, this.cwd);
    this.workers.set(packageDir, worker);
    return worker;
  }
}
