/** The plan as terminal text, Markdown and JSON: a summary table, then every change and why. */
import { isUnknown, type Value } from '../model/value.js';
import { markdownTable, paint, textTable } from '../report/layout.js';
import type { ImplementationPlan, PlanAction, PlanReport, PropertyChange, ResourceChange } from './model.js';

const ACTIONS: readonly PlanAction[] = ['create', 'update', 'replace', 'delete'];
const SIGN: Record<PlanAction, string> = { create: '+', update: '~', replace: '±', delete: '-' };
const COLOR: Record<PlanAction, number> = { create: 32, update: 33, replace: 35, delete: 31 };

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

/** Values as text with Unknowns readable anywhere inside them. */
function plainText(value: Value): string {
  if (isUnknown(value)) return unknownText(value);
  if (Array.isArray(value)) return `[${value.map(plainText).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}: ${plainText(item)}`)
      .join(', ')}}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function valueText(value: Value | null): string {
  if (value === null) return '(absent)';
  const text = plainText(value);
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

function changeText(change: PropertyChange): string {
  const values =
    change.source === 'cascade'
      ? 'gets a new value'
      : `${valueText(change.before)} → ${valueText(change.after)}`;
  return `${change.path}: ${values} — ${change.replaces ? 'replaces: ' : ''}${change.why}`;
}

function statusText(plan: ImplementationPlan): string {
  return plan.status === 'planned' ? '' : `${plan.status}: ${plan.detail ?? ''}`;
}

function failingCount(plan: ImplementationPlan): number {
  return plan.changes.filter((change) => change.fails).length;
}

function summaryRows(report: PlanReport): string[][] {
  return report.implementations.map((plan) => [
    plan.id,
    ...ACTIONS.map((action) => (plan.status === 'planned' ? String(plan.counts[action]) : '—')),
    plan.status === 'planned' ? String(failingCount(plan)) : '—',
    statusText(plan),
  ]);
}

function resourceLabel(change: ResourceChange): string {
  const machinery = change.role === 'overhead' ? ' (tool machinery)' : '';
  return `${change.nativeType} ${change.displayName}${machinery}`;
}

export function hasChanges(report: PlanReport): boolean {
  return report.implementations.some((plan) => plan.changes.length > 0);
}

/** Implementations the plan could not cover, with why: never summarised as "no changes". */
export function notPlanned(report: PlanReport): readonly ImplementationPlan[] {
  return report.implementations.filter((plan) => plan.status !== 'planned');
}

/** The last line: what changes, and what was not planned at all. */
export function planSummary(report: PlanReport): string {
  const missing = notPlanned(report);
  const changing = report.implementations.filter((plan) => plan.changes.length > 0).length;
  const planned = report.implementations.length - missing.length;
  const failing = report.implementations.filter((plan) => plan.fails).map((plan) => plan.id);
  const gaps =
    missing.length > 0
      ? `; not planned: ${missing.map((plan) => `${plan.id} (${plan.status})`).join(', ')}`
      : '';
  if (failing.length > 0)
    return `${failing.length} of ${planned} planned implementations would fail: ${failing.join(', ')}${gaps}`;
  if (changing > 0) return `${changing} of ${planned} planned implementations change something${gaps}`;
  if (missing.length === 0)
    return 'No changes: every implementation would leave the infrastructure as it is.';
  return planned > 0
    ? `No changes in the ${planned} planned implementation${planned === 1 ? '' : 's'}${gaps}`
    : `Nothing planned${gaps}`;
}

function attributeLines(change: ResourceChange): string[] {
  return Object.entries(change.attributes ?? {}).map(([key, value]) => `${key} = ${valueText(value)}`);
}

export function renderPlanTable(report: PlanReport, options: { color: boolean }): string {
  const { color } = options;
  const out: string[] = [
    paint(color, 1, `iac-compare plan · ${report.target.name}`),
    paint(
      color,
      2,
      `baseline: ${report.baseline.source} (target ${report.baseline.target}) → now: ${report.target.file}`,
    ),
    '',
    textTable(
      [['IMPLEMENTATION', 'CREATE', 'UPDATE', 'REPLACE', 'DELETE', 'FAILS', ''], ...summaryRows(report)],
      color,
    ),
    '',
  ];
  for (const plan of report.implementations) {
    if (plan.changes.length === 0) continue;
    out.push(paint(color, 1, plan.id));
    for (const change of plan.changes) {
      out.push(
        `  ${paint(color, COLOR[change.action], `${SIGN[change.action]} ${change.action.padEnd(7)}`)} ${resourceLabel(change)}`,
      );
      for (const property of change.changes) out.push(`      ${changeText(property)}`);
      for (const line of attributeLines(change)) out.push(`      ${paint(color, 2, line)}`);
      if (change.failure) out.push(`      ${paint(color, 31, `✗ fails: ${change.failure}`)}`);
      if (change.note) out.push(`      ${paint(color, 33, `! ${change.note}`)}`);
    }
    out.push('');
  }
  out.push(planSummary(report));
  return `${out.join('\n')}\n`;
}

export function renderPlanMarkdown(report: PlanReport): string {
  const out: string[] = [
    '<!-- written by iac-compare plan: regenerate it rather than edit it -->',
    `# iac-compare plan: ${report.target.name}`,
    '',
    `Baseline \`${report.baseline.source}\` (target \`${report.baseline.target}\`) → \`${report.target.file}\`.`,
    '',
    ...markdownTable(
      ['Implementation', 'Create', 'Update', 'Replace', 'Delete', 'Fails', 'Note'],
      summaryRows(report),
    ),
    '',
  ];
  for (const plan of report.implementations) {
    if (plan.changes.length === 0) continue;
    out.push(`## ${plan.id}`, '');
    const rows = plan.changes.flatMap((change) => {
      const properties = change.changes.length > 0 ? change.changes : [undefined];
      return properties.map((property, index) => [
        index === 0 ? `${SIGN[change.action]} ${change.action}` : '',
        index === 0
          ? `\`${change.displayName}\` ${change.nativeType}${change.role === 'overhead' ? ' (tool machinery)' : ''}`
          : '',
        [
          property ? changeText(property) : '',
          index === 0 && change.attributes ? attributeLines(change).join('<br>') : '',
          index === 0 && change.failure ? `**✗ fails: ${change.failure}**` : '',
          index === 0 && change.note ? `_${change.note}_` : '',
        ]
          .filter(Boolean)
          .join(' '),
      ]);
    });
    out.push(...markdownTable(['Action', 'Resource', 'Change and why'], rows), '');
  }
  out.push(`**${planSummary(report)}**`);
  return `${out.join('\n')}\n`;
}

export function renderPlanJson(report: PlanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
