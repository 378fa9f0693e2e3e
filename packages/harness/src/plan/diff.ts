/**
 * What changed between two versions of one resource's properties, as leaf changes. Objects are
 * walked key by key; lists of objects of the same length item by item; any other list that differs
 * is one change (a list of IDs that gained an item changed as a whole, as the tools report it).
 */
import { DEPENDS_ON_ATTRIBUTE } from '../canonical/resource-view.js';
import { isUnknown, isValueObject, type Reference, type Value } from '../model/value.js';

export type PathStep = string | number;

export interface RawChange {
  readonly path: readonly PathStep[];
  readonly before: Value | undefined;
  readonly after: Value | undefined;
}

/**
 * The references an Unknown's value comes from: ordering-only ones (a Terraform output's
 * depends_on, marked DEPENDS_ON_ATTRIBUTE) say what it waited for, not what it is, so they are left
 * out — unless nothing else is known about it.
 */
export function valueReferences(value: Value): readonly Reference[] {
  if (!isUnknown(value)) return [];
  const own = value.references.filter((reference) => reference.attribute !== DEPENDS_ON_ATTRIBUTE);
  return own.length > 0 ? own : value.references;
}

function referencesKey(value: Value): string {
  if (!isUnknown(value)) return '';
  return `${value.reason}|${[
    ...new Set(valueReferences(value).map((r) => `${r.address}#${r.attribute ?? ''}`)),
  ]
    .sort()
    .join(',')}`;
}

/**
 * Deep equality. Two Unknowns are equal when they come from the same resource attributes, whatever
 * else they waited for: a subnet ID that now waits for other routes is the same subnet ID.
 */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (isUnknown(a) || isUnknown(b))
    return isUnknown(a) && isUnknown(b) && referencesKey(a) === referencesKey(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameValue(item, b[index]))
    );
  }
  if (isValueObject(a) && isValueObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

const isPlainObject = (value: Value | undefined): boolean =>
  value !== undefined && value !== null && isValueObject(value) && !isUnknown(value);

export function diffValues(
  before: Value | undefined,
  after: Value | undefined,
  path: readonly PathStep[] = [],
  out: RawChange[] = [],
): RawChange[] {
  if (sameValue(before, after)) return out;
  if (isPlainObject(before) && isPlainObject(after)) {
    const b = before as Record<string, Value>;
    const a = after as Record<string, Value>;
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort())
      diffValues(b[key], a[key], [...path, key], out);
    return out;
  }
  if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    before.length === after.length &&
    before.some(isPlainObject)
  ) {
    before.forEach((item, index) => {
      diffValues(item, after[index], [...path, index], out);
    });
    return out;
  }
  out.push({ path, before, after });
  return out;
}

export function formatPath(path: readonly PathStep[]): string {
  return path.reduce<string>(
    (text, step) => (typeof step === 'number' ? `${text}[${step}]` : text ? `${text}.${step}` : step),
    '',
  );
}

/** The value at `path`, or undefined where a step is missing. */
export function valueAt(value: Value | undefined, path: readonly PathStep[]): Value | undefined {
  let current = value;
  for (const step of path) {
    if (current === undefined || current === null || isUnknown(current)) return undefined;
    if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
    else current = isValueObject(current) ? current[step] : undefined;
  }
  return current;
}

/** What `after` adds to `before` and drops from it, element by element (either may be absent). */
export function listDelta(
  before: Value | undefined,
  after: Value | undefined,
): { added: Value[]; removed: Value[] } | undefined {
  const isList = (value: Value | undefined) => value === undefined || value === null || Array.isArray(value);
  if (!isList(before) || !isList(after) || (!Array.isArray(before) && !Array.isArray(after)))
    return undefined;
  const from = (Array.isArray(before) ? before : []) as readonly Value[];
  const to = (Array.isArray(after) ? after : []) as readonly Value[];
  return {
    added: to.filter((item) => !from.some((other) => sameValue(item, other))),
    removed: from.filter((item) => !to.some((other) => sameValue(item, other))),
  };
}
