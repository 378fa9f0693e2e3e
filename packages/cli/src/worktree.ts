/**
 * Another version of the repository, checked out beside this one: a git worktree at a ref, with
 * node_modules that resolve its own workspace packages. When the ref's lockfile is this
 * checkout's, node_modules is this checkout's, linked entry by entry — except the workspace
 * packages (`@iac-compare/*`), which point into the worktree, so the ref's spec is the ref's.
 * Otherwise `npm ci` installs the ref's own dependencies.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { HarnessError } from '@iac-compare/harness/memo';

const WORKSPACE_SCOPE = '@iac-compare';

function git(repoRoot: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8' });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * Gives `to` a node_modules whose third-party entries are `from`'s and whose workspace packages
 * are `to`'s own (same relative folders as in `from`).
 */
export function linkNodeModules(from: string, to: string): void {
  const source = join(from, 'node_modules');
  const target = join(to, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry === WORKSPACE_SCOPE || entry === '.package-lock.json') continue;
    symlinkSync(realpathSync(join(source, entry)), join(target, entry));
  }
  const scope = join(source, WORKSPACE_SCOPE);
  if (!existsSync(scope)) return;
  mkdirSync(join(target, WORKSPACE_SCOPE), { recursive: true });
  for (const name of readdirSync(scope)) {
    const packageDir = relative(from, realpathSync(join(scope, name)));
    const own = join(to, packageDir);
    if (existsSync(own)) symlinkSync(own, join(target, WORKSPACE_SCOPE, name));
  }
}

export interface Checkout {
  /** The worktree's root: a repository layout like this one's. */
  readonly root: string;
  readonly ref: string;
  readonly commit: string;
  /** Whether node_modules is this checkout's (same lockfile) or was installed. */
  readonly dependencies: 'linked' | 'installed';
  remove(): void;
}

/** The commit a ref names, or undefined when it names none. */
export function commitOf(repoRoot: string, ref: string): string | undefined {
  const result = git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return result.ok ? result.stdout.trim() : undefined;
}

/** The commit `ref` names, or one clear error saying it is neither a baseline folder nor a commit. */
export function commitOrThrow(repoRoot: string, ref: string): string {
  const commit = commitOf(repoRoot, ref);
  if (!commit) {
    throw new HarnessError(
      'BASELINE_INVALID',
      `"${ref}" is neither a baseline folder nor a git commit of ${repoRoot}`,
      {
        location: { file: ref },
      },
    );
  }
  return commit;
}

/** Checks out `ref` in a temporary worktree with working node_modules; `remove()` takes it away again. */
export function checkoutRef(repoRoot: string, ref: string, say: (text: string) => void): Checkout {
  const commit = commitOrThrow(repoRoot, ref);
  const parent = mkdtempSync(join(tmpdir(), 'iac-compare-ref-'));
  const root = join(parent, 'checkout');
  const added = git(repoRoot, ['worktree', 'add', '--detach', '--quiet', root, commit]);
  if (!added.ok) {
    rmSync(parent, { recursive: true, force: true });
    throw new HarnessError('BASELINE_INVALID', `git cannot check out ${ref}: ${added.stderr.trim()}`, {
      location: { file: ref },
    });
  }
  const remove = () => {
    git(repoRoot, ['worktree', 'remove', '--force', root]);
    rmSync(parent, { recursive: true, force: true });
    git(repoRoot, ['worktree', 'prune']);
  };
  try {
    const lockfile = (dir: string) => {
      try {
        return readFileSync(join(dir, 'package-lock.json'), 'utf8');
      } catch {
        return undefined;
      }
    };
    let dependencies: Checkout['dependencies'] = 'linked';
    if (lockfile(root) !== undefined && lockfile(root) === lockfile(repoRoot))
      linkNodeModules(repoRoot, root);
    else {
      dependencies = 'installed';
      say(`${ref}: its lockfile differs from this checkout's; installing its dependencies (npm ci) …\n`);
      const install = spawnSync(
        'npm',
        ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      if (install.status !== 0) {
        throw new HarnessError(
          'BASELINE_INVALID',
          `npm ci failed in the checkout of ${ref}: ${(install.stderr || install.stdout).trim().split('\n')[0]}`,
          { location: { file: ref } },
        );
      }
    }
    return { root, ref, commit, dependencies, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
