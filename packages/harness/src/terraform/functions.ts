/**
 * Terraform's built-in functions, with Terraform's semantics where JavaScript's differ: maps are
 * iterated in lexical key order, jsonencode escapes like Go (<, >, & as \u003c …), regexes take RE2
 * syntax (named groups `(?P<name>…)`), CIDR maths is BigInt (IPv6 too), sets are distinct and
 * ordered. Non-deterministic functions (timestamp, uuid) give Unknown. Each definition says how
 * many arguments it takes and whether it accepts Unknown elements inside them.
 */
import { createHash } from 'node:crypto';
import { isUnknown, isValueObject, Unknown, unknownFrom, type Value } from '../model/value.js';
import { bitsOf, formatNetwork, hostOf, netmaskOf, networkBase, parseCidr, subnetOf } from '../net/cidr.js';
import {
  ConversionError,
  equalValues,
  isKnownDeep,
  numberToString,
  sortedKeys,
  sortedObject,
  toSetValue,
  typeName,
} from './convert.js';

import {
  bool,
  codePoints,
  type FunctionContext,
  type FunctionDefinition,
  FunctionError,
  fail,
  integer,
  list,
  num,
  object,
  str,
} from './function-args.js';
import { FILE_FUNCTIONS } from './functions-files.js';
import { TEXT_FUNCTIONS } from './functions-text.js';
import { TIME_FUNCTIONS } from './functions-time.js';

export { type FunctionContext, type FunctionDefinition, FunctionError } from './function-args.js';

// ---- JSON and YAML ------------------------------------------------------------------------

