/**
 * Policy mutants: each security mistake, planted in every tool it can be written in, fails the same
 * rule there — and changes no other rule's verdict. Default: the `ci` subset (one per concern, every
 * tool at least once, about a minute on two cores); POLICY_MUTANTS=all (or MUTANTS=all) plants all
 * 32; POLICY_MUTANTS=id,id the ones named.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadTarget } from '@iac-compare/spec';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TARGET_FAILING,
  POLICY_CONCERNS,
  POLICY_MUTANTS,
  selectedPolicyMutants,
} from '../src/mutation/policy-mutants.js';
import { failingRules, policyOf, readMutantInventory } from '../src/mutation/policy-run.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const SCRATCH = join(REPO_ROOT, '.iac-compare', 'policy-mutants');
const spec = loadTarget();
const selected = selectedPolicyMutants();

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('the policy mutant catalogue', () => {
  it('plants every concern in every tool it applies to, each mutant once', () => {
    expect(new Set(POLICY_MUTANTS.map((mutant) => mutant.id)).size).toBe(POLICY_MUTANTS.length);
    for (const concern of POLICY_CONCERNS) {
      const tools = POLICY_MUTANTS.filter((mutant) => mutant.concern === concern.id).map(
        (mutant) => mutant.implementation,
      );
      expect(tools.sort(), concern.id).toEqual([...concern.tools].sort());
    }
    // The ci subset covers every concern and every tool.
    const ci = POLICY_MUTANTS.filter((mutant) => mutant.ci);
    expect(new Set(ci.map((mutant) => mutant.concern))).toEqual(
      new Set(POLICY_CONCERNS.map((concern) => concern.id)),
    );
    expect(new Set(ci.map((mutant) => mutant.implementation)).size).toBe(6);
  });
});

describe('every policy mutant fails its rule, and only it', () => {
  for (const mutant of selected) {
    const concern = POLICY_CONCERNS.find((candidate) => candidate.id === mutant.concern)!;
    it(`${mutant.id}: ${mutant.description} → ${concern.rule}`, async () => {
      const inventory = await readMutantInventory(REPO_ROOT, spec, mutant, SCRATCH);
      const report = policyOf(mutant.implementation, inventory);
      expect(failingRules(report)).toEqual([...new Set([...DEFAULT_TARGET_FAILING, concern.rule])].sort());
      // The finding names the resource in the tool's own terms and a source location.
      const finding = report.implementations[0]!.verdicts.find((verdict) => verdict.ruleId === concern.rule)!
        .findings[0]!;
      expect(finding.address).not.toBe('');
      expect(finding.location?.file).toBeTruthy();
    }, 180_000);
  }
});
