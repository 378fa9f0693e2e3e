/**
 * Side-by-side synth: every implementation's `synth` runs as its own process, in parallel up to the
 * number of cores. First each package is checked against its build stamp and rebuilt when its
 * sources changed (a package that does not compile fails only its own column, with the compiler's
 * first error). An implementation whose inputs — the package's built code and templates, the spec
 * package's built code, the target, the lockfile — hash the same as at its last successful synth,
 * and whose artifact is still there, is not synthesized again.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { ImplementationInfo, SynthOutcome } from '@iac-compare/harness';
import { startValidatorWorker } from '@iac-compare/harness/memo';
import { SYNTH_SUMMARY_PREFIX, type SynthResult, type TargetSpec } from '@iac-compare/spec';
import { ensureBuilt } from './build-check.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { SynthProgress } from './progress.js';

const INPUT_FILES = /\.(ts|js|mjs|json|yaml|yml|tf)$/;
/** What a synth does not run: sources (their build is hashed instead), tests, outputs, dependencies. */
const SKIP_DIRS = /(^|\/)(node_modules|src|out|cdk\.out|cdktf\.out|test|\.turbo|\.iac-compare)(\/|$)/;

function hashTree(hash: ReturnType<typeof createHash>, root: string, dir: string): void {
  const base = join(root, dir);
  if (!existsSync(base)) return;
  const files = readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((file) => INPUT_FILES.test(file) && !SKIP_DIRS.test(file) && !file.endsWith('.tsbuildinfo'))
    .sort();
  for (const file of files) {
    const path = join(base, file);
    if (!statSync(path).isFile()) continue;
    hash.update(`${dir}/${file}\u0000`);
    hash.update(readFileSync(path));
  }
}

/**
 * Digest of exactly what a package's synth runs on: its built code (dist/) and the files it reads
 * (templates, .tf, envelope, package.json), the spec package's built code, the lockfile (the
 * libraries), and the target.
 */
export function synthInputHash(repoRoot: string, packageDir: string, spec: TargetSpec): string {
  const hash = createHash('sha256');
  hashTree(hash, repoRoot, packageDir);
  hash.update(sharedInputHash(repoRoot));
  hash.update(JSON.stringify(spec));
  return hash.digest('hex');
}

const shared = new Map<string, string>();
/** What every synth shares (the spec package's build, the lockfile): hashed once per command. */
function sharedInputHash(repoRoot: string): string {
  let digest = shared.get(repoRoot);
  if (digest === undefined) {
    const hash = createHash('sha256');
    hashTree(hash, repoRoot, 'packages/spec/dist');
    hash.update(readFileSync(join(repoRoot, 'packages/spec/package.json')));
    if (existsSync(join(repoRoot, 'package-lock.json')))
      hash.update(readFileSync(join(repoRoot, 'package-lock.json')));
    digest = hash.digest('hex');
    shared.set(repoRoot, digest);
  }
  return digest;
}

interface PackageJob {
  readonly packageName: string;
  readonly packageDir: string;
  readonly synthOutDir: string;
  readonly ids: string[];
  readonly artifacts: string[];
}

interface CacheEntry {
  readonly hash: string;
  /** Per implementation, what its artifact declares: "63 resources", "27 resource blocks". */
  readonly declares: Record<string, string>;
  /** How long the synth took when it last ran. */
  readonly ms?: number;
}

function cacheFile(repoRoot: string, packageName: string): string {
  return join(repoRoot, '.iac-compare', 'cache', `synth-${packageName.replace(/[@/]/g, '_')}.json`);
}

function readCache(file: string): CacheEntry | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, entry: CacheEntry): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(entry));
  renameSync(`${file}.tmp`, file);
}

