/**
 * Before a package runs, its dist/ must be its current sources' build (scripts/build-stamp.mjs
 * says how that is known). A stale package is rebuilt with its own build script; one that does
 * not compile yields the compiler's first error, for its column alone.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepoRoot } from './repo.js';

interface BuildStamp {
  staleness(packageDir: string, repoRoot: string): string | undefined;
  buildPackageAsync(packageDir: string, repoRoot: string): Promise<string | undefined>;
}

let stampModule: Promise<BuildStamp> | undefined;
function stamps(): Promise<BuildStamp> {
  // The launcher's own copy: the same rules whichever checkout is being worked on.
  stampModule ??= import(
    pathToFileURL(join(findRepoRoot(), 'scripts', 'build-stamp.mjs')).href
  ) as Promise<BuildStamp>;
  return stampModule;
}

/** Builds `packageDir` (relative to `repoRoot`) when stale; the compiler's first error when it cannot. */
export async function ensureBuilt(
  repoRoot: string,
  packageDir: string,
  onBuild: (why: string) => void,
): Promise<string | undefined> {
  const { staleness, buildPackageAsync } = await stamps();
  const dir = join(repoRoot, packageDir);
  const why = staleness(dir, repoRoot);
  if (!why) return undefined;
  onBuild(why);
  const failure = await buildPackageAsync(dir, repoRoot);
  return failure ? `does not compile: ${failure}` : undefined;
}
