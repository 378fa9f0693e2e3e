/**
 * `check` on code as the public writes it: a VPC-only module in the style of the most used public
 * ones, templates that import from another stack, modules terraform init has not installed —
 * judged on what the code means to build, never a false rejection, never a crash.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(REPO, 'packages', 'harness', 'test', 'fixtures');
const PUBLIC_VPC = join(FIXTURES, 'terraform', 'public-style');
const MULTI_STACK = join(FIXTURES, 'cloudformation', 'multi-stack');

interface Report {
  implementations: {
    status: string;
    outsideSections: { section: string; why: string }[];
    differences: { fact: string }[];
    unknowns: { fact: string; why: string }[];
    findings: { severity: string; rule: string; message: string }[];
  }[];
}

const report = (result: { stdout: string }) => JSON.parse(result.stdout) as Report;

const JSON_FORMAT = ['--format', 'json'];
/** A check run takes a while on a loaded machine: each test runs one or two. */
const SLOW = 180_000;

describe('check: sections', () => {
  it(
    'reports each section the code builds nothing of once, as not built by this code',
    () => {
      const result = runCli(['check', '--terraform', PUBLIC_VPC, ...JSON_FORMAT]);
      expect(result.status, result.stderr).toBe(1);
      const [yours] = report(result).implementations;
      expect(yours!.outsideSections).toEqual([
        { section: 'cluster', why: 'not built by this code: it has no EKS cluster' },
        { section: 'nodeGroups', why: 'not built by this code: it has no managed node group' },
        { section: 'workloads', why: 'not built by this code: it has no Kubernetes object or Helm release' },
      ]);
      // No fact of those sections is counted against it; the network is judged.
      const facts = yours!.differences.map((difference) => difference.fact);
      expect(facts.some((fact) => /^(cluster|nodeGroup|addon|k8s|helmRelease|kmsKey)/.test(fact))).toBe(
        false,
      );
      expect(facts).toContain('vpc.cidr');
      // Mutually exclusive arguments, one of them null: nothing AWS or the provider would reject.
      expect(yours!.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
      expect(JSON.stringify(yours!.findings)).not.toContain('F3020');
    },
    SLOW,
  );

  it(
    'reports it the same way for CloudFormation, and words the table for a person',
    () => {
      const table = runCli(['check', '--cloudformation', join(MULTI_STACK, 'network.yaml')]);
      expect(table.status, table.stderr).toBe(1);
      const text = table.stdout.replace(/\s+/g, ' ');
      expect(text).toContain('yours leaves out the cluster: not built by this code: it has no EKS cluster');
      expect(text).toMatch(/yours leaves out the \d+ workload facts: not built by this code/);
      // "a" before a vowel reads badly ("n/a" in the policy table is not an article).
      expect(text).not.toMatch(/(?:^|\s)a [aeiou]/i);
    },
    SLOW,
  );

  it(
    'judges only the sections --sections names',
    () => {
      const result = runCli([
        'check',
        '--terraform',
        PUBLIC_VPC,
        '--sections',
        'network,cluster',
        ...JSON_FORMAT,
      ]);
      expect(result.status, result.stderr).toBe(1);
      const [yours] = report(result).implementations;
      expect(yours!.outsideSections.map((gap) => [gap.section, gap.why])).toEqual([
        ['nodeGroups', 'not checked (--sections network,cluster)'],
        ['workloads', 'not checked (--sections network,cluster)'],
      ]);
      // A section named is judged even where nothing of it is built: its facts are missing.
      const facts = yours!.differences.map((difference) => difference.fact);
      expect(facts).toContain('cluster.name');
      expect(facts.some((fact) => fact.startsWith('nodeGroup['))).toBe(false);
    },
    SLOW,
  );

  it('refuses a section the target does not have, naming the ones it does', () => {
    const result = runCli(['check', '--terraform', PUBLIC_VPC, '--sections', 'netwrok']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'iac-compare check: --sections: no section "netwrok" (did you mean network?); the sections are network, cluster, nodeGroups, workloads',
    );
  }, 60_000);
});

describe('check: what it could not read comes first', () => {
  it('a module terraform init has not installed: exit 2, the command to run, the call’s line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-initialised-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'locals {\n  name = "demo"\n}\n\nmodule "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n  name    = local.name\n}\n',
    );
    const result = runCli(['check', '--terraform', dir]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${join(dir, 'main.tf')}:5`);
    expect(lines[0]).toContain(
      'module "vpc" (source terraform-aws-modules/vpc/aws) is not installed: run `terraform init` (or `tofu init`)',
    );
  }, 60_000);

  it('a count Terraform cannot plan: Terraform’s words, file and line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'count-unknown-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "aws_vpc" "this" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_subnet" "a" {\n  count      = length(aws_vpc.this.ipv6_cidr_block)\n  vpc_id     = aws_vpc.this.id\n  cidr_block = "10.0.0.0/24"\n}\n',
    );
    const result = runCli(['check', '--terraform', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'main.tf')}:6`);
    expect(result.stderr).toContain(
      'Invalid count argument: The "count" value depends on resource attributes that cannot be determined until apply',
    );
    expect(result.stderr).toContain('(aws_vpc.this.ipv6_cidr_block is known only after apply)');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});

describe('check: a stack that imports from another', () => {
  it(
    'alone: the imports are given at deploy, with that reason, not an error',
    () => {
      const result = runCli(['check', '--cloudformation', join(MULTI_STACK, 'app.yaml'), ...JSON_FORMAT]);
      expect(result.status, result.stderr).toBe(1);
      expect(report(result).implementations[0]!.status).toBe('compared');
    },
    SLOW,
  );

  it(
    'with the exporting stack, given after it, the imports resolve',
    () => {
      const result = runCli([
        'check',
        '--cloudformation',
        `app=${join(MULTI_STACK, 'app.yaml')}`,
        `net=${join(MULTI_STACK, 'network.yaml')}`,
        ...JSON_FORMAT,
      ]);
      expect(result.status, result.stderr).toBe(1);
      const [yours] = report(result).implementations;
      expect(yours!.status).toBe('compared');
      expect(JSON.stringify(yours!.unknowns)).not.toContain('given at deploy');
    },
    SLOW,
  );
});

describe('check --cdk-app: locations that still exist', () => {
  it(
    'names the app’s own lines, never the temporary assembly',
    () => {
      const result = runCli([
        'check',
        '--cdk-app',
        join(import.meta.dirname, 'fixtures', 'cdk-app'),
        ...JSON_FORMAT,
      ]);
      expect(result.status, result.stderr).toBe(1);
      const files: string[] = [];
      const walk = (value: unknown) => {
        if (Array.isArray(value)) for (const item of value) walk(item);
        else if (value && typeof value === 'object')
          for (const [key, item] of Object.entries(value)) {
            if (key === 'location')
              files.push(
                typeof item === 'string' ? item.replace(/:\d+(:\d+)?$/, '') : (item as { file: string }).file,
              );
            else walk(item);
          }
      };
      walk(JSON.parse(result.stdout));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(resolve(REPO, file)), file).toBe(true);
      expect(new Set(files)).toEqual(new Set(['packages/cli/test/fixtures/cdk-app/app.cjs']));
    },
    SLOW,
  );
});

describe('check --help', () => {
  it('lists every option, --tags, STACK= and --sections among them', () => {
    const result = runCli(['check', '--help']);
    expect(result.status).toBe(0);
    for (const option of [
      '--tags FILE',
      '[STACK=]TEMPLATE',
      '--sections LIST',
      '--stack NAME',
      '--parameter K=V',
    ])
      expect(result.stdout).toContain(option);
  }, 60_000);
});
