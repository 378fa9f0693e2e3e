/**
 * The mutant catalogue: one plausible mistake per entry, planted in one implementation's sources,
 * with what iac-compare must say about it. A mutant passes only when every line the report holds
 * against the implementation matches one of `expect`, and every pattern matches at least one line:
 * the mistake is caught, named, and nothing else is blamed. Expectations name the fact, ledger
 * entry or rule a reviewer would point at; they were written before the mutant ran.
 *
 * Equivalent mutants are left out, with the reason: cdk-l2 without its explicit "node groups after
 * the private routes" dependency still waits, because aws-eks-v2's Cluster depends on the whole VPC
 * and every node group depends on the cluster.
 *
 * Paths in edits are relative to the implementation's package folder. `ci` marks the subset the
 * default test run plants (two or three per implementation); MUTANTS=all plants every one.
 */

import { CDK_MUTANTS } from './cdk-mutants.js';
import { CLOUDFORMATION_MUTANTS } from './cloudformation-mutants.js';
import type { Mutant } from './mutant.js';
import { PULUMI_MUTANTS } from './pulumi-mutants.js';
import { TERRAFORM_MUTANTS } from './terraform-mutants.js';
import { WORKLOAD_MUTANTS } from './workload-mutants.js';

export type { Mutant, MutantEdit } from './mutant.js';

export const MUTANTS: readonly Mutant[] = [
  ...CDK_MUTANTS,
  ...CLOUDFORMATION_MUTANTS,
  ...TERRAFORM_MUTANTS,
  ...PULUMI_MUTANTS,
  ...WORKLOAD_MUTANTS,
];

/** The mutants a run plants: every one with MUTANTS=all, else the `ci` subset. */
export function selectedMutants(selection: string | undefined = process.env.MUTANTS): readonly Mutant[] {
  if (selection === 'all') return MUTANTS;
  if (selection) {
    const ids = new Set(selection.split(','));
    const unknown = [...ids].filter((id) => !MUTANTS.some((mutant) => mutant.id === id));
    if (unknown.length) throw new Error(`MUTANTS names no mutant ${unknown.join(', ')}`);
    return MUTANTS.filter((mutant) => ids.has(mutant.id));
  }
  return MUTANTS.filter((mutant) => mutant.ci);
}

/** Lines of `findings` no pattern explains, and patterns no line matches: both empty when the mutant is caught exactly. */
export function judgeMutant(
  mutant: Mutant,
  findings: readonly string[],
): { unexplained: string[]; unmatched: RegExp[] } {
  return {
    unexplained: findings.filter((line) => !mutant.expect.some((pattern) => pattern.test(line))),
    unmatched: mutant.expect.filter((pattern) => !findings.some((line) => pattern.test(line))),
  };
}