function jsonString(text: string): string {
  return JSON.stringify(text)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function jsonEncode(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return numberToString(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonEncode).join(',')}]`;
  if (isValueObject(value))
    return `{${sortedKeys(value)
      .map((key) => `${jsonString(key)}:${jsonEncode(value[key]!)}`)
      .join(',')}}`;
  return fail('cannot encode an unknown value');
}

function fromJson(parsed: unknown): Value {
  if (Array.isArray(parsed)) return parsed.map(fromJson);
  if (parsed !== null && typeof parsed === 'object') {
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).map(([key, item]) => [key, fromJson(item)]),
    );
  }
  return parsed as Value;
}

/** YAML as Terraform's yamlencode writes it: block style, keys and strings double-quoted. */
export function yamlEncode(value: Value): string {
  const scalar = (item: Value): string =>
    item === null
      ? 'null'
      : typeof item === 'string'
        ? JSON.stringify(item)
        : typeof item === 'number'
          ? numberToString(item)
          : String(item);
  const isEmpty = (item: Value) =>
    (Array.isArray(item) && item.length === 0) || (isValueObject(item) && Object.keys(item).length === 0);
  const emit = (item: Value, indent: string): string => {
    if (Array.isArray(item)) {
      if (item.length === 0) return '[]\n';
      return item
        .map((element) => {
          if ((Array.isArray(element) || isValueObject(element)) && !isEmpty(element)) {
            const body = emit(element, `${indent}  `);
            return `${indent}- ${body.slice(indent.length + 2)}`;
          }
          return `${indent}- ${emit(element, `${indent}  `).trimStart()}`;
        })
        .join('');
    }
    if (isValueObject(item)) {
      if (Object.keys(item).length === 0) return '{}\n';
      return sortedKeys(item)
        .map((key) => {
          const child = item[key]!;
          if ((Array.isArray(child) || isValueObject(child)) && !isEmpty(child)) {
            return `${indent}${JSON.stringify(key)}:\n${emit(child, Array.isArray(child) ? indent : `${indent}  `)}`;
          }
          return `${indent}${JSON.stringify(key)}: ${emit(child, indent).trimStart()}`;
        })
        .join('');
    }
    return `${scalar(item)}\n`;
  };
  return emit(value, '');
}

// ---- format ---------------------------------------------------------------------------------

function formatOne(
  spec: { flags: string; width: number | undefined; precision: number | undefined; verb: string },
  value: Value,
): string {
  const { flags, width, precision, verb } = spec;
  let text: string;
  const signed = (n: number, body: string) =>
    n < 0 ? `-${body}` : flags.includes('+') ? `+${body}` : flags.includes(' ') ? ` ${body}` : body;
  switch (verb) {
    case 'v':
      text =
        typeof value === 'string'
          ? value
          : typeof value === 'number'
            ? numberToString(value)
            : typeof value === 'boolean'
              ? String(value)
              : jsonEncode(value);
      break;
    case 's':
      text = str(value, 'format %s');
      if (precision !== undefined) text = codePoints(text).slice(0, precision).join('');
      break;
    case 'q':
      text = jsonString(str(value, 'format %q'));
      break;
    case 't':
      text = String(bool(value, 'format %t'));
      break;
    case 'd': {
      const n = num(value, 'format %d');
      if (!Number.isInteger(n)) fail(`format %d needs a whole number, not ${numberToString(n)}`);
      text = signed(n, String(Math.abs(n)));
      break;
    }
    case 'f':
    case 'F': {
      const n = num(value, `format %${verb}`);
      text = signed(n, Math.abs(n).toFixed(precision ?? 6));
      break;
    }
    case 'e':
    case 'E': {
      const n = num(value, `format %${verb}`);
      const body = Math.abs(n)
        .toExponential(precision ?? 6)
        .replace(/e([+-])(\d)$/, 'e$10$2');
      text = signed(n, verb === 'E' ? body.toUpperCase() : body);
      break;
    }
    case 'g':
    case 'G': {
      const n = num(value, `format %${verb}`);
      text = signed(
        n,
        precision === undefined
          ? numberToString(Math.abs(n))
          : String(Number(Math.abs(n).toPrecision(precision))),
      );
      break;
    }
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      const radix = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
      if (typeof value === 'string' && (verb === 'x' || verb === 'X') && Number.isNaN(Number(value))) {
        text = Buffer.from(value, 'utf8').toString('hex');
      } else {
        const n = num(value, `format %${verb}`);
        if (!Number.isInteger(n)) fail(`format %${verb} needs a whole number`);
        text = signed(n, Math.abs(n).toString(radix));
      }
      if (verb === 'X') text = text.toUpperCase();
      break;
    }
    default:
      return fail(`format: unsupported verb %${verb}`);
  }
  if (width !== undefined && [...text].length < width) {
    const padding = width - [...text].length;
    if (flags.includes('-')) text += ' '.repeat(padding);
    else if (flags.includes('0') && 'dfFeEgGxXob'.includes(verb)) {
      const sign = /^[+\- ]/.test(text) ? text[0] : '';
      text = sign + '0'.repeat(padding) + text.slice(sign!.length);
    } else text = ' '.repeat(padding) + text;
  }
  return text;
}

export function formatValue(template: string, args: readonly Value[]): string {
  let out = '';
  let next = 0;
  // cty rejects arguments beyond the highest one any verb used (explicit indexes may go backwards).
  let highest = 0;
  const pattern = /%(?:(%)|([-+ 0#]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d+))?([a-zA-Z]))/g;
  let last = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    out += template.slice(last, match.index);
    last = pattern.lastIndex;
    if (match[1]) {
      out += '%';
      continue;
    }
    const index = match[3] ? Number(match[3]) - 1 : next;
    next = index + 1;
    highest = Math.max(highest, next);
    if (index >= args.length) fail(`format: not enough arguments for "${match[0]}" (${args.length} given)`);
    out += formatOne(
      {
        flags: match[2] ?? '',
        width: match[4] ? Number(match[4]) : undefined,
        precision: match[5] !== undefined ? Number(match[5]) : undefined,
        verb: match[6]!,
      },
      args[index]!,
    );
  }
  out += template.slice(last);
  if (/%$/.test(template.slice(last)) && !template.endsWith('%%'))
    fail('format: the format ends with a lone %');
  if (highest < args.length)
    fail(`format: ${args.length - highest} argument${args.length - highest === 1 ? '' : 's'} left over`);
  return out;
}

// ---- regular expressions ---------------------------------------------------------------------

function toJsRegex(pattern: string, global = false): RegExp {
  let source = pattern.replace(/\(\?P</g, '(?<');
  let flags = global ? 'gu' : 'u';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const flag of inline[1]!) if ('ims'.includes(flag) && !flags.includes(flag)) flags += flag;
  }
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return fail(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/**
 * Go's Regexp.Expand: `$$` is a dollar, `$name`/`${name}` a group by number or name (the longest run
 * of word characters — `$1x` names group "1x"), and a group that does not exist expands to nothing.
 * `match` is what String.prototype.replace passes a replacer function.
 */
function expandGoTemplate(template: string, match: readonly unknown[]): string {
  const last = match[match.length - 1];
  const named = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : {};
  const groups = match.slice(0, typeof last === 'object' ? -3 : -2) as (string | undefined)[];
  return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))?/g, (token, braced?: string, bare?: string) => {
    if (token === '$$') return '$';
    const name = braced ?? bare;
    if (name === undefined) return '$';
    if (/^\d+$/.test(name)) return groups[Number(name)] ?? '';
    return named[name] ?? '';
  });
}

function regexResult(match: RegExpExecArray): Value {
  if (match.groups && Object.keys(match.groups).length > 0) {
    return sortedObject(
      Object.fromEntries(Object.entries(match.groups).map(([key, value]) => [key, value ?? null])),
    );
  }
  if (match.length > 1) return match.slice(1).map((group) => group ?? null);
  return match[0];
}

// ---- the table -----------------------------------------------------------------------------

const unknownNonDeterministic = (name: string) =>
  new Unknown('computed', [], `${name}() gives a new value on every run`);

function unifyStrings(values: readonly Value[]): Value[] {
  const hasString = values.some((value) => typeof value === 'string');
  return hasString
    ? values.map((value) => (typeof value === 'number' || typeof value === 'boolean' ? str(value) : value))
    : [...values];
}

function cidrNetwork(value: Value): NonNullable<ReturnType<typeof parseCidr>> {
  const text = str(value, 'prefix');
  return parseCidr(text) ?? fail(`invalid CIDR address ${JSON.stringify(text)}`);
}

function hash(algorithm: string, encoding: 'hex' | 'base64') {
  return {
    min: 1,
    max: 1,
    call: (args: readonly Value[]) => createHash(algorithm).update(str(args[0]!), 'utf8').digest(encoding),
  };
}

const variadic = Number.POSITIVE_INFINITY;

export const FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  ...FILE_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...TIME_FUNCTIONS,
  // numbers
  abs: { min: 1, max: 1, call: ([n]) => Math.abs(num(n!)) },
  ceil: { min: 1, max: 1, call: ([n]) => Math.ceil(num(n!)) },
  floor: { min: 1, max: 1, call: ([n]) => Math.floor(num(n!)) },
  log: { min: 2, max: 2, call: ([n, base]) => Math.log(num(n!)) / Math.log(num(base!)) },
  pow: { min: 2, max: 2, call: ([a, b]) => num(a!) ** num(b!) },
  signum: { min: 1, max: 1, call: ([n]) => Math.sign(num(n!)) },
  max: { min: 1, max: variadic, call: (args) => Math.max(...args.map((arg) => num(arg))) },
  min: { min: 1, max: variadic, call: (args) => Math.min(...args.map((arg) => num(arg))) },
  parseint: {
    min: 2,
    max: 2,
    call: ([text, base]) => {
      const radix = integer(base!, 'base');
      if (radix < 2 || radix > 62) fail('base must be between 2 and 62');
      const digits = str(text!);
      const value = Number.parseInt(digits, radix);
      if (Number.isNaN(value) || !/^[-+]?[0-9a-z]+$/i.test(digits))
        fail(`cannot parse ${JSON.stringify(digits)} as a base ${radix} integer`);
      return value;
    },
  },
  // strings
  lower: { min: 1, max: 1, call: ([s]) => str(s!).toLowerCase() },
  upper: { min: 1, max: 1, call: ([s]) => str(s!).toUpperCase() },
  title: {
    min: 1,
    max: 1,
    call: ([s]) => {
      const chars = codePoints(str(s!));
      return chars
        .map((char, i) => (i === 0 || !/[\p{L}\p{N}_']/u.test(chars[i - 1]!) ? char.toUpperCase() : char))
        .join('');
    },
  },
  chomp: { min: 1, max: 1, call: ([s]) => str(s!).replace(/(\r\n|\n|\r)+$/, '') },
  indent: {
    min: 2,
    max: 2,
    call: ([n, s]) => {
      const pad = ' '.repeat(integer(n!, 'spaces'));
      return str(s!).split('\n').join(`\n${pad}`);
    },
  },
  strrev: { min: 1, max: 1, call: ([s]) => codePoints(str(s!)).reverse().join('') },
  trimspace: { min: 1, max: 1, call: ([s]) => str(s!).replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, '') },
  trim: {
    min: 2,
    max: 2,
    call: ([s, chars]) => {
      const set = new Set(codePoints(str(chars!)));
      const items = codePoints(str(s!));
      let start = 0;
      let end = items.length;
      while (start < end && set.has(items[start]!)) start++;
      while (end > start && set.has(items[end - 1]!)) end--;
      return items.slice(start, end).join('');
    },
  },
  trimprefix: {
    min: 2,
    max: 2,
    call: ([s, p]) => (str(s!).startsWith(str(p!)) ? str(s!).slice(str(p!).length) : str(s!)),
  },
  trimsuffix: {
    min: 2,
    max: 2,
    call: ([s, p]) =>
      str(p!) !== '' && str(s!).endsWith(str(p!)) ? str(s!).slice(0, -str(p!).length) : str(s!),
  },
  startswith: { min: 2, max: 2, call: ([s, p]) => str(s!).startsWith(str(p!)) },
  endswith: { min: 2, max: 2, call: ([s, p]) => str(s!).endsWith(str(p!)) },
  substr: {
    min: 3,
    max: 3,
    call: ([s, offsetValue, lengthValue]) => {
      const chars = codePoints(str(s!));
      let offset = integer(offsetValue!, 'offset');
      const length = integer(lengthValue!, 'length');
      if (offset < 0) offset += chars.length;
      if (offset < 0 || offset > chars.length) fail('offset is out of range');
      const end = length < 0 ? chars.length : Math.min(chars.length, offset + length);
      return chars.slice(offset, end).join('');
    },
  },
  split: { min: 2, max: 2, call: ([sep, s]) => str(s!).split(str(sep!)) },
  join: {
    min: 2,
    max: variadic,
    call: ([sep, ...lists]) =>
      lists
        .flatMap((item) => list(item!, 'join list'))
        .map((item) => str(item, 'join element'))
        .join(str(sep!)),
  },
  replace: {
    min: 3,
    max: 3,
    call: ([s, substring, replacement]) => {
      const text = str(s!);
      const search = str(substring!);
      const with_ = str(replacement!);
      if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
        return text.replace(toJsRegex(search.slice(1, -1), true), (...match: unknown[]) =>
          expandGoTemplate(with_, match),
        );
      }
      // Go's strings.Replace with an empty needle inserts the replacement around every rune.
      if (search === '') return `${with_}${codePoints(text).join(with_)}${with_}`;
      return text.split(search).join(with_);
    },
  },
  regex: {
    min: 2,
    max: 2,
    call: ([pattern, s]) => {
      const match = toJsRegex(str(pattern!)).exec(str(s!));
      return match ? regexResult(match) : fail('pattern did not match any part of the given string');
    },
  },
  regexall: {
    min: 2,
    max: 2,
    call: ([pattern, s]) =>
      [...str(s!).matchAll(toJsRegex(str(pattern!), true))].map((match) =>
        regexResult(match as RegExpExecArray),
      ),
  },
  format: {
    min: 1,
    max: variadic,
    call: ([template, ...args]) => formatValue(str(template!, 'format'), args),
  },
  formatlist: {
    min: 1,
    max: variadic,
    // Element by element: an unknown element gives an unknown string there, the others are known.
    unknownElements: true,
    call: ([template, ...args]) => {
      const lengths = args.filter(Array.isArray).map((item) => (item as Value[]).length);
      if (new Set(lengths).size > 1) fail('all list arguments must have the same length');
      const count = lengths[0] ?? 1;
      return Array.from({ length: count }, (_, i) => {
        const row = args.map((arg) => (Array.isArray(arg) ? arg[i]! : arg));
        if (!isKnownDeep(template!) || !row.every((item) => isKnownDeep(item)))
          return unknownFrom([template!, ...row]).typed('string');
        return formatValue(str(template!), row);
      });
    },
  },
  // collections
  length: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([value]) => {
      if (typeof value === 'string') return codePoints(value).length;
      if (Array.isArray(value)) return value.length;
      if (isValueObject(value)) return Object.keys(value).length;
      return fail(`length: a string, list or map is required, not ${typeName(value!)}`);
    },
  },
  // A known false (true) decides alltrue (anytrue) whatever the unknown elements turn out to be.
  alltrue: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([items]) => {
      const values = list(items!);
      if (values.some((item) => !isUnknown(item) && !bool(item, 'alltrue element'))) return false;
      return values.some(isUnknown) ? unknownFrom(values).typed('bool') : true;
    },
  },
  anytrue: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([items]) => {
      const values = list(items!);
      if (values.some((item) => !isUnknown(item) && bool(item, 'anytrue element'))) return true;
      return values.some(isUnknown) ? unknownFrom(values).typed('bool') : false;
    },
  },
  chunklist: {
    min: 2,
    max: 2,
    unknownElements: true,
    call: ([items, size]) => {
      const values = list(items!);
      const n = integer(size!, 'size');
      if (n < 0) fail('the size argument must be positive');
      if (n === 0) return [values];
      const chunks: Value[] = [];
      for (let i = 0; i < values.length; i += n) chunks.push(values.slice(i, i + n));
      return chunks;
    },
  },
  coalesce: {
    min: 1,
    max: variadic,
    // The first non-null, non-empty argument; an unknown before it leaves the answer unknown.
    unknownElements: true,
    unknownArguments: true,
    call: (args) => {
      const unified = unifyStrings(args);
      for (const value of unified) {
        if (isUnknown(value)) return unknownFrom(args);
        if (value !== null && value !== '') return value;
      }
      return fail('no non-null, non-empty-string arguments');
    },
  },
  coalescelist: {
    min: 1,
    max: variadic,
    unknownElements: true,
    call: (args) =>
      args.map((arg) => list(arg, 'coalescelist argument')).find((item) => item.length > 0) ??
      fail('no non-null arguments'),
  },
  compact: {
    min: 1,
    max: 1,
    call: ([items]) =>
      list(items!)
        .filter((item) => item !== null && item !== '')
        .map((item) => str(item, 'compact element')),
  },
  concat: {
    min: 0,
    max: variadic,
    unknownElements: true,
    call: (args) => args.flatMap((arg) => list(arg, 'concat argument')),
  },
  contains: {
    min: 2,
    max: 2,
    // A known element equal to the value answers true; otherwise an unknown element leaves it open.
    unknownElements: true,
    call: ([items, value]) => {
      const values = list(items!);
      if (!isKnownDeep(value!)) return unknownFrom([items!, value!]).typed('bool');
      if (values.some((item) => isKnownDeep(item) && equalValues(item, value!))) return true;
      return values.every((item) => isKnownDeep(item)) ? false : unknownFrom(values).typed('bool');
    },
  },
  distinct: {
    min: 1,
    max: 1,
    call: ([items]) => {
      const out: Value[] = [];
      for (const item of list(items!))
        if (!out.some((existing) => equalValues(existing, item))) out.push(item);
      return out;
    },
  },
  element: {
    min: 2,
    max: 2,
    unknownElements: true,
    call: ([items, index]) => {
      const values = list(items!);
      if (values.length === 0) fail('cannot use element function with an empty list');
      const i = integer(index!, 'index');
      if (i < 0) fail('cannot use element function with a negative index');
      return values[i % values.length]!;
    },
  },
  flatten: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([items]) => {
      const out: Value[] = [];
      let open = false;
      const visit = (value: Value, depth: number) => {
        if (depth > 64) fail('list nested too deeply');
        if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
        // An unknown list (or one of no known type) could hold any number of elements.
        else if (isUnknown(value) && (value.type === undefined || value.type === 'list')) open = true;
        else out.push(value);
      };
      for (const item of list(items!)) visit(item, 0);
      return open ? unknownFrom([items!]).typed('list') : out;
    },
  },
  index: {
    min: 2,
    max: 2,
    call: ([items, value]) => {
      const i = list(items!).findIndex((item) => equalValues(item, value!));
      return i < 0 ? fail('item not found') : i;
    },
  },
  keys: { min: 1, max: 1, unknownElements: true, call: ([map]) => sortedKeys(object(map!)) },
  values: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([map]) => sortedKeys(object(map!)).map((key) => object(map!)[key]!),
  },
  lookup: {
    min: 2,
    max: 3,
    unknownElements: true,
    call: ([map, key, fallback]) => {
      const values = object(map!);
      const name = str(key!, 'key');
      if (Object.hasOwn(values, name)) return values[name]!;
      if (fallback !== undefined) return fallback;
      return fail(`the given key ${JSON.stringify(name)} does not exist in the map and no default was given`);
    },
  },
  merge: {
    min: 0,
    max: variadic,
    unknownElements: true,
    call: (args) => {
      const out: Record<string, Value> = {};
      for (const arg of args) {
        if (arg === null) continue;
        Object.assign(out, object(arg, 'merge argument'));
      }
      return sortedObject(out);
    },
  },
  one: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([items]) => {
      const values = list(items!);
      if (values.length > 1)
        fail(`must be a list, set, or tuple value with either zero or one elements, not ${values.length}`);
      return values[0] ?? null;
    },
  },
  range: {
    min: 1,
    max: 3,
    call: (args) => {
      const numbers = args.map((arg) => num(arg));
      const [start, limit] = numbers.length === 1 ? [0, numbers[0]!] : [numbers[0]!, numbers[1]!];
      const step = numbers[2] ?? (start <= limit ? 1 : -1);
      if (step === 0) fail('step must not be zero');
      if ((step > 0 && start > limit) || (step < 0 && start < limit)) return [];
      const out: number[] = [];
      for (let value = start; step > 0 ? value < limit : value > limit; value += step) {
        out.push(value);
        if (out.length > 1024) fail('more than 1024 values; range() is limited to 1024');
      }
      return out;
    },
  },
  reverse: { min: 1, max: 1, unknownElements: true, call: ([items]) => [...list(items!)].reverse() },
  setintersection: {
    min: 1,
    max: variadic,
    call: ([first, ...rest]) =>
      toSetValue(
        list(first!).filter((item) =>
          rest.every((other) => list(other).some((value) => equalValues(value, item))),
        ),
      ),
  },
  setsubtract: {
    min: 2,
    max: 2,
    call: ([a, b]) =>
      toSetValue(list(a!).filter((item) => !list(b!).some((value) => equalValues(value, item)))),
  },
  setunion: {
    min: 1,
    max: variadic,
    unknownElements: true,
    call: (args) => toSetValue(args.flatMap((arg) => list(arg))),
  },
  setproduct: {
    min: 2,
    max: variadic,
    unknownElements: true,
    call: (args) =>
      args
        .map((arg) => list(arg))
        .reduce<Value[][]>(
          (acc, items) => acc.flatMap((prefix) => items.map((item) => [...prefix, item])),
          [[]],
        ),
  },
  slice: {
    min: 3,
    max: 3,
    unknownElements: true,
    call: ([items, start, end]) => {
      const values = list(items!);
      const from = integer(start!, 'start index');
      const to = integer(end!, 'end index');
      if (from < 0 || to > values.length || from > to)
        fail(`invalid slice [${from}:${to}] of a list of ${values.length}`);
      return values.slice(from, to);
    },
  },
  sort: {
    min: 1,
    max: 1,
    // With an unknown element the order is unknown, the length is not.
    unknownElements: true,
    call: ([items]) => {
      const values = list(items!);
      if (values.some(isUnknown)) return values.map(() => unknownFrom(values).typed('string'));
      return values.map((item) => str(item, 'sort element')).sort();
    },
  },
  sum: {
    min: 1,
    max: 1,
    call: ([items]) => {
      const values = list(items!);
      if (values.length === 0) fail('cannot sum an empty list');
      return values.reduce<number>((total, item) => total + num(item, 'sum element'), 0);
    },
  },
  transpose: {
    min: 1,
    max: 1,
    call: ([map]) => {
      const out: Record<string, string[]> = {};
      for (const [key, items] of Object.entries(object(map!)))
        for (const item of list(items)) (out[str(item)] ??= []).push(key);
      return sortedObject(Object.fromEntries(Object.entries(out).map(([key, items]) => [key, items.sort()])));
    },
  },
  zipmap: {
    min: 2,
    max: 2,
    unknownElements: true,
    call: ([keys, values]) => {
      const names = list(keys!);
      const items = list(values!);
      if (names.length !== items.length)
        fail(`number of keys (${names.length}) does not match number of values (${items.length})`);
      return sortedObject(Object.fromEntries(names.map((name, i) => [str(name, 'key'), items[i]!])));
    },
  },
  matchkeys: {
    min: 3,
    max: 3,
    call: ([values, keys, search]) => {
      const items = list(values!);
      const names = list(keys!);
      if (items.length !== names.length) fail('the length of values and keys must be equal');
      return items.filter((_, i) => list(search!).some((wanted) => equalValues(wanted, names[i]!)));
    },
  },
  // types
  tostring: { min: 1, max: 1, call: ([value]) => (value === null ? null : str(value!, 'tostring')) },
  tonumber: { min: 1, max: 1, call: ([value]) => (value === null ? null : num(value!, 'tonumber')) },
  tobool: { min: 1, max: 1, call: ([value]) => (value === null ? null : bool(value!, 'tobool')) },
  tolist: { min: 1, max: 1, unknownElements: true, call: ([value]) => unifyStrings(list(value!, 'tolist')) },
  toset: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([value]) => toSetValue(unifyStrings(list(value!, 'toset'))),
  },
  tomap: {
    min: 1,
    max: 1,
    unknownElements: true,
    call: ([value]) => {
      const source = object(value!, 'tomap');
      const values = unifyStrings(Object.values(source));
      return sortedObject(Object.fromEntries(Object.keys(source).map((key, i) => [key, values[i]!])));
    },
  },
  sensitive: { min: 1, max: 1, unknownElements: true, call: ([value]) => value! },
  nonsensitive: { min: 1, max: 1, unknownElements: true, call: ([value]) => value! },
  // encodings
  jsonencode: { min: 1, max: 1, call: ([value]) => jsonEncode(value!) },
  jsondecode: {
    min: 1,
    max: 1,
    call: ([text]) => {
      try {
        return fromJson(JSON.parse(str(text!)));
      } catch (error) {
        return fail(`invalid JSON: ${(error as Error).message}`);
      }
    },
  },
  yamlencode: { min: 1, max: 1, call: ([value]) => yamlEncode(value!) },
  base64encode: { min: 1, max: 1, call: ([s]) => Buffer.from(str(s!), 'utf8').toString('base64') },
  base64decode: {
    min: 1,
    max: 1,
    call: ([s]) => {
      const text = str(s!);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) fail('failed to decode base64 data');
      const decoded = Buffer.from(text, 'base64');
      const utf8 = decoded.toString('utf8');
      if (!Buffer.from(utf8, 'utf8').equals(decoded))
        fail('the result of decoding the provided string is not valid UTF-8');
      return utf8;
    },
  },
  urlencode: {
    min: 1,
    max: 1,
    call: ([s]) =>
      encodeURIComponent(str(s!))
        .replace(/%20/g, '+')
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  },
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  // files
  file: { min: 1, max: 1, call: ([path], context) => context.readFile(str(path!)) },
  templatefile: {
    min: 2,
    max: 2,
    call: ([path, variables], context) =>
      context.renderTemplate(context.readFile(str(path!)), object(variables!, 'vars'), str(path!)),
  },
  // network
  cidrsubnet: {
    min: 3,
    max: 3,
    call: ([prefix, newbits, netnum]) => {
      try {
        return subnetOf(
          cidrNetwork(prefix!),
          integer(newbits!, 'newbits'),
          BigInt(integer(netnum!, 'netnum')),
        );
      } catch (error) {
        return fail((error as Error).message);
      }
    },
  },
  cidrsubnets: {
    min: 1,
    max: variadic,
    call: ([prefix, ...sizes]) => {
      const network = cidrNetwork(prefix!);
      const total = bitsOf(network.version);
      let cursor = networkBase(network);
      const end = networkBase(network) + (1n << BigInt(total - network.prefixLength));
      return sizes.map((size, i) => {
        const newbits = integer(size, `newbits ${i + 1}`);
        const prefixLength = network.prefixLength + newbits;
        if (newbits < 1 || prefixLength > total)
          fail(
            `would extend prefix to ${prefixLength} bits, which is too long for an IPv${network.version} address`,
          );
        const block = 1n << BigInt(total - prefixLength);
        cursor = ((cursor + block - 1n) / block) * block;
        if (cursor + block > end)
          fail(
            `not enough remaining address space for a subnet with a prefix of ${prefixLength} bits after ${formatNetwork(network.version, cursor - 1n, total)}`,
          );
        const subnet = formatNetwork(network.version, cursor, prefixLength);
        cursor += block;
        return subnet;
      });
    },
  },
  cidrhost: {
    min: 2,
    max: 2,
    call: ([prefix, hostnum]) => {
      try {
        return hostOf(cidrNetwork(prefix!), BigInt(integer(hostnum!, 'hostnum')));
      } catch (error) {
        return fail((error as Error).message);
      }
    },
  },
  cidrnetmask: {
    min: 1,
    max: 1,
    call: ([prefix]) => {
      try {
        return netmaskOf(cidrNetwork(prefix!));
      } catch (error) {
        return fail((error as Error).message);
      }
    },
  },
  // time and identity: different on every run, so unknown
  timestamp: { min: 0, max: 0, call: () => unknownNonDeterministic('timestamp') },
  uuid: { min: 0, max: 0, call: () => unknownNonDeterministic('uuid') },
  plantimestamp: { min: 0, max: 0, call: () => unknownNonDeterministic('plantimestamp') },
};

export function functionNames(): string[] {
  return [...Object.keys(FUNCTIONS), 'try', 'can', 'templatestring'].sort();
}

/** Calls a function; arguments holding Unknown (where the function does not take them) give Unknown. */
export function callFunction(
  definition: FunctionDefinition,
  args: readonly Value[],
  context: FunctionContext,
): Value {
  if (!definition.unknownArguments && args.some(isUnknown)) return unknownFrom(args);
  const known = args.every((arg) => isKnownDeep(arg));
  if (!definition.unknownElements && !known) return unknownFrom(args);
  try {
    return definition.call(args, context);
  } catch (error) {
    // An unknown in gives an unknown out, never a crash: a function that takes unknown elements
    // but meets one where it needs a value defers, as Terraform does until apply.
    if (!known && (error instanceof FunctionError || error instanceof ConversionError))
      return unknownFrom(args);
    throw error;
  }
}
