/**
 * The type check of a watch: an answer after a TypeScript edit is computed from the transpiled
 * sources at once (transpile-hooks.ts), while the package's real build (`npm run build`: tsc, then
 * its build stamp) runs in the background at low priority. Its result is keyed by the package's
 * source hash (scripts/build-stamp.mjs), so it applies only to the sources it checked: a compile
 * error then fails that column, as in every one-shot command; a clean build leaves the package
 * built and stamped, so the next `compare` does not build it again.
 *
 * One build per package at a time; a build for sources that changed again is killed and the new
 * sources are checked instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type TypeCheckState =
  | { readonly state: 'ok' }
  | { readonly state: 'checking' }
  | { readonly state: 'failed'; readonly error: string };

interface BuildStamp {
  sourceHash(packageDir: string, repoRoot: string): string;
  firstCompilerError(output: string, packageDir: string, repoRoot: string): string;
  writeStamp(packageDir: string, repoRoot: string): void;
  STAMP_FILE: string;
}

interface Running {
  readonly hash: string;
  readonly child: ChildProcess;
}

export class TypeChecker {
  private readonly results = new Map<string, Map<string, TypeCheckState>>();
  private readonly running = new Map<string, Running>();
  private stamps: BuildStamp | undefined;

  constructor(
    private readonly repoRoot: string,
    /** Called when a build for `packageDir` finished (its state for `hash` is now known). */
    private readonly onSettled: (packageDir: string, hash: string) => void,
  ) {}

  async load(): Promise<void> {
    this.stamps = (await import(
      pathToFileURL(join(this.repoRoot, 'scripts', 'build-stamp.mjs')).href
    )) as BuildStamp;
  }

  /** The package's source hash now (what its stamp must equal for its build to be current). */
  hashOf(packageDir: string): string {
    return this.stamps!.sourceHash(join(this.repoRoot, packageDir), this.repoRoot);
  }

  /** What is known of these sources: built and current, being checked, or failed with an error. */
  stateOf(packageDir: string, hash: string): TypeCheckState {
    const known = this.results.get(packageDir)?.get(hash);
    if (known) return known;
    if (this.stampOf(packageDir) === hash) return { state: 'ok' };
    return { state: 'checking' };
  }

  /** Starts the build of `packageDir` for `hash` unless it is current, known, or being built. */
  ensure(packageDir: string, hash: string): void {
    if (this.stateOf(packageDir, hash).state !== 'checking') return;
    const current = this.running.get(packageDir);
    if (current?.hash === hash) return;
    if (current) killGroup(current.child);
    this.start(packageDir, hash);
  }

  close(): void {
    for (const { child } of this.running.values()) killGroup(child);
    this.running.clear();
  }

  private stampOf(packageDir: string): string | undefined {
    try {
      return readFileSync(join(this.repoRoot, packageDir, 'dist', this.stamps!.STAMP_FILE), 'utf8').trim();
    } catch {
      return undefined;
    }
  }

  private start(packageDir: string, hash: string): void {
    const manifest = JSON.parse(readFileSync(join(this.repoRoot, packageDir, 'package.json'), 'utf8')) as {
      name: string;
    };
    const child = spawn('npm', ['run', '--silent', 'build', '--workspace', manifest.name], {
      cwd: this.repoRoot,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      // Below the answers: a background build never competes with the next answer for a core.
      if (child.pid !== undefined)
        spawn('renice', ['-n', '10', '-g', String(child.pid)], { stdio: 'ignore' });
    } catch {
      // renice is absent: the build runs at normal priority
    }
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    this.running.set(packageDir, { hash, child });
    child.on('close', (code, signal) => {
      if (this.running.get(packageDir)?.child === child) this.running.delete(packageDir);
      if (signal) return; // killed: newer sources are being checked
      const dir = join(this.repoRoot, packageDir);
      const after = this.stamps!.sourceHash(dir, this.repoRoot);
      // Only what was checked from start to end is known: sources that changed meanwhile are
      // checked again by the next ensure(). The build's stamp was written from the sources as they
      // were at its end, not as tsc read them: it goes, so no command trusts that dist/.
      if (after !== hash) {
        rmSync(join(dir, 'dist', this.stamps!.STAMP_FILE), { force: true });
        return;
      }
      const byHash = this.results.get(packageDir) ?? new Map<string, TypeCheckState>();
      byHash.set(
        hash,
        code === 0 && this.stampOf(packageDir) === hash
          ? { state: 'ok' }
          : {
              state: 'failed',
              error: `does not compile: ${this.stamps!.firstCompilerError(output, dir, this.repoRoot)}`,
            },
      );
      this.results.set(packageDir, byHash);
      this.onSettled(packageDir, hash);
    });
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
