/**
 * The CloudFormation template evaluator: parameters (with their constraints), pseudo parameters,
 * mappings, conditions, Fn::ForEach (AWS::LanguageExtensions), and every intrinsic function, into
 * concrete resources and outputs. Values that exist only after deploy are Unknown, carrying the
 * resources they come from. Written by hand: no maintained library evaluates templates offline.
 */
import { lookupRegion } from '@iac-compare/spec';
import { HarnessError, type SourceLocation } from '../errors.js';
import type { Diagnostic } from '../model/inventory.js';
import {
  isUnknown,
  isValueObject,
  type Reference,
  Unknown,
  unknownFrom,
  type Value,
  type ValueObject,
} from '../model/value.js';
import { cloudFormationCidr, parseCidr } from '../net/cidr.js';
import { expandForEach } from './language-extensions.js';
import { cfnTypeInfo, hasOpenAttributes } from './spec-index.js';
import type { TemplateFile } from './template-file.js';

export interface StackEnvironment {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly urlSuffix: string;
  /**
   * Parameter values given at deploy, as CloudFormation receives them (strings; lists comma-joined).
   * A nested stack's parameters may already be evaluated values (an Unknown from the parent).
   */
  readonly parameters?: Readonly<Record<string, string | Value>>;
  /** The value another stack of the same deployment exports under `name`. */
  readonly importValue?: (name: string) => Value | undefined;
  /** Prefix of every resource address (default `<stackName>/`). */
  readonly addressPrefix?: string;
}

/**
 * How an expression is evaluated: `static` where only parameters, mappings and pseudo parameters
 * may appear (Fn::ForEach collections); `transform` as the AWS::LanguageExtensions transform sees
 * the template before conditions apply (a resource reference is simply unknown).
 */
interface Mode {
  readonly static?: boolean;
  readonly transform?: boolean;
}

