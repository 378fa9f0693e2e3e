/**
 * `iac-compare export`: the target as the tools deploy with it, written only where asked and
 * never over a file iac-compare did not write. The HCL tfvars must mean exactly what the JSON
 * does: the same configuration evaluates to the same resources from either.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTerraformDirectory } from '@iac-compare/harness';
import { loadTarget, toCloudFormationParameters, toParameterList, toTerraformVars } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { hclValue } from '../src/commands/export.js';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const HCL = join(REPO, 'infra-terraform');
const spec = loadTarget();

function configurationCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'export-config-'));
  for (const entry of ['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf', 'modules']) {
    cpSync(join(HCL, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

const placement = { account: spec.account, region: spec.region, partition: 'aws' };

describe('export tfvars', () => {
  it('writes HCL that evaluates to the same resources as the JSON form', async () => {
    const hcl = configurationCopy();
    const json = configurationCopy();
    const written = runCli(['export', 'tfvars', '--out', join(hcl, 'terraform.tfvars')]);
    expect(written.status, written.stderr).toBe(0);
    expect(readFileSync(join(hcl, 'terraform.tfvars'), 'utf8')).toMatch(
      /^# Written by iac-compare export tfvars/,
    );
    expect(runCli(['export', 'tfvars', '--out', join(json, 'terraform.tfvars.json')]).status).toBe(0);
    const { workload_secrets: secrets, ...vars } = toTerraformVars(spec);
    expect(JSON.parse(readFileSync(join(json, 'terraform.tfvars.json'), 'utf8'))).toEqual(vars);
    // The Secret's values go apart, beside it, in a file Terraform loads by itself.
    expect(JSON.parse(readFileSync(join(json, 'workload-secrets.auto.tfvars.json'), 'utf8'))).toEqual({
      workload_secrets: secrets,
    });
    const fromHcl = await readTerraformDirectory(hcl, 'infra-terraform', placement);
    const fromJson = await readTerraformDirectory(json, 'infra-terraform', placement);
    expect(fromHcl.resources.length).toBeGreaterThan(50);
    expect(JSON.parse(JSON.stringify(fromHcl.resources.map(({ location, ...rest }) => rest)))).toEqual(
      JSON.parse(JSON.stringify(fromJson.resources.map(({ location, ...rest }) => rest))),
    );
  }, 60_000);

  it('never writes the Secret values into the tfvars, and the file it writes them to is one git ignores (issue 20 §4)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-secrets-'));
    const written = runCli(['export', 'tfvars', '--out', join(dir, 'terraform.tfvars')]);
    expect(written.status, written.stderr).toBe(0);
    const tfvars = readFileSync(join(dir, 'terraform.tfvars'), 'utf8');
    expect(tfvars).not.toContain('workload_secrets');
    for (const value of Object.values(spec.workloads!.app.secrets)) expect(tfvars).not.toContain(value);
    expect(written.stderr).toContain('workload-secrets.auto.tfvars.json');
    expect(written.stderr).toContain('TF_VAR_workload_secrets');
    // The README's deploy step writes into infra-terraform/: that name is ignored there.
    const repo = join(import.meta.dirname, '..', '..', '..');
    const ignored = spawnSync('git', ['check-ignore', 'infra-terraform/workload-secrets.auto.tfvars.json'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(ignored.status, 'infra-terraform/workload-secrets.auto.tfvars.json is not git-ignored').toBe(0);
  });

  it('escapes what HCL would read as a template', () => {
    expect(hclValue('${var.x} and %{ if }')).toBe('"$${var.x} and %%{ if }"');
    expect(hclValue({ 'kubernetes.io/role': 'a"b' })).toBe('{\n  "kubernetes.io/role" = "a\\"b"\n}');
  });

  it('is laid out as terraform fmt lays it out (when a terraform binary is here)', (context) => {
    const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
    if (terraform.status !== 0) {
      console.warn('export: the terraform fmt check skipped: no terraform binary on the PATH');
      context.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'export-fmt-'));
    expect(runCli(['export', 'tfvars', '--out', join(dir, 'terraform.tfvars')]).status).toBe(0);
    const fmt = spawnSync('terraform', ['fmt', '-check', '-diff', join(dir, 'terraform.tfvars')], {
      encoding: 'utf8',
    });
    expect(fmt.status, fmt.stdout).toBe(0);
  });

  it('refuses a file it did not write and a path that is not a tfvars file, and replaces its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-refuse-'));
    const mine = join(dir, 'terraform.tfvars');
    writeFileSync(mine, 'name = "kept"\n');
    const refused = runCli(['export', 'tfvars', '--out', mine]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('iac-compare did not write it');
    expect(readFileSync(mine, 'utf8')).toBe('name = "kept"\n');
    expect(runCli(['export', 'tfvars', '--out', join(dir, 'vars.txt')]).status).toBe(2);
    expect(runCli(['export', 'tfvars']).stderr).toContain('export tfvars needs --out FILE');
    expect(runCli(['export', 'tfvar', '--out', join(dir, 'x.tfvars')]).stderr).toContain(
      'did you mean "tfvars"',
    );
    const own = join(dir, 'own.tfvars');
    expect(runCli(['export', 'tfvars', '--out', own]).status).toBe(0);
    expect(runCli(['export', 'tfvars', '--out', own]).status).toBe(0);
  });
});

describe('export cloudformation-parameters', () => {
  it('writes both stacks’ parameter files and the tags into a folder it owns', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'export-cfn-')), 'params');
    const result = runCli(['export', 'cloudformation-parameters', '--out', dir]);
    expect(result.status, result.stderr).toBe(0);
    const set = toCloudFormationParameters(spec);
    expect(JSON.parse(readFileSync(join(dir, 'cluster.parameters.json'), 'utf8'))).toEqual(
      toParameterList(set.cluster),
    );
    expect(JSON.parse(readFileSync(join(dir, 'network.parameters.json'), 'utf8'))).toEqual(
      toParameterList(set.network),
    );
    expect(existsSync(join(dir, '.iac-compare-output'))).toBe(true);
    expect(runCli(['export', 'cloudformation-parameters', '--out', dir]).status).toBe(0);

    const foreign = mkdtempSync(join(tmpdir(), 'export-foreign-'));
    mkdirSync(join(foreign, 'src'));
    writeFileSync(join(foreign, 'src', 'app.ts'), 'export {};\n');
    const refused = runCli(['export', 'cloudformation-parameters', '--out', foreign]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('holds files iac-compare did not write (src)');
    expect(readFileSync(join(foreign, 'src', 'app.ts'), 'utf8')).toBe('export {};\n');
    rmSync(foreign, { recursive: true, force: true });
  });
});
