/**
 * Topologies from the reports: what each implementation builds, as model items with a mark. A
 * compare report gives the items from its resource diff (which implementation has which item, and
 * where it declares it) and the fact matrix (how each item compares with the target); a plan gives
 * them from the items it records per implementation (plan/items.ts) and its changes.
 */
import { itemOf } from '../../compare/facts.js';
import type { ImplementationPlan, PlanAction, PlanReport, ResourceChange } from '../../plan/model.js';
import { formatValue } from '../format-value.js';
import { machineryLabelOf } from '../glance.js';
import type { CompareReport, ImplementationReport } from '../model.js';
import type { ApartResource, ItemState, Mark, Topology } from './model.js';

type CompareData = Omit<CompareReport, 'glance'>;

/** How bad a mark is, for the worst of several: a node folding several items shows the worst. */
const SEVERITY: readonly Mark[] = [
  'equal',
  'unchanged',
  'outside',
  'update',
  'create',
  'unexpected',
  'unknown',
  'delete',
  'replace',
  'absent',
  'differs',
  'fails',
];

export function worstMark(marks: readonly Mark[]): Mark {
  let worst: Mark = marks[0] ?? 'equal';
  for (const mark of marks) if (SEVERITY.indexOf(mark) > SEVERITY.indexOf(worst)) worst = mark;
  return worst;
}

/**
 * Every item of the comparison: the target's (from the fact rows) and every one an implementation
 * builds. An item only some build is absent in the others; one the target lacks is marked by its
 * facts' `unexpected` cells.
 */
function compareItems(report: CompareData): string[] {
  const all = new Set([...report.comparison.rows.map((row) => itemOf(row.key))]);
  for (const item of report.resourceDiff.items) all.add(item.identity);
  return [...all].sort();
}

function noteFor(implementation: ImplementationReport): string | undefined {
  if (implementation.status === 'outside-envelope')
    return `not built: the target is outside its envelope (${implementation.outsideEnvelope.map((violation) => violation.path).join(', ')})`;
  if (implementation.status === 'failed') return `not drawn: ${implementation.failure ?? 'it failed'}`;
  return undefined;
}

function compareTopology(
  report: CompareData,
  implementation: ImplementationReport,
  items: readonly string[],
): Topology {
  const id = implementation.id;
  const note = noteFor(implementation);
  if (note) return { id, label: implementation.label, note, items: {}, routes: {}, apart: [] };
  const presence = new Map(report.resourceDiff.items.map((item) => [item.identity, item.in[id]]));
  const rowsByItem = new Map<string, CompareData['comparison']['rows'][number][]>();
  for (const row of report.comparison.rows) {
    const item = itemOf(row.key);
    rowsByItem.set(item, [...(rowsByItem.get(item) ?? []), row]);
  }
  const states: Record<string, ItemState> = {};
  for (const identity of items) {
    const here = presence.get(identity);
    const rows = rowsByItem.get(identity) ?? [];
    const cells = rows.map((row) => ({ row, cell: row.cells[id] }));
    const detail: string[] = [];
    const marks: Mark[] = [];
    for (const { row, cell } of cells) {
      if (!cell || cell.status === 'equal') continue;
      if (cell.status === 'outside-envelope') marks.push('outside');
      else if (cell.status === 'unknown') {
        marks.push('unknown');
        detail.push(`${row.key}: unknown (${cell.why})`);
      } else if (cell.status === 'differs') {
        marks.push('differs');
        detail.push(`${row.key}: ${formatValue(cell.actual)}, the target says ${formatValue(row.expected)}`);
      } else if (cell.status === 'missing') {
        marks.push('differs');
        detail.push(`${row.key}: missing (the target says ${formatValue(row.expected)})`);
      } else if (cell.status === 'unexpected') {
        marks.push('unexpected');
        detail.push(`${row.key}: ${formatValue(cell.actual)}, not in the target`);
      } else if (cell.status === 'failed') marks.push('differs');
    }
    const location = here?.file ? `${here.file}${here.line ? `:${here.line}` : ''}` : undefined;
    let mark: Mark;
    if (!here) {
      if (marks.includes('outside') && !marks.some((m) => m !== 'outside')) mark = 'outside';
      else mark = 'absent';
    } else mark = worstMark(['equal', ...marks.filter((m) => m !== 'outside')]);
    states[identity] = { mark, detail, ...(location ? { location } : {}) };
  }
  const routes: Record<string, string> = {};
  for (const row of report.comparison.rows) {
    const match = /^subnet\[([^\]]+)\]\.defaultRoute$/.exec(row.key);
    const cell = row.cells[id];
    if (!match || !cell) continue;
    if (cell.status === 'equal') routes[match[1]!] = String(row.expected);
    else if (cell.status === 'differs' || cell.status === 'unexpected')
      routes[match[1]!] = String(cell.actual);
  }
  const apart: ApartResource[] = [
    ...implementation.overheadResources.map((resource) => ({
      address: resource.address,
      type: resource.type,
      group: machineryLabelOf(resource.type, resource.reason),
      mark: 'equal' as const,
      detail: [resource.reason],
    })),
    ...implementation.ledger.unaccounted.map((entry) => ({
      address: entry.address,
      type: entry.nativeType,
      group: 'unaccounted',
      mark: 'unexpected' as const,
      detail: [entry.reason ?? entry.displayName],
    })),
  ];
  return { id, label: implementation.label, items: states, routes, apart };
}

