/**
 * Variable type constraints — `string`, `list(object({ a = optional(number, 1) }))`, `any` … — and
 * Terraform's conversion of a value to one: primitives convert (number ↔ string, "true" → bool),
 * lists from tuples, sets deduplicated, maps and objects from objects, missing optional attributes
 * filled with their defaults (recursively), missing required ones an error naming the path.
 */
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import type { Expr } from './ast.js';
import {
  ConversionError,
  sortedObject,
  toBoolValue,
  toNumberValue,
  toSetValue,
  toStringValue,
  typeName,
} from './convert.js';

export type TypeConstraint =
  | { readonly kind: 'any' | 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | {
      readonly kind: 'object';
      readonly attributes: Readonly<
        Record<
          string,
          { readonly type: TypeConstraint; readonly optional: boolean; readonly defaultValue?: Value }
        >
      >;
    };

export class TypeError_ extends Error {}

/** Reads a type expression (parsed as an HCL expression) into a constraint. `literal` evaluates defaults. */
export function typeFromExpr(expr: Expr, literal: (expr: Expr) => Value): TypeConstraint {
  const bad = (what: string): never => {
    throw new TypeError_(`invalid type constraint: ${what}`);
  };
  if (expr.type === 'variable') {
    if (['any', 'string', 'number', 'bool'].includes(expr.name)) return { kind: expr.name as 'any' };
    if (['list', 'set', 'map'].includes(expr.name))
      return { kind: expr.name as 'list', element: { kind: 'any' } };
    return bad(`unknown type ${expr.name}`);
  }
  if (expr.type === 'paren') return typeFromExpr(expr.expr, literal);
  if (expr.type !== 'call') return bad(`expected a type such as string or list(string)`);
  const [first] = expr.args;
  switch (expr.name) {
    case 'list':
    case 'set':
    case 'map':
      if (expr.args.length !== 1 || !first) return bad(`${expr.name}() takes one element type`);
      return { kind: expr.name, element: typeFromExpr(first, literal) };
    case 'tuple':
      if (expr.args.length !== 1 || first?.type !== 'tuple')
        return bad('tuple() takes a list of element types');
      return { kind: 'tuple', elements: first.items.map((item) => typeFromExpr(item, literal)) };
    case 'object': {
      if (expr.args.length !== 1 || first?.type !== 'object')
        return bad('object() takes an object of attribute types');
      const attributes: Record<string, { type: TypeConstraint; optional: boolean; defaultValue?: Value }> =
        {};
      for (const item of first.items) {
        if (item.key.type !== 'literal' || typeof item.key.value !== 'string')
          return bad('object attribute names must be names');
        const value = item.value;
        if (value.type === 'call' && value.name === 'optional') {
          if (value.args.length < 1 || value.args.length > 2)
            return bad('optional() takes a type and an optional default');
          const type = typeFromExpr(value.args[0]!, literal);
          attributes[item.key.value] = value.args[1]
            ? { type, optional: true, defaultValue: literal(value.args[1]) }
            : { type, optional: true };
        } else attributes[item.key.value] = { type: typeFromExpr(value, literal), optional: false };
      }
      return { kind: 'object', attributes };
    }
    default:
      return bad(`unknown type ${expr.name}()`);
  }
}

function at(path: string): string {
  return path === '' ? 'the value' : path;
}

/** Converts `value` to `type`, or throws TypeError_ saying where and why. */
export function convertToType(value: Value, type: TypeConstraint, path = ''): Value {
  if (value === null || isUnknown(value)) return value;
  try {
    switch (type.kind) {
      case 'any':
        return value;
      case 'string':
        if (typeof value === 'object')
          throw new ConversionError(`a string is required, not ${typeName(value)}`);
        return toStringValue(value, at(path));
      case 'number':
        return toNumberValue(value, at(path));
      case 'bool':
        return toBoolValue(value, at(path));
      case 'list':
      case 'set': {
        if (!Array.isArray(value))
          throw new ConversionError(`a ${type.kind} is required, not ${typeName(value)}`);
        const items = value.map((item, index) => convertToType(item, type.element, `${path}[${index}]`));
        return type.kind === 'set' ? toSetValue(items) : items;
      }
      case 'tuple': {
        if (!Array.isArray(value) || value.length !== type.elements.length) {
          throw new ConversionError(`a tuple of ${type.elements.length} elements is required`);
        }
        return value.map((item, index) => convertToType(item, type.elements[index]!, `${path}[${index}]`));
      }
      case 'map': {
        if (!isValueObject(value)) throw new ConversionError(`a map is required, not ${typeName(value)}`);
        return sortedObject(
          Object.fromEntries(
            Object.entries(value).map(([key, item]) => [
              key,
              convertToType(item, type.element, `${path}["${key}"]`),
            ]),
          ),
        );
      }
      case 'object': {
        if (!isValueObject(value)) throw new ConversionError(`an object is required, not ${typeName(value)}`);
        const out: Record<string, Value> = {};
        for (const [name, attribute] of Object.entries(type.attributes)) {
          const attributePath = path ? `${path}.${name}` : name;
          const given = Object.hasOwn(value, name) ? value[name]! : undefined;
          if (given === undefined || given === null) {
            if (!attribute.optional) {
              if (given === null) {
                out[name] = null;
                continue;
              }
              throw new TypeError_(`attribute "${attributePath}" is required`);
            }
            out[name] =
              attribute.defaultValue === undefined
                ? null
                : convertToType(attribute.defaultValue, attribute.type, attributePath);
            continue;
          }
          out[name] = convertToType(given, attribute.type, attributePath);
        }
        return sortedObject(out);
      }
    }
  } catch (error) {
    if (error instanceof TypeError_) throw error;
    if (error instanceof ConversionError) {
      throw new TypeError_(`${at(path)}: ${error.message.replace(/^[^:]*: /, '')}`);
    }
    throw error;
  }
}
