/**
 * The differential conformance suite. For random valid targets (the spec's arbitraries), every
 * implementation whose envelope covers the target must build it with zero differences. A
 * counterexample is shrunk by fast-check and written as a target file that reproduces it with
 * `npx iac-compare compare --spec <file>`.
 *
 * Targets per run: CONFORMANCE_RUNS (default 16 — about 40 s on two cores, keeping CI well under 20
 * minutes; raise it for longer runs, and set CONFORMANCE_SEED to replay one).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyWaivers, readWaivers } from '@iac-compare/harness';
import { LIMITS, loadTarget, MAX_NODE_GROUP_NAME, type TargetSpec } from '@iac-compare/spec';
import { arbitraryTarget } from '@iac-compare/spec/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../src/check.js';
import { DEFAULT_TARGET_FAILING } from '../src/mutation/policy-mutants.js';
import { POLICY_AS_OF } from '../src/mutation/policy-run.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 16);

function writeCounterexample(spec: TargetSpec): string {
  const dir = join(REPO_ROOT, '.iac-compare', 'conformance');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'counterexample.json');
  writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
  return file;
}

describe('conformance: every implementation builds the target', () => {
  it('for the default target', async () => {
    const result = await checkConformance(loadTarget(), REPO_ROOT);
    expect(result.checked).toEqual([
      'cdk-l2',
      'cdk-l1',
      'cloudformation',
      'infra-terraform',
      'cdktf',
      'pulumi',
    ]);
    expect(result.findings).toEqual([]);
    // One rule set, one verdict: every rule judged the same in all six (issue 22).
    expect(result.policyDisagreements).toEqual([]);
    // The default target passes, or each finding is waived with a reason in the committed file.
    for (const implementation of result.policy.implementations) {
      const failing = implementation.verdicts.filter((verdict) => verdict.verdict === 'fail');
      expect(failing.map((verdict) => verdict.ruleId).sort(), implementation.implementation).toEqual(
        DEFAULT_TARGET_FAILING,
      );
    }
    const waived = applyWaivers(
      result.policy.implementations,
      readWaivers(join(REPO_ROOT, 'iac-compare-waivers.yaml'), POLICY_AS_OF),
    );
    const open = waived.implementations.flatMap((implementation) =>
      implementation.verdicts.flatMap((verdict) => verdict.findings.filter((finding) => !finding.waiver)),
    );
    expect(open).toEqual([]);
    expect(waived.unused).toEqual([]);
    // Every Kubernetes-capable implementation compares (and matches) every workload fact; the
    // CloudFormation family declares them outside its envelope.
    const workloadFacts = (result.workloads['cdk-l2'] ?? '').match(/^(\d+) of (\d+) equal$/);
    expect(Number(workloadFacts?.[2])).toBeGreaterThan(150);
    expect(result.workloads).toEqual({
      'cdk-l2': workloadFacts![0],
      'cdk-l1': 'outside-envelope',
      cloudformation: 'outside-envelope',
      'infra-terraform': workloadFacts![0],
      cdktf: workloadFacts![0],
      pulumi: workloadFacts![0],
    });
    expect(workloadFacts![1]).toBe(workloadFacts![2]);
  }, 300_000);

  it('for the longest names the spec allows (no name or prefix past an AWS or provider limit)', async () => {
    const base = loadTarget();
    const clusterName = `c${'x'.repeat(99)}`;
    const spec: TargetSpec = {
      ...base,
      name: 'c'.repeat(32),
      cluster: { ...base.cluster, name: clusterName },
      nodeGroups: base.nodeGroups.map((group, index) => ({
        ...group,
        name: `${index}${'g'.repeat(MAX_NODE_GROUP_NAME - 1)}`,
      })),
    };
    expect(clusterName).toHaveLength(LIMITS.eksClusterName.maxLength);
    const result = await checkConformance(spec, REPO_ROOT);
    expect(result.checked).toContain('infra-terraform');
    expect(result.checked).toContain('cdktf');
    expect(result.findings).toEqual([]);
  }, 180_000);

  it(`for ${RUNS} random targets, each implementation inside its envelope`, async () => {
    let compared = 0;
    let workloadsCompared = 0;
    const outcome = await fc.check(
      fc.asyncProperty(arbitraryTarget, async (spec) => {
        const result = await checkConformance(spec, REPO_ROOT);
        compared += result.checked.length;
        if (spec.workloads)
          workloadsCompared += Object.values(result.workloads).filter((v) => v.endsWith('equal')).length;
        // And the policy rules give every implementation the same verdict, rule by rule.
        return result.findings.length === 0 && result.policyDisagreements.length === 0;
      }),
      {
        numRuns: RUNS,
        endOnFailure: false,
        seed: process.env.CONFORMANCE_SEED ? Number(process.env.CONFORMANCE_SEED) : undefined,
      },
    );
    if (outcome.failed && outcome.counterexample) {
      const [spec] = outcome.counterexample;
      const file = writeCounterexample(spec);
      const { findings, policyDisagreements } = await checkConformance(spec, REPO_ROOT);
      expect.fail(
        `a target breaks conformance (seed ${outcome.seed}); reproduce with: npx iac-compare compare --spec ${file}\n${findings
          .slice(0, 20)
          .map((finding) => `  ${finding.implementation} ${finding.fact}: ${finding.detail}`)
          .concat(policyDisagreements.map((line) => `  policy ${line}`))
          .join('\n')}`,
      );
    }
    expect(outcome.numRuns).toBe(RUNS);
    // Not vacuous: the envelopes left implementations to compare (at least one per target).
    expect(compared).toBeGreaterThanOrEqual(RUNS);
    // And the random targets' workloads were compared in the Kubernetes-capable implementations.
    // At least once: how many of the draws carry workloads is random (a threshold above RUNS failed
    // on an honest draw with 14), so only vacuity is a failure; the seed reproduces a draw.
    expect(workloadsCompared, `seed ${outcome.seed}`).toBeGreaterThan(0);
  }, 600_000);
});