/** One topology per implementation of a compare (or check) report. */
export function compareTopologies(report: CompareData): Topology[] {
  const items = compareItems(report);
  return report.implementations.map((implementation) => compareTopology(report, implementation, items));
}

const ACTION_MARK: Readonly<Record<PlanAction, Mark>> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
};

/** One change in words, for the hover text: "replace (create first): CidrBlock → 10.40.16.0/20 (derived: …)". */
export function describeChange(change: ResourceChange): string[] {
  const order =
    change.replacementOrder === 'create-first'
      ? ' (create first)'
      : change.replacementOrder === 'delete-first'
        ? ' (delete first)'
        : '';
  const lines = [`${change.action}${order}: ${change.displayName}`];
  for (const property of change.changes.slice(0, 4))
    lines.push(
      `  ${property.path}: ${formatValue(property.before, 40)} → ${formatValue(property.after, 40)}${property.replaces ? ' (replaces)' : ''} — ${property.why}`,
    );
  if (change.changes.length > 4) lines.push(`  and ${change.changes.length - 4} more properties`);
  if (change.fails) lines.push(`  fails: ${change.failure ?? change.note ?? ''}`);
  else if (change.note) lines.push(`  note: ${change.note}`);
  return lines;
}

function planTopology(plan: ImplementationPlan): Topology {
  if (plan.status !== 'planned' || !plan.items)
    return {
      id: plan.id,
      label: plan.label,
      note:
        plan.status === 'planned'
          ? 'no diagram: the plan does not record its items'
          : `not planned (${plan.status}): ${plan.detail ?? ''}`,
      items: {},
      routes: {},
      apart: [],
    };
  const byItem = new Map<string, ResourceChange[]>();
  const apart: ApartResource[] = [];
  for (const change of plan.changes) {
    if (change.item && change.role === 'core')
      byItem.set(change.item, [...(byItem.get(change.item) ?? []), change]);
    else
      apart.push({
        address: change.address,
        type: change.nativeType,
        group: change.role === 'overhead' ? machineryLabelOf(change.nativeType, '') : 'not in the model',
        mark: change.fails ? 'fails' : ACTION_MARK[change.action],
        detail: describeChange(change),
      });
  }
  const items: Record<string, ItemState> = {};
  for (const identity of Object.keys(plan.items)) {
    const changes = byItem.get(identity) ?? [];
    const marks = changes.map((change) => (change.fails ? 'fails' : ACTION_MARK[change.action]));
    items[identity] = {
      mark: worstMark(['unchanged', ...marks]),
      detail: changes.flatMap(describeChange),
    };
  }
  return { id: plan.id, label: plan.label, items, routes: plan.routes ?? {}, apart };
}

/** One topology per implementation of a plan. */
export function planTopologies(report: PlanReport): Topology[] {
  return report.implementations.map(planTopology);
}

/** Labels the target gives items (the same in every diagram): subnet CIDRs, the cluster's version. */
export function targetDetails(report: CompareData): Record<string, string> {
  const details: Record<string, string> = {};
  for (const row of report.comparison.rows) {
    if (!row.inTarget || typeof row.expected !== 'string') continue;
    const cidr = /^(subnet\[[^\]]+\]|vpc)\.cidr$/.exec(row.key);
    if (cidr) details[cidr[1]!] = row.expected;
    if (row.key === 'cluster.version') details.cluster = `Kubernetes ${row.expected}`;
  }
  return details;
}
