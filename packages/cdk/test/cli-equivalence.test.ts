/**
 * The in-process synth must produce exactly what the real CDK CLI (`npx cdk synth`, aws-cdk) does
 * with the same cdk.json flags and context. Runs the CLI once per variant, offline, no credentials.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTarget } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, stackName } from '../src/app.js';
import { synthesize } from '../src/synthesize.js';

const CDK_BIN = join(PACKAGE_DIR, '..', '..', 'node_modules', '.bin', 'cdk');

function withoutCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const key of Object.keys(clean)) if (key.startsWith('AWS_')) delete clean[key];
  return { ...clean, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_VERSION_CHECK: '1', CI: 'true' };
}

/**
 * The template without `aws:asset:path`: the harness's synth leaves assets where they are (no
 * staging, see src/app.ts), so that metadata names the source instead of the staged copy. The
 * asset hashes in the properties, which a deploy uses, are the same.
 */
function withoutAssetPaths(template: { Resources: Record<string, { Metadata?: Record<string, unknown> }> }) {
  for (const resource of Object.values(template.Resources)) delete resource.Metadata?.['aws:asset:path'];
  return template;
}

describe('in-process synth matches `npx cdk synth`', () => {
  const spec = loadTarget();
  const inProcess = mkdtempSync(join(tmpdir(), 'cdk-inproc-'));
  const synthesized = synthesize(spec, inProcess);

  it.each(['l2', 'l1'] as const)(
    'for the %s app, offline and without credentials',
    async (variant) => {
      await synthesized;
      const cliOut = mkdtempSync(join(tmpdir(), 'cdk-cli-'));
      const result = spawnSync(
        CDK_BIN,
        ['synth', '--quiet', '--no-notices', '-c', `variant=${variant}`, '-o', cliOut],
        {
          cwd: PACKAGE_DIR,
          env: withoutCredentials(process.env),
          encoding: 'utf8',
          timeout: 180_000,
        },
      );
      expect(result.status, result.stderr).toBe(0);
      const name = `${stackName(spec, variant)}.template.json`;
      const fromCli = JSON.parse(readFileSync(join(cliOut, name), 'utf8'));
      const fromSynthesize = JSON.parse(readFileSync(join(inProcess, `cdk-${variant}`, name), 'utf8'));
      expect(Object.keys(fromSynthesize.Resources).length).toBeGreaterThan(40);
      const assetPaths = Object.values(
        fromCli.Resources as Record<string, { Metadata?: Record<string, unknown> }>,
      )
        .map((resource) => resource.Metadata?.['aws:asset:path'])
        .filter(Boolean);
      // The L2 app has assets (custom resource code, the kubectl and AWS CLI layers); L1 inlines its code.
      expect(assetPaths.length > 0).toBe(variant === 'l2');
      expect(withoutAssetPaths(fromSynthesize)).toEqual(withoutAssetPaths(fromCli));
    },
    200_000,
  );
});
