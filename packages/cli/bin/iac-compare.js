#!/usr/bin/env node
// The launcher. Before any compiled code is loaded it makes sure the command's own packages are
// built from their current sources (an edited harness would otherwise answer from its old build),
// building what is stale with the packages' own build scripts; then it runs the command.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage, staleness } from '../../../scripts/build-stamp.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
for (const packageDir of ['packages/spec', 'packages/harness', 'packages/cli']) {
  const why = staleness(join(repoRoot, packageDir), repoRoot);
  if (!why) continue;
  process.stderr.write(`iac-compare: building ${packageDir} (${why}) …\n`);
  const failure = buildPackage(join(repoRoot, packageDir), repoRoot);
  if (failure) {
    process.stderr.write(`iac-compare: ${packageDir} does not compile: ${failure}\n`);
    process.exit(2);
  }
}

const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2));
