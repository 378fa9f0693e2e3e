#!/usr/bin/env node
// The launcher: builds the runner from its current sources when its build is stale (build stamps,
// docs/architecture.md), then runs it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage, staleness } from '../../../scripts/build-stamp.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const packageDir = join(repoRoot, 'packages', 'labs');
const why = staleness(packageDir, repoRoot);
if (why) {
  process.stderr.write(`iac-labs: building packages/labs (${why}) …\n`);
  const failure = buildPackage(packageDir, repoRoot);
  if (failure) {
    process.stderr.write(`iac-labs: packages/labs does not compile: ${failure}\n`);
    process.exit(2);
  }
}

const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2));
