/**
 * `iac-compare policy`: SARIF that validates against the SARIF 2.1.0 schema (the OASIS schema,
 * shipped as a fixture), exit codes by --fail-on and waivers, the documented default waivers file,
 * user rules run in a child process with a time limit, and a policy section in compare.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const SCHEMA = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
const AS_OF = ['--as-of', '2026-12-07'];
/** The SARIF schema is JSON Schema draft-04: Ajv's draft-04 class (a CommonJS module exporting the class). */
const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'policy-'));
}

describe('iac-compare policy', () => {
  it('writes SARIF 2.1.0 that the schema accepts: one run per implementation, waived findings suppressed', () => {
    const out = join(scratch(), 'policy.sarif');
    const result = runCli(['policy', ...AS_OF, '--out', out], { cwd: REPO, timeout: 300_000 });
    expect(result.stderr).toContain('wrote');
    // Every finding of the default target is waived in iac-compare-waivers.yaml: exit 0.
    expect(result.status).toBe(0);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    // The schema's language-tag pattern has a stray `]`, valid only outside Unicode mode.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(SCHEMA);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
    const categories = sarif.runs.map(
      (run: { automationDetails: { id: string } }) => run.automationDetails.id,
    );
    expect(categories).toEqual([
      'iac-compare-policy/cdk-l2/',
      'iac-compare-policy/cdk-l1/',
      'iac-compare-policy/cloudformation/',
      'iac-compare-policy/infra-terraform/',
      'iac-compare-policy/cdktf/',
      'iac-compare-policy/pulumi/',
    ]);
    const terraform = sarif.runs[3];
    const rules = terraform.tool.driver.rules;
    expect(rules.length).toBeGreaterThanOrEqual(26);
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.fullDescription.text).not.toBe('');
      expect(rule.help.markdown).toContain('| pulumi |');
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(rule.properties.precision).toBe('very-high');
    }
    // The public endpoint finding points at the .tf line the user edits, waived as a suppression.
    const endpoint = terraform.results.find(
      (item: { ruleId: string }) => item.ruleId === 'eks-public-endpoint-open',
    );
    expect(endpoint.locations).toHaveLength(1);
    expect(endpoint.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'infra-terraform/modules/eks/main.tf',
    );
    expect(endpoint.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(endpoint.suppressions[0].justification).toContain('iac-compare-waivers.yaml:');
    expect(Object.keys(endpoint.partialFingerprints)).toEqual(['iacComparePolicy/v1']);
  }, 320_000);

  it('without the waivers, fails (exit 1) at low, passes at high; the table leads with the answer', () => {
    const empty = join(scratch(), 'none.yaml');
    writeFileSync(empty, 'waivers: []\n');
    const low = runCli(['policy', '--only', 'infra-terraform', ...AS_OF, '--waivers', empty], { cwd: REPO });
    expect(low.status).toBe(1);
    const lines = low.stdout.split('\n');
    expect(lines[0]).toBe('iac-compare policy · packages/spec/target.json · fail on low and above');
    expect(lines[1]).toMatch(
      /^Policy: \d+ rules over 1 implementation: 3 rules fail with \d+ open findings\.$/,
    );
    expect(low.stdout).toMatch(/^FAIL eks-public-endpoint-open \(critical\)/m);
    expect(low.stdout).toContain('  fix (infra-terraform): `vpc_config {');
    // critical (the endpoint) is at or above high: still 1; only at critical+1 … there is none, so check medium/high
    const high = runCli(
      ['policy', '--only', 'infra-terraform', ...AS_OF, '--waivers', empty, '--fail-on', 'critical'],
      {
        cwd: REPO,
      },
    );
    expect(high.status).toBe(1);
    const waivedEndpoint = join(scratch(), 'endpoint.yaml');
    writeFileSync(
      waivedEndpoint,
      'waivers:\n  - rule: eks-public-endpoint-open\n    reason: workshop laptops\n',
    );
    const critical = runCli(
      ['policy', '--only', 'infra-terraform', ...AS_OF, '--waivers', waivedEndpoint, '--fail-on', 'high'],
      { cwd: REPO },
    );
    // The remaining findings (flow logs: medium, hop limit: low) are below high.
    expect(critical.status).toBe(0);
    expect(critical.stdout).toMatch(/^WAIVED eks-public-endpoint-open/m);
  }, 240_000);

  it('an expired waiver brings the finding back and says why; a broken waivers file is exit 2', () => {
    const dir = scratch();
    const expired = join(dir, 'expired.yaml');
    writeFileSync(
      expired,
      'waivers:\n  - rule: eks-public-endpoint-open\n    reason: old\n    expires: 2026-01-01\n',
    );
    const result = runCli(['policy', '--only', 'infra-terraform', ...AS_OF, '--waivers', expired], {
      cwd: REPO,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('not waived: waiver at ');
    expect(result.stdout).toContain('expired on 2026-01-01');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'rules: []\n');
    const bad = runCli(['policy', '--only', 'infra-terraform', '--waivers', broken], { cwd: REPO });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/broken\.yaml:1: a waivers file has a top-level `waivers` list/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 240_000);

  it('runs your rules (TypeScript) in a child process, says so, and stops one that hangs', () => {
    const dir = scratch();
    const rules = join(dir, 'rules.ts');
    writeFileSync(
      rules,
      `import type { PolicyInput } from '@iac-compare/harness';
export const rules = [{
  id: 'team-cluster-name-prefix',
  title: 'Cluster names start with the team prefix',
  severity: 'low' as const,
  rationale: 'Our naming convention.',
  check(input: PolicyInput) {
    const cluster = input.resourceFor('cluster');
    if (!cluster || !input.observed.cluster) return [];
    const name = String(input.observed.cluster.name);
    return [{ status: name.startsWith('team-') ? 'compliant' : 'non-compliant', resource: cluster, message: \`\${name} lacks the team- prefix\` }];
  },
}];
`,
    );
    const result = runCli(
      ['policy', '--only', 'infra-terraform', ...AS_OF, '--rules', rules, '--format', 'json'],
      {
        cwd: REPO,
      },
    );
    expect(result.stderr).toContain('policy: running your rules');
    expect(result.stderr).toContain('this executes your code');
    const report = JSON.parse(result.stdout);
    const verdict = report.implementations[0].verdicts.find(
      (item: { ruleId: string }) => item.ruleId === 'team-cluster-name-prefix',
    );
    expect(verdict.verdict).toBe('fail');
    expect(verdict.findings[0].address).toBe('module.eks.aws_eks_cluster.this');
    expect(verdict.findings[0].message).toBe('iac-compare-demo lacks the team- prefix');
    expect(report.rules.find((rule: { id: string }) => rule.id === 'team-cluster-name-prefix').origin).toBe(
      rules,
    );

    const hanging = join(dir, 'hang.mjs');
    writeFileSync(hanging, 'while (true) {}\nexport const rules = [];\n');
    const stopped = runCli(
      ['policy', '--only', 'infra-terraform', '--rules', hanging, '--rules-timeout', '2'],
      {
        cwd: REPO,
      },
    );
    expect(stopped.status).toBe(2);
    expect(stopped.stderr).toContain('did not finish within 2 s and were stopped');

    const wrong = join(dir, 'wrong.mjs');
    writeFileSync(wrong, "export const rules = [{ id: 'Bad Id', severity: 'urgent' }];\n");
    const refused = runCli(['policy', '--only', 'infra-terraform', '--rules', wrong], { cwd: REPO });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('rule 0 (Bad Id) needs an `id` in kebab-case');
    expect(refused.stderr).toContain('needs a `severity`');
  }, 240_000);

  it('compare ends its table with the policy section; its exit code stays the conformance answer', () => {
    const result = runCli(['compare', '--only', 'infra-terraform'], {
      cwd: REPO,
      env: { IAC_COMPARE_AS_OF: '2026-12-07' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /\nPolicy: \d+ rules over 1 implementation: no open findings \(\d+ waived\)\./,
    );
  }, 240_000);
});
