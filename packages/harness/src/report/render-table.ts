/**
 * The terminal rendering. It opens with the answers, in the order a person asks: the verdict (do
 * the implementations conform?), the differences at a glance (how do the tools differ?), and what
 * stops an implementation from conforming, with the line to fix. The details follow: the fact ×
 * implementation matrix, the envelopes, validation warnings (counted; listed with --all-facts),
 * tool defaults, the resource-by-resource diff, and the numbers. Fits the width it is given by
 * wrapping at spaces (or after / . - , :), never by cutting a word or dropping a cell.
 */

import type { Cell } from '../compare/compare.js';
import { formatLocation } from '../errors.js';
import type { Finding } from '../validate/findings.js';
import { listOf, plural } from '../words.js';
import { formatSynthSeconds, formatValue } from './format-value.js';
import { machineryBreakdown } from './glance.js';
import { paint, CELL_SYMBOL as SYMBOL, textTable, wrapText } from './layout.js';
import type { CompareReport, Difference, ImplementationReport } from './model.js';
import { groupResourceDifferences, KNOWN_TOOL_SEMANTICS, listDelta } from './resource-groups.js';
import { allConform, verdictOf } from './verdict.js';

export { verdictOf } from './verdict.js';

export interface TableOptions {
  readonly color: boolean;
  /** Show every fact, warning and machinery resource; otherwise summaries and what is not equal. */
  readonly allFacts?: boolean;
  /** The terminal's width; the report wraps to fit it (default: no limit). */
  readonly width?: number;
  /** Paths are shown relative to this folder (the repository). */
  readonly relativeTo?: string;
  /**
   * Implementations whose validation warnings are listed one by one (a user's own code in
   * `check`); the others' are counted, one line each, unless `allFacts`.
   */
  readonly listWarningsOf?: readonly string[];
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

/** What a difference from the target is, in words: both values, or the list elements added and removed. */
export function differenceText(
  difference: Difference,
  quote: (text: string) => string = (text) => text,
): string {
  if (difference.status === 'missing')
    return `missing${difference.found ? ` (found: ${difference.found})` : ''}`;
  if (difference.status === 'unexpected')
    return `not in the target: ${quote(formatValue(difference.actual))}`;
  const delta = listDelta(difference.expected, difference.actual);
  if (delta && (delta.added.length || delta.removed.length)) {
    return [
      delta.added.length ? `added ${delta.added.map((item) => quote(formatValue(item, 60))).join(', ')}` : '',
      delta.removed.length
        ? `removed ${delta.removed.map((item) => quote(formatValue(item, 60))).join(', ')}`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
  }
  return `expected ${quote(formatValue(difference.expected))}, found ${quote(formatValue(difference.actual))}`;
}

/** Where to fix a difference, saying how precise the line is: the property's, its block's, or the resource's. */
export function whereText(difference: Difference, root: string | undefined): string {
  if (!difference.location) return '';
  const at = relativePath(difference.location, root);
  if (difference.locationScope === 'block') return ` (not written; its block: ${at})`;
  if (difference.locationScope === 'resource') return ` (the resource: ${at})`;
  return ` (${at})`;
}

/** Warnings (and acknowledged errors) by rule: `W1028 ×54`. */
function warningsByRule(implementation: ImplementationReport): Map<string, Finding[]> {
  const byRule = new Map<string, Finding[]>();
  for (const finding of implementation.findings) {
    if (finding.severity === 'error' && !finding.acknowledged) continue;
    const key = `${finding.rule}${finding.acknowledged ? ' (acknowledged)' : ''}`;
    byRule.set(key, [...(byRule.get(key) ?? []), finding]);
  }
  return new Map([...byRule].sort(([, a], [, b]) => b.length - a.length));
}

/** A terminal rendering under construction: lines, wrapped to the width. */
class Out {
  readonly lines: string[] = [];
  constructor(
    readonly color: boolean,
    readonly width: number | undefined,
  ) {}
  line(text: string, indent = '    '): void {
    this.lines.push(wrapText(text, this.width, indent));
  }
  raw(text: string): void {
    this.lines.push(text);
  }
  blank(): void {
    this.lines.push('');
  }
  heading(text: string): void {
    this.line(paint(this.color, 1, text), '  ');
  }
  table(rows: string[][], fixed?: readonly number[]): void {
    this.lines.push(textTable(rows, this.color, true, { width: this.width, ...(fixed ? { fixed } : {}) }));
  }
}

export function renderTable(report: CompareReport, options: TableOptions): string {
  const { color } = options;
  const root = options.relativeTo;
  const out = new Out(color, options.width);
  const t = report.target;
  out.line(
    `${paint(color, 1, `iac-compare · ${t.name}`)} · ${t.region} · ${plural(t.availabilityZones.length, 'AZ')} · NAT ${t.natGateways} · EKS ${t.kubernetesVersion} · ${plural(t.nodeGroups, 'node group')} · ${paint(color, 2, t.file)}`,
  );
  out.blank();
  const all = allConform(report);
  out.line(paint(color, all ? 32 : 31, `${all ? '✓' : '✗'} ${verdictOf(report)}`), '  ');
  out.blank();

  renderGlance(report, out);
  renderProblems(report, out, root);
  renderMatrix(report, out, options);
  renderEnvelopeGaps(report, out);
  renderWarnings(report, out, options);
  renderToolDefaults(report, out);
  renderResourceDiff(report, out);
  renderNumbers(report, out, options);
  out.line(paint(color, all ? 32 : 31, `${all ? '✓' : '✗'} ${verdictOf(report)}`), '  ');
  return `${out.lines.join('\n')}\n`;
}

function renderGlance(report: CompareReport, out: Out): void {
  if (report.glance.length === 0) return;
  out.heading('Differences at a glance');
  for (const item of report.glance) out.line(`  ${paint(out.color, 1, `${item.title}:`)} ${item.text}`, '  ');
  out.blank();
}

/** What stops an implementation from conforming, each with the file and line to fix. */
function renderProblems(report: CompareReport, out: Out, root: string | undefined): void {
  const { color } = out;
  const problems: string[] = [];
  for (const implementation of report.implementations) {
    const id = implementation.id;
    if (implementation.status === 'failed')
      problems.push(`${paint(color, 35, id)}: ${implementation.failure}`);
    if (implementation.status === 'outside-envelope') {
      problems.push(
        `${paint(color, 33, id)}: the target is outside its envelope: ${implementation.outsideEnvelope.map((v) => `${v.path}: ${v.message}`).join('; ')}`,
      );
    }
    for (const difference of implementation.differences) {
      problems.push(
        `${paint(color, 31, id)} ${difference.fact}: ${differenceText(difference)}${whereText(difference, root)}`,
      );
    }
    for (const unknown of implementation.unknowns)
      problems.push(`${paint(color, 33, id)} ${unknown.fact}: unknown: ${unknown.why}`);
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
  if (problems.length === 0) return;
  out.heading('What to fix: differences from the target, with the line that declares them');
  for (const problem of problems) out.line(`  ${problem}`);
  out.blank();
}

function renderMatrix(report: CompareReport, out: Out, options: TableOptions): void {
  const { color } = out;
  const ids = report.implementations.map((implementation) => implementation.id);
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
  out.heading('Facts: each of the target, in each implementation');
  out.table(
    matrix,
    ids.map((_, index) => index + 1),
  );
  out.line(
    paint(
      color,
      2,
      `✓ equal  ✗ differs  – missing  + unexpected  ? unknown  ○ outside envelope  ! failed${folded > 0 ? `   (${plural(folded, 'fact')} equal everywhere, or only failed or outside an envelope, ${folded === 1 ? 'is' : 'are'} folded; --all-facts lists them)` : ''}`,
    ),
  );
  out.blank();
}

function renderEnvelopeGaps(report: CompareReport, out: Out): void {
  const gaps = report.implementations.flatMap((implementation) =>
    (implementation.outsideSections ?? []).map(
      (gap) => `${paint(out.color, 33, implementation.id)} leaves out the ${gap.section}: ${gap.why}`,
    ),
  );
  if (gaps.length === 0) return;
  out.heading('Outside an envelope: sections an implementation does not build, and why');
  for (const gap of gaps) out.line(`  ${gap}`, '      ');
  out.blank();
}

/**
 * Validation warnings: AWS would accept them, so on the reference implementations they are
 * counted, one line each (--all-facts or the Markdown report lists them); on a user's own code
 * (`listWarningsOf`) every one is listed with its line.
 */
function renderWarnings(report: CompareReport, out: Out, options: TableOptions): void {
  const root = options.relativeTo;
  const listed = new Set(
    options.allFacts ? report.implementations.map((i) => i.id) : (options.listWarningsOf ?? []),
  );
  const counted: string[][] = [];
  const lines: string[] = [];
  for (const implementation of report.implementations) {
    const byRule = warningsByRule(implementation);
    const total = [...byRule.values()].reduce((sum, findings) => sum + findings.length, 0);
    if (total === 0) continue;
    if (listed.has(implementation.id)) {
      for (const findings of byRule.values())
        for (const finding of findings)
          lines.push(
            `${implementation.id} ${findingLine(finding, root)}${finding.acknowledged ? ` (acknowledged: ${finding.acknowledged})` : ''}`,
          );
    } else {
      counted.push([
        implementation.id,
        String(total),
        [...byRule]
          .map(([rule, findings]) => `${rule}${findings.length > 1 ? ` ×${findings.length}` : ''}`)
          .join(', '),
      ]);
    }
  }
  if (lines.length > 0) {
    out.heading('Validation warnings (AWS would accept these)');
    for (const line of lines) out.line(`  ${line}`, '      ');
    out.blank();
  }
  if (counted.length > 0) {
    out.heading(
      'Validation warnings on the implementations, by rule (AWS would accept these; --all-facts lists each)',
    );
    out.table([['ID', 'WARNINGS', 'RULES'], ...counted], [1]);
    out.blank();
  }
}

function renderToolDefaults(report: CompareReport, out: Out): void {
  const defaults = report.implementations.flatMap((implementation) =>
    implementation.ledger.toolDefaults.map(
      (entry) =>
        `${implementation.id} ${entry.nativeType} ${entry.displayName}: ${entry.reason} [${entry.source}]`,
    ),
  );
  if (defaults.length === 0) return;
  out.heading('Tool defaults (built beyond the target, documented as harmless)');
  for (const entry of defaults) out.line(`  ${entry}`, '      ');
  out.blank();
}

function renderResourceDiff(report: CompareReport, out: Out): void {
  const { color } = out;
  const diff = report.resourceDiff;
  const compared = diff.implementations;
  if (compared.length < 2) return;
  out.heading('What else differs between the tools, resource by resource');
  out.line(
    paint(
      color,
      2,
      `every property of ${plural(diff.items.length, 'item')} in CloudFormation's vocabulary, after ${plural(diff.defaultsUsed.length, 'documented default')} and ${plural(diff.namingSetAside.length, 'naming convention')}; differences per pair:`,
    ),
  );
  const pairs: string[][] = [['', ...compared]];
  for (const a of compared)
    pairs.push([a, ...compared.map((b) => (a === b ? '·' : String(diff.pairs[a]?.[b]?.differences ?? 0)))]);
  out.table(
    pairs,
    compared.map((_, index) => index + 1),
  );
  for (const group of groupResourceDifferences(diff)) {
    const items =
      group.items.length <= ITEMS_SHOWN
        ? listOf([...group.items])
        : `${group.items.slice(0, ITEMS_SHOWN).join(', ')} and ${group.items.length - ITEMS_SHOWN} more`;
    out.line(`  ${paint(color, 1, group.path)} (${group.type}) on ${items}`, '      ');
    const reference = group.variants[0]!;
    group.variants.forEach((variant, index) => {
      const delta = index > 0 ? listDelta(reference.value, variant.value) : undefined;
      const shown =
        delta && (delta.added.length || delta.removed.length)
          ? `${delta.added.length ? `+${delta.added.map((item) => formatValue(item, 50)).join(' +')}` : ''}${delta.removed.length ? ` −${delta.removed.map((item) => formatValue(item, 50)).join(' −')}` : ''}`.trim()
          : variant.value === null
            ? '(not set)'
            : formatValue(variant.value, 90);
      out.line(`      ${shown}: ${listOf([...variant.implementations])}`, '        ');
    });
    const why = KNOWN_TOOL_SEMANTICS[group.path];
    if (why) out.line(`      ${paint(color, 2, why)}`, '  ');
  }
  if (diff.toolDefaultsSetAside.length > 0) {
    out.line(
      paint(
        color,
        2,
        `  set aside with their tool defaults: ${diff.toolDefaultsSetAside.map((entry) => `${entry.type} ${entry.path} (${entry.toolDefault})`).join('; ')}`,
      ),
      '    ',
    );
  }
  out.blank();
}

/** The envelope in words: "2–3 AZs, at most 3 node groups", "2 or more AZs, any number of node groups". */
export function envelopeText(implementation: ImplementationReport): string {
  const envelope = implementation.envelope;
  if (!envelope) return 'no envelope declared';
  const zones = envelope.availabilityZones;
  const azs = zones.max === null ? `${zones.min} or more AZs` : `${zones.min}–${zones.max} AZs`;
  const groups =
    envelope.nodeGroups.max === null
      ? 'any number of node groups'
      : `at most ${plural(envelope.nodeGroups.max, 'node group')}`;
  return `${azs}, ${groups}`;
}

function renderNumbers(report: CompareReport, out: Out, options: TableOptions): void {
  const { color } = out;
  const ids = report.implementations.map((implementation) => implementation.id);
  out.heading('Implementations');
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
  out.table(summary);
  if (
    report.implementations.some(
      (implementation) => implementation.synth.cached && implementation.synth.ms !== null,
    )
  )
    out.line(paint(color, 2, '  * cached: the time of the synth that made the artifact'), '    ');
  for (const implementation of report.implementations)
    out.line(
      `  ${implementation.id}: ${implementation.label}; envelope: ${envelopeText(implementation)}`,
      '      ',
    );
  out.blank();

  // Kinds the model knows, side by side; native types it does not model, per implementation.
  const kinds = [
    ...new Set(
      report.implementations.flatMap((implementation) =>
        Object.keys(implementation.resourcesByKind).filter((kind) => !kind.startsWith('other: ')),
      ),
    ),
  ].sort();
  if (kinds.length > 0) {
    out.heading('Resources by kind (core)');
    const byKind: string[][] = [['KIND', ...ids]];
    for (const kind of kinds)
      byKind.push([
        kind,
        ...report.implementations.map((implementation) =>
          String(implementation.resourcesByKind[kind] ?? '·'),
        ),
      ]);
    out.table(
      byKind,
      ids.map((_, index) => index + 1),
    );
    const native: { ids: string[]; text: string }[] = [];
    for (const implementation of report.implementations) {
      const others = Object.entries(implementation.resourcesByKind)
        .filter(([kind]) => kind.startsWith('other: '))
        .map(([kind, count]) => `${kind.slice('other: '.length)}${count > 1 ? ` ×${count}` : ''}`);
      if (others.length === 0) continue;
      const text = others.join(', ');
      const found = native.find((entry) => entry.text === text);
      if (found) found.ids.push(implementation.id);
      else native.push({ ids: [implementation.id], text });
    }
    if (native.length > 0) {
      out.line('  and native types with no kind in the model (the Kubernetes objects among them):', '    ');
      for (const entry of native) out.line(`    ${listOf(entry.ids)}: ${entry.text}`, '      ');
    }
    out.blank();
  }

  const overhead = report.implementations.filter(
    (implementation) => implementation.overheadResources.length > 0,
  );
  if (overhead.length > 0) {
    out.heading('Overhead (tool machinery)');
    if (options.allFacts) {
      for (const implementation of overhead)
        for (const resource of implementation.overheadResources)
          out.line(`  ${implementation.id}  ${resource.type}  ${resource.reason}`, '      ');
    } else {
      for (const implementation of overhead)
        out.line(
          `  ${implementation.id}: ${plural(implementation.overhead, 'resource')} (${machineryBreakdown(implementation)})`,
          '      ',
        );
      out.line(paint(color, 2, '  --all-facts lists each, with what it is for'), '    ');
    }
    out.blank();
  }

  const factCompared = report.implementations
    .filter((implementation) => implementation.status === 'compared')
    .map((implementation) => implementation.id);
  if (factCompared.length > 1) {
    const pairs: string[][] = [['', ...factCompared]];
    let any = false;
    for (const a of factCompared)
      pairs.push([
        a,
        ...factCompared.map((b) => {
          if (a === b) return '·';
          const differ = report.comparison.pairwise[a]?.[b]?.differ;
          if (differ !== 0) any = true;
          return String(differ ?? '?');
        }),
      ]);
    if (any) {
      out.heading('Pairwise: facts on which two implementations differ');
      out.table(
        pairs,
        factCompared.map((_, index) => index + 1),
      );
    } else {
      out.line(
        `${paint(color, 1, 'Pairwise:')} no two of the ${plural(factCompared.length, 'compared implementation')} differ on any fact.`,
        '    ',
      );
    }
    out.blank();
  }
}
