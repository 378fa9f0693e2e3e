import { join } from 'node:path';
import { runSynthCommand } from '@iac-compare/spec';
import { PACKAGE_DIR } from '../app.js';
import { synthesize } from '../synthesize.js';

process.exitCode = await runSynthCommand({
  name: '@iac-compare/cdktf',
  defaultOutDir: join(PACKAGE_DIR, 'out'),
  synthesize,
});
