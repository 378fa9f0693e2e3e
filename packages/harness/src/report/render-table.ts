/** The terminal rendering: a fact × implementation matrix, the differences, and the numbers. */
import type { Cell } from '../compare/compare.js';
import { formatSynthTime, formatValue } from './format-value.js';
import { paint, CELL_SYMBOL as SYMBOL, textTable as table } from './layout.js';
import type { CompareReport } from './model.js';

export interface TableOptions {
  readonly color: boolean;
  /** Show every fact; otherwise only groups' summaries and the facts that are not equal everywhere. */
  readonly allFacts?: boolean;
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

export function renderTable(report: CompareReport, options: TableOptions): string {
  const { color } = options;
  const ids = report.implementations.map((implementation) => implementation.id);
  const out: string[] = [];
  const t = report.target;
  out.push(
    paint(color, 1, `iac-compare · ${t.name}`) +
      ` · ${t.region} · ${t.availabilityZones.length} AZs · NAT ${t.natGateways} · EKS ${t.kubernetesVersion} · ${t.nodeGroups} node group${t.nodeGroups === 1 ? '' : 's'}`,
  );
  out.push(paint(color, 2, `target: ${t.file}`));
  out.push('');

  const groups = new Map<string, typeof report.comparison.rows>();
  for (const row of report.comparison.rows) groups.set(row.group, [...(groups.get(row.group) ?? []), row]);
  const matrix: string[][] = [['FACT', ...ids]];
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
    matrix.push([paint(color, 1, `${group}`), ...counts]);
    for (const row of rows) {
      // A failed or outside-envelope implementation is explained once below, not on every fact.
      const nothingToSee = ids.every((id) =>
        ['equal', 'failed', 'outside-envelope'].includes(row.cells[id]?.status ?? 'failed'),
      );
      if (!options.allFacts && nothingToSee) continue;
      matrix.push([
        `  ${row.key}`,
        ...ids.map((id) => {
          const status = row.cells[id]?.status ?? 'failed';
          return paint(color, colorFor(status), SYMBOL[status]);
        }),
      ]);
    }
  }
  out.push(table(matrix, color));
  out.push(
    paint(
      color,
      2,
      `✓ equal  ✗ differs  – missing  + unexpected  ? unknown  ○ outside envelope  ! failed${options.allFacts ? '' : '   (facts equal everywhere, or only failed or outside an envelope, are folded; --all-facts lists them)'}`,
    ),
  );
  out.push('');

  const details: string[] = [];
  for (const implementation of report.implementations) {
    if (implementation.status === 'failed')
      details.push(`${paint(color, 35, implementation.id)}: ${implementation.failure}`);
    if (implementation.status === 'outside-envelope') {
      details.push(
        `${paint(color, 33, implementation.id)}: outside its envelope: ${implementation.outsideEnvelope.map((v) => `${v.path}: ${v.message}`).join('; ')}`,
      );
    }
    for (const difference of implementation.differences) {
      details.push(
        `${paint(color, 31, implementation.id)} ${difference.fact}: ${difference.status === 'missing' ? 'missing' : difference.status === 'unexpected' ? 'not in the target' : `expected ${formatValue(difference.expected)}, got ${formatValue(difference.actual)}`}`,
      );
    }
    for (const unknown of implementation.unknowns)
      details.push(`${paint(color, 33, implementation.id)} ${unknown.fact}: unknown — ${unknown.why}`);
    for (const note of implementation.notes) details.push(`${implementation.id}: note: ${note}`);
  }
  if (details.length > 0) {
    out.push(paint(color, 1, 'Differences'));
    out.push(...details.map((line) => `  ${line}`));
    out.push('');
  }

  out.push(paint(color, 1, 'Implementations'));
  const summary: string[][] = [
    ['ID', 'CONFORMS', 'RESOURCES', 'OVERHEAD', 'LINES OF CODE', 'SYNTH', 'ENVELOPE', 'TOOL'],
  ];
  for (const implementation of report.implementations) {
    const envelope = implementation.envelope;
    const limits = envelope
      ? `AZ ${envelope.availabilityZones.min}–${envelope.availabilityZones.max ?? '∞'}, NG ≤${envelope.nodeGroups.max ?? '∞'}`
      : '—';
    summary.push([
      implementation.id,
      implementation.conforms
        ? paint(color, 32, 'yes')
        : paint(color, 31, implementation.status === 'compared' ? 'no' : implementation.status),
      String(implementation.resources),
      String(implementation.overhead),
      `${implementation.linesOfCode} (${implementation.sourceFiles} file${implementation.sourceFiles === 1 ? '' : 's'})`,
      formatSynthTime(implementation.synth),
      limits,
      implementation.label,
    ]);
  }
  out.push(table(summary, color));
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
  out.push(table(byKind, color));
  const overhead = report.implementations.filter(
    (implementation) => implementation.overheadResources.length > 0,
  );
  if (overhead.length > 0) {
    out.push('');
    out.push(paint(color, 1, 'Overhead (tool machinery)'));
    for (const implementation of overhead) {
      for (const resource of implementation.overheadResources)
        out.push(`  ${implementation.id}  ${resource.type}  ${resource.reason}`);
    }
  }
  out.push('');
  const compared = report.implementations
    .filter((implementation) => implementation.status === 'compared')
    .map((implementation) => implementation.id);
  if (compared.length > 1) {
    out.push(paint(color, 1, 'Pairwise: facts on which two implementations differ'));
    const pairs: string[][] = [['', ...compared]];
    for (const a of compared)
      pairs.push([
        a,
        ...compared.map((b) => (a === b ? '·' : String(report.comparison.pairwise[a]?.[b]?.differ ?? '?'))),
      ]);
    out.push(table(pairs, color));
    out.push('');
  }
  const verdict = `${report.summary.conforming} of ${report.summary.implementations} implementations build the target as specified (${report.summary.facts} facts each)`;
  out.push(paint(color, report.summary.conforming === report.summary.implementations ? 32 : 31, verdict));
  return `${out.join('\n')}\n`;
}
