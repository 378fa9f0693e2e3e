/**
 * The policy report for a set of implementations: every rule over every inventory, user rules'
 * runs folded in beside the built-in ones, waivers applied. Pure: reading files and running user
 * code is the caller's (the CLI's) job.
 */
import type { Inventory } from '../model/inventory.js';
import { foldRuns, metadataOf, type RuleRun, runRules } from './evaluate.js';
import { buildPolicyInput } from './input.js';
import {
  type ImplementationPolicy,
  type PolicyFinding,
  type PolicyReport,
  type PolicyRule,
  type RuleMetadata,
  SEVERITIES,
  type Severity,
} from './model.js';
import { builtInRules } from './rules/index.js';
import { applyWaivers, type WaiverSet } from './waivers.js';

export interface PolicyOptions {
  /** Judge date-based rules (and waiver expiry) on this day, `YYYY-MM-DD`; default today. */
  readonly asOf?: string;
  /** Rule ids to keep (--only for rules is not this: that selects implementations). */
  readonly rules?: readonly PolicyRule[];
  readonly waivers?: WaiverSet;
  /** Per implementation, the target sections it declares outside its envelope (`workloads`). */
  readonly sectionsOutside?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Rules run elsewhere (a user-rules child): their metadata and each implementation's runs. */
  readonly extra?: {
    readonly rules: readonly RuleMetadata[];
    readonly runs: ReadonlyMap<string, readonly RuleRun[]>;
    readonly notes: readonly string[];
  };
}

export function evaluatePolicy(
  inventories: ReadonlyMap<string, Inventory>,
  options: PolicyOptions = {},
): PolicyReport {
  const rules = options.rules ?? builtInRules(options.asOf ? { asOf: options.asOf } : {});
  const metadata = [...rules.map(metadataOf), ...(options.extra?.rules ?? [])];
  let implementations: ImplementationPolicy[] = [...inventories].map(([id, inventory]) => {
    const runs = [...runRules(rules, buildPolicyInput(inventory)), ...(options.extra?.runs.get(id) ?? [])];
    const folded = foldRuns(id, metadata, runs);
    const outside = options.sectionsOutside?.get(id);
    if (!outside || outside.size === 0) return folded;
    const sectionOf = new Map(metadata.map((rule) => [rule.id, rule.section]));
    return {
      ...folded,
      verdicts: folded.verdicts.map((verdict) => {
        const section = sectionOf.get(verdict.ruleId);
        // Nothing deployed there to judge: outside, not "not applicable" (which would read as a verdict).
        return section && outside.has(section) && verdict.findings.length === 0 && verdict.compliant === 0
          ? { ...verdict, verdict: 'outside-envelope' as const }
          : verdict;
      }),
    };
  });
  let waivers: PolicyReport['waivers'];
  if (options.waivers) {
    const applied = applyWaivers(implementations, options.waivers);
    implementations = applied.implementations;
    waivers = { file: options.waivers.file, unused: applied.unused };
  }
  const errors = implementations.flatMap((implementation) =>
    implementation.verdicts
      .filter((verdict) => verdict.error)
      .map(
        (verdict) => `${verdict.ruleId} failed to run on ${implementation.implementation}: ${verdict.error}`,
      ),
  );
  return {
    rules: metadata,
    implementations,
    ...(waivers ? { waivers } : {}),
    notes: [...(options.extra?.notes ?? []), ...errors],
  };
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Severity rank: critical 0 … low 3. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Findings that count: non-compliant, not waived. */
export function openFindings(report: PolicyReport): PolicyFinding[] {
  return report.implementations.flatMap((implementation) =>
    implementation.verdicts.flatMap((verdict) =>
      verdict.findings.filter((finding) => finding.status === 'non-compliant' && !finding.waiver),
    ),
  );
}

/** Whether an unwaived finding at or above `threshold` remains (the policy command's exit 1). */
export function failsAt(report: PolicyReport, threshold: Severity): boolean {
  return openFindings(report).some((finding) => severityRank(finding.severity) <= severityRank(threshold));
}

/** Per rule: whether every implementation judged it the same way (the point of one rule set). */
export function verdictAgreement(report: PolicyReport): Map<string, Map<string, string>> {
  const table = new Map<string, Map<string, string>>();
  for (const rule of report.rules) table.set(rule.id, new Map());
  for (const implementation of report.implementations)
    for (const verdict of implementation.verdicts)
      table.get(verdict.ruleId)?.set(implementation.implementation, verdict.verdict);
  return table;
}
