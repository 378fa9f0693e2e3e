/**
 * Evaluating HCL expressions into Values, with Terraform's rules: implicit string/number/bool
 * conversion, map iteration in key order, conditional results unified to one type, and partial
 * evaluation: anything computed from an Unknown is Unknown with the union of its references.
 * A resource attribute that the configuration does not set (id, arn …) is Unknown, pointing at
 * the resource; one it sets is known, as in a plan.
 */
import { closestMatch } from '@iac-compare/spec';
import { attributeType } from '../canonical/provider-schema.js';
import { HarnessError } from '../errors.js';
import {
  isUnknown,
  isValueObject,
  Unknown,
  type UnknownType,
  unknownFrom,
  type Value,
  type ValueObject,
} from '../model/value.js';
import { withArticle } from '../words.js';
import type { Expr, TemplatePart } from './ast.js';
import {
  ConversionError,
  equalValues,
  numberToString,
  sortedKeys,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
} from './convert.js';
import { callFunction, FUNCTIONS, type FunctionContext, FunctionError, functionNames } from './functions.js';

/** The text an expression came from, and where that text is in its file. */
export interface SourceText {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

export interface EvalScope {
  readonly source: SourceText;
  readonly context: FunctionContext;
  /** A root name (var, local, each, a resource type …); undefined when nothing has that name. */
  lookup(name: string, at: number): Value | undefined;
}

/** Objects that stand for a resource instance: reading an attribute it lacks gives an Unknown. */
const instances = new WeakMap<object, { address: string; path: string; type: string | undefined }>();

/** Registers a resource instance's evaluated arguments (and the blocks inside) for attribute reads. */
export function registerInstance(value: Value, address: string, path = '', type?: string): Value {
  if (Array.isArray(value)) {
    instances.set(value, { address, path, type });
    for (const [index, item] of value.entries()) registerInstance(item, address, `${path}[${index}]`, type);
  } else if (isValueObject(value)) {
    instances.set(value, { address, path, type });
    for (const [key, item] of Object.entries(value))
      registerInstance(item, address, path ? `${path}.${key}` : key, type);
  }
  return value;
}

/** The coarse type of a known value, for an unknown that will have it. */
function typeOfValue(value: Value | undefined): UnknownType | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (isValueObject(value)) return 'map';
  return undefined;
}

/**
 * The type of an attribute the configuration does not set: the provider schema's; for Terraform's
 * built-in terraform_data, `output` has the type of `input` (it is `input`, once applied).
 */
function unsetAttributeType(
  instance: { path: string; type: string | undefined },
  target: ValueObject,
  name: string,
): UnknownType | undefined {
  if (!instance.type) return undefined;
  if (instance.type === 'terraform_data' && instance.path === '' && name === 'output')
    return typeOfValue(target.input);
  return attributeType(instance.type, [
    ...instance.path.split(/[.[\]]/).filter((step) => step && !/^\d+$/.test(step)),
    name,
  ]);
}

