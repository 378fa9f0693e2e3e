/**
 * The plan as terminal text, Markdown and JSON: a summary table (with the changes that would fail
 * and the tool machinery counted apart), then every change and why, in the model's order. Each
 * value is one line whatever its source (a YAML or JSON document is shown as its data), a changed
 * list shows the elements added and removed, two long values show where they differ, and every
 * line fits the width it is given, wrapped at spaces as the compare report is.
 */
import { parse as parseYaml } from 'yaml';
import { isUnknown, type Value } from '../model/value.js';
import { markdownTable, paint, textTable, wrapText } from '../report/layout.js';
import { listDelta } from '../report/resource-groups.js';
import { listOf, plural } from '../words.js';
import type {
  ActionCounts,
  ImplementationPlan,
  PlanAction,
  PlanReport,
  PropertyChange,
  ResourceChange,
} from './model.js';

const ACTIONS: readonly PlanAction[] = ['create', 'update', 'replace', 'delete'];
const SIGN: Record<PlanAction, string> = { create: '+', update: '~', replace: '±', delete: '-' };
const COLOR: Record<PlanAction, number> = { create: 32, update: 33, replace: 35, delete: 31 };
/** A change that would fail is marked apart from an informational note. */
const FAILS_MARK = '✗ fails:';
const NOTE_MARK = 'note:';
/** Longest value shown whole; longer ones show the part that differs. */
const VALUE_MAX = 120;

export interface PlanTableOptions {
  readonly color: boolean;
  /** The terminal's width; every line wraps to fit it (default: no limit). */
  readonly width?: number;
}

/** `stack/LogicalId` → LogicalId, a Pulumi URN → its name; Terraform addresses as they are. */
function shortAddress(address: string): string {
  if (address.startsWith('urn:pulumi:')) return address.slice(address.lastIndexOf('::') + 2);
  return address.includes('/') ? address.slice(address.lastIndexOf('/') + 1) : address;
}

/** An Unknown as where it comes from: ‹NatGateway1.Ref›. */
function unknownText(value: Value): string {
  if (!isUnknown(value)) return '';
  const from = value.references.map(
    (reference) =>
      `${shortAddress(reference.address)}${reference.attribute ? `.${reference.attribute}` : ''}`,
  );
  return from.length > 0
    ? `‹${from.slice(0, 3).join(', ')}${from.length > 3 ? ', …' : ''}›`
    : '‹known after deploy›';
}

/**
 * A string that holds a document (a manifest, Helm values: JSON or YAML over several lines) as
 * the data it holds, so it reads on one line; any other multi-line text with its line breaks shown.
 */
function oneLine(text: string): string {
  if (!text.includes('\n')) return text;
  try {
    const parsed = parseYaml(text) as unknown;
    if (parsed !== null && typeof parsed === 'object') return plainText(parsed as Value);
  } catch {
    // Not a document: shown as text.
  }
  return text
    .trim()
    .split(/\s*\n\s*/)
    .join(' ⏎ ');
}

/** Values as text on one line, with Unknowns readable anywhere inside them. */
function plainText(value: Value): string {
  if (isUnknown(value)) return unknownText(value);
  if (Array.isArray(value)) return `[${value.map(plainText).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}: ${plainText(item)}`)
      .join(', ')}}`;
  return typeof value === 'string' ? oneLine(value) : JSON.stringify(value);
}

function valueText(value: Value | null): string {
  return value === null ? '(absent)' : plainText(value);
}

/**
 * Two values that differ, as short as they can be and still show how: whole when short, else the
 * part around the first and last difference, each cut marked with "…" — never two prefixes that
 * look the same.
 */
export function differingTexts(before: string, after: string, max = VALUE_MAX): [string, string] {
  if ([...before].length <= max && [...after].length <= max) return [before, after];
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  // From a little before the first difference, as much as fits: where the two part ways.
  const context = 24;
  const from = Math.max(0, start - context);
  const cut = (chars: string[]) => {
    const to = Math.min(chars.length, from + Math.floor(max / 2));
    return `${from > 0 ? '…' : ''}${chars.slice(from, to).join('')}${to < chars.length ? '…' : ''}`;
  };
  return [cut(a), cut(b)];
}

/** The values of a property change: elements added and removed for a list, else before → after. */
function valuesText(change: PropertyChange): string {
  if (change.source === 'cascade') return 'gets a new value';
  const added = change.added ?? [];
  const removed = change.removed ?? [];
  const delta =
    change.added || change.removed
      ? { added, removed }
      : Array.isArray(change.before) && Array.isArray(change.after)
        ? listDelta(change.before, change.after)
        : undefined;
  if (delta && (delta.added.length > 0 || delta.removed.length > 0)) {
    return [
      delta.added.length > 0 ? `added ${delta.added.map(plainText).join(', ')}` : '',
      delta.removed.length > 0 ? `removed ${delta.removed.map(plainText).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  }
  const [before, after] = differingTexts(valueText(change.before), valueText(change.after));
  return `${before} → ${after}`;
}

