/** What every policy renderer leads with: do the tools agree, what fails, what to fix where. */
import type { SourceLocation } from '../errors.js';
import {
  FIX_TOOLS,
  type FixTool,
  type PolicyFinding,
  type PolicyReport,
  type RuleMetadata,
  type Verdict,
} from './model.js';

export interface RenderOptions {
  /** Paths in locations are shown relative to this folder. */
  readonly relativeTo?: string;
  /** The tool whose fix to show for an implementation (`yours` in check: the kind of code read). */
  readonly fixToolFor?: Readonly<Record<string, FixTool>>;
}

/** The verdict a reader sees: a failing rule whose findings are all waived reads "waived". */
export type PolicyCell = Verdict | 'waived';

export function cellOf(report: PolicyReport, implementation: string, ruleId: string): PolicyCell {
  const verdict = report.implementations
    .find((candidate) => candidate.implementation === implementation)
    ?.verdicts.find((candidate) => candidate.ruleId === ruleId);
  if (!verdict) return 'not-applicable';
  if (verdict.verdict === 'fail') {
    const open = verdict.findings.filter((finding) => finding.status === 'non-compliant' && !finding.waiver);
    return open.length === 0 ? 'waived' : 'fail';
  }
  return verdict.verdict;
}

/** Rules whose judged cells differ between implementations (outside-envelope cells set aside). */
export function disagreements(report: PolicyReport): RuleMetadata[] {
  return report.rules.filter((rule) => {
    const cells = new Set(
      report.implementations
        .map((implementation) => cellOf(report, implementation.implementation, rule.id))
        .filter((cell) => cell !== 'outside-envelope'),
    );
    return cells.size > 1;
  });
}

export function findingsOf(report: PolicyReport): PolicyFinding[] {
  return report.implementations.flatMap((implementation) =>
    implementation.verdicts.flatMap((verdict) => verdict.findings),
  );
}

export function headline(report: PolicyReport): string {
  const count = report.implementations.length;
  const open = findingsOf(report).filter((finding) => finding.status === 'non-compliant' && !finding.waiver);
  const failingRules = new Set(open.map((finding) => finding.ruleId));
  const differing = disagreements(report);
  const agreement =
    count < 2
      ? ''
      : differing.length === 0
        ? `; verdicts identical in all ${count} implementations`
        : `; verdicts differ on ${differing.length} rule${differing.length === 1 ? '' : 's'} (${differing.map((rule) => rule.id).join(', ')})`;
  const waived = findingsOf(report).filter((finding) => finding.waiver).length;
  const outcome =
    failingRules.size === 0
      ? `no open findings${waived > 0 ? ` (${waived} waived)` : ''}`
      : `${failingRules.size} rule${failingRules.size === 1 ? '' : 's'} fail${failingRules.size === 1 ? 's' : ''} with ${open.length} open finding${open.length === 1 ? '' : 's'}${waived > 0 ? `, ${waived} waived` : ''}`;
  return `Policy: ${report.rules.length} rules over ${count} implementation${count === 1 ? '' : 's'}: ${outcome}${agreement}.`;
}

export function formatWhere(location: SourceLocation | undefined, relativeTo?: string): string {
  if (!location) return '(no source location)';
  let file = location.file;
  if (relativeTo && file.startsWith(`${relativeTo}/`)) file = file.slice(relativeTo.length + 1);
  return `${file}${location.line ? `:${location.line}` : ''}`;
}

export function fixToolOf(implementation: string, options: RenderOptions): FixTool | undefined {
  const mapped = options.fixToolFor?.[implementation];
  if (mapped) return mapped;
  return (FIX_TOOLS as readonly string[]).includes(implementation) ? (implementation as FixTool) : undefined;
}

export const CELL_TEXT: Readonly<Record<PolicyCell, string>> = {
  pass: 'pass',
  fail: 'FAIL',
  waived: 'waived',
  unknown: '?',
  'not-applicable': 'n/a',
  'outside-envelope': '—',
};

/** What the cells mean, under the matrix. */
export const CELL_LEGEND = 'n/a nothing to judge · ? not known offline · — outside the envelope';

/** Column headers that fit six implementations in 80 columns. */
export const SHORT_NAMES: Readonly<Record<string, string>> = {
  cloudformation: 'cfn',
  'infra-terraform': 'tf',
};
