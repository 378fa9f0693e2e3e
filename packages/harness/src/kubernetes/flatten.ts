/**
 * A canonical object → facts, one per leaf: `spec.template.spec.containers[app].image`. Lists of
 * named items (containers, ports, env, volumes …) are keyed by name, so an order that means
 * nothing does not show as a difference, and an added container is one new fact, not a shift.
 * Maps whose keys are data (labels, ConfigMap data, selectors, resource quantities) are one fact.
 */
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import { isDataMap } from './data-maps.js';

function namedItems(list: readonly Value[]): string[] | undefined {
  const names = list.map((item) =>
    isValueObject(item) && typeof item.name === 'string' ? item.name : undefined,
  );
  if (names.some((name) => name === undefined)) return undefined;
  return new Set(names).size === names.length ? (names as string[]) : undefined;
}

export function flattenObject(
  value: Value,
  prefix: string,
  out: Map<string, Value>,
  key?: string,
  depth = 0,
): void {
  if (depth > 48 || isUnknown(value) || (!isValueObject(value) && !Array.isArray(value))) {
    out.set(prefix, value);
    return;
  }
  if (key !== undefined && isDataMap(key, value)) {
    out.set(prefix, value);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every((item) => isValueObject(item))) {
      out.set(prefix, value);
      return;
    }
    const names = namedItems(value);
    for (const [index, item] of value.entries()) {
      flattenObject(item, `${prefix}[${names ? names[index] : index}]`, out, undefined, depth + 1);
    }
    return;
  }
  const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) {
    out.set(prefix, {});
    return;
  }
  for (const [childKey, child] of entries)
    flattenObject(child, `${prefix}.${childKey}`, out, childKey, depth + 1);
}