function changeText(change: PropertyChange): string {
  return `${change.path}: ${valuesText(change)} — ${change.replaces ? 'replaces: ' : ''}${change.why}`;
}

/** Whether a change fails at deploy, and why (the failure, or the note of a plan made before `failure` existed). */
function failureOf(change: ResourceChange): string | undefined {
  if (!change.fails) return undefined;
  return change.failure ?? change.note ?? 'the tool would refuse this change';
}

/** The informational note, unless it only repeats why the change fails. */
function noteOf(change: ResourceChange): string | undefined {
  if (!change.note) return undefined;
  return change.fails && !change.failure ? undefined : change.note;
}

function failingChanges(plan: ImplementationPlan): number {
  return plan.changes.filter((change) => change.fails).length;
}

function planFails(plan: ImplementationPlan): boolean {
  return plan.fails === true || failingChanges(plan) > 0;
}

function statusText(plan: ImplementationPlan): string {
  return plan.status === 'planned' ? '' : `${plan.status}: ${plan.detail ?? ''}`;
}

function total(counts: ActionCounts | undefined): number {
  return counts ? ACTIONS.reduce((sum, action) => sum + counts[action], 0) : 0;
}

function hasMachineryCounts(report: PlanReport): boolean {
  return report.implementations.some((plan) => plan.machineryCounts !== undefined);
}

function summaryHeader(report: PlanReport, first = 'IMPLEMENTATION'): string[] {
  return [
    first,
    'CREATE',
    'UPDATE',
    'REPLACE',
    'DELETE',
    'FAILS',
    ...(hasMachineryCounts(report) ? ['MACHINERY'] : []),
  ];
}

function summaryRows(report: PlanReport, color: boolean): string[][] {
  const machinery = hasMachineryCounts(report);
  return report.implementations.map((plan) => {
    const planned = plan.status === 'planned';
    const failing = failingChanges(plan);
    return [
      plan.id,
      ...ACTIONS.map((action) => (planned ? String(plan.counts[action]) : '—')),
      planned ? (failing > 0 ? paint(color, 31, `✗ ${failing}`) : '0') : '—',
      ...(machinery ? [planned ? String(total(plan.machineryCounts)) : '—'] : []),
    ];
  });
}

function resourceLabel(change: ResourceChange): string {
  const machinery = change.role === 'overhead' ? ' (tool machinery)' : '';
  return `${change.nativeType} ${change.displayName}${machinery}`;
}

/** "create first" / "delete first" for a replace, when the plan says (and why, when it says). */
function orderText(change: ResourceChange): string {
  if (change.action !== 'replace' || !change.replacementOrder) return '';
  const order = change.replacementOrder === 'create-first' ? 'create first' : 'delete first';
  return change.replacementOrderWhy ? `${order}: ${change.replacementOrderWhy}` : order;
}

export function hasChanges(report: PlanReport): boolean {
  return report.implementations.some((plan) => plan.changes.length > 0);
}

/** Implementations the plan could not cover, with why: never summarised as "no changes". */
export function notPlanned(report: PlanReport): readonly ImplementationPlan[] {
  return report.implementations.filter((plan) => plan.status !== 'planned');
}

/** The last line: what changes, what would fail, and what was not planned at all. */
export function planSummary(report: PlanReport): string {
  const missing = notPlanned(report);
  const planned = report.implementations.length - missing.length;
  const changing = report.implementations.filter((plan) => plan.changes.length > 0);
  const failing = changing.filter(planFails);
  const gaps =
    missing.length > 0
      ? `; not planned: ${missing.map((plan) => `${plan.id} (${plan.status})`).join(', ')}`
      : '';
  const of = `of ${plural(planned, 'planned implementation')}`;
  if (failing.length > 0) {
    const succeeding = changing.length - failing.length;
    const which = failing.map((plan) => `${plan.id} (${plural(failingChanges(plan) || 1, 'change')})`);
    return `${failing.length} ${of} would fail to apply this change: ${listOf(which)}${succeeding > 0 ? `; ${succeeding} ${succeeding === 1 ? 'applies' : 'apply'} it` : ''}${gaps}`;
  }
  if (changing.length > 0)
    return `${changing.length} ${of} ${changing.length === 1 ? 'changes' : 'change'} something${gaps}`;
  if (missing.length === 0)
    return 'No changes: every implementation would leave the infrastructure as it is.';
  return planned > 0
    ? `No changes in the ${plural(planned, 'planned implementation')}${gaps}`
    : `Nothing planned${gaps}`;
}

