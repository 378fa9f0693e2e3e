/**
 * The terminal rendering: the fact × implementation matrix, then everything that stops an
 * implementation from conforming (fact differences, unaccounted resources, what AWS would reject),
 * then what else differs between the tools resource by resource, then the numbers. Fits the width
 * it is given by wrapping cells, never by dropping them.
 */

import type { Cell } from '../compare/compare.js';
import { sectionOf } from '../compare/facts.js';
import { formatLocation } from '../errors.js';
import type { Finding } from '../validate/findings.js';
import { formatSynthSeconds, formatValue } from './format-value.js';
import { paint, CELL_SYMBOL as SYMBOL, textTable, wrapText } from './layout.js';
import type { CompareReport } from './model.js';
import { groupResourceDifferences, KNOWN_TOOL_SEMANTICS, listDelta } from './resource-groups.js';

export interface TableOptions {
  readonly color: boolean;
  /** Show every fact; otherwise only groups' summaries and the facts that are not equal everywhere. */
  readonly allFacts?: boolean;
  /** The terminal's width; the report wraps to fit it (default: no limit). */
  readonly width?: number;
  /** Paths are shown relative to this folder (the repository). */
  readonly relativeTo?: string;
}

function colorFor(status: Cell['status']): number {
  return status === 'equal'
    ? 32
    : status === 'unknown' || status === 'outside-envelope'
      ? 33
      : status === 'failed'
        ? 35
        : 31;
}

/** How many items a grouped line names before it says how many more there are. */
const ITEMS_SHOWN = 4;

export function relativePath(file: string, root: string | undefined): string {
  if (!root) return file;
  const base = root.endsWith('/') ? root : `${root}/`;
  return file.startsWith(base) ? file.slice(base.length) : file;
}

function findingLine(finding: Finding, root: string | undefined): string {
  const where = finding.location ? `${relativePath(formatLocation(finding.location), root)}: ` : '';
  const subject = finding.subject
    ? `${finding.subject}${finding.property ? ` ${finding.property}` : ''}: `
    : '';
  return `${finding.rule} ${where}${subject}${finding.message}`;
}

