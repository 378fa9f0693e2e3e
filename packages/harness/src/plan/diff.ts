/**
 * What changed between two versions of one resource's properties, as leaf changes. Objects are
 * walked key by key; lists of objects of the same length item by item; any other list that differs
 * is one change (a list of IDs that gained an item changed as a whole, as the tools report it).
 */
import { isUnknown, isValueObject, type Value } from '../model/value.js';

export type PathStep = string | number;

export interface RawChange {
  readonly path: readonly PathStep[];
  readonly before: Value | undefined;
  readonly after: Value | undefined;
}

function referencesKey(value: Value): string {
  if (!isUnknown(value)) return '';
  return `${value.reason}|${value.references
    .map((reference) => `${reference.address}#${reference.attribute ?? ''}`)
    .sort()
    .join(',')}`;
}

/** Deep equality; two Unknowns are equal when they come from the same references. */
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
