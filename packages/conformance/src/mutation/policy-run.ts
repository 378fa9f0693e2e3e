/**
 * Running a policy mutant: the same scratch copy and synth as a conformance mutant (run.ts), then
 * the artifact read into an inventory (no validation: policy reads the model) and judged by the
 * policy rules. What matters is which rules fail.
 */
import { join } from 'node:path';
import {
  evaluatePolicy,
  type Inventory,
  type PolicyReport,
  readCdkAssembly,
  readCdktfOutput,
  readPulumiRegistrations,
  readStackPlan,
  readTerraformDirectory,
} from '@iac-compare/harness';
import type { TargetSpec } from '@iac-compare/spec';
import type { Mutant } from './mutant.js';
import { synthesizeMutant } from './run.js';

/** The date policy mutants are judged on (the EKS support calendar moves; a test must not). */
export const POLICY_AS_OF = '2026-12-07';

export async function readMutantInventory(
  repoRoot: string,
  spec: TargetSpec,
  mutant: Mutant,
  scratchRoot: string,
): Promise<Inventory> {
  return (await readMutantArtifact(repoRoot, spec, mutant, scratchRoot)).inventory;
}

/** The mutant's inventory and where its artifact is (the validator reads the artifact). */
export async function readMutantArtifact(
  repoRoot: string,
  spec: TargetSpec,
  mutant: Mutant,
  scratchRoot: string,
): Promise<{ inventory: Inventory; path: string }> {
  const { info, root, target } = await synthesizeMutant(repoRoot, spec, mutant, scratchRoot);
  const path = join(root, info.artifactPath);
  const placement = { account: target.account, region: target.region };
  const read = async (): Promise<Inventory> => {
    switch (info.artifactKind) {
      case 'cdk-assembly':
        return readCdkAssembly(path, info.id, placement);
      case 'cloudformation-stacks':
        return readStackPlan(path, info.id);
      case 'terraform-config':
        return readTerraformDirectory(path, info.id, placement);
      case 'terraform-json':
        return readCdktfOutput(path, info.id, placement);
      case 'pulumi-registrations':
        return readPulumiRegistrations(path, info.id);
      default:
        throw new Error(`no reader for ${info.artifactKind}`);
    }
  };
  return { inventory: await read(), path };
}

/** Rule id → verdict for one inventory, waivers aside (a mutant is judged on what it builds). */
export function failingRules(report: PolicyReport): string[] {
  return report.implementations
    .flatMap((implementation) => implementation.verdicts)
    .filter((verdict) => verdict.verdict === 'fail')
    .map((verdict) => verdict.ruleId)
    .sort();
}

export function policyOf(id: string, inventory: Inventory): PolicyReport {
  return evaluatePolicy(new Map([[id, inventory]]), { asOf: POLICY_AS_OF });
}