function runProcess(
  script: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => resolve({ code: null, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The line of a failed synth's stderr that says what went wrong (not a stack frame or source excerpt). */
export function firstErrorLine(stderr: string, code: number | null): string {
  const lines = stderr
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text !== '');
  const errorLine = lines.find(
    (text) => /^[A-Za-z]*Error\b.*:/.test(text) || /^\S+ synth( failed)?: /.test(text),
  );
  const line =
    errorLine ??
    lines.find((text) => !text.startsWith('at ') && !text.startsWith('node:') && !/^\[?WARNING/i.test(text));
  return line ?? `exited with code ${code}`;
}

export interface RunSynthOptions {
  readonly repoRoot: string;
  readonly specFile: string;
  readonly spec: TargetSpec;
  readonly implementations: readonly ImplementationInfo[];
  /** Ids not to synthesize, with why (outside their envelope). */
  readonly skip?: ReadonlyMap<string, string>;
  /** Ignore the synth cache. */
  readonly force?: boolean;
  /** Every artifact will be validated (every cache off): start the validator with the first synth. */
  readonly validateEverything?: boolean;
  /**
   * Synthesize into this folder instead of the packages' own out/ (each package's output at
   * `<outRoot>/<synthOutDir>`, so artifacts are at `<outRoot>/<artifactPath>`); never cached.
   */
  readonly outRoot?: string;
  /** Called as soon as an implementation's synth is done, cached or failed (to start reading it). */
  readonly onSettled?: (id: string, outcome: SynthOutcome) => void;
  readonly io: Io;
}

export async function runSynth(options: RunSynthOptions): Promise<Map<string, SynthOutcome>> {
  const { repoRoot, io } = options;
  // Every implementation runs on the spec package: a stale one is rebuilt first, once.
  const specFailure = await ensureBuilt(repoRoot, 'packages/spec', () => {});
  if (specFailure) throw new UsageError(`packages/spec does not compile: ${specFailure}`);
  const jobs = new Map<string, PackageJob>();
  const ids = options.implementations.map((info) => info.id);
  const progress = new SynthProgress(io, ids);
  const outcomes = new Map<string, SynthOutcome>();
  const settle = (id: string, outcome: SynthOutcome) => {
    outcomes.set(id, outcome);
    options.onSettled?.(id, outcome);
  };
  for (const info of options.implementations) {
    const skipped = options.skip?.get(info.id);
    if (skipped) {
      progress.update(info.id, { state: 'skipped', why: skipped });
      continue;
    }
    const job = jobs.get(info.packageName) ?? {
      packageName: info.packageName,
      packageDir: info.packageDir,
      synthOutDir: info.synthOutDir,
      ids: [],
      artifacts: [],
    };
    job.ids.push(info.id);
    job.artifacts.push(info.artifactPath);
    jobs.set(info.packageName, job);
  }

  const run = async (job: PackageJob) => {
    const buildFailure = await ensureBuilt(repoRoot, job.packageDir, (why) => {
      for (const id of job.ids) progress.update(id, { state: 'building', why });
    });
    if (buildFailure) {
      for (const id of job.ids) {
        progress.update(id, { state: 'failed', why: buildFailure });
        settle(id, { ms: null, cached: false, failure: buildFailure });
      }
      return;
    }
    const file = cacheFile(repoRoot, job.packageName);
    const hash = synthInputHash(repoRoot, job.packageDir, options.spec);
    const cached = readCache(file);
    if (
      !options.force &&
      options.outRoot === undefined &&
      cached?.hash === hash &&
      job.artifacts.every((path) => existsSync(join(repoRoot, path)))
    ) {
      for (const id of job.ids) {
        progress.update(id, { state: 'cached', declares: cached.declares?.[id] ?? 'unknown count' });
        settle(id, { ms: cached.ms ?? null, cached: true });
      }
      return;
    }
    // Every cache off: everything will be validated, so the validator's ≈ 2 s of WebAssembly
    // start-up runs in its worker now, while this synth runs. Otherwise the first template or
    // resource the validation memo cannot answer starts it (an edit that changes nothing AWS
    // validates never does).
    if (options.validateEverything) startValidatorWorker();
    const started = Date.now();
    for (const id of job.ids) progress.update(id, { state: 'running', since: started });
    const script = join(repoRoot, job.packageDir, 'dist', 'bin', 'synth.js');
    const result = existsSync(script)
      ? await runProcess(script, [
          '--spec',
          options.specFile,
          ...(options.outRoot ? ['--out', join(options.outRoot, job.synthOutDir)] : []),
        ])
      : {
          code: null,
          stdout: '',
          stderr: `${job.packageDir} is not built (no dist/bin/synth.js); run npm run build`,
        };
    const ms = Date.now() - started;
    const summaryLine = result.stdout.split('\n').find((line) => line.startsWith(SYNTH_SUMMARY_PREFIX));
    if (result.code !== 0 || !summaryLine) {
      const why = firstErrorLine(result.stderr, result.code);
      for (const id of job.ids) {
        progress.update(id, { state: 'failed', why });
        settle(id, { ms, cached: false, failure: why });
      }
      return;
    }
    const summary = JSON.parse(summaryLine.slice(SYNTH_SUMMARY_PREFIX.length)) as SynthResult & {
      ms: number;
    };
    const declares: Record<string, string> = {};
    for (const artifact of summary.artifacts) {
      const unit = artifact.resourceUnit === 'resource blocks' ? 'resource block' : 'resource';
      declares[artifact.id] = `${artifact.resources} ${artifact.resources === 1 ? unit : `${unit}s`}`;
    }
    if (options.outRoot === undefined) writeCache(file, { hash, declares, ms });
    for (const id of job.ids) {
      progress.update(id, { state: 'done', declares: declares[id] ?? 'unknown count', ms });
      settle(id, { ms, cached: false });
    }
  };

  // Longest first (by the last measured time), so two cores finish together instead of one
  // waiting on a long synth that started last.
  const lastMs = (job: PackageJob) => readCache(cacheFile(repoRoot, job.packageName))?.ms ?? 0;
  const queue = [...jobs.values()].sort((a, b) => lastMs(b) - lastMs(a));
  const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await run(job);
  });
  await Promise.all(workers);
  progress.finish();
  return outcomes;
}