export function renderTable(report: CompareReport, options: TableOptions): string {
  const { color, width } = options;
  const root = options.relativeTo;
  const ids = report.implementations.map((implementation) => implementation.id);
  const out: string[] = [];
  const line = (text: string, indent = '    ') => out.push(wrapText(text, width, indent));
  const t = report.target;
  line(
    paint(color, 1, `iac-compare · ${t.name}`) +
      ` · ${t.region} · ${t.availabilityZones.length} AZs · NAT ${t.natGateways} · EKS ${t.kubernetesVersion} · ${t.nodeGroups} node group${t.nodeGroups === 1 ? '' : 's'}`,
  );
  line(paint(color, 2, `target: ${t.file}`));
  out.push('');

  // ---- Facts ---------------------------------------------------------------------------------
  const groups = new Map<string, typeof report.comparison.rows>();
  for (const row of report.comparison.rows) groups.set(row.group, [...(groups.get(row.group) ?? []), row]);
  const matrix: string[][] = [['FACT', ...ids]];
  let folded = 0;
  for (const [group, rows] of groups) {
    const counts = ids.map((id) => {
      const equal = rows.filter((row) => row.cells[id]?.status === 'equal').length;
      const statuses = new Set(rows.map((row) => row.cells[id]?.status));
      const worst =
        (['failed', 'outside-envelope', 'differs', 'missing', 'unexpected', 'unknown'] as const).find((s) =>
          statuses.has(s),
        ) ?? 'equal';
      return paint(
        color,
        colorFor(worst),
        `${equal === rows.length ? SYMBOL.equal : SYMBOL[worst]} ${equal}/${rows.length}`,
      );
    });
    matrix.push([paint(color, 1, group), ...counts]);
    for (const row of rows) {
      const nothingToSee = ids.every((id) =>
        ['equal', 'failed', 'outside-envelope'].includes(row.cells[id]?.status ?? 'failed'),
      );
      if (!options.allFacts && nothingToSee) {
        folded++;
        continue;
      }
      matrix.push([
        `  ${row.key}`,
        ...ids.map((id) => {
          const status = row.cells[id]?.status ?? 'failed';
          return paint(color, colorFor(status), SYMBOL[status]);
        }),
      ]);
    }
  }
  const statusColumns = ids.map((_, index) => index + 1);
  out.push(textTable(matrix, color, true, { width, fixed: statusColumns }));
  line(
    paint(
      color,
      2,
      `✓ equal  ✗ differs  – missing  + unexpected  ? unknown  ○ outside envelope  ! failed${folded > 0 ? `   (${folded} facts equal everywhere, or only failed or outside an envelope, are folded; --all-facts lists them)` : ''}`,
    ),
  );
  out.push('');

  // ---- What stops an implementation from conforming -------------------------------------------
  const problems: string[] = [];
  for (const implementation of report.implementations) {
    const id = implementation.id;
    if (implementation.status === 'failed')
      problems.push(`${paint(color, 35, id)}: ${implementation.failure}`);
    if (implementation.status === 'outside-envelope') {
      problems.push(
        `${paint(color, 33, id)}: outside its envelope: ${implementation.outsideEnvelope.map((v) => `${v.path}: ${v.message}`).join('; ')}`,
      );
    }
    for (const difference of implementation.differences) {
      const delta =
        difference.status === 'differs' ? listDelta(difference.expected, difference.actual) : undefined;
      const what =
        difference.status === 'missing'
          ? `missing${difference.found ? ` (found: ${difference.found})` : ''}`
          : difference.status === 'unexpected'
            ? 'not in the target'
            : delta
              ? `${delta.added.length ? `added ${delta.added.map((item) => formatValue(item, 60)).join(', ')}` : ''}${delta.added.length && delta.removed.length ? '; ' : ''}${delta.removed.length ? `removed ${delta.removed.map((item) => formatValue(item, 60)).join(', ')}` : ''}`
              : `expected ${formatValue(difference.expected)}, found ${formatValue(difference.actual)}`;
      problems.push(
        `${paint(color, 31, id)} ${difference.fact}: ${what}${difference.location ? `  (${relativePath(difference.location, root)})` : ''}`,
      );
    }
    for (const unknown of implementation.unknowns)
      problems.push(`${paint(color, 33, id)} ${unknown.fact}: unknown — ${unknown.why}`);
    for (const entry of implementation.ledger.unaccounted) {
      const where = entry.location ? relativePath(formatLocation(entry.location), root) : entry.address;
      problems.push(
        `${paint(color, 31, id)} unaccounted ${entry.nativeType} ${entry.displayName} (${where}): ${entry.reason}`,
      );
    }
    for (const finding of implementation.findings) {
      if (finding.severity !== 'error' || finding.acknowledged) continue;
      problems.push(
        `${paint(color, 31, id)} ${finding.source === 'derived' ? 'derived ' : ''}rejected: ${findingLine(finding, root)}`,
      );
    }
    for (const note of implementation.notes) problems.push(`${id}: note: ${note}`);
  }
  if (problems.length > 0) {
    out.push(paint(color, 1, 'Differences from the target'));
    for (const problem of problems) line(`  ${problem}`);
    out.push('');
  }
  const gaps = report.implementations.flatMap((implementation) =>
    (implementation.outsideSections ?? []).map((gap) => `${paint(color, 33, implementation.id)}: ${gap.why}`),
  );
  if (gaps.length > 0) {
    out.push(paint(color, 1, 'Outside an envelope: sections an implementation does not build, and why'));
    for (const gap of gaps) line(`  ${gap}`);
    out.push('');
  }

  // ---- Warnings: grouped by rule ----------------------------------------------------------------
  const warnings: string[] = [];
  for (const implementation of report.implementations) {
    const byRule = new Map<string, Finding[]>();
    for (const finding of implementation.findings) {
      if (finding.severity === 'error' && !finding.acknowledged) continue;
      const key = `${finding.rule}${finding.acknowledged ? ' (acknowledged)' : ''}`;
      byRule.set(key, [...(byRule.get(key) ?? []), finding]);
    }
    for (const [rule, findings] of byRule) {
      const first = findings[0]!;
      const where = first.location
        ? ` (${relativePath(formatLocation(first.location), root)}${findings.length > 1 ? ', …' : ''})`
        : '';
      const more = findings.length > 1 ? ` ×${findings.length}` : '';
      warnings.push(`${implementation.id} ${rule}${more}: ${first.message}${where}`);
    }
  }
  if (warnings.length > 0) {
    out.push(paint(color, 1, 'Validation warnings (AWS would accept these; --format markdown lists each)'));
    for (const warning of warnings) line(`  ${warning}`);
    out.push('');
  }

  // ---- Tool defaults -------------------------------------------------------------------------
  const defaults = report.implementations.flatMap((implementation) =>
    implementation.ledger.toolDefaults.map(
      (entry) =>
        `${implementation.id} ${entry.nativeType} ${entry.displayName}: ${entry.reason} [${entry.source}]`,
    ),
  );
  if (defaults.length > 0) {
    out.push(paint(color, 1, 'Tool defaults (built beyond the target, documented as harmless)'));
    for (const entry of defaults) line(`  ${entry}`);
    out.push('');
  }

  // ---- Resource by resource --------------------------------------------------------------------
  const diff = report.resourceDiff;
  const compared = diff.implementations;
  if (compared.length > 1) {
    out.push(paint(color, 1, 'What else differs between the tools, resource by resource'));
    line(
      paint(
        color,
        2,
        `every property of ${diff.items.length} items in CloudFormation's vocabulary, after ${diff.defaultsUsed.length} documented defaults and ${diff.namingSetAside.length} naming conventions; counts per pair`,
      ),
    );
    const pairs: string[][] = [['', ...compared]];
    for (const a of compared)
      pairs.push([a, ...compared.map((b) => (a === b ? '·' : String(diff.pairs[a]?.[b]?.differences ?? 0)))]);
    out.push(textTable(pairs, color, true, { width, fixed: compared.map((_, index) => index + 1) }));
    for (const group of groupResourceDifferences(diff)) {
      const items =
        group.items.length <= ITEMS_SHOWN
          ? group.items.join(', ')
          : `${group.items.slice(0, ITEMS_SHOWN).join(', ')} and ${group.items.length - ITEMS_SHOWN} more`;
      line(`  ${paint(color, 1, group.path)} (${group.type}) on ${items}`);
      const reference = group.variants[0]!;
      group.variants.forEach((variant, index) => {
        const delta = index > 0 ? listDelta(reference.value, variant.value) : undefined;
        const shown =
          delta && (delta.added.length || delta.removed.length)
            ? `${delta.added.length ? `+${delta.added.map((item) => formatValue(item, 50)).join(' +')}` : ''}${delta.removed.length ? ` −${delta.removed.map((item) => formatValue(item, 50)).join(' −')}` : ''}`.trim()
            : variant.value === null
              ? '(not set)'
              : formatValue(variant.value, 90);
        line(`      ${shown}: ${variant.implementations.join(', ')}`, '        ');
      });
      const why = KNOWN_TOOL_SEMANTICS[group.path];
      if (why) line(`      ${paint(color, 2, why)}`, '      ');
    }
    if (diff.toolDefaultsSetAside.length > 0) {
      line(
        paint(
          color,
          2,
          `  set aside with their tool defaults: ${diff.toolDefaultsSetAside.map((entry) => `${entry.type} ${entry.path} (${entry.toolDefault})`).join('; ')}`,
        ),
        '    ',
      );
    }
    out.push('');
  }

  // ---- The numbers -----------------------------------------------------------------------------
  out.push(paint(color, 1, 'Implementations'));
  const summary: string[][] = [
    ['ID', 'CONFORMS', 'CORE', 'UNACCOUNTED', 'OVERHEAD', 'LINES', 'FILES', 'SYNTH'],
  ];
  for (const implementation of report.implementations) {
    summary.push([
      implementation.id,
      implementation.conforms
        ? paint(color, 32, 'yes')
        : paint(color, 31, implementation.status === 'compared' ? 'no' : implementation.status),
      String(implementation.resources),
      String(implementation.ledger.unaccounted.length),
      String(implementation.overhead),
      String(implementation.linesOfCode),
      String(implementation.sourceFiles),
      formatSynthSeconds(implementation.synth),
    ]);
  }
  out.push(textTable(summary, color, true, { width }));
  out.push('');
  for (const implementation of report.implementations) {
    const envelope = implementation.envelope;
    const limits = envelope
      ? `AZs ${envelope.availabilityZones.min}–${envelope.availabilityZones.max ?? '∞'}, node groups ≤ ${envelope.nodeGroups.max ?? '∞'}`
      : 'no envelope';
    line(`  ${implementation.id}: ${implementation.label}; envelope ${limits}`, '      ');
  }
  out.push('');

  out.push(paint(color, 1, 'Resources by kind (core)'));
  const kinds = [
    ...new Set(
      report.implementations.flatMap((implementation) => Object.keys(implementation.resourcesByKind)),
    ),
  ].sort();
  const byKind: string[][] = [['KIND', ...ids]];
  for (const kind of kinds)
    byKind.push([
      kind,
      ...report.implementations.map((implementation) => String(implementation.resourcesByKind[kind] ?? '·')),
    ]);
  out.push(textTable(byKind, color, true, { width }));
  const overhead = report.implementations.filter(
    (implementation) => implementation.overheadResources.length > 0,
  );
  if (overhead.length > 0) {
    out.push('');
    out.push(paint(color, 1, 'Overhead (tool machinery)'));
    for (const implementation of overhead) {
      for (const resource of implementation.overheadResources)
        line(`  ${implementation.id}  ${resource.type}  ${resource.reason}`);
    }
  }
  out.push('');
  const factCompared = report.implementations
    .filter((implementation) => implementation.status === 'compared')
    .map((implementation) => implementation.id);
  if (factCompared.length > 1) {
    out.push(paint(color, 1, 'Pairwise: facts on which two implementations differ'));
    const pairs: string[][] = [['', ...factCompared]];
    for (const a of factCompared)
      pairs.push([
        a,
        ...factCompared.map((b) =>
          a === b ? '·' : String(report.comparison.pairwise[a]?.[b]?.differ ?? '?'),
        ),
      ]);
    out.push(textTable(pairs, color, true, { width }));
    out.push('');
  }
  const all = report.summary.conforming === report.summary.implementations;
  line(paint(color, all ? 32 : 31, verdictOf(report)));
  return `${out.join('\n')}\n`;
}

