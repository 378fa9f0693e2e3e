/**
 * The mutation suite: plant one plausible mistake in a scratch copy of an implementation, run its
 * synth from source, and require the report to name that mistake and nothing else. First the
 * unmutated copies must conform (else every "catch" could be the copy's fault).
 *
 * Default: the `ci` subset (two or three per implementation, about 20 s). MUTANTS=all plants all
 * of them (about 70 s on two cores); MUTANTS=id,id plants the ones named.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { IMPLEMENTATION_IDS } from '@iac-compare/harness';
import { loadTarget } from '@iac-compare/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeMutant, MUTANTS, type Mutant, selectedMutants } from '../src/mutation/mutants.js';
import { runMutant } from '../src/mutation/run.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const SCRATCH = join(REPO_ROOT, '.iac-compare', 'mutants');
const spec = loadTarget();
const selected = selectedMutants();

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('the catalogue', () => {
  it('plants at least 40 mistakes, in every implementation, each with a unique id', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(MUTANTS.map((mutant) => mutant.id)).size).toBe(MUTANTS.length);
    for (const id of IMPLEMENTATION_IDS) {
      expect(MUTANTS.filter((mutant) => mutant.implementation === id).length, id).toBeGreaterThanOrEqual(6);
      expect(
        MUTANTS.some((mutant) => mutant.implementation === id && mutant.ci),
        `${id} in the ci subset`,
      ).toBe(true);
    }
  });

  it('judges exactly: a missing expected line and an unexplained extra line both fail', () => {
    const mutant = MUTANTS.find((candidate) => candidate.id === 'cdk-l1-private-subnet-public-ip')!;
    const caught = ['fact subnet[private/eu-west-1a].mapPublicIpOnLaunch differs'];
    expect(judgeMutant(mutant, caught)).toEqual({ unexplained: [], unmatched: [] });
    expect(judgeMutant(mutant, []).unmatched).toHaveLength(1);
    expect(
      judgeMutant(mutant, [...caught, 'fact subnet[private/eu-west-1a].defaultRoute differs']).unexplained,
    ).toEqual(['fact subnet[private/eu-west-1a].defaultRoute differs']);
  });
});

describe('unmutated copies conform', () => {
  for (const implementation of new Set(selected.map((mutant) => mutant.implementation))) {
    it(implementation, async () => {
      const unmutated: Mutant = {
        id: `${implementation}-unmutated`,
        implementation,
        description: 'no change',
        edits: [],
        expect: [],
      };
      const outcome = await runMutant(REPO_ROOT, spec, unmutated, SCRATCH);
      expect(outcome.findings).toEqual([]);
    }, 120_000);
  }
});

describe('every planted mistake is caught and named', () => {
  for (const mutant of selected) {
    it(`${mutant.id}: ${mutant.description}`, async () => {
      const outcome = await runMutant(REPO_ROOT, spec, mutant, SCRATCH);
      const { unexplained, unmatched } = judgeMutant(mutant, outcome.findings);
      expect({ unexplained, unmatched: unmatched.map(String) }).toEqual({ unexplained: [], unmatched: [] });
    }, 120_000);
  }
});
