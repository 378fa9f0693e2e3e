import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTargetPath } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function targetFile(edit: (target: any) => void): string {
  const target = JSON.parse(readFileSync(defaultTargetPath(), 'utf8'));
  edit(target);
  const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'target.json');
  writeFileSync(file, JSON.stringify(target, null, 2));
  return file;
}

describe('iac-compare validate', () => {
  it('accepts the default target with exit 0', () => {
    const result = runCli(['validate']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /is valid: iac-compare-demo in eu-west-1 across 3 AZs, NAT per-az, EKS 1\.37, 2 node groups/,
    );
    expect(result.stderr).toBe('');
  });

  it('prints the resolved infrastructure as JSON with --resolved', () => {
    const result = runCli(['validate', '--resolved']);
    expect(result.status).toBe(0);
    const infra = JSON.parse(result.stdout);
    expect(infra.subnets).toHaveLength(9);
    expect(infra.cluster.version).toBe('1.37');
    expect(infra.natGateways.map((nat: { availabilityZone: string }) => nat.availabilityZone)).toEqual([
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1c',
    ]);
  });

  it('lists every problem, path first, one per line, with exit 2 and no stack trace', () => {
    const file = targetFile((t) => {
      t.nodeGroups[0].maxSize = 0;
      t.region = 'eu-west-9';
      t.clusterr = {};
    });
    const result = runCli(['validate', '--spec', file]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/target\.json: \d+ problems$/);
    expect(lines).toContain(
      'clusterr: unknown key (did you mean "cluster"?); allowed here: $schema, name, account, region, availabilityZones, tags, network, cluster, nodeGroups, workloads',
    );
    expect(lines).toContain('nodeGroups[0].maxSize: must be at least 1');
    expect(lines.some((line) => line.startsWith('region: unknown region "eu-west-9"'))).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a file that is not JSON with its line and column', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'broken.json');
    writeFileSync(file, '{\n  "name": "demo",\n  "region": \'eu-west-1\'\n}\n');
    const result = runCli(['validate', '--spec', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/broken\.json:3:13: not valid JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a wrong type with its path', () => {
    const file = targetFile((t) => {
      t.network.natGateways = 2;
    });
    const result = runCli(['validate', '--spec', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('network.natGateways: must be one of "none", "single", "per-az"');
  });

  it('rejects unknown flags and commands with exit 2', () => {
    expect(runCli(['validate', '--nope']).status).toBe(2);
    const unknown = runCli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it('reads the target from IAC_COMPARE_SPEC when --spec is absent', () => {
    const file = targetFile((t) => {
      t.cluster.version = '1.35';
    });
    const result = runCli(['validate'], { env: { IAC_COMPARE_SPEC: file } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('EKS 1.35');
  });
});
