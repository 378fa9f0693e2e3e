/**
 * The workloads end to end: k8s/ is what `export kubernetes` writes and every manifest passes the
 * Kubernetes OpenAPI schemas; no secret value reaches a report, a log, a cache or a baseline, in
 * clear or base64, while a changed secret still shows as a difference; and plans say what a change
 * to a Deployment, a Job or a Helm release does in each tool.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const K8S = join(REPO, 'k8s');
const target = JSON.parse(readFileSync(join(REPO, 'packages', 'spec', 'target.json'), 'utf8'));
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  ConfigMap,
  Secret,
  Service,
  Deployment,
  Job,
  PodDisruptionBudget,
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile());
}

function targetFile(dir: string, edit: (spec: typeof target) => void): string {
  const spec = structuredClone(target);
  delete spec.$schema;
  edit(spec);
  const file = join(dir, 'target.json');
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('k8s/', () => {
  it('is what export kubernetes writes for the default target (regenerate: iac-compare export kubernetes --out k8s)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'k8s-')), 'k8s');
    const result = runCli(['export', 'kubernetes', '--out', out], { cwd: REPO });
    expect(result.status, result.stderr).toBe(0);
    const names = (dir: string) =>
      filesUnder(dir)
        .map((file) => file.slice(dir.length + 1))
        .sort();
    expect(names(out)).toEqual(names(K8S));
    for (const name of names(out)) {
      expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(K8S, name), 'utf8'));
    }
  });

  it('holds only objects the Kubernetes 1.33 OpenAPI schemas accept, numbered so kubectl applies the namespace first', () => {
    const manifests = filesUnder(K8S)
      .filter((file) => /\/\d\d-[^/]+\.yaml$/.test(file))
      .sort();
    expect(manifests[0]).toMatch(/00-namespace\.yaml$/);
    const kinds: string[] = [];
    for (const file of manifests) {
      for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const object = document.toJS() as { kind: string };
        kinds.push(object.kind);
        const Model = MODELS[object.kind];
        expect(Model, `${file}: ${object.kind}`).toBeDefined();
        expect(() => new Model!(object as never).validate(), file).not.toThrow();
      }
    }
    expect(kinds).toEqual([
      'Namespace',
      'ConfigMap',
      'Secret',
      'Service',
      'Service',
      'Job',
      'Deployment',
      'PodDisruptionBudget',
    ]);
    const values = readFileSync(join(K8S, 'helm', 'metrics-server.values.yaml'), 'utf8');
    expect(parseAllDocuments(values)[0]!.toJS()).toEqual(target.workloads.helmReleases[0].values);
  });

  it('is written only into a folder export owns, and not for a target without workloads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-'));
    writeFileSync(join(dir, 'mine.yaml'), 'kind: Mine\n');
    const refused = runCli(['export', 'kubernetes', '--out', dir], { cwd: REPO });
    expect(refused.status).toBe(2);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('kind: Mine\n');
    const bare = targetFile(mkdtempSync(join(tmpdir(), 'bare-')), (spec) => {
      delete spec.workloads;
    });
    const none = runCli(['export', 'kubernetes', '--spec', bare, '--out', join(dir, 'k8s')], { cwd: REPO });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('has no workloads section');
    expect(none.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('secrets', () => {
  const COOKIE = 'zq-distinct-release-cookie-5518';
  const KEY_BASE = 'zq-distinct-secret-key-base-0c4f9e2b7a';
  const forbidden = [COOKIE, KEY_BASE].flatMap((value) => [value, Buffer.from(value).toString('base64')]);
  const leaks = (text: string) => forbidden.filter((value) => text.includes(value));

  it('never reach a report, a log, a cache or a baseline; a changed value still differs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    const spec = targetFile(dir, (spec) => {
      spec.workloads.app.secrets = { RELEASE_COOKIE: COOKIE, SECRET_KEY_BASE: KEY_BASE };
    });
    const outputs: string[] = [];
    for (const format of ['table', 'markdown', 'json']) {
      const result = runCli(['compare', '--spec', spec, '--format', format], { cwd: REPO });
      expect(result.status, result.stderr).toBe(0);
      outputs.push(result.stdout, result.stderr);
    }
    const resolved = runCli(['validate', '--spec', spec, '--resolved'], { cwd: REPO });
    expect(resolved.status, resolved.stderr).toBe(0);
    expect(resolved.stdout).toContain('redacted:sha256:');
    outputs.push(resolved.stdout, resolved.stderr);
    const report = JSON.parse(outputs[4]!) as { comparison: { rows: { key: string; expected: unknown }[] } };
    const secretRow = report.comparison.rows.find(
      (row) => row.key === 'k8s[Secret phoenix/phoenix-secrets].data',
    );
    expect(
      Object.values(secretRow!.expected as Record<string, string>).every((value) =>
        value.startsWith('redacted:sha256:'),
      ),
    ).toBe(true);
    const baseline = join(dir, 'baseline');
    const save = runCli(['plan', '--save-baseline', baseline, '--spec', spec], { cwd: REPO });
    expect(save.status, save.stderr).toBe(0);
    const rotated = targetFile(mkdtempSync(join(tmpdir(), 'rotated-')), (next) => {
      next.workloads.app.secrets = { RELEASE_COOKIE: `${COOKIE}-rotated`, SECRET_KEY_BASE: KEY_BASE };
    });
    const plan = runCli(['plan', '--baseline', baseline, '--spec', rotated, '--format', 'json'], {
      cwd: REPO,
    });
    expect(plan.status, plan.stderr).toBe(1);
    outputs.push(plan.stdout, plan.stderr);
    // The rotation is a change in every Kubernetes-capable tool, shown as hashes.
    const planned = JSON.parse(plan.stdout) as {
      implementations: { id: string; changes: { nativeType: string; action: string }[] }[];
    };
    const secretChanges = planned.implementations
      .filter((implementation) =>
        implementation.changes.some((change) => /Secret|secret|KubernetesResource/.test(change.nativeType)),
      )
      .map((implementation) => implementation.id)
      .sort();
    expect(secretChanges).toEqual(['cdk-l2', 'cdktf', 'infra-terraform', 'pulumi']);
    const files = [
      ...filesUnder(join(REPO, '.iac-compare', 'cache')),
      ...filesUnder(baseline),
      ...filesUnder(join(REPO, 'packages', 'pulumi', 'out')),
    ];
    const found = files.flatMap((file) =>
      leaks(readFileSync(file, 'utf8')).map((value) => `${file}: ${value}`),
    );
    expect(found).toEqual([]);
    expect(outputs.flatMap(leaks)).toEqual([]);
  }, 300_000);

  it('a copy of infra-terraform with another secret differs on the Secret, by hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-secret-'));
    for (const entry of ['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf', 'modules']) {
      cpSync(join(REPO, 'infra-terraform', entry), join(dir, entry), { recursive: true });
    }
    expect(
      runCli(['export', 'tfvars', '--out', join(dir, 'terraform.tfvars.json')], { cwd: REPO }).status,
    ).toBe(0);
    // The Secret's values are written apart from the tfvars (issue 20 §4), where Terraform loads them.
    const secretsFile = join(dir, 'workload-secrets.auto.tfvars.json');
    const vars = JSON.parse(readFileSync(secretsFile, 'utf8'));
    vars.workload_secrets.SECRET_KEY_BASE = KEY_BASE;
    writeFileSync(secretsFile, JSON.stringify(vars));
    const result = runCli(['check', '--terraform', dir, '--format', 'json'], { cwd: REPO });
    expect(result.status, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as {
      implementations: {
        differences: { fact: string; expected: Record<string, string>; actual: Record<string, string> }[];
      }[];
    };
    const differences = report.implementations[0]!.differences;
    expect(differences.map((difference) => difference.fact)).toEqual([
      'k8s[Secret phoenix/phoenix-secrets].data',
    ]);
    const [difference] = differences;
    expect(difference!.expected.RELEASE_COOKIE).toBe(difference!.actual.RELEASE_COOKIE);
    expect(difference!.expected.SECRET_KEY_BASE).not.toBe(difference!.actual.SECRET_KEY_BASE);
    expect(difference!.actual.SECRET_KEY_BASE).toMatch(/^redacted:sha256:[0-9a-f]{16}$/);
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
  }, 120_000);
});