class ExpressionError extends Error {
  constructor(
    readonly code: 'UNRESOLVED_REFERENCE' | 'FUNCTION_ARGUMENTS' | 'UNKNOWN_FUNCTION' | 'HCL_SYNTAX',
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function locate(source: SourceText, at: number): { file: string; line: number; column: number } {
  const before = source.text.slice(0, at);
  const lines = before.split('\n');
  return {
    file: source.file,
    line: source.line + lines.length - 1,
    column: lines.length === 1 ? source.column + at : lines.at(-1)!.length + 1,
  };
}

function asString(value: Value, at: number, what: string): string {
  try {
    return toStringValue(value, what);
  } catch (error) {
    throw new ExpressionError('FUNCTION_ARGUMENTS', (error as Error).message, at);
  }
}

function asNumber(value: Value, at: number, what: string): number {
  try {
    return toNumberValue(value, what);
  } catch (error) {
    throw new ExpressionError('FUNCTION_ARGUMENTS', (error as Error).message, at);
  }
}

function asBool(value: Value, at: number, what: string): boolean {
  try {
    return toBoolValue(value, what);
  } catch (error) {
    throw new ExpressionError('FUNCTION_ARGUMENTS', (error as Error).message, at);
  }
}

/** Conditional results of different primitive types unify to string, as in HCL. */
function unify(chosen: Value, other: Value): Value {
  if (typeof other === 'string' && (typeof chosen === 'number' || typeof chosen === 'boolean')) {
    return typeof chosen === 'number' ? numberToString(chosen) : String(chosen);
  }
  return chosen;
}

class Evaluator {
  private depth = 0;

  constructor(
    private readonly scope: EvalScope,
    private readonly bindings: ReadonlyMap<string, Value> = new Map(),
    private readonly splatElement: Value | undefined = undefined,
  ) {}

  private child(extra: Record<string, Value>): Evaluator {
    return new Evaluator(
      this.scope,
      new Map([...this.bindings, ...Object.entries(extra)]),
      this.splatElement,
    );
  }

  evaluate(expr: Expr): Value {
    if (++this.depth > 512)
      throw new ExpressionError('FUNCTION_ARGUMENTS', 'expression nested too deeply', expr.at);
    try {
      return this.node(expr);
    } finally {
      this.depth--;
    }
  }

  private node(expr: Expr): Value {
    switch (expr.type) {
      case 'literal':
        return expr.value;
      case 'paren':
        return this.evaluate(expr.expr);
      case 'template':
        return this.template(expr.parts, expr.at);
      case 'tuple':
        return expr.items.map((item) => this.evaluate(item));
      case 'object': {
        const out: Record<string, Value> = {};
        for (const item of expr.items) {
          const key = this.evaluate(item.key);
          const value = this.evaluate(item.value);
          if (isUnknown(key)) return unknownFrom([key, value]);
          const name = asString(key, item.key.at, 'object key');
          if (Object.hasOwn(out, name))
            throw new ExpressionError(
              'FUNCTION_ARGUMENTS',
              `duplicate object attribute "${name}"`,
              item.key.at,
            );
          out[name] = value;
        }
        return out;
      }
      case 'variable': {
        if (this.bindings.has(expr.name)) return this.bindings.get(expr.name)!;
        const value = this.scope.lookup(expr.name, expr.at);
        if (value === undefined)
          throw new ExpressionError(
            'UNRESOLVED_REFERENCE',
            `there is nothing named "${expr.name}" here`,
            expr.at,
          );
        return value;
      }
      case 'splat-each':
        return this.splatElement === undefined ? null : this.splatElement;
      case 'getattr':
        return this.getAttribute(this.evaluate(expr.target), expr.name, expr.at, traversalText(expr.target));
      case 'index':
        return this.index(this.evaluate(expr.target), this.evaluate(expr.key), expr.at);
      case 'splat': {
        const target = this.evaluate(expr.target);
        if (isUnknown(target)) return target;
        if (target === null) return [];
        const items = Array.isArray(target) ? target : [target];
        return items.map((item) => new Evaluator(this.scope, this.bindings, item).evaluate(expr.each));
      }
      case 'call':
        return this.call(expr);
      case 'for':
        return this.forExpression(expr);
      case 'unary': {
        const operand = this.evaluate(expr.operand);
        if (isUnknown(operand)) return operand.typed(expr.op === '-' ? 'number' : 'bool');
        return expr.op === '-'
          ? -asNumber(operand, expr.at, 'operand of -')
          : !asBool(operand, expr.at, 'operand of !');
      }
      case 'binary':
        return this.binary(expr);
      case 'conditional': {
        const condition = this.evaluate(expr.condition);
        if (isUnknown(condition)) return unknownFrom([condition]);
        if (condition === null)
          throw new ExpressionError(
            'FUNCTION_ARGUMENTS',
            'the condition is null; it must be true or false',
            expr.condition.at,
          );
        const chosen = asBool(condition, expr.condition.at, 'condition') ? expr.whenTrue : expr.whenFalse;
        const other = chosen === expr.whenTrue ? expr.whenFalse : expr.whenTrue;
        const value = this.evaluate(chosen);
        // Only the type of the other branch matters; its errors do not (as in Terraform).
        let otherValue: Value | undefined;
        try {
          otherValue = this.evaluate(other);
        } catch {
          otherValue = undefined;
        }
        return otherValue === undefined || isUnknown(value) ? value : unify(value, otherValue);
      }
    }
  }

  private template(parts: readonly TemplatePart[], at: number): Value {
    if (parts.length === 1 && parts[0]!.kind === 'interpolation') return this.evaluate(parts[0]!.expr);
    const pieces: (string | Unknown)[] = [];
    this.render(parts, pieces, at);
    return pieces.some(isUnknown) ? unknownFrom(pieces).typed('string') : (pieces as string[]).join('');
  }

  private render(parts: readonly TemplatePart[], out: (string | Unknown)[], at: number): void {
    for (const part of parts) {
      if (part.kind === 'text') out.push(part.text);
      else if (part.kind === 'interpolation') {
        const value = this.evaluate(part.expr);
        if (isUnknown(value)) out.push(value);
        else if (value === null)
          throw new ExpressionError('FUNCTION_ARGUMENTS', 'a template interpolation is null', part.expr.at);
        else if (typeof value === 'object') {
          throw new ExpressionError(
            'FUNCTION_ARGUMENTS',
            `cannot include ${withArticle(typeName(value))} in a string template; use jsonencode or join`,
            part.expr.at,
          );
        } else out.push(asString(value, part.expr.at, 'template interpolation'));
      } else if (part.kind === 'if') {
        const condition = this.evaluate(part.condition);
        if (isUnknown(condition)) out.push(condition);
        else
          this.render(
            asBool(condition, part.condition.at, '%{if} condition') ? part.whenTrue : part.otherwise,
            out,
            at,
          );
      } else {
        const collection = this.evaluate(part.collection);
        if (isUnknown(collection)) {
          out.push(collection);
          continue;
        }
        for (const [key, value] of this.entries(collection, part.collection.at)) {
          this.child({ [part.valueVar]: value, ...(part.keyVar ? { [part.keyVar]: key } : {}) }).render(
            part.body,
            out,
            at,
          );
        }
      }
    }
  }

  private entries(collection: Value, at: number): [Value, Value][] {
    if (Array.isArray(collection)) return collection.map((value, index) => [index, value]);
    if (isValueObject(collection)) return sortedKeys(collection).map((key) => [key, collection[key]!]);
    if (collection === null)
      throw new ExpressionError('FUNCTION_ARGUMENTS', 'cannot iterate over a null value', at);
    throw new ExpressionError(
      'FUNCTION_ARGUMENTS',
      `cannot iterate over ${withArticle(typeName(collection))}; a list, set or map is required`,
      at,
    );
  }

  private getAttribute(target: Value, name: string, at: number, targetText?: string): Value {
    if (isUnknown(target)) return target.typed(undefined);
    if (isValueObject(target)) {
      if (Object.hasOwn(target, name)) return target[name]!;
      const instance = instances.get(target);
      if (instance) {
        return new Unknown(
          'computed',
          [{ address: instance.address, attribute: instance.path ? `${instance.path}.${name}` : name }],
          undefined,
          unsetAttributeType(instance, target, name),
        );
      }
      throw new ExpressionError(
        'UNRESOLVED_REFERENCE',
        `${targetText ? `${targetText}.${name} does not exist: ${targetText}` : 'this object'} has no attribute "${name}"${didYouMeanOf(name, Object.keys(target)) || availableOf(Object.keys(target))}`,
        at,
      );
    }
    if (target === null)
      throw new ExpressionError('FUNCTION_ARGUMENTS', `cannot read attribute "${name}" of a null value`, at);
    throw new ExpressionError(
      'FUNCTION_ARGUMENTS',
      `cannot read attribute "${name}" of ${withArticle(typeName(target))}`,
      at,
    );
  }

  private index(target: Value, key: Value, at: number): Value {
    if (isUnknown(target) || isUnknown(key)) return unknownFrom([target, key]);
    if (Array.isArray(target)) {
      const index = asNumber(key, at, 'index');
      if (!Number.isInteger(index) || index < 0 || index >= target.length) {
        throw new ExpressionError(
          'FUNCTION_ARGUMENTS',
          `invalid index ${numberToString(index)}: the list has ${target.length} element${target.length === 1 ? '' : 's'}`,
          at,
        );
      }
      return target[index]!;
    }
    if (isValueObject(target)) {
      // A nested block of a resource given as one object (JSON syntax, CDKTF) is still a list of
      // one block to Terraform: `metadata[0].name` reads it.
      const instance = instances.get(target);
      if (key === 0 && instance?.path && !Object.hasOwn(target, '0')) return target;
      const name = asString(key, at, 'key');
      if (Object.hasOwn(target, name)) return target[name]!;
      throw new ExpressionError(
        'UNRESOLVED_REFERENCE',
        `the key "${name}" is not in this map${didYouMeanOf(name, Object.keys(target))}`,
        at,
      );
    }
    if (target === null) throw new ExpressionError('FUNCTION_ARGUMENTS', 'cannot index a null value', at);
    throw new ExpressionError('FUNCTION_ARGUMENTS', `cannot index ${withArticle(typeName(target))}`, at);
  }

  private call(expr: Extract<Expr, { type: 'call' }>): Value {
    if (expr.name === 'try' || expr.name === 'can') return this.tryOrCan(expr);
    if (expr.name === 'templatestring') return this.templateString(expr);
    if (expr.name.includes('::')) {
      throw new ExpressionError(
        'UNKNOWN_FUNCTION',
        `provider function ${expr.name} cannot be evaluated offline`,
        expr.at,
      );
    }
    const definition = FUNCTIONS[expr.name];
    if (!definition) {
      const suggestion = closestMatch(expr.name, functionNames());
      throw new ExpressionError(
        'UNKNOWN_FUNCTION',
        `call to unknown function ${expr.name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
        expr.at,
      );
    }
    let args = expr.args.map((arg) => this.evaluate(arg));
    if (expr.expandFinal) {
      const last = args.at(-1);
      if (isUnknown(last)) return unknownFrom(args);
      if (!Array.isArray(last))
        throw new ExpressionError(
          'FUNCTION_ARGUMENTS',
          `the expanded argument of ${expr.name} must be a list`,
          expr.at,
        );
      args = [...args.slice(0, -1), ...last];
    }
    if (args.length < definition.min || args.length > definition.max) {
      const expected =
        definition.min === definition.max
          ? `${definition.min}`
          : definition.max === Number.POSITIVE_INFINITY
            ? `at least ${definition.min}`
            : `${definition.min} to ${definition.max}`;
      throw new ExpressionError(
        'FUNCTION_ARGUMENTS',
        `function ${expr.name} takes ${expected} argument${expected === '1' ? '' : 's'}, not ${args.length}`,
        expr.at,
      );
    }
    try {
      return callFunction(definition, args, this.scope.context);
    } catch (error) {
      if (error instanceof FunctionError || error instanceof ConversionError) {
        throw new ExpressionError('FUNCTION_ARGUMENTS', `${expr.name}: ${error.message}`, expr.at);
      }
      throw error;
    }
  }

  /**
   * templatestring(ref, vars): the template is a string from elsewhere, so its first argument must
   * be a reference (a literal template would just be a template), as Terraform insists.
   */
  private templateString(expr: Extract<Expr, { type: 'call' }>): Value {
    if (expr.args.length !== 2) {
      throw new ExpressionError('FUNCTION_ARGUMENTS', 'function templatestring takes 2 arguments', expr.at);
    }
    const [template, variables] = expr.args as [Expr, Expr];
    if (!['variable', 'getattr', 'index'].includes(template.type)) {
      throw new ExpressionError(
        'FUNCTION_ARGUMENTS',
        'templatestring: invalid template expression: must be a direct reference to a single string from elsewhere, containing valid template syntax',
        template.at,
      );
    }
    const text = this.evaluate(template);
    const vars = this.evaluate(variables);
    if (isUnknown(text) || isUnknown(vars)) return unknownFrom([text, vars]);
    if (typeof text !== 'string') {
      throw new ExpressionError(
        'FUNCTION_ARGUMENTS',
        'templatestring: the template must be a string',
        template.at,
      );
    }
    if (!isValueObject(vars)) {
      throw new ExpressionError('FUNCTION_ARGUMENTS', 'templatestring: vars must be an object', variables.at);
    }
    try {
      return this.scope.context.renderTemplate(text, vars, '<templatestring>');
    } catch (error) {
      if (error instanceof FunctionError || error instanceof ConversionError) {
        throw new ExpressionError('FUNCTION_ARGUMENTS', `templatestring: ${error.message}`, expr.at);
      }
      throw error;
    }
  }

  private tryOrCan(expr: Extract<Expr, { type: 'call' }>): Value {
    if (expr.args.length === 0 || (expr.name === 'can' && expr.args.length !== 1)) {
      throw new ExpressionError(
        'FUNCTION_ARGUMENTS',
        `function ${expr.name} takes ${expr.name === 'can' ? '1 argument' : 'at least 1 argument'}`,
        expr.at,
      );
    }
    for (const arg of expr.args) {
      try {
        const value = this.evaluate(arg);
        if (expr.name === 'can') return isUnknown(value) ? value : true;
        return value;
      } catch (error) {
        if (!(error instanceof ExpressionError) || error.code === 'UNKNOWN_FUNCTION') throw error;
      }
    }
    if (expr.name === 'can') return false;
    throw new ExpressionError(
      'FUNCTION_ARGUMENTS',
      'no expression given to try() could be evaluated without an error',
      expr.at,
    );
  }

  private forExpression(expr: Extract<Expr, { type: 'for' }>): Value {
    const collection = this.evaluate(expr.collection);
    if (isUnknown(collection)) return collection;
    const isObject = expr.keyExpr !== null;
    const tuple: Value[] = [];
    const object: Record<string, Value> = {};
    const groups: Record<string, Value[]> = {};
    for (const [key, value] of this.entries(collection, expr.collection.at)) {
      const scope = this.child({ [expr.valueVar]: value, ...(expr.keyVar ? { [expr.keyVar]: key } : {}) });
      if (expr.condition) {
        const keep = scope.evaluate(expr.condition);
        if (isUnknown(keep)) return unknownFrom([keep]);
        if (!asBool(keep, expr.condition.at, 'for expression condition')) continue;
      }
      if (!isObject) {
        tuple.push(scope.evaluate(expr.valueExpr));
        continue;
      }
      const outputKey = scope.evaluate(expr.keyExpr!);
      if (isUnknown(outputKey)) return unknownFrom([outputKey]);
      const name = asString(outputKey, expr.keyExpr!.at, 'for expression key');
      const outputValue = scope.evaluate(expr.valueExpr);
      if (expr.grouping) (groups[name] ??= []).push(outputValue);
      else {
        if (Object.hasOwn(object, name)) {
          throw new ExpressionError(
            'FUNCTION_ARGUMENTS',
            `duplicate key "${name}" in the for expression; use "..." after the value to group`,
            expr.keyExpr!.at,
          );
        }
        object[name] = outputValue;
      }
    }
    if (!isObject) return tuple;
    return expr.grouping ? groups : object;
  }

  private binary(expr: Extract<Expr, { type: 'binary' }>): Value {
    const left = this.evaluate(expr.left);
    const right = this.evaluate(expr.right);
    if (isUnknown(left) || isUnknown(right))
      return unknownFrom([left, right]).typed(
        ['+', '-', '*', '/', '%'].includes(expr.op) ? 'number' : 'bool',
      );
    const n = (value: Value, side: Expr) => asNumber(value, side.at, `operand of ${expr.op}`);
    const b = (value: Value, side: Expr) => asBool(value, side.at, `operand of ${expr.op}`);
    switch (expr.op) {
      case '+':
        return n(left, expr.left) + n(right, expr.right);
      case '-':
        return n(left, expr.left) - n(right, expr.right);
      case '*':
        return n(left, expr.left) * n(right, expr.right);
      case '/': {
        const divisor = n(right, expr.right);
        if (divisor === 0) throw new ExpressionError('FUNCTION_ARGUMENTS', 'division by zero', expr.at);
        return n(left, expr.left) / divisor;
      }
      case '%': {
        const divisor = n(right, expr.right);
        if (divisor === 0) throw new ExpressionError('FUNCTION_ARGUMENTS', 'modulo by zero', expr.at);
        return n(left, expr.left) % divisor;
      }
      case '<':
        return n(left, expr.left) < n(right, expr.right);
      case '<=':
        return n(left, expr.left) <= n(right, expr.right);
      case '>':
        return n(left, expr.left) > n(right, expr.right);
      case '>=':
        return n(left, expr.left) >= n(right, expr.right);
      case '==':
        return equalValues(left, right);
      case '!=':
        return !equalValues(left, right);
      case '&&':
        return b(left, expr.left) && b(right, expr.right);
      case '||':
        return b(left, expr.left) || b(right, expr.right);
    }
  }
}

function didYouMeanOf(name: string, candidates: readonly string[]): string {
  const match = closestMatch(name, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}

/** Evaluates an expression; errors become HarnessErrors naming the file, line and column. */
function availableOf(names: readonly string[]): string {
  if (names.length === 0) return '';
  const sorted = [...names].sort();
  return ` (it has ${sorted.slice(0, 8).join(', ')}${sorted.length > 8 ? ', …' : ''})`;
}

/** `a.b["c"][0]` for a plain traversal (what a reference error should quote), else undefined. */
function traversalText(expr: Expr): string | undefined {
  switch (expr.type) {
    case 'variable':
      return expr.name;
    case 'getattr': {
      const target = traversalText(expr.target);
      return target === undefined ? undefined : `${target}.${expr.name}`;
    }
    case 'index': {
      const target = traversalText(expr.target);
      if (target === undefined || expr.key.type !== 'literal') return undefined;
      return `${target}[${JSON.stringify(expr.key.value)}]`;
    }
    default:
      return undefined;
  }
}

/** The expression an error comes from, as the configuration spells it (shortened), for the message. */
function expressionNote(text: string): string {
  const bare = /^\$\{([\s\S]*)\}$/.exec(text.trim())?.[1] ?? text;
  const line = bare.replace(/\s+/g, ' ').trim();
  if (line === '') return '';
  return `, in: ${line.length > 80 ? `${line.slice(0, 79)}…` : line}`;
}

export function evaluateExpression(
  expr: Expr,
  scope: EvalScope,
  bindings: Readonly<Record<string, Value>> = {},
): Value {
  try {
    return new Evaluator(scope, new Map(Object.entries(bindings))).evaluate(expr);
  } catch (error) {
    if (error instanceof ExpressionError) {
      throw new HarnessError(error.code, `${error.message}${expressionNote(scope.source.text)}`, {
        location: locate(scope.source, error.at),
      });
    }
    throw error;
  }
}

export type { ValueObject };
