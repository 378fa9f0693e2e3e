/** Terraform's implicit conversions and value helpers, shared by the evaluator and the functions. */
import { isUnknown, isValueObject, Unknown, type Value, type ValueObject } from '../model/value.js';

export class ConversionError extends Error {}

/** Terraform prints numbers without exponent: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function numberToString(value: number): string {
  if (!Number.isFinite(value)) throw new ConversionError(`${value} is not a finite number`);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = text.toLowerCase().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point =
    (mantissa.replace('-', '').indexOf('.') < 0
      ? mantissa.replace('-', '').length
      : mantissa.replace('-', '').indexOf('.')) + exponent;
  let result: string;
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + result.replace(/^0+(?=\d)/, '');
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (isUnknown(value)) return 'unknown value';
  if (Array.isArray(value)) return 'list';
  if (isValueObject(value)) return 'object';
  return typeof value;
}

export function toStringValue(value: Value, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new ConversionError(`${what}: a string is required, not ${typeName(value)}`);
}

export function toNumberValue(value: Value, what: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  throw new ConversionError(
    `${what}: a number is required, not ${typeName(value)}${typeof value === 'string' ? ` "${value}"` : ''}`,
  );
}

export function toBoolValue(value: Value, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ConversionError(`${what}: a bool is required, not ${typeName(value)}`);
}

export function toListValue(value: Value, what: string): readonly Value[] {
  if (Array.isArray(value)) return value;
  throw new ConversionError(`${what}: a list is required, not ${typeName(value)}`);
}

export function toObjectValue(value: Value, what: string): ValueObject {
  if (isValueObject(value)) return value;
  throw new ConversionError(`${what}: a map or object is required, not ${typeName(value)}`);
}

/** Keys of an object in Terraform's order (lexical). */
export function sortedKeys(object: ValueObject): string[] {
  return Object.keys(object).sort();
}

/** An object with the same entries, keys in lexical order. */
export function sortedObject(object: ValueObject): ValueObject {
  return Object.fromEntries(sortedKeys(object).map((key) => [key, object[key]!]));
}

/** Terraform's equality: type and value, deeply. */
export function equalValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => equalValues(item, b[i]!));
  if (isValueObject(a) && isValueObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && equalValues(a[key]!, b[key]!))
    );
  }
  return false;
}

/** A set: distinct elements, strings and numbers in Terraform's order. */
export function toSetValue(items: readonly Value[]): Value[] {
  // Unknown elements cannot be compared: each stays, after the known ones (as Terraform orders them).
  const unknown = items.filter((item) => !isKnownDeep(item));
  const distinct: Value[] = [];
  for (const item of items.filter((candidate) => isKnownDeep(candidate)))
    if (!distinct.some((existing) => equalValues(existing, item))) distinct.push(item);
  if (unknown.length > 0) return [...sortedSet(distinct), ...unknown];
  return sortedSet(distinct);
}

function sortedSet(distinct: Value[]): Value[] {
  if (distinct.every((item) => typeof item === 'string')) return (distinct as string[]).sort();
  if (distinct.every((item) => typeof item === 'number')) return (distinct as number[]).sort((x, y) => x - y);
  return distinct;
}

export function isKnownDeep(value: Value, depth = 0): boolean {
  if (depth > 128) return true;
  if (isUnknown(value)) return false;
  if (Array.isArray(value)) return value.every((item) => isKnownDeep(item, depth + 1));
  if (isValueObject(value)) return Object.values(value).every((item) => isKnownDeep(item, depth + 1));
  return true;
}

export { Unknown };
