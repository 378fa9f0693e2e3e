/**
 * spec.auto.tfvars.json against the root module's variable types, optional() defaults and validation
 * blocks — checked by the real Terraform where a binary exists: variables.tf needs no provider, so
 * `terraform console` can load it with the tfvars in an empty folder, offline.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTarget, parseTarget, readTargetJson, toTerraformVars } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, synthesize, TFVARS_FILE } from '../src/synthesize.js';
import { runTerraform, skipReason, TERRAFORM } from './terraform-binary.js';

function consoleWith(tfvars: unknown, expression: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tfvars-'));
  copyFileSync(join(PACKAGE_DIR, 'variables.tf'), join(dir, 'variables.tf'));
  writeFileSync(join(dir, TFVARS_FILE), JSON.stringify(tfvars));
  return runTerraform(['console'], dir, `${expression}\n`);
}

describe('spec.auto.tfvars.json', () => {
  it.skipIf(!TERRAFORM)('is accepted by the root variables, with optional() defaults applied', () => {
    const vars = toTerraformVars(loadTarget());
    const result = consoleWith(vars, 'jsonencode([var.vpc, var.node_groups["system"], var.cluster.addons])');
    expect(result.stderr).not.toMatch(/Error/);
    const [vpc, system, addons] = JSON.parse(JSON.parse(result.stdout.trim()));
    expect(vpc.subnet_cidrs.intra['eu-west-1b']).toBe('10.40.100.0/24');
    expect(vpc.nat_gateways).toBe('per-az');
    expect(system.taints).toEqual([{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }]);
    expect(addons['vpc-cni']).toEqual({ version: null });
  });

  it.skipIf(!TERRAFORM)(
    'fails the variable validation with its error message when sizes are out of order',
    () => {
      const vars = toTerraformVars(loadTarget());
      vars.node_groups.system!.min_size = 5;
      // terraform console reports the failed validation on stderr (its exit code stays 0).
      const result = consoleWith(vars, 'var.node_groups');
      expect(result.stderr).toContain('Invalid value for variable');
      expect(result.stderr).toContain('Every node group needs min_size <= desired_size <= max_size.');
    },
  );

  it.runIf(!TERRAFORM)(`skips the terraform console checks: ${skipReason()}`, () => {
    console.warn(`infra-terraform: tfvars oracle checks skipped: ${skipReason()}`);
  });

  it('synth into another folder copies the whole configuration next to the tfvars', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tf-synth-')), 'config');
    const result = await synthesize(loadTarget(), out);
    expect(result.artifacts[0]!.resources).toBeGreaterThan(20);
    for (const file of [
      'main.tf',
      'variables.tf',
      'modules/network/main.tf',
      'modules/eks/main.tf',
      TFVARS_FILE,
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(out, TFVARS_FILE), 'utf8'))).toEqual(toTerraformVars(loadTarget()));
  });

  it('an invalid target stops synth with exit 2 and leaves the previous artifact untouched', async () => {
    const { spawnSync } = await import('node:child_process');
    const out = join(mkdtempSync(join(tmpdir(), 'tf-synth-')), 'config');
    await synthesize(loadTarget(), out);
    const before = readFileSync(join(out, TFVARS_FILE), 'utf8');
    const bad = { ...(readTargetJson() as object), region: 'nowhere-1' };
    const badFile = join(mkdtempSync(join(tmpdir(), 'bad-')), 'target.json');
    writeFileSync(badFile, JSON.stringify(bad));
    expect(() => parseTarget(bad)).toThrow();
    const run = spawnSync(
      process.execPath,
      [join(PACKAGE_DIR, 'dist', 'bin', 'synth.js'), '--spec', badFile, '--out', out],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('region: unknown region "nowhere-1"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(out, TFVARS_FILE), 'utf8')).toBe(before);
  });
});
