/**
 * The verdict: the one sentence every rendering of a report opens with, saying what "conforms"
 * covers — every fact of the target equal, every resource accounted for, nothing AWS or a
 * provider would reject (docs/architecture.md) — and what it leaves out.
 */
import { targetSectionOf } from '../compare/facts.js';
import { listOf, plural, verbFor } from '../words.js';
import type { CompareReport } from './model.js';

/** A target section as a noun before "facts": the workload facts. */
const SECTION_NOUN: Readonly<Record<string, string>> = { workloads: 'workload', nodeGroups: 'node group' };

/** Whether every implementation conforms (the verdict's colour and mark). */
export function allConform(report: Pick<CompareReport, 'summary'>): boolean {
  return report.summary.conforming === report.summary.implementations;
}

export function verdictOf(report: Omit<CompareReport, 'glance'>): string {
  const { conforming, implementations } = report.summary;
  // Facts no implementation builds (every cell outside an envelope) are not "equal": not counted.
  const facts = report.comparison.rows.filter((row) =>
    Object.values(row.cells).some((cell) => cell.status !== 'outside-envelope'),
  ).length;
  const failed = report.implementations.filter((implementation) => implementation.status === 'failed');
  const outside = report.implementations.filter(
    (implementation) => implementation.status === 'outside-envelope',
  );
  // Sections an implementation leaves out by declaration: said with why, not counted against it
  // (check's own words where it reported a section as not built or not checked, not an envelope's).
  const sections = new Map<string, string[]>();
  const reasons = new Map<string, string>();
  for (const implementation of report.implementations) {
    for (const gap of implementation.outsideSections ?? []) {
      sections.set(gap.section, [...(sections.get(gap.section) ?? []), implementation.id]);
      const own = /^(not built by this code|not checked)/.exec(gap.why)?.[1];
      if (own) reasons.set(gap.section, own);
    }
  }
  const tail = [
    ...[...sections].map(([section, ids]) => {
      const count = report.comparison.rows.filter((row) => targetSectionOf(row.key) === section).length;
      const noun = SECTION_NOUN[section] ?? section;
      return `${listOf(ids)} ${verbFor(ids.length, 'leaves', 'leave')} out the ${count} ${noun} ${count === 1 ? 'fact' : 'facts'}: ${reasons.get(section) ?? `outside ${ids.length === 1 ? 'its' : 'their'} envelope`}`;
    }),
    failed.length ? `${listOf(failed.map((implementation) => implementation.id))} failed` : '',
    outside.length
      ? `the target is outside the envelope of ${listOf(outside.map((implementation) => implementation.id))}`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  const only = report.implementations.length === 1 ? report.implementations[0] : undefined;
  const head = only
    ? `${only.id} ${only.conforms ? 'conforms' : 'does not conform'}`
    : `${conforming} of ${plural(implementations, 'implementation')} ${verbFor(conforming, 'conforms', 'conform')}`;
  const wrong = report.implementations.filter(
    (implementation) => implementation.status === 'compared' && !implementation.conforms,
  );
  if (wrong.length === 0) {
    if (conforming === 0) return `${head}${tail ? `: ${tail}` : ''}`;
    return `${head}: ${plural(facts, 'fact')} equal, every resource accounted for, nothing AWS or a provider would reject${tail ? ` (${tail})` : ''}`;
  }
  const why = wrong.map((implementation) => {
    const rejected = implementation.findings.filter(
      (finding) => finding.severity === 'error' && !finding.acknowledged,
    );
    const differences = implementation.differences.length;
    const unaccounted = implementation.ledger.unaccounted.length;
    const counts = [
      differences ? `${plural(differences, 'fact')} ${verbFor(differences, 'differs', 'differ')}` : '',
      implementation.unknowns.length ? `${plural(implementation.unknowns.length, 'fact')} unknown` : '',
      unaccounted ? `${plural(unaccounted, 'resource')} unaccounted for` : '',
      rejected.length ? `${rejected.length} rejected by validation` : '',
    ].filter(Boolean);
    return only ? listOf(counts) : `${implementation.id} (${listOf(counts)})`;
  });
  if (only) return `${head}: ${why.join(', ')}${tail ? `; ${tail}` : ''}`;
  return `${head}; not conforming: ${why.join(', ')}${tail ? `; ${tail}` : ''}`;
}
