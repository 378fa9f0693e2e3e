/**
 * A long-lived tool worker synthesizes again and again with the tool's libraries loaded once
 * (watch/tool-pool.ts). That is only honest if its artifacts are what a fresh process writes for
 * the same target: here a worker synthesizes target A, then B, then A again, and each artifact is
 * compared with the package's own synth script run as a new process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTarget } from '@iac-compare/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { ToolPool } from '../src/watch/tool-pool.js';
import { REPO } from './scratch-repo.js';

const TMP = mkdtempSync(join(tmpdir(), 'tool-workers-'));
const targetA = join(REPO, 'packages', 'spec', 'target.json');
const targetB = join(TMP, 'target-b.json');
const raw = JSON.parse(readFileSync(targetA, 'utf8')) as { name: string; tags: Record<string, string> };
writeFileSync(
  targetB,
  JSON.stringify({ ...raw, name: `${raw.name}-b`, tags: { ...raw.tags, owner: 'b-team' } }),
);

/** Every file of an artifact by name, with what differs between any two synths set aside. */
function artifact(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    // CDK's metadata and manifests record the call stack that ran the synth (the script's or
    // the worker's); the templates are what is deployed and what the harness reads.
    if (/(metadata|manifest|assets|tree)\.json$|\.iac-compare-output$/.test(file)) continue;
    try {
      files[file] = readFileSync(join(dir, file), 'utf8')
        // An unstaged asset is a fresh temporary folder on every synth (validate.ts: withStableAssetPaths).
        .replace(/("aws:asset:path":\s*")\/tmp\/[^"]*"/g, '$1<temporary>"');
    } catch {
      // a folder
    }
  }
  return files;
}

function freshSynth(packageDir: string, target: string, out: string): void {
  const result = spawnSync(
    process.execPath,
    [join(REPO, packageDir, 'dist', 'bin', 'synth.js'), '--spec', target, '--out', out],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(result.stderr);
}

const pool = new ToolPool(
  REPO,
  ['packages/cdk', 'packages/cdktf', 'packages/pulumi'].map((packageDir) => ({
    packageDir,
    reuse: 'long-lived' as const,
    group: packageDir,
  })),
  300_000,
  REPO,
);
afterAll(() => pool.close());

describe('long-lived tool workers write what a fresh process writes', () => {
  for (const packageDir of ['packages/cdktf', 'packages/pulumi', 'packages/cdk']) {
    it(`${packageDir}: target A, then B, then A again`, async () => {
      const specs = { a: loadTarget(targetA), b: loadTarget(targetB) };
      const files = { a: targetA, b: targetB };
      for (const [round, which] of (['a', 'b', 'a'] as const).entries()) {
        const out = join(TMP, packageDir.replace('/', '_'), `worker-${round}`);
        const reply = await pool.synth(packageDir, specs[which], out);
        expect(reply.ok, reply.ok ? '' : reply.error).toBe(true);
        const fresh = join(TMP, packageDir.replace('/', '_'), `fresh-${which}`);
        if (round < 2) freshSynth(packageDir, files[which], fresh);
        const written = artifact(out);
        expect(Object.keys(written).length).toBeGreaterThan(0);
        expect(written).toEqual(artifact(fresh));
      }
    }, 300_000);
  }
});
