/**
 * What changed since the previous answer, first: a few lines a person reads before the report.
 * Only the report's stable parts are read (implementations' status, verdict, differences,
 * findings, resource counts; the target's facts; a plan's changes), so a renderer's changes never
 * break it.
 */
import type { CompareReport, PlanReport, Value } from '@iac-compare/harness';

const MAX_LINES = 12;

function text(value: Value | null | undefined): string {
  if (value === null || value === undefined) return 'nothing';
  if (
    typeof value === 'object' &&
    value !== null &&
    'describe' in value &&
    typeof value.describe === 'function'
  )
    return `(${(value as { describe(): string }).describe()})`;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

/** `key: before → after`, narrowed to the first differing field when both are objects. */
function change(key: string, before: Value | null, after: Value | null, depth = 0): string {
  const isObject = (value: Value | null): value is { readonly [key: string]: Value } =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && !('describe' in value);
  if (depth < 4 && isObject(before) && isObject(after)) {
    const field = [...new Set([...Object.keys(before), ...Object.keys(after)])].find(
      (name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]),
    );
    if (field !== undefined)
      return change(`${key}.${field}`, before[field] ?? null, after[field] ?? null, depth + 1);
  }
  return `${key}: ${text(before)} → ${text(after)}`;
}

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `… and ${lines.length - MAX_LINES + 1} more`];
}

type ImplementationView = CompareReport['implementations'][number];

function verdictOf(implementation: ImplementationView): string {
  if (implementation.status === 'failed') return `fails: ${implementation.failure ?? 'failed'}`;
  if (implementation.status === 'outside-envelope') return 'is outside its envelope';
  return implementation.conforms ? 'conforms' : 'does not conform';
}

/** Lines saying how `current` differs from `previous` (empty: the same answer). */
export function compareSince(previous: CompareReport, current: CompareReport): string[] {
  const lines: string[] = [];
  const before = new Map(previous.comparison.rows.map((row) => [row.key, row]));
  const targetChanges: string[] = [];
  for (const row of current.comparison.rows) {
    if (!row.inTarget) continue;
    const old = before.get(row.key);
    if (!old?.inTarget) targetChanges.push(`${row.key}: now in the target (${text(row.expected)})`);
    else if (JSON.stringify(old.expected) !== JSON.stringify(row.expected))
      targetChanges.push(change(row.key, old.expected, row.expected));
  }
  const now = new Set(current.comparison.rows.filter((row) => row.inTarget).map((row) => row.key));
  for (const row of previous.comparison.rows)
    if (row.inTarget && !now.has(row.key)) targetChanges.push(`${row.key}: no longer in the target`);
  if (targetChanges.length > 0) {
    lines.push(
      targetChanges.length === 1
        ? `target: ${targetChanges[0]}`
        : `target: ${targetChanges.length} facts changed, e.g. ${targetChanges[0]}`,
    );
  }
  const previousById = new Map(
    previous.implementations.map((implementation) => [implementation.id, implementation]),
  );
  for (const implementation of current.implementations) {
    const old = previousById.get(implementation.id);
    const id = implementation.id;
    if (!old) {
      lines.push(`${id}: ${verdictOf(implementation)}`);
      continue;
    }
    const verdict = verdictOf(implementation);
    if (verdictOf(old) !== verdict) lines.push(`${id}: ${verdictOf(old).split(':')[0]} → ${verdict}`);
    // Differences and findings only between two answers that both compared it.
    if (old.status !== 'compared' || implementation.status !== 'compared') continue;
    const key = (difference: ImplementationView['differences'][number]) =>
      `${difference.fact}\u0000${difference.status}\u0000${JSON.stringify(difference.actual)}`;
    const oldDifferences = new Set(old.differences.map(key));
    const newDifferences = new Set(implementation.differences.map(key));
    for (const difference of implementation.differences) {
      if (oldDifferences.has(key(difference))) continue;
      lines.push(
        `${id}: + ${difference.fact} ${difference.status === 'differs' ? `is ${text(difference.actual)} (target ${text(difference.expected)})` : difference.status}`,
      );
    }
    for (const difference of old.differences) {
      if (newDifferences.has(key(difference))) continue;
      lines.push(`${id}: − ${difference.fact} (no longer differs)`);
    }
    const findingKey = (finding: ImplementationView['findings'][number]) =>
      `${finding.severity}\u0000${finding.rule}\u0000${finding.subject ?? ''}\u0000${finding.message}`;
    const oldFindings = new Set(old.findings.map(findingKey));
    const newFindings = new Set(implementation.findings.map(findingKey));
    const added = implementation.findings.filter((finding) => !oldFindings.has(findingKey(finding)));
    const gone = old.findings.filter((finding) => !newFindings.has(findingKey(finding)));
    for (const finding of added.slice(0, 3))
      lines.push(
        `${id}: + ${finding.severity} ${finding.rule}${finding.subject ? ` on ${finding.subject}` : ''}`,
      );
    if (added.length > 3) lines.push(`${id}: + ${added.length - 3} more findings`);
    if (gone.length > 0) lines.push(`${id}: − ${gone.length} finding${gone.length === 1 ? '' : 's'} gone`);
    if (old.resources !== implementation.resources)
      lines.push(`${id}: ${old.resources} → ${implementation.resources} resources`);
  }
  return capped(lines);
}

/** Lines saying how a plan differs from the previous one. */
export function planSince(previous: PlanReport, current: PlanReport): string[] {
  const lines: string[] = [];
  const previousById = new Map(previous.implementations.map((plan) => [plan.id, plan]));
  for (const plan of current.implementations) {
    const old = previousById.get(plan.id);
    if (!old) continue;
    if (old.status !== plan.status) {
      lines.push(`${plan.id}: ${old.status} → ${plan.status}${plan.detail ? ` (${plan.detail})` : ''}`);
      continue;
    }
    const key = (change: (typeof plan.changes)[number]) =>
      `${change.action} ${change.displayName || change.address}`;
    const signature = (change: (typeof plan.changes)[number]) =>
      JSON.stringify([change.action, change.changes.map((property) => [property.path, property.after])]);
    const oldChanges = new Map(old.changes.map((change) => [change.address, change]));
    const newChanges = new Map(plan.changes.map((change) => [change.address, change]));
    for (const change of plan.changes) {
      const before = oldChanges.get(change.address);
      if (!before) lines.push(`${plan.id}: + ${key(change)}`);
      else if (signature(before) !== signature(change)) lines.push(`${plan.id}: ~ ${key(change)} (changed)`);
    }
    for (const change of old.changes)
      if (!newChanges.has(change.address)) lines.push(`${plan.id}: − ${key(change)} (no longer planned)`);
  }
  return capped(lines);
}
