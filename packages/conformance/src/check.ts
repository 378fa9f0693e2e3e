/**
 * One conformance check: synthesize every implementation whose envelope covers the target, read
 * it back, observe, and compare with resolveTarget(spec). Returns the differences found.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cellOf,
  cfnTypeInfo,
  compareInfrastructure,
  disagreements,
  errorsIn,
  evaluatePolicy,
  type Inventory,
  implementationById,
  judge,
  type PolicyReport,
  sectionOf,
  validateImplementation,
} from '@iac-compare/harness';
import {
  checkEnvelope,
  loadEnvelope,
  resolveTarget,
  sectionGapsFor,
  type TargetSpec,
} from '@iac-compare/spec';
import { DRIVERS, type Driver, type Synthesized } from './drivers.js';
import { POLICY_AS_OF } from './mutation/policy-run.js';

export interface ConformanceFinding {
  readonly implementation: string;
  readonly fact: string;
  readonly detail: string;
}

export interface ConformanceResult {
  /** Implementations compared (inside their envelope). */
  readonly checked: readonly string[];
  readonly findings: readonly ConformanceFinding[];
  /** Per implementation: how its workload facts fared (`163 of 163 equal`, outside-envelope, none). */
  readonly workloads: Readonly<Record<string, string>>;
  /** The policy report over the same inventories (no extra synth), waivers aside. */
  readonly policy: PolicyReport;
  /** Rules whose verdict differs between implementations (outside-envelope cells aside): must be none. */
  readonly policyDisagreements: readonly string[];
}

/**
 * Every implementation whose envelope covers `spec`, synthesized into a temporary folder and read,
 * with its validation findings (taken while the artifact still exists).
 */
export async function inventoriesFor(
  spec: TargetSpec,
  repoRoot: string,
  drivers: readonly Driver[] = DRIVERS,
): Promise<Map<string, Synthesized & { findings: Awaited<ReturnType<typeof validateImplementation>> }>> {
  const inventories = new Map<
    string,
    Synthesized & { findings: Awaited<ReturnType<typeof validateImplementation>> }
  >();
  const dir = mkdtempSync(join(tmpdir(), 'inventories-'));
  try {
    for (const driver of drivers) {
      const envelope = loadEnvelope(join(repoRoot, driver.packageDir, 'envelope.json'));
      if (checkEnvelope(spec, envelope).length > 0) continue;
      const read = await driver.synthesizeAndRead(spec, join(dir, driver.packageDir.replace(/\//g, '_')));
      for (const [id, synthesized] of read) {
        const info = implementationById(id)!;
        const findings = await validateImplementation(
          info,
          synthesized.artifactPath,
          synthesized.inventory,
          { account: spec.account, region: spec.region },
          (type) => cfnTypeInfo(type)?.tags?.variant,
        );
        inventories.set(id, { ...synthesized, findings });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return inventories;
}

export async function checkConformance(
  spec: TargetSpec,
  repoRoot: string,
  drivers: readonly Driver[] = DRIVERS,
): Promise<ConformanceResult> {
  const expected = resolveTarget(spec);
  const findings: ConformanceFinding[] = [];
  const checked: string[] = [];
  const workloads: Record<string, string> = {};
  const policyInventories = new Map<string, Inventory>();
  const sectionsOutside = new Map<string, Set<string>>();
  for (const [id, { inventory, findings: validation }] of await inventoriesFor(spec, repoRoot, drivers)) {
    policyInventories.set(id, inventory);
    checked.push(id);
    const { observed, ledger } = judge(inventory);
    // Sections an implementation declares it does not build (workloads in the CloudFormation
    // family) are outside its envelope: their cells say so, and nothing else is excused.
    const envelope = loadEnvelope(join(repoRoot, implementationById(id)!.envelopeFile));
    const outsideSections = sectionGapsFor(spec, envelope, id);
    sectionsOutside.set(id, new Set(outsideSections.map((gap) => gap.section)));
    const comparison = compareInfrastructure(expected, [{ id, observed, outsideSections }]);
    for (const row of comparison.rows) {
      const cell = row.cells[id];
      const declaredGap =
        cell?.status === 'outside-envelope' &&
        outsideSections.some((gap) => gap.section === sectionOf(row.key));
      if (cell && cell.status !== 'equal' && !declaredGap) {
        findings.push({
          implementation: id,
          fact: row.key,
          detail: `expected ${JSON.stringify(row.expected)}, found ${JSON.stringify(cell)}`,
        });
      }
    }
    const workloadCells = comparison.rows
      .filter((row) => sectionOf(row.key) === 'workloads')
      .map((row) => row.cells[id]?.status);
    workloads[id] =
      workloadCells.length === 0
        ? 'none'
        : workloadCells.every((status) => status === 'outside-envelope')
          ? 'outside-envelope'
          : `${workloadCells.filter((status) => status === 'equal').length} of ${workloadCells.length} equal`;
    for (const entry of ledger.filter((candidate) => candidate.status === 'unaccounted')) {
      findings.push({
        implementation: id,
        fact: 'unaccounted',
        detail: `${entry.nativeType} ${entry.address}`,
      });
    }
    // Every error, and every service quirk even as a warning: our own implementations carry none
    // (a quirk warning is a deploy that fails later, e.g. a setting CloudFormation must keep).
    const rejected = [
      ...errorsIn(validation),
      ...validation.filter(
        (finding) =>
          finding.severity === 'warning' && finding.source === 'service-quirk' && !finding.acknowledged,
      ),
    ];
    for (const finding of rejected) {
      findings.push({
        implementation: id,
        fact: `rejected ${finding.rule}`,
        detail: `${finding.subject ?? ''} ${finding.property ?? ''}: ${finding.message}`,
      });
    }
  }
  const policy = evaluatePolicy(policyInventories, { asOf: POLICY_AS_OF, sectionsOutside });
  const policyDisagreements = disagreements(policy).map(
    (rule) =>
      `${rule.id}: ${policy.implementations.map((implementation) => `${implementation.implementation} ${cellOf(policy, implementation.implementation, rule.id)}`).join(', ')}`,
  );
  return { checked, findings, workloads, policy, policyDisagreements };
}