/**
 * The one-line verdict, saying what "conforms" covers: every fact of the target equal, every
 * resource accounted for, nothing AWS or a provider would reject (docs/architecture.md).
 */
export function verdictOf(report: CompareReport): string {
  const { conforming, implementations } = report.summary;
  // Facts no implementation builds (every cell outside an envelope) are not "equal": not counted.
  const facts = report.comparison.rows.filter((row) =>
    Object.values(row.cells).some((cell) => cell.status !== 'outside-envelope'),
  ).length;
  const failed = report.implementations.filter((implementation) => implementation.status === 'failed');
  const outside = report.implementations.filter(
    (implementation) => implementation.status === 'outside-envelope',
  );
  // Sections an implementation leaves out by declaration: said with why, not counted against it.
  const sections = new Map<string, string[]>();
  for (const implementation of report.implementations) {
    for (const gap of implementation.outsideSections ?? []) {
      sections.set(gap.section, [...(sections.get(gap.section) ?? []), implementation.id]);
    }
  }
  // Facts of a section some implementation leaves out are equal only where they are built: say so.
  const sectionFacts = [...sections.keys()].map(
    (section) => report.comparison.rows.filter((row) => sectionOf(row.key) === section).length,
  );
  const tail = [
    ...[...sections].map(
      ([section, ids], index) =>
        `${ids.join(', ')} ${ids.length === 1 ? 'leaves' : 'leave'} out the ${sectionFacts[index]} ${section} facts: outside ${ids.length === 1 ? 'its' : 'their'} envelope`,
    ),
    failed.length ? `${failed.map((implementation) => implementation.id).join(', ')} failed` : '',
    outside.length
      ? `${outside.map((implementation) => implementation.id).join(', ')} outside their envelope`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  const wrong = report.implementations.filter(
    (implementation) => implementation.status === 'compared' && !implementation.conforms,
  );
  if (wrong.length === 0) {
    return `${conforming} of ${implementations} implementations conform: ${facts} facts equal, every resource accounted for, nothing AWS or a provider would reject${tail ? ` (${tail})` : ''}`;
  }
  const why = wrong.map((implementation) => {
    const rejected = implementation.findings.filter(
      (finding) => finding.severity === 'error' && !finding.acknowledged,
    );
    const counts = [
      implementation.differences.length ? `${implementation.differences.length} facts differ` : '',
      implementation.unknowns.length ? `${implementation.unknowns.length} unknown` : '',
      implementation.ledger.unaccounted.length
        ? `${implementation.ledger.unaccounted.length} resources unaccounted`
        : '',
      rejected.length ? `${rejected.length} rejected` : '',
    ].filter(Boolean);
    return `${implementation.id} (${counts.join(', ')})`;
  });
  return `${conforming} of ${implementations} implementations conform; not conforming: ${why.join(', ')}${tail ? `; ${tail}` : ''}`;
}