function attributeLines(change: ResourceChange): string[] {
  return Object.entries(change.attributes ?? {}).map(([key, value]) => {
    const text = valueText(value);
    return `${key} = ${[...text].length > VALUE_MAX ? `${[...text].slice(0, VALUE_MAX - 1).join('')}…` : text}`;
  });
}

export function renderPlanTable(report: PlanReport, options: PlanTableOptions): string {
  const { color, width } = options;
  const out: string[] = [];
  const line = (text: string, indent = '    ') => out.push(wrapText(text, width, indent));
  line(paint(color, 1, `iac-compare plan · ${report.target.name}`));
  line(
    paint(
      color,
      2,
      `baseline: ${report.baseline.source} (target ${report.baseline.target}) → now: ${report.target.file}`,
    ),
  );
  out.push('');
  const failing = report.implementations.some(planFails);
  line(paint(color, failing ? 31 : 1, planSummary(report)), '  ');
  out.push('');
  out.push(
    textTable([summaryHeader(report, 'ID'), ...summaryRows(report, color)], color, true, {
      width,
      fixed: [1, 2, 3, 4, 5, 6],
    }),
  );
  for (const plan of notPlanned(report)) line(`  ${plan.id}: ${statusText(plan)}`, '      ');
  out.push('');
  for (const plan of report.implementations) {
    if (plan.changes.length === 0) continue;
    out.push(paint(color, 1, plan.id));
    for (const note of plan.notes ?? []) line(`  ${paint(color, 2, `${NOTE_MARK} ${note}`)}`, '    ');
    for (const change of plan.changes) {
      const order = orderText(change);
      const failure = failureOf(change);
      line(
        `  ${paint(color, COLOR[change.action], `${SIGN[change.action]} ${change.action.padEnd(8)}`)} ${resourceLabel(change)}${order ? ` (${order})` : ''}${failure ? `  ${paint(color, 31, '✗ fails')}` : ''}`,
        '           ',
      );
      for (const property of change.changes) line(`      ${changeText(property)}`, '    ');
      for (const attribute of attributeLines(change)) line(`      ${paint(color, 2, attribute)}`, '    ');
      if (failure) line(`      ${paint(color, 31, `${FAILS_MARK} ${failure}`)}`, '    ');
      const note = noteOf(change);
      if (note) line(`      ${paint(color, 2, `${NOTE_MARK} ${note}`)}`, '    ');
    }
    out.push('');
  }
  line(paint(color, failing ? 31 : 1, planSummary(report)), '  ');
  return `${out.join('\n')}\n`;
}

export function renderPlanMarkdown(report: PlanReport): string {
  const machinery = hasMachineryCounts(report);
  const out: string[] = [
    '<!-- written by iac-compare plan: regenerate it rather than edit it -->',
    `# iac-compare plan: ${report.target.name}`,
    '',
    `Baseline \`${report.baseline.source}\` (target \`${report.baseline.target}\`) → \`${report.target.file}\`.`,
    '',
    `**${planSummary(report)}.**`,
    '',
    ...markdownTable(
      [
        'Implementation',
        'Create',
        'Update',
        'Replace',
        'Delete',
        'Fails',
        ...(machinery ? ['Machinery'] : []),
        'Note',
      ],
      summaryRows(report, false).map((row, index) => [...row, statusText(report.implementations[index]!)]),
    ),
    '',
  ];
  for (const plan of report.implementations) {
    if (plan.changes.length === 0) continue;
    out.push(`## ${plan.id}`, '');
    if (plan.notes?.length) out.push(...plan.notes.map((note) => `- _${NOTE_MARK}_ ${note}`), '');
    const rows = plan.changes.flatMap((change) => {
      const properties = change.changes.length > 0 ? change.changes : [undefined];
      const order = orderText(change);
      const failure = failureOf(change);
      const note = noteOf(change);
      return properties.map((property, index) => [
        index === 0 ? `${SIGN[change.action]} ${change.action}${order ? ` (${order})` : ''}` : '',
        index === 0
          ? `\`${change.displayName}\` ${change.nativeType}${change.role === 'overhead' ? ' (tool machinery)' : ''}`
          : '',
        [
          property ? changeText(property) : '',
          index === 0 && change.attributes ? attributeLines(change).join('<br>') : '',
          index === 0 && failure ? `**${FAILS_MARK} ${failure}**` : '',
          index === 0 && note ? `_${NOTE_MARK}_ ${note}` : '',
        ]
          .filter(Boolean)
          .join(' '),
      ]);
    });
    out.push(...markdownTable(['Action', 'Resource', 'Change and why'], rows), '');
  }
  return `${out.join('\n')}\n`;
}

export function renderPlanJson(report: PlanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
