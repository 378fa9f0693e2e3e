// First: makes the Pulumi runtime's unused closure-serializer dependencies load lazily.
import '../lazy-closure-deps.js';
import { join } from 'node:path';
import { runSynthCommand } from '@iac-compare/spec';
import { PACKAGE_DIR, synthesize } from '../synthesize.js';

process.exitCode = await runSynthCommand({
  name: '@iac-compare/pulumi',
  defaultOutDir: join(PACKAGE_DIR, 'out'),
  synthesize,
});
