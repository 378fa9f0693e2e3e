/**
 * How the suite synthesizes each implementation into a temporary folder and reads it back with the
 * harness. This package is the one place that drives implementations and the harness together.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { synthesize as synthesizeCdk } from '@iac-compare/cdk';
import { synthesize as synthesizeCdktf } from '@iac-compare/cdktf';
import { synthesize as synthesizeCloudFormation } from '@iac-compare/cloudformation';
import {
  type Inventory,
  readCdkAssembly,
  readCdktfOutput,
  readPulumiRegistrations,
  readStackPlan,
  readTerraformDirectory,
} from '@iac-compare/harness';
import { synthesize as synthesizeTerraform } from '@iac-compare/infra-terraform';
import type { TargetSpec } from '@iac-compare/spec';

/** One implementation, synthesized and read: its inventory and where its artifact is. */
export interface Synthesized {
  readonly inventory: Inventory;
  readonly artifactPath: string;
}

export interface Driver {
  /** Implementation ids this driver produces. */
  readonly ids: readonly string[];
  /** Package folder (for its envelope.json), relative to the repository root. */
  readonly packageDir: string;
  synthesizeAndRead(spec: TargetSpec, dir: string): Promise<Map<string, Synthesized>>;
}

const run = promisify(execFile);

export const DRIVERS: Driver[] = [
  {
    ids: ['cdk-l2', 'cdk-l1'],
    packageDir: 'packages/cdk',
    async synthesizeAndRead(spec, dir) {
      await synthesizeCdk(spec, dir);
      const placement = { account: spec.account, region: spec.region };
      return new Map([
        [
          'cdk-l2',
          {
            inventory: readCdkAssembly(join(dir, 'cdk-l2'), 'cdk-l2', placement),
            artifactPath: join(dir, 'cdk-l2'),
          },
        ],
        [
          'cdk-l1',
          {
            inventory: readCdkAssembly(join(dir, 'cdk-l1'), 'cdk-l1', placement),
            artifactPath: join(dir, 'cdk-l1'),
          },
        ],
      ]);
    },
  },
  {
    ids: ['cloudformation'],
    packageDir: 'packages/cloudformation',
    async synthesizeAndRead(spec, dir) {
      await synthesizeCloudFormation(spec, dir);
      return new Map([
        ['cloudformation', { inventory: readStackPlan(dir, 'cloudformation'), artifactPath: dir }],
      ]);
    },
  },
  {
    ids: ['infra-terraform'],
    packageDir: 'infra-terraform',
    async synthesizeAndRead(spec, dir) {
      // A copy of the configuration with the target's tfvars: the package folder stays untouched.
      await synthesizeTerraform(spec, dir);
      const placement = { account: spec.account, region: spec.region };
      const inventory = await readTerraformDirectory(dir, 'infra-terraform', placement);
      return new Map([['infra-terraform', { inventory, artifactPath: dir }]]);
    },
  },
  {
    ids: ['cdktf'],
    packageDir: 'packages/cdktf',
    async synthesizeAndRead(spec, dir) {
      await synthesizeCdktf(spec, dir);
      const placement = { account: spec.account, region: spec.region };
      return new Map([
        ['cdktf', { inventory: await readCdktfOutput(dir, 'cdktf', placement), artifactPath: dir }],
      ]);
    },
  },
  {
    ids: ['pulumi'],
    packageDir: 'packages/pulumi',
    async synthesizeAndRead(spec, dir) {
      // Pulumi's runtime is process-global: each target gets its own synth process.
      const specFile = `${dir}.target.json`;
      writeFileSync(specFile, JSON.stringify(spec));
      const script = join(import.meta.dirname, '..', '..', 'pulumi', 'dist', 'bin', 'synth.js');
      await run(process.execPath, [script, '--spec', specFile, '--out', dir], { timeout: 120_000 });
      return new Map([['pulumi', { inventory: readPulumiRegistrations(dir, 'pulumi'), artifactPath: dir }]]);
    },
  },
];
