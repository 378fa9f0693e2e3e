import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTarget } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, stackName } from '../src/app.js';
import { synthesize } from '../src/synthesize.js';

const CDKTF_BIN = join(PACKAGE_DIR, '..', '..', 'node_modules', '.bin', 'cdktf');

describe('in-process synth matches `npx cdktf synth`', () => {
  it('writes the same cdk.tf.json, offline', async () => {
    const spec = loadTarget();
    const inProcess = mkdtempSync(join(tmpdir(), 'cdktf-inproc-'));
    await synthesize(spec, inProcess);
    const cliOut = mkdtempSync(join(tmpdir(), 'cdktf-cli-'));
    const result = spawnSync(CDKTF_BIN, ['synth', '--output', cliOut], {
      cwd: PACKAGE_DIR,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' },
    });
    expect(result.status, result.stderr).toBe(0);
    const file = join('stacks', stackName(spec), 'cdk.tf.json');
    const fromCli = JSON.parse(readFileSync(join(cliOut, file), 'utf8'));
    expect(JSON.parse(readFileSync(join(inProcess, file), 'utf8'))).toEqual(fromCli);
  }, 200_000);
});
