/**
 * The scratch copy the labs run in: the checkout as a fresh clone would have it, plus the
 * checkout's uncommitted changes, so what is tested is exactly what is on disk — and nothing a
 * lab does can touch the checkout.
 *
 * - `git clone --shared` of the checkout (objects borrowed, not copied: a fraction of a second),
 *   at its HEAD; then every uncommitted change (modified, added, deleted, untracked but not
 *   ignored) is applied and committed in the scratch, so `git status` there starts clean and a
 *   lab's cleanup can be checked against it.
 * - node_modules: the checkout's, linked entry by entry, except the workspace packages
 *   (`@iac-compare/*`), which point into the scratch, and `.bin`, rebuilt so `npx iac-compare` runs
 *   the scratch's CLI (a linked `.bin` would resolve into the checkout's packages). Each workspace
 *   package's own node_modules is linked too. `npm ci` would take minutes and install the same
 *   lockfile.
 * - dist/: each workspace package's build is copied with its build stamp. A stamp that does not
 *   match the sources makes iac-compare rebuild that package, so a copied build can never answer
 *   for changed code (docs/architecture.md, "build stamps").
 * Ignored files (caches, outputs, state) are not copied: the labs start as a fresh clone would.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { LabError } from './errors.js';

const WORKSPACE_SCOPE = '@iac-compare';

export interface Scratch {
  readonly root: string;
  /** The commit the scratch starts from (the checkout's HEAD, plus its uncommitted changes). */
  readonly commit: string;
  /** Files that differ from the start (tracked changes and untracked, not ignored), as `git status` says. */
  changes(): string[];
  /** Ignored paths now present (collapsed per folder), to see what a lab left behind. */
  ignored(): Set<string>;
  /** Back to the start: tracked files restored, untracked removed (ignored caches kept). */
  reset(): void;
  remove(): void;
}

function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new LabError(
      'LAB_SCRATCH',
      `git ${args.join(' ')} failed in ${cwd}: ${(result.stderr ?? '').trim()}`,
    );
  }
  return result.stdout ?? '';
}

/** `git status --porcelain -z` entries as [status, path] (a rename gives its new path). */
function statusEntries(cwd: string, extra: readonly string[] = []): Array<[string, string]> {
  const fields = git(cwd, ['status', '--porcelain=v1', '-z', ...extra]).split('\0');
  const entries: Array<[string, string]> = [];
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] ?? '';
    if (field.length < 4) continue;
    const status = field.slice(0, 2);
    entries.push([status, field.slice(3)]);
    if (status.startsWith('R') || status.startsWith('C')) index++; // the old path follows
  }
  return entries;
}

/** The workspace packages of the checkout: name → folder relative to the root. */
function workspacePackages(checkout: string): Map<string, string> {
  const scope = join(checkout, 'node_modules', WORKSPACE_SCOPE);
  const packages = new Map<string, string>();
  if (!existsSync(scope)) return packages;
  for (const name of readdirSync(scope)) {
    packages.set(name, relative(checkout, realpathSync(join(scope, name))));
  }
  return packages;
}

/** Links `from`'s node_modules into `to`, with the workspace packages and `.bin` pointing into `to`. */
export function linkNodeModules(from: string, to: string): void {
  const source = join(from, 'node_modules');
  if (!existsSync(source)) return;
  const target = join(to, 'node_modules');
  mkdirSync(target, { recursive: true });
  const packages = workspacePackages(from);
  for (const entry of readdirSync(source)) {
    if (entry === WORKSPACE_SCOPE || entry === '.bin' || entry === '.package-lock.json') continue;
    symlinkSync(realpathSync(join(source, entry)), join(target, entry));
  }
  if (packages.size > 0) {
    mkdirSync(join(target, WORKSPACE_SCOPE));
    for (const [name, folder] of packages) {
      if (existsSync(join(to, folder))) symlinkSync(join(to, folder), join(target, WORKSPACE_SCOPE, name));
    }
  }
  const bin = join(source, '.bin');
  if (existsSync(bin)) {
    mkdirSync(join(target, '.bin'));
    const ownPrefix = join(source, WORKSPACE_SCOPE) + '/';
    for (const entry of readdirSync(bin)) {
      const link = join(bin, entry);
      if (!lstatSync(link).isSymbolicLink()) {
        cpSync(link, join(target, '.bin', entry));
        continue;
      }
      const pointsAt = resolve(bin, readlinkSync(link));
      // A workspace package's command runs from the scratch's copy of that package.
      const inside = pointsAt.startsWith(ownPrefix)
        ? join(target, WORKSPACE_SCOPE, pointsAt.slice(ownPrefix.length))
        : realpathSync(link);
      symlinkSync(inside, join(target, '.bin', entry));
    }
  }
  // Workspace packages with dependencies of their own (a version the root could not hoist).
  for (const folder of packages.values()) {
    const own = join(from, folder, 'node_modules');
    if (!existsSync(own) || !existsSync(join(to, folder))) continue;
    // A folder of links, not a link: .gitignore's `node_modules/` matches folders only.
    mkdirSync(join(to, folder, 'node_modules'));
    for (const entry of readdirSync(own)) {
      symlinkSync(realpathSync(join(own, entry)), join(to, folder, 'node_modules', entry));
    }
  }
}

/** Copies each workspace package's dist/ (with its build stamp). */
function copyBuilds(from: string, to: string): void {
  for (const folder of workspacePackages(from).values()) {
    const dist = join(from, folder, 'dist');
    if (existsSync(dist) && existsSync(join(to, folder)))
      cpSync(dist, join(to, folder, 'dist'), { recursive: true });
  }
}

/** Makes the scratch copy of `checkout` (see the file comment). */
export function createScratch(checkout: string, options: { parent?: string } = {}): Scratch {
  const parent = mkdtempSync(join(options.parent ?? tmpdir(), 'iac-labs-'));
  const root = join(parent, 'iac-compare');
  try {
    const head = git(checkout, ['rev-parse', 'HEAD']).trim();
    git(parent, ['clone', '--quiet', '--shared', '--no-checkout', checkout, root]);
    git(root, ['checkout', '--quiet', '--detach', head]);
    const changed = statusEntries(checkout, ['--untracked-files=all']);
    for (const [status, path] of changed) {
      const source = join(checkout, path);
      const copy = join(root, path);
      if (status.includes('D') || !existsSync(source)) {
        rmSync(copy, { force: true });
        continue;
      }
      mkdirSync(dirname(copy), { recursive: true });
      cpSync(source, copy, { recursive: true, verbatimSymlinks: true });
    }
    if (changed.length > 0) {
      git(root, ['add', '-A']);
      git(root, [
        '-c',
        'user.name=iac-labs',
        '-c',
        'user.email=iac-labs@localhost',
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        'iac-labs: the uncommitted changes of the checkout under test',
      ]);
    }
    linkNodeModules(checkout, root);
    copyBuilds(checkout, root);
    const commit = git(root, ['rev-parse', 'HEAD']).trim();
    return {
      root,
      commit,
      changes: () =>
        statusEntries(root, ['--untracked-files=all']).map(([status, path]) => `${status} ${path}`),
      ignored: () =>
        new Set(
          statusEntries(root, ['--ignored=traditional', '--untracked-files=normal'])
            .filter(([status]) => status === '!!')
            .map(([, path]) => path),
        ),
      reset: () => {
        git(root, ['reset', '--quiet', '--hard', commit]);
        git(root, ['clean', '--quiet', '-fd']);
      },
      remove: () => rmSync(parent, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }
}