export interface EvaluatedResource {
  readonly logicalId: string;
  readonly address: string;
  readonly type: string;
  readonly properties: ValueObject;
  readonly dependsOn: readonly string[];
  /** DeletionPolicy and UpdateReplacePolicy as written (evaluated under the language extensions). */
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

export interface EvaluatedOutput {
  readonly value: Value;
  readonly exportName?: string;
}

export interface EvaluatedStack {
  readonly stackName: string;
  readonly file: string;
  readonly parameters: Readonly<Record<string, Value>>;
  readonly conditions: Readonly<Record<string, boolean | Unknown>>;
  readonly resources: readonly EvaluatedResource[];
  readonly outputs: Readonly<Record<string, EvaluatedOutput>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** AWS::NoValue: removes the property or list element it stands in. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
type Evaluated = Value | typeof NO_VALUE;

interface Where {
  readonly subject: string;
  readonly location: SourceLocation;
}

const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';
const EXTENSION_FUNCTIONS = new Set(['Fn::Length', 'Fn::ToJsonString']);

function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function asArray(node: unknown): unknown[] | undefined {
  return Array.isArray(node) ? node : undefined;
}

function describe(node: unknown): string {
  if (node === NO_VALUE) return 'AWS::NoValue';
  const text = JSON.stringify(node) ?? String(node);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** CloudFormation compares condition operands as strings; lists element by element. */
function looseEquals(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => looseEquals(item, b[i]!));
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}

function scalarText(value: Value, where: Where, what: string): string | Unknown {
  if (isUnknown(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new HarnessError(
    'BAD_INTRINSIC_ARGUMENTS',
    `${what} must be a string, not ${describe(value)}`,
    where,
  );
}

interface ParameterDefinition {
  readonly Type?: unknown;
  readonly Default?: unknown;
  readonly AllowedValues?: unknown;
  readonly AllowedPattern?: unknown;
  readonly MinLength?: unknown;
  readonly MaxLength?: unknown;
  readonly MinValue?: unknown;
  readonly MaxValue?: unknown;
  readonly ConstraintDescription?: unknown;
}

export class TemplateEvaluator {
  private readonly template: Record<string, unknown>;
  private readonly prefix: string;
  private readonly languageExtensions: boolean;
  private readonly parameterValues = new Map<string, Value>();
  private readonly conditionValues = new Map<string, boolean | Unknown>();
  private readonly conditionsInProgress: string[] = [];
  private readonly declared: Record<string, Record<string, unknown>>;
  private readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly file: TemplateFile,
    private readonly env: StackEnvironment,
  ) {
    this.prefix = env.addressPrefix ?? `${env.stackName}/`;
    const raw = file.template;
    this.languageExtensions = this.checkTransforms(raw.Transform);
    this.resolveParameters(raw.Parameters);
    this.template = this.languageExtensions ? (this.expandLoops(raw) as Record<string, unknown>) : raw;
    const resources = this.template.Resources;
    if (!isObject(resources) || Object.keys(resources).length === 0) {
      throw new HarnessError(
        'TEMPLATE_SYNTAX',
        'a template needs a Resources section with at least one resource',
        {
          location: { file: file.file },
        },
      );
    }
    this.declared = resources as Record<string, Record<string, unknown>>;
  }

  /** Where a declaration is; its line is looked up only if an error asks (a text search per call). */
  private where(section: string, name: string): Where {
    const file = this.file;
    let location: SourceLocation | undefined;
    return {
      subject: section === 'Resources' ? name : `${section}.${name}`,
      get location() {
        location ??= file.locate(section, name);
        return location;
      },
    };
  }

  private checkTransforms(transform: unknown): boolean {
    const names = transform === undefined ? [] : Array.isArray(transform) ? transform : [transform];
    let extensions = false;
    for (const name of names) {
      if (name === LANGUAGE_EXTENSIONS) extensions = true;
      else {
        throw new HarnessError(
          'UNSUPPORTED_TRANSFORM',
          `Transform ${describe(name)} is not supported offline (only ${LANGUAGE_EXTENSIONS}); its output depends on a macro that runs in AWS`,
          { location: { file: this.file.file, line: this.file.locate('', 'Transform').line } },
        );
      }
    }
    return extensions;
  }

  // ---- Parameters ---------------------------------------------------------------------------

  private resolveParameters(section: unknown): void {
    if (section === undefined) return;
    if (!isObject(section)) {
      throw new HarnessError('TEMPLATE_SYNTAX', 'Parameters must be a mapping', {
        location: { file: this.file.file },
      });
    }
    const given = this.env.parameters ?? {};
    for (const name of Object.keys(given)) {
      if (!Object.hasOwn(section, name)) {
        throw new HarnessError(
          'MISSING_PARAMETER',
          `a value is given for parameter ${name}, which the template does not declare`,
          {
            location: { file: this.file.file },
          },
        );
      }
    }
    for (const [name, definition] of Object.entries(section)) {
      const where = this.where('Parameters', name);
      if (!isObject(definition))
        throw new HarnessError('TEMPLATE_SYNTAX', 'a parameter is a mapping with a Type', where);
      this.parameterValues.set(
        name,
        this.parameterValue(name, definition as ParameterDefinition, given[name], where),
      );
    }
  }

  private parameterValue(
    name: string,
    definition: ParameterDefinition,
    givenValue: string | Value | undefined,
    where: Where,
  ): Value {
    const type = typeof definition.Type === 'string' ? definition.Type : 'String';
    if (givenValue !== undefined && typeof givenValue !== 'string') {
      if (isUnknown(givenValue) || Array.isArray(givenValue)) return givenValue;
      givenValue = String(givenValue);
    }
    const given = givenValue as string | undefined;
    const raw = given ?? (definition.Default === undefined ? undefined : String(definition.Default));
    if (type.startsWith('AWS::SSM::Parameter::Value<')) {
      return new Unknown('missing-input', [], `SSM parameter ${raw ?? name} is read when the stack deploys`);
    }
    if (raw === undefined) {
      // Given when the stack deploys (a template checked on its own): known only then.
      this.diagnostics.push({
        severity: 'warning',
        subject: name,
        message: `parameter ${name} has no value and no Default: it is given at deploy, so what depends on it is unknown (give it with --parameter ${name}=…)`,
      });
      return new Unknown('missing-input', [], `parameter ${name} is given at deploy`);
    }
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    const items = isList
      ? raw === ''
        ? ['']
        : raw.split(',').map((item) => (type === 'CommaDelimitedList' ? item.trim() : item.trim()))
      : [raw];
    const fail = (rule: string) => {
      const description =
        typeof definition.ConstraintDescription === 'string' ? ` (${definition.ConstraintDescription})` : '';
      throw new HarnessError(
        'PARAMETER_CONSTRAINT',
        `parameter ${name} = ${JSON.stringify(raw)} breaks its constraint: ${rule}${description}`,
        where,
      );
    };
    for (const item of items) {
      const numeric = type === 'Number' || type === 'List<Number>';
      if (numeric && (item.trim() === '' || Number.isNaN(Number(item)))) fail('it must be a number');
      if (Array.isArray(definition.AllowedValues) && !definition.AllowedValues.map(String).includes(item)) {
        fail(`AllowedValues ${JSON.stringify(definition.AllowedValues)}`);
      }
      if (
        typeof definition.AllowedPattern === 'string' &&
        !new RegExp(`^(?:${definition.AllowedPattern})$`).test(item)
      ) {
        fail(`AllowedPattern ${definition.AllowedPattern}`);
      }
      if (numeric && definition.MinValue !== undefined && Number(item) < Number(definition.MinValue))
        fail(`MinValue ${definition.MinValue}`);
      if (numeric && definition.MaxValue !== undefined && Number(item) > Number(definition.MaxValue))
        fail(`MaxValue ${definition.MaxValue}`);
    }
    if (definition.MinLength !== undefined && raw.length < Number(definition.MinLength))
      fail(`MinLength ${definition.MinLength}`);
    if (definition.MaxLength !== undefined && raw.length > Number(definition.MaxLength))
      fail(`MaxLength ${definition.MaxLength}`);
    // Ref of a Number parameter gives a string; CloudFormation converts it where a number is needed.
    return isList ? items : raw;
  }

  // ---- Fn::ForEach -----------------------------------------------------------------------------

  private expandLoops(template: Record<string, unknown>): Record<string, unknown> {
    const out = { ...template };
    for (const section of ['Conditions', 'Resources', 'Outputs']) {
      if (template[section] === undefined) continue;
      out[section] = expandForEach(
        template[section],
        (collection, loop) => {
          const where = { subject: `Fn::ForEach::${loop}`, location: { file: this.file.file } };
          const value = this.evaluateStatic(collection, where);
          if (
            !Array.isArray(value) ||
            value.some((item) => typeof item !== 'string' && typeof item !== 'number')
          ) {
            throw new HarnessError(
              'BAD_INTRINSIC_ARGUMENTS',
              `the collection of Fn::ForEach::${loop} must be a list of strings known before deploy, not ${isUnknown(value) ? value.describe() : describe(value)}`,
              where,
            );
          }
          return value.map(String);
        },
        { file: this.file.file },
        0,
        (key, loop, depth) => {
          // Logical IDs are checked as such; a key generated inside a resource must be alphanumeric
          // too by the transform's design (RFC 0009), which the user guide does not say.
          if (depth === 0 || /^[A-Za-z0-9]+$/.test(key)) return;
          this.diagnostics.push({
            severity: 'warning',
            subject: `Fn::ForEach::${loop}`,
            message: `generates the key "${key}", which is not alphanumeric: RFC 0009 of the language extensions requires alphanumeric output keys and the user guide is silent, so it cannot be shown valid offline`,
          });
        },
      );
    }
    return out;
  }

  /** Evaluates where only parameters, mappings and pseudo parameters may appear (loop collections). */
  private evaluateStatic(node: unknown, where: Where): Value {
    const value = this.evaluate(node, where, 0, { static: true });
    return value === NO_VALUE ? null : value;
  }

  // ---- Conditions ---------------------------------------------------------------------------

  condition(name: string, where: Where): boolean | Unknown {
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    const conditions = this.template.Conditions;
    if (!isObject(conditions) || !Object.hasOwn(conditions, name)) {
      throw new HarnessError(
        'UNRESOLVED_REFERENCE',
        `condition ${name} is not declared in Conditions`,
        where,
      );
    }
    if (this.conditionsInProgress.includes(name)) {
      const cycle = [...this.conditionsInProgress.slice(this.conditionsInProgress.indexOf(name)), name];
      throw new HarnessError(
        'CIRCULAR_REFERENCE',
        `conditions refer to each other in a circle: ${cycle.join(' -> ')}`,
        this.where('Conditions', name),
      );
    }
    this.conditionsInProgress.push(name);
    try {
      const result = this.evaluateCondition(conditions[name], this.where('Conditions', name), 0);
      this.conditionValues.set(name, result);
      return result;
    } finally {
      this.conditionsInProgress.pop();
    }
  }

  private evaluateCondition(node: unknown, where: Where, depth: number): boolean | Unknown {
    if (isObject(node) && Object.keys(node).length === 1 && typeof node.Condition === 'string') {
      return this.condition(node.Condition, where);
    }
    const value = this.evaluate(node, where, depth + 1);
    if (value === NO_VALUE)
      throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', 'a condition cannot be AWS::NoValue', where);
    if (isUnknown(value) || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new HarnessError(
      'BAD_INTRINSIC_ARGUMENTS',
      `a condition must be true or false, not ${describe(value)}`,
      where,
    );
  }

  // ---- Values -----------------------------------------------------------------------------

  private evaluate(node: unknown, where: Where, depth: number, mode: Mode = {}): Evaluated {
    if (depth > 200)
      throw new HarnessError('INTERNAL_LIMIT', 'expression nested deeper than 200 levels', where);
    if (node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean')
      return node;
    if (node instanceof Date) return node.toISOString();
    if (Array.isArray(node)) {
      const items: Value[] = [];
      for (const child of node) {
        const value = this.evaluate(child, where, depth + 1, mode);
        if (value !== NO_VALUE) items.push(value);
      }
      return items;
    }
    if (!isObject(node)) throw new HarnessError('TEMPLATE_SYNTAX', `unexpected value ${String(node)}`, where);
    const keys = Object.keys(node);
    if (keys.length === 1) {
      const key = keys[0]!;
      if (key === 'Ref') return this.ref(node.Ref, where, depth, mode);
      if (key.startsWith('Fn::')) return this.intrinsic(key, node[key], where, depth, mode);
    }
    const result: Record<string, Value> = {};
    for (const key of keys) {
      const value = this.evaluate(node[key], where, depth + 1, mode);
      if (value !== NO_VALUE) result[key] = value;
    }
    return result;
  }

  private value(node: unknown, where: Where, depth: number, mode: Mode, what: string): Value {
    const value = this.evaluate(node, where, depth + 1, mode);
    if (value === NO_VALUE)
      throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', `${what} cannot be AWS::NoValue`, where);
    return value;
  }

  private ref(target: unknown, where: Where, depth: number, mode: Mode): Evaluated {
    if (typeof target !== 'string') {
      if (!this.languageExtensions) {
        throw new HarnessError(
          'BAD_INTRINSIC_ARGUMENTS',
          `Ref takes the name of a parameter or resource, not ${describe(target)}`,
          where,
        );
      }
      const name = this.value(target, where, depth, mode, 'the Ref target');
      if (typeof name !== 'string')
        throw new HarnessError(
          'BAD_INTRINSIC_ARGUMENTS',
          `Ref target must be a string, not ${describe(name)}`,
          where,
        );
      return this.ref(name, where, depth, mode);
    }
    if (target === 'AWS::NoValue') return NO_VALUE;
    const pseudo = this.pseudoParameter(target);
    if (pseudo !== undefined) return pseudo;
    if (this.parameterValues.has(target)) return this.parameterValues.get(target)!;
    if (mode.static) {
      throw new HarnessError(
        'BAD_INTRINSIC_ARGUMENTS',
        `Ref ${target}: only parameters and pseudo parameters are known here`,
        where,
      );
    }
    return this.resourceReference(target, 'Ref', where, mode);
  }

  private pseudoParameter(name: string): Value | undefined {
    switch (name) {
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::AccountId':
        return this.env.account;
      case 'AWS::Partition':
        return this.env.partition;
      case 'AWS::URLSuffix':
        return this.env.urlSuffix;
      case 'AWS::StackName':
        return this.env.stackName;
      case 'AWS::StackId':
        return new Unknown('computed', [], 'the stack ID is assigned when the stack is created');
      case 'AWS::NotificationARNs':
        return [];
      default:
        return undefined;
    }
  }

  private resourceReference(logicalId: string, attribute: string, where: Where, mode: Mode = {}): Unknown {
    const resource = this.declared[logicalId];
    if (!resource) {
      throw new HarnessError(
        'UNRESOLVED_REFERENCE',
        `${attribute === 'Ref' ? 'Ref' : 'Fn::GetAtt'} to ${logicalId}, which is not a parameter, resource or pseudo parameter of this template`,
        where,
      );
    }
    const condition = resource.Condition;
    if (!mode.transform && typeof condition === 'string' && this.condition(condition, where) === false) {
      throw new HarnessError(
        'UNRESOLVED_REFERENCE',
        `refers to ${logicalId}, which condition ${condition} leaves out; guard the reference with Fn::If [${condition}, …, !Ref AWS::NoValue]`,
        where,
      );
    }
    if (attribute !== 'Ref') {
      const type = String(resource.Type);
      const info = cfnTypeInfo(type);
      if (info && !hasOpenAttributes(type) && !info.attributes.includes(attribute)) {
        throw new HarnessError(
          'UNKNOWN_ATTRIBUTE',
          `Fn::GetAtt ${logicalId}.${attribute}: ${type} has no attribute ${attribute}; it has ${info.attributes.join(', ') || 'none'}`,
          where,
        );
      }
    }
    const reference: Reference = { address: `${this.prefix}${logicalId}`, attribute };
    return new Unknown('computed', [reference]);
  }

  private intrinsic(name: string, args: unknown, where: Where, depth: number, mode: Mode): Evaluated {
    if (EXTENSION_FUNCTIONS.has(name) && !this.languageExtensions) {
      throw new HarnessError('UNKNOWN_INTRINSIC', `${name} needs Transform: ${LANGUAGE_EXTENSIONS}`, where);
    }
    const v = (node: unknown, what: string) => this.value(node, where, depth, mode, what);
    switch (name) {
      case 'Fn::GetAtt':
        return this.getAtt(args, where, depth, mode);
      case 'Fn::Sub':
        return this.sub(args, where, depth, mode);
      case 'Fn::Join': {
        const [delimiter, list] = this.arguments(name, args, 2, where);
        const separator = v(delimiter, 'the Fn::Join delimiter');
        const items = v(list, 'the Fn::Join list');
        if (isUnknown(separator) || isUnknown(items)) return unknownFrom([separator, items]);
        if (typeof separator !== 'string' || !Array.isArray(items)) {
          throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', 'Fn::Join takes [delimiter, [values]]', where);
        }
        const texts = items.map((item) => scalarText(item, where, 'each Fn::Join value'));
        if (texts.some(isUnknown)) return unknownFrom(texts);
        return (texts as string[]).join(separator);
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.arguments(name, args, 2, where);
        const separator = v(delimiter, 'the Fn::Split delimiter');
        const text = v(source, 'the Fn::Split source');
        if (isUnknown(separator) || isUnknown(text)) return unknownFrom([separator, text]);
        if (typeof separator !== 'string' || typeof text !== 'string') {
          throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', 'Fn::Split takes [delimiter, string]', where);
        }
        return text.split(separator);
      }
      case 'Fn::Select': {
        const [indexNode, listNode] = this.arguments(name, args, 2, where);
        const index = v(indexNode, 'the Fn::Select index');
        const list = v(listNode, 'the Fn::Select list');
        if (isUnknown(index) || isUnknown(list)) return unknownFrom([index, list]);
        const position = Number(index);
        if (!Number.isInteger(position) || !Array.isArray(list)) {
          throw new HarnessError(
            'BAD_INTRINSIC_ARGUMENTS',
            `Fn::Select takes [index, list], not ${describe(args)}`,
            where,
          );
        }
        if (position < 0 || position >= list.length) {
          throw new HarnessError(
            'BAD_INTRINSIC_ARGUMENTS',
            `Fn::Select index ${position} is outside the list of ${list.length}`,
            where,
          );
        }
        return list[position]!;
      }
      case 'Fn::FindInMap':
        return this.findInMap(args, where, depth, mode);
      case 'Fn::GetAZs': {
        const region = v(args, 'the Fn::GetAZs region');
        if (isUnknown(region)) return region;
        const name = region === '' ? this.env.region : String(region);
        const info = lookupRegion(name);
        return info
          ? [...info.availabilityZones]
          : new Unknown('missing-input', [], `no availability-zone table for region ${name}`);
      }
      case 'Fn::Base64': {
        const text = scalarText(v(args, 'the Fn::Base64 value'), where, 'the Fn::Base64 value');
        return isUnknown(text) ? text : Buffer.from(text, 'utf8').toString('base64');
      }
      case 'Fn::Cidr': {
        const [blockNode, countNode, bitsNode] = this.arguments(name, args, 3, where);
        const block = v(blockNode, 'the Fn::Cidr block');
        const count = v(countNode, 'the Fn::Cidr count');
        const bits = v(bitsNode, 'the Fn::Cidr cidrBits');
        if (isUnknown(block) || isUnknown(count) || isUnknown(bits)) return unknownFrom([block, count, bits]);
        const network = typeof block === 'string' ? parseCidr(block) : undefined;
        if (!network)
          throw new HarnessError(
            'BAD_INTRINSIC_ARGUMENTS',
            `Fn::Cidr: ${describe(block)} is not a CIDR block`,
            where,
          );
        try {
          return cloudFormationCidr(network, Number(count), Number(bits));
        } catch (error) {
          throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', `Fn::Cidr: ${(error as Error).message}`, where);
        }
      }
      case 'Fn::ImportValue': {
        const exportName = v(args, 'the Fn::ImportValue name');
        if (isUnknown(exportName)) return exportName;
        if (typeof exportName !== 'string')
          throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', 'Fn::ImportValue takes an export name', where);
        if (!this.env.importValue)
          return new Unknown('missing-input', [], `export ${exportName} of another stack`);
        const imported = this.env.importValue(exportName);
        // A stack checked without the one that exports the name: CloudFormation resolves it at
        // deploy, from whichever stack of the account and region exports it.
        if (imported === undefined)
          return new Unknown('missing-input', [], `given at deploy by the stack that exports ${exportName}`);
        return imported;
      }
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = this.arguments(name, args, 3, where);
        if (typeof conditionName !== 'string')
          throw new HarnessError(
            'BAD_INTRINSIC_ARGUMENTS',
            'Fn::If takes [ConditionName, then, else]',
            where,
          );
        const condition = this.condition(conditionName, where);
        if (isUnknown(condition)) return condition;
        return this.evaluate(condition ? whenTrue : whenFalse, where, depth + 1, mode);
      }
      case 'Fn::Equals': {
        const [left, right] = this.arguments(name, args, 2, where);
        const a = v(left, 'an Fn::Equals operand');
        const b = v(right, 'an Fn::Equals operand');
        if (isUnknown(a) || isUnknown(b)) return unknownFrom([a, b]);
        return looseEquals(a, b);
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const operands = asArray(args);
        if (!operands || operands.length < 2 || operands.length > 10) {
          throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', `${name} takes 2 to 10 conditions`, where);
        }
        const results = operands.map((operand) => this.evaluateCondition(operand, where, depth + 1));
        const decisive = name !== 'Fn::And';
        if (results.includes(decisive)) return decisive;
        return results.some(isUnknown) ? unknownFrom(results) : !decisive;
      }
      case 'Fn::Not': {
        const [operand] = this.arguments(name, args, 1, where);
        const result = this.evaluateCondition(operand, where, depth + 1);
        return isUnknown(result) ? result : !result;
      }
      case 'Fn::Length': {
        const list = v(args, 'the Fn::Length list');
        if (isUnknown(list)) return list;
        if (!Array.isArray(list))
          throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', 'Fn::Length takes a list', where);
        return list.length;
      }
      case 'Fn::ToJsonString': {
        const value = v(args, 'the Fn::ToJsonString value');
        if (
          isUnknown(value) ||
          (typeof value === 'object' && value !== null && JSON.stringify(value).includes('"$unknown"'))
        ) {
          return unknownFrom([value]);
        }
        if (typeof value !== 'object' || value === null) {
          throw new HarnessError(
            'BAD_INTRINSIC_ARGUMENTS',
            'Fn::ToJsonString takes an object or a list',
            where,
          );
        }
        return JSON.stringify(value);
      }
      case 'Fn::Transform':
        throw new HarnessError(
          'UNSUPPORTED_TRANSFORM',
          'Fn::Transform runs a macro in AWS; it cannot be evaluated offline',
          where,
        );
      default:
        throw new HarnessError('UNKNOWN_INTRINSIC', `unknown intrinsic function ${name}`, where);
    }
  }

  private arguments(name: string, args: unknown, count: number, where: Where): unknown[] {
    const list = asArray(args);
    if (!list || list.length !== count) {
      throw new HarnessError(
        'BAD_INTRINSIC_ARGUMENTS',
        `${name} takes a list of ${count} arguments, not ${describe(args)}`,
        where,
      );
    }
    return list;
  }

  private getAtt(args: unknown, where: Where, depth: number, mode: Mode): Evaluated {
    let parts: unknown[] | undefined = asArray(args);
    if (typeof args === 'string') {
      const dot = args.indexOf('.');
      parts = dot < 0 ? [args] : [args.slice(0, dot), args.slice(dot + 1)];
    }
    // Under AWS::LanguageExtensions the logical ID may be a Fn::Sub or Ref (inside Fn::ForEach,
    // `!GetAtt [!Sub "${Name}Bucket", Arn]`): it is known before deploy.
    if (
      parts?.length === 2 &&
      this.languageExtensions &&
      isObject(parts[0]) &&
      Object.keys(parts[0]).length === 1 &&
      ['Fn::Sub', 'Ref'].includes(Object.keys(parts[0])[0]!)
    ) {
      const id = this.value(
        parts[0],
        where,
        depth,
        { ...mode, static: true },
        'the logical ID of Fn::GetAtt',
      );
      if (typeof id !== 'string') {
        throw new HarnessError(
          'BAD_INTRINSIC_ARGUMENTS',
          'the logical ID of Fn::GetAtt must come out a string',
          where,
        );
      }
      parts = [id, parts[1]];
    }
    if (parts?.length !== 2 || typeof parts[0] !== 'string') {
      throw new HarnessError(
        'BAD_INTRINSIC_ARGUMENTS',
        `Fn::GetAtt takes [LogicalId, Attribute], not ${describe(args)}`,
        where,
      );
    }
    if (mode.static)
      throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', 'Fn::GetAtt is not known before deploy here', where);
    const attribute =
      typeof parts[1] === 'string'
        ? parts[1]
        : this.value(parts[1], where, depth, mode, 'the attribute name');
    if (isUnknown(attribute)) return attribute;
    return this.resourceReference(parts[0], String(attribute), where, mode);
  }

  private sub(args: unknown, where: Where, depth: number, mode: Mode): Evaluated {
    let template: unknown = args;
    let variables: Record<string, Value> = {};
    if (Array.isArray(args)) {
      if (args.length !== 2 || !isObject(args[1])) {
        throw new HarnessError(
          'BAD_INTRINSIC_ARGUMENTS',
          'Fn::Sub takes a string, or [string, {Name: value}]',
          where,
        );
      }
      template = args[0];
      variables = Object.fromEntries(
        Object.entries(args[1]).map(([key, node]) => [
          key,
          this.value(node, where, depth, mode, `Fn::Sub variable ${key}`),
        ]),
      );
    }
    if (typeof template !== 'string')
      throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', 'the Fn::Sub template must be a string', where);
    const pieces: (string | Unknown)[] = [];
    let rest = template;
    for (let guard = 0; guard < 10_000; guard++) {
      const start = rest.indexOf('${');
      if (start < 0) break;
      pieces.push(rest.slice(0, start));
      const end = rest.indexOf('}', start);
      if (end < 0)
        throw new HarnessError(
          'BAD_INTRINSIC_ARGUMENTS',
          `Fn::Sub: unclosed \${ in ${describe(template)}`,
          where,
        );
      const name = rest.slice(start + 2, end);
      rest = rest.slice(end + 1);
      if (name.startsWith('!')) {
        pieces.push(`\${${name.slice(1)}}`);
        continue;
      }
      let value: Evaluated;
      if (Object.hasOwn(variables, name)) value = variables[name]!;
      else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        value = this.getAtt([name.slice(0, dot), name.slice(dot + 1)], where, depth, mode);
      } else value = this.ref(name, where, depth, mode);
      if (value === NO_VALUE)
        throw new HarnessError('BAD_INTRINSIC_ARGUMENTS', `Fn::Sub: \${${name}} is AWS::NoValue`, where);
      pieces.push(scalarText(value, where, `Fn::Sub variable \${${name}}`));
    }
    pieces.push(rest);
    return pieces.some(isUnknown) ? unknownFrom(pieces) : (pieces as string[]).join('');
  }

  private findInMap(args: unknown, where: Where, depth: number, mode: Mode): Evaluated {
    const list = asArray(args);
    if (!list || (list.length !== 3 && !(list.length === 4 && this.languageExtensions))) {
      throw new HarnessError(
        'BAD_INTRINSIC_ARGUMENTS',
        `Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]${this.languageExtensions ? ', optionally {DefaultValue: …}' : ''}`,
        where,
      );
    }
    const [mapNode, topNode, secondNode, options] = list;
    const keys = [mapNode, topNode, secondNode].map((node) =>
      this.value(node, where, depth, mode, 'a Fn::FindInMap key'),
    );
    const fallback =
      isObject(options) && Object.hasOwn(options, 'DefaultValue') ? options.DefaultValue : undefined;
    if (keys.some(isUnknown)) return unknownFrom(keys);
    const [mapName, top, second] = keys.map(String) as [string, string, string];
    const mappings = this.template.Mappings;
    const map = isObject(mappings) ? mappings[mapName] : undefined;
    if (!isObject(map))
      throw new HarnessError('UNRESOLVED_REFERENCE', `Fn::FindInMap: there is no mapping ${mapName}`, where);
    const level = map[top];
    const found = isObject(level) && Object.hasOwn(level, second) ? level[second] : undefined;
    if (found !== undefined) return this.evaluate(found, where, depth + 1, mode);
    if (fallback !== undefined) return this.evaluate(fallback, where, depth + 1, mode);
    throw new HarnessError(
      'UNRESOLVED_REFERENCE',
      `Fn::FindInMap: mapping ${mapName} has no ${top} / ${second}`,
      where,
    );
  }

  // ---- The stack --------------------------------------------------------------------------

  evaluateStack(): EvaluatedStack {
    const conditions = this.template.Conditions;
    if (conditions !== undefined && !isObject(conditions)) {
      throw new HarnessError('TEMPLATE_SYNTAX', 'Conditions must be a mapping', {
        location: { file: this.file.file },
      });
    }
    for (const name of Object.keys(conditions ?? {})) this.condition(name, this.where('Conditions', name));
    if (this.languageExtensions) this.evaluateAsTheTransformDoes();

    const included: [string, Record<string, unknown>][] = [];
    const parameters = isObject(this.template.Parameters) ? this.template.Parameters : {};
    for (const [logicalId, resource] of Object.entries(this.declared)) {
      const where = this.where('Resources', logicalId);
      if (Object.hasOwn(parameters, logicalId)) {
        throw new HarnessError(
          'TEMPLATE_SYNTAX',
          `${logicalId} is both a parameter and a resource; CloudFormation rejects the template (logical IDs are unique across Parameters, Resources and Outputs' references)`,
          where,
        );
      }
      if (!/^[A-Za-z0-9]+$/.test(logicalId)) {
        throw new HarnessError('TEMPLATE_SYNTAX', 'logical IDs are alphanumeric (A-Za-z0-9)', where);
      }
      if (!isObject(resource) || typeof resource.Type !== 'string') {
        throw new HarnessError('TEMPLATE_SYNTAX', 'a resource is a mapping with a Type', where);
      }
      const condition = resource.Condition;
      if (condition !== undefined) {
        if (typeof condition !== 'string')
          throw new HarnessError('TEMPLATE_SYNTAX', 'Condition must be a condition name', where);
        const value = this.condition(condition, where);
        if (value === false) continue;
        if (isUnknown(value)) {
          this.diagnostics.push({
            severity: 'warning',
            subject: logicalId,
            message: `condition ${condition} is only known at deploy (${value.describe()}); the resource is counted as created`,
          });
        }
      }
      if (
        !cfnTypeInfo(resource.Type) &&
        !hasOpenAttributes(resource.Type) &&
        resource.Type !== 'AWS::CDK::Metadata'
      ) {
        this.diagnostics.push({
          severity: 'warning',
          subject: logicalId,
          message: `${resource.Type} is not in the CloudFormation specification`,
        });
      }
      included.push([logicalId, resource]);
    }
    const includedIds = new Set(included.map(([id]) => id));

    const resources: EvaluatedResource[] = included.map(([logicalId, resource]) => {
      const where = this.where('Resources', logicalId);
      const raw =
        resource.DependsOn === undefined
          ? []
          : Array.isArray(resource.DependsOn)
            ? resource.DependsOn
            : [resource.DependsOn];
      for (const target of raw) {
        if (typeof target !== 'string' || !this.declared[target]) {
          throw new HarnessError(
            'UNRESOLVED_REFERENCE',
            `DependsOn ${describe(target)}, which is not a resource of this template`,
            where,
          );
        }
        if (!includedIds.has(target)) {
          throw new HarnessError(
            'UNRESOLVED_REFERENCE',
            `DependsOn ${target}, which its condition leaves out of the stack`,
            where,
          );
        }
      }
      const properties =
        resource.Properties === undefined ? {} : this.evaluate(resource.Properties, where, 0);
      if (properties !== NO_VALUE && !isValueObject(properties)) {
        throw new HarnessError('TEMPLATE_SYNTAX', 'Properties must be a mapping', where);
      }
      const deletionPolicy = this.policy(resource.DeletionPolicy, 'DeletionPolicy', where);
      const updateReplacePolicy = this.policy(resource.UpdateReplacePolicy, 'UpdateReplacePolicy', where);
      return {
        logicalId,
        address: `${this.prefix}${logicalId}`,
        type: resource.Type as string,
        properties: properties === NO_VALUE ? {} : properties,
        dependsOn: (raw as string[]).map((target) => `${this.prefix}${target}`),
        ...(deletionPolicy ? { deletionPolicy } : {}),
        ...(updateReplacePolicy ? { updateReplacePolicy } : {}),
        metadata: isObject(resource.Metadata) ? resource.Metadata : {},
        location: where.location,
      };
    });
    this.checkCycles(resources);

    const outputs: Record<string, EvaluatedOutput> = {};
    const declaredOutputs = this.template.Outputs;
    for (const [name, output] of Object.entries(isObject(declaredOutputs) ? declaredOutputs : {})) {
      const where = this.where('Outputs', name);
      if (!isObject(output))
        throw new HarnessError('TEMPLATE_SYNTAX', 'an output is a mapping with a Value', where);
      if (typeof output.Condition === 'string' && this.condition(output.Condition, where) === false) continue;
      const value = this.value(output.Value, where, 0, {}, 'an output Value');
      const exportName = isObject(output.Export)
        ? this.value(output.Export.Name, where, 0, {}, 'an export Name')
        : undefined;
      outputs[name] = { value, ...(typeof exportName === 'string' ? { exportName } : {}) };
    }

    return {
      stackName: this.env.stackName,
      file: this.file.file,
      parameters: Object.fromEntries(this.parameterValues),
      conditions: Object.fromEntries(this.conditionValues),
      resources,
      outputs,
      diagnostics: this.diagnostics,
    };
  }

  /**
   * DeletionPolicy or UpdateReplacePolicy: Delete, Retain, RetainExceptOnCreate or Snapshot; under
   * the language extensions it may be an intrinsic (a Ref to a parameter, a Fn::If).
   */
  private policy(node: unknown, attribute: string, where: Where): string | undefined {
    if (node === undefined) return undefined;
    if (typeof node !== 'string' && !this.languageExtensions) {
      throw new HarnessError(
        'TEMPLATE_SYNTAX',
        `${attribute} must be a string; an intrinsic function there needs Transform: ${LANGUAGE_EXTENSIONS}`,
        where,
      );
    }
    const value = this.evaluate(node, where, 0);
    const allowed = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new HarnessError(
        'TEMPLATE_SYNTAX',
        `${attribute} is ${isUnknown(value) ? value.describe() : describe(value)}; it must be one of ${allowed.join(', ')}, known before deploy`,
        where,
      );
    }
    return value;
  }

  /**
   * AWS::LanguageExtensions resolves Fn::Select and Fn::FindInMap wherever their arguments are
   * known when the transform runs — also in resources whose Condition is false, which plain
   * CloudFormation would skip. An index past the end of a list there fails the whole transform (an
   * open AWS bug, stricter than the documentation: cfn-language-discussion#159 and #113,
   * cloudformation-coverage-roadmap#1573). The evaluator fails the same way, with the service's words.
   */
  private evaluateAsTheTransformDoes(): void {
    const visit = (node: unknown, where: Where, depth: number): void => {
      if (depth > 200 || node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        for (const child of node) visit(child, where, depth + 1);
        return;
      }
      const object = node as Record<string, unknown>;
      const keys = Object.keys(object);
      if (keys.length === 1 && (keys[0] === 'Fn::Select' || keys[0] === 'Fn::FindInMap')) {
        try {
          this.evaluate(object, where, depth, { transform: true });
        } catch (error) {
          if (!(error instanceof HarnessError) || error.code === 'INTERNAL_LIMIT') throw error;
          const index = /index (-?\d+)/.exec(error.message)?.[1];
          const said =
            keys[0] === 'Fn::Select' && index !== undefined
              ? `Fn::Select cannot select nonexistent value at index ${index}`
              : error.message.replace(/^.*?: (?=Fn::)/, '');
          throw new HarnessError(
            'TRANSFORM_FAILED',
            `Transform ${LANGUAGE_EXTENSIONS} failed with: ${said} (the transform evaluates ${keys[0]} even in resources whose Condition is false: cfn-language-discussion#159; guard the value another way or drop the transform)`,
            where,
          );
        }
      }
      for (const child of Object.values(object)) visit(child, where, depth + 1);
    };
    for (const [logicalId, resource] of Object.entries(this.declared)) {
      if (isObject(resource)) visit(resource.Properties, this.where('Resources', logicalId), 0);
    }
  }

  /** CloudFormation rejects a template whose resources depend on each other in a circle. */
  private checkCycles(resources: readonly EvaluatedResource[]): void {
    const prefixLength = this.prefix.length;
    const edges = new Map<string, string[]>();
    for (const resource of resources) {
      const targets = new Set<string>(resource.dependsOn.map((address) => address.slice(prefixLength)));
      const collect = (value: Value, depth: number): void => {
        if (depth > 64) return;
        if (isUnknown(value)) {
          for (const reference of value.references) {
            if (reference.address.startsWith(this.prefix)) targets.add(reference.address.slice(prefixLength));
          }
        } else if (Array.isArray(value)) for (const item of value) collect(item, depth + 1);
        else if (isValueObject(value)) for (const item of Object.values(value)) collect(item, depth + 1);
      };
      collect(resource.properties, 0);
      edges.set(resource.logicalId, [...targets]);
    }
    const state = new Map<string, 'active' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'active');
      stack.push(node);
      for (const next of edges.get(node) ?? []) {
        if (state.get(next) === 'active') {
          const cycle = [...stack.slice(stack.indexOf(next)), next];
          throw new HarnessError(
            'CIRCULAR_REFERENCE',
            `resources depend on each other in a circle: ${cycle.join(' -> ')}`,
            {
              location: this.file.locate('Resources', next),
            },
          );
        }
        if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of edges.keys()) if (!state.has(node)) visit(node);
  }
}

export function evaluateTemplate(file: TemplateFile, env: StackEnvironment): EvaluatedStack {
  return new TemplateEvaluator(file, env).evaluateStack();
}
