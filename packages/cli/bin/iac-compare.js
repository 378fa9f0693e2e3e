#!/usr/bin/env node
// The launcher. Before any compiled code is loaded it makes sure the command's own packages are
// built from their current sources (an edited harness would otherwise answer from its old build),
// building what is stale with the packages' own build scripts; then it runs the command.
//
// `watch` runs in a child process the launcher starts again when iac-compare's own code changed
// (the watch exits with code 75): a process cannot unload the modules it answered with.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage, sourceHash, staleness } from '../../../scripts/build-stamp.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OWN_PACKAGES = ['packages/spec', 'packages/harness', 'packages/cli'];
const RESTART = 75;

/** Builds what is stale; the compiler's first error when one does not compile. */
function buildStale() {
  for (const packageDir of OWN_PACKAGES) {
    const why = staleness(join(repoRoot, packageDir), repoRoot);
    if (!why) continue;
    process.stderr.write(`iac-compare: building ${packageDir} (${why}) …\n`);
    const failure = buildPackage(join(repoRoot, packageDir), repoRoot);
    if (failure) return `${packageDir} does not compile: ${failure}`;
  }
  return undefined;
}

const supervising = process.argv[2] === 'watch' && process.env.IAC_COMPARE_WATCH_CHILD !== '1';
const failure = buildStale();
if (failure && !supervising) {
  process.stderr.write(`iac-compare: ${failure}\n`);
  process.exit(2);
}

if (supervising) {
  process.exitCode = await superviseWatch(failure);
} else {
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(process.argv.slice(2));
  // A watch that stopped exits now, whatever handle a library still holds (a file watcher closing).
  if (process.argv[2] === 'watch') process.exit();
}

/** Runs the watch in a child; restarts it on its new build after an edit of iac-compare itself. */
async function superviseWatch(firstFailure) {
  let child;
  let stopping = false;
  const forward = (signal) => {
    stopping = true;
    if (child && child.exitCode === null) child.kill(signal);
    else process.exit(0);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  let failure = firstFailure;
  for (;;) {
    if (failure) {
      // Never dies: wait for the next edit of iac-compare's sources and build again.
      process.stderr.write(`iac-compare watch: ${failure}; waiting for a fix …\n`);
      const broken = OWN_PACKAGES.map((dir) => sourceHash(join(repoRoot, dir), repoRoot)).join();
      while (
        !stopping &&
        OWN_PACKAGES.map((dir) => sourceHash(join(repoRoot, dir), repoRoot)).join() === broken
      )
        await new Promise((resolve) => setTimeout(resolve, 1000));
      if (stopping) return 0;
      failure = buildStale();
      continue;
    }
    // A smaller young generation: the watch stays resident for hours (see tool-pool.ts).
    child = spawn(
      process.execPath,
      ['--max-semi-space-size=2', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      {
        stdio: 'inherit',
        // Two malloc arenas, not one per thread (glibc): ≈ 100 MB less resident for the watch, whose
        // validator runs in a thread of its own (docs/architecture.md, "Watch").
        env: { MALLOC_ARENA_MAX: '2', ...process.env, IAC_COMPARE_WATCH_CHILD: '1' },
      },
    );
    const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 0)));
    if (code !== RESTART || stopping) return code;
    failure = buildStale();
  }
}
