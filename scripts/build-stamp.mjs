#!/usr/bin/env node
/**
 * Build stamps: which sources a package's `dist/` was compiled from. Every package's `build`
 * script ends with `node <repo>/scripts/build-stamp.mjs`, which writes `dist/.source-hash`: a
 * digest of the package's `src/`, its tsconfig and package.json, the shared tsconfig.base.json
 * and the lockfile (the compiler and libraries it compiled against). A package whose stamp does
 * not match its sources is stale, whoever built it (turbo, npm, iac-compare), and iac-compare
 * rebuilds it before running it — so no command answers from code that no longer exists.
 *
 * Plain JavaScript on purpose: the CLI's launcher uses it before any compiled code is loaded.
 * Usage as a script: `node scripts/build-stamp.mjs` in a package folder writes its stamp.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const STAMP_FILE = '.source-hash';
const PACKAGE_INPUTS = ['tsconfig.build.json', 'tsconfig.json', 'package.json'];

/** The repository root above `dir`: the folder whose package.json declares workspaces. */
export function repoRootAbove(dir) {
  let current = resolve(dir);
  for (let depth = 0; depth < 20; depth++) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).workspaces) return current;
      } catch {
        // not the root; keep looking
      }
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  throw new Error(`no repository root (a package.json with workspaces) above ${dir}`);
}

function hashFiles(hash, root, dir) {
  const base = join(root, dir);
  if (!existsSync(base)) return;
  const files = readdirSync(base, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const path = join(base, file);
    if (!statSync(path).isFile()) continue;
    hash.update(`${dir}/${file}\u0000`);
    hash.update(readFileSync(path));
  }
}

const rootDigests = new Map();
/** The repository-wide inputs of every build (shared tsconfig, lockfile), hashed once per process. */
function rootInputsDigest(repoRoot) {
  let digest = rootDigests.get(repoRoot);
  if (digest === undefined) {
    const hash = createHash('sha256');
    for (const file of ['tsconfig.base.json', 'package-lock.json']) {
      const path = join(repoRoot, file);
      if (existsSync(path)) hash.update(`/${file}\u0000`).update(readFileSync(path));
    }
    digest = hash.digest('hex');
    rootDigests.set(repoRoot, digest);
  }
  return digest;
}

/** Digest of what a package's dist/ is compiled from. */
export function sourceHash(packageDir, repoRoot = repoRootAbove(packageDir)) {
  const hash = createHash('sha256');
  hashFiles(hash, packageDir, 'src');
  for (const file of PACKAGE_INPUTS) {
    const path = join(packageDir, file);
    if (existsSync(path)) hash.update(`${file}\u0000`).update(readFileSync(path));
  }
  hash.update(rootInputsDigest(repoRoot));
  return hash.digest('hex');
}

export function writeStamp(packageDir, repoRoot) {
  writeFileSync(join(packageDir, 'dist', STAMP_FILE), `${sourceHash(packageDir, repoRoot)}\n`);
}

/** Why the package must be built before it runs, or undefined when its dist/ is its sources'. */
export function staleness(packageDir, repoRoot) {
  const stamp = join(packageDir, 'dist', STAMP_FILE);
  if (!existsSync(stamp)) return existsSync(join(packageDir, 'dist')) ? 'built without a stamp' : 'not built';
  return readFileSync(stamp, 'utf8').trim() === sourceHash(packageDir, repoRoot)
    ? undefined
    : 'sources changed since its build';
}

/**
 * The compiler's first error, as `file:line:column: message` (tsc prints `file(line,col): error …`),
 * else the first line of its output.
 */
export function firstCompilerError(output, packageDir, repoRoot) {
  const lines = output.split('\n').map((line) => line.trim());
  for (const line of lines) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      const file = join(packageDir, match[1]).slice(repoRoot.length + 1);
      return `${file}:${match[2]}:${match[3]}: ${match[4]} ${match[5]}`;
    }
  }
  return lines.find((line) => line !== '' && !line.startsWith('>')) ?? 'the build failed';
}

/**
 * The stamp is written after tsc, from the sources as they are then; if they changed while tsc
 * ran, dist/ holds an older version under a newer stamp. Such a stamp is removed (the package
 * reads as stale, so the next command builds it again). True when the stamp can stand.
 */
function settleStamp(packageDir, repoRoot, before) {
  if (sourceHash(packageDir, repoRoot) === before) return true;
  rmSync(join(packageDir, 'dist', STAMP_FILE), { force: true });
  return false;
}

/**
 * Builds a package with its own `build` script (which stamps it). Returns undefined on success,
 * else the compiler's first error.
 */
export function buildPackage(packageDir, repoRoot) {
  const before = sourceHash(packageDir, repoRoot);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const result = spawnSync('npm', ['run', '--silent', 'build', '--workspace', manifest.name], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  // A checkout from before build stamps built fine but wrote none: stamp it here.
  if (result.status === 0) writeStamp(packageDir, repoRoot);
  if (!settleStamp(packageDir, repoRoot, before))
    return 'its sources changed while it was built; run it again';
  if (result.status === 0 && !staleness(packageDir, repoRoot)) return undefined;
  return firstCompilerError(`${result.stdout ?? ''}\n${result.stderr ?? ''}`, packageDir, repoRoot);
}

/** buildPackage without blocking: for the CLI, which builds while it shows progress. */
export function buildPackageAsync(packageDir, repoRoot) {
  const before = sourceHash(packageDir, repoRoot);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return new Promise((resolveBuild) => {
    const child = spawn('npm', ['run', '--silent', 'build', '--workspace', manifest.name], {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => resolveBuild(`cannot run npm: ${error.message}`));
    child.on('close', (code) => {
      if (code === 0) writeStamp(packageDir, repoRoot);
      if (!settleStamp(packageDir, repoRoot, before)) {
        resolveBuild('its sources changed while it was built; run it again');
        return;
      }
      resolveBuild(
        code === 0 && !staleness(packageDir, repoRoot)
          ? undefined
          : firstCompilerError(output, packageDir, repoRoot),
      );
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const packageDir = process.cwd();
  writeStamp(packageDir, repoRootAbove(packageDir));
}

export const SCRIPT = fileURLToPath(import.meta.url);
