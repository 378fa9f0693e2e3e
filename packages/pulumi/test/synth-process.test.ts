/** The synth script as a process, for targets drawn from the spec arbitraries (one process each). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTarget, type TargetSpec } from '@iac-compare/spec';
import { arbitraryTarget } from '@iac-compare/spec/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResourcesFile } from '../src/mock-synth.js';
import { PACKAGE_DIR } from '../src/synthesize.js';

function synthInProcess(spec: TargetSpec): ResourcesFile {
  const dir = mkdtempSync(join(tmpdir(), 'pulumi-synth-'));
  const specFile = join(dir, 'target.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const run = spawnSync(
    process.execPath,
    [join(PACKAGE_DIR, 'dist', 'bin', 'synth.js'), '--spec', specFile, '--out', join(dir, 'out')],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^iac-compare-synth \{/);
  return JSON.parse(readFileSync(join(dir, 'out', 'resources.json'), 'utf8'));
}

describe('pulumi synth for arbitrary targets', () => {
  const targets = [
    fc.sample(
      arbitraryTarget.filter((s) => s.network.natGateways === 'none'),
      { numRuns: 1, seed: 21 },
    )[0]!,
    fc.sample(
      arbitraryTarget.filter((s) => s.network.natGateways === 'single' && s.nodeGroups.length === 3),
      { numRuns: 1, seed: 4 },
    )[0]!,
  ];

  it.each(targets.map((spec, index) => [index, spec] as const))(
    'target %i registers what the spec resolves to',
    (_index, spec) => {
      const file = synthInProcess(spec);
      const infra = resolveTarget(spec);
      const count = (type: string) => file.resources.filter((r) => r.type === type).length;
      expect(file.schemaVersion).toBe(2);
      expect(count('aws:ec2/subnet:Subnet')).toBe(infra.subnets.length);
      expect(count('aws:ec2/natGateway:NatGateway')).toBe(infra.natGateways.length);
      expect(count('aws:ec2/vpcEndpoint:VpcEndpoint')).toBe(infra.vpcEndpoints.length);
      expect(count('aws:eks/nodeGroup:NodeGroup')).toBe(infra.nodeGroups.length);
      expect(count('aws:eks/accessEntry:AccessEntry')).toBe(infra.accessEntries.length);
      const taints = file.resources
        .filter((r) => r.type === 'aws:eks/nodeGroup:NodeGroup')
        .map((r) => [String(r.inputs.nodeGroupNamePrefix).replace(/-$/, ''), r.inputs.taints]);
      expect(Object.fromEntries(taints)).toEqual(
        Object.fromEntries(
          infra.nodeGroups.map((g) => [
            g.name,
            g.taints.map((t) => ({ key: t.key, effect: t.effect, ...(t.value ? { value: t.value } : {}) })),
          ]),
        ),
      );
    },
    90_000,
  );

  it('stops on an invalid target with exit 2 and the spec problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulumi-bad-'));
    const specFile = join(dir, 'target.json');
    writeFileSync(specFile, '{"name": "x"}');
    const run = spawnSync(
      process.execPath,
      [join(PACKAGE_DIR, 'dist', 'bin', 'synth.js'), '--spec', specFile, '--out', join(dir, 'out')],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/account: required/);
  }, 60_000);
});
