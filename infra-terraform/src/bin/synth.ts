import { join } from 'node:path';
import { runSynthCommand } from '@iac-compare/spec';
import { PACKAGE_DIR, synthesize } from '../synthesize.js';

process.exitCode = await runSynthCommand({
  name: '@iac-compare/infra-terraform',
  defaultOutDir: join(PACKAGE_DIR, 'out'),
  synthesize,
});
