/**
 * Evaluating a Terraform configuration: one dependency graph per module instance — variables,
 * locals, providers, data sources, resources, module calls, outputs — evaluated in dependency
 * order (a cycle is an error naming its members), with count / for_each / dynamic expansion, local
 * modules and their inputs and outputs. An expansion whose count or keys are only known after apply
 * is an error, as it is in `terraform plan`; it is never guessed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { closestMatch } from '@iac-compare/spec';
import { HarnessError, type SourceLocation } from '../errors.js';
import type { Diagnostic, ReferenceEdge } from '../model/inventory.js';
import {
  containsUnknown,
  isUnknown,
  isValueObject,
  Unknown,
  type Value,
  type ValueObject,
} from '../model/value.js';
import { type Expr, referencesOf, type StaticReference } from './ast.js';
import {
  attributeLine,
  type ConfigBlock,
  isObject,
  type ModuleConfig,
  type Raw,
  type RawObject,
  readModule,
} from './config.js';
import { sortedKeys, toBoolValue, toStringValue } from './convert.js';
import { type DataSourceEnvironment, DataSourceError, readDataSource } from './data-sources.js';
import {
  type EvalScope,
  evaluateExpression,
  registerInstance,
  type SourceText,
} from './evaluate-expression.js';
import { FunctionError } from './function-args.js';
import type { FunctionContext } from './functions.js';
import { parseExpression, parseTemplate } from './parser.js';
import { argumentsSet, attributesAsRead } from './resource-values.js';
import { convertToType, type TypeConstraint, TypeError_, typeFromExpr } from './types.js';
import { readTfvars } from './variable-files.js';

const RESOURCE_META = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
]);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);
const VARIABLE_META = new Set([
  'type',
  'default',
  'description',
  'validation',
  'sensitive',
  'nullable',
  'ephemeral',
]);
const MAX_MODULE_DEPTH = 16;

/** One resource instance a configuration declares. */
export interface TerraformResource {
  readonly address: string;
  readonly type: string;
  readonly displayName: string;
  readonly args: ValueObject;
  readonly edges: readonly ReferenceEdge[];
  readonly dependsOn: readonly string[];
  readonly location: SourceLocation;
  readonly defaultTags: ValueObject | null;
  readonly lifecycle: TerraformLifecycle;
}

/** A resource's lifecycle block, as written (Terraform evaluates it statically). */
export interface TerraformLifecycle {
  readonly createBeforeDestroy: boolean;
  readonly preventDestroy: boolean;
  /** Attribute paths as written (`scaling_config[0].desired_size`), or `all`. */
  readonly ignoreChanges: readonly string[] | 'all';
}

const NO_LIFECYCLE: TerraformLifecycle = {
  createBeforeDestroy: false,
  preventDestroy: false,
  ignoreChanges: [],
};

/** The lifecycle meta-argument of a resource block: literals and bare traversals, never evaluated. */
/**
 * Terraform's own words for an expansion it cannot plan (terraform 1.11, `terraform plan`), so a
 * user who searches the message finds Terraform's documentation and answers.
 */
const TERRAFORM_WORDS = {
  count:
    'The "count" value depends on resource attributes that cannot be determined until apply, so Terraform cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.',
  forEachSet:
    'The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource. When working with unknown values in for_each, it\'s better to use a map value where the keys are defined statically in your configuration and where only the values contain apply-time results.',
  forEachMap:
    'The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource. When working with unknown values in for_each, it\'s better to define the map keys statically in your configuration and place apply-time results only in the map values.',
} as const;

/** " (aws_subnet.a[0].id is known only after apply)" — what Terraform shows under the expression. */
function knownAfterApply(value: Unknown): string {
  const from = value.references
    .slice(0, 3)
    .map((reference) =>
      reference.attribute ? `${reference.address}.${reference.attribute}` : reference.address,
    );
  if (from.length === 0) return value.detail ? ` (${value.detail})` : '';
  return ` (${from.join(', ')}${value.references.length > 3 ? ', …' : ''} ${from.length === 1 ? 'is' : 'are'} known only after apply)`;
}

function lifecycleOf(raw: Raw): TerraformLifecycle {
  const body = Array.isArray(raw) ? raw[0] : raw;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return NO_LIFECYCLE;
  const block = body as Record<string, Raw>;
  const flag = (value: Raw) => value === true || value === 'true' || value === '${true}';
  const ignore = block.ignore_changes;
  const text = (item: Raw) => bareExpressionText(item) ?? String(item);
  return {
    createBeforeDestroy: flag(block.create_before_destroy),
    preventDestroy: flag(block.prevent_destroy),
    ignoreChanges:
      ignore === undefined
        ? []
        : !Array.isArray(ignore) && text(ignore).trim() === 'all'
          ? 'all'
          : (Array.isArray(ignore) ? ignore : [ignore]).map((item) => text(item).trim()),
  };
}

export interface TerraformRun {
  readonly rootDir: string;
  readonly env: DataSourceEnvironment;
  readonly resources: TerraformResource[];
  readonly diagnostics: Diagnostic[];
  /** Provider configurations of the root module by `name` or `name.alias`: their default tags. */
  readonly providers: Map<string, ValueObject | null>;
  /** The root module's provider blocks, as tool machinery: where, and whether known before apply. */
  readonly providerBlocks: { key: string; file: string; line: number; knownAtPlan: boolean }[];
}

interface Node {
  readonly id: string;
  readonly block: ConfigBlock;
  readonly deps: Set<string>;
}

/** Strips `${` `}` around a whole-string expression (depends_on, provider, type in either syntax). */
function bareExpressionText(raw: Raw): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^\$\{([\s\S]*)\}$/.exec(raw.trim());
  return match ? match[1]! : raw;
}

/**
 * An output's value with its depends_on folded in: every value that is only known after apply also
 * waits for those resources, so whatever reads the output (a node group reading subnet IDs) depends
 * on them, as Terraform orders it.
 */
function withDependencies(value: Value, addresses: readonly string[], depth = 0): Value {
  if (depth > 64) return value;
  if (isUnknown(value)) {
    // Marked as ordering: the value does not come from these resources, it waits for them.
    const extra = addresses.map((address) => ({ address, attribute: '$depends_on' }));
    return new Unknown(value.reason, [...value.references, ...extra], value.detail);
  }
  if (Array.isArray(value)) return value.map((item) => withDependencies(item, addresses, depth + 1));
  if (isValueObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withDependencies(item, addresses, depth + 1)]),
    );
  }
  return value;
}

function instanceKey(key: Value | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

const parsedExpressions = new WeakMap<ModuleConfig, Map<string, Expr>>();

export class ModuleInstance {
  private readonly values = {
    var: {} as Record<string, Value>,
    local: {} as Record<string, Value>,
    module: {} as Record<string, Value>,
    data: {} as Record<string, Record<string, Value>>,
    resource: {} as Record<string, Record<string, Value>>,
  };
  private readonly outputs: Record<string, Value> = {};
  /** Resource block id (`aws_vpc.this`) → its instances' addresses. */
  private readonly addresses = new Map<string, string[]>();
  private readonly declaredTypes = new Set<string>();
  private readonly context: FunctionContext;

  constructor(
    private readonly config: ModuleConfig,
    /** `""` for the root, `module.network.` for a child. */
    private readonly prefix: string,
    private readonly run: TerraformRun,
    /** Values of the module's variables given by the caller (child modules) or tfvars (root). */
    private readonly given: Readonly<Record<string, Value>>,
    private readonly givenDependsOn: readonly string[],
    private readonly depth: number,
    /** The module's key in modules.json: `network`, `network.subnets` ("" for the root). */
    private readonly moduleKey = '',
  ) {
    for (const block of config.blocks)
      if (block.kind === 'resource') this.declaredTypes.add(block.labels[0]!);
    const root = this.run.rootDir;
    this.context = {
      readFile: (path) => {
        const file = resolve(root, path);
        try {
          return readFileSync(file, 'utf8');
        } catch {
          throw new FunctionError(
            `no file ${path} (paths are relative to the working directory, the root module's folder)`,
          );
        }
      },
      readBytes: (path) => {
        try {
          return readFileSync(resolve(root, path));
        } catch {
          throw new FunctionError(
            `no file ${path} (paths are relative to the working directory, the root module's folder)`,
          );
        }
      },
      fileExists: (path) => {
        const stats = statSync(resolve(root, path), { throwIfNoEntry: false });
        if (stats?.isDirectory()) throw new FunctionError(`${path} is a directory, not a file`);
        return stats?.isFile() ?? false;
      },
      listFiles: (path) => {
        const dir = resolve(root, path);
        try {
          return readdirSync(dir, { recursive: true, encoding: 'utf8' })
            .filter((file) => statSync(join(dir, file)).isFile())
            .map((file) => file.split(sep).join('/'));
        } catch {
          return [];
        }
      },
      workingDirectory: root,
      renderTemplate: (text, variables, path) =>
        evaluateExpression(
          parseTemplate(text, { file: path, line: 1, column: 1 }),
          this.scopeFor({ file: path, line: 1, column: 1, text }, variables),
        ),
    };
  }

  /** Evaluates expression text in this module's scope, as `terraform console` does. */
  evaluateText(text: string): Value {
    const source = { file: '<console>', line: 1, column: 1, text };
    return evaluateExpression(parseExpression(text, source), this.scopeFor(source));
  }

  // ---- scope --------------------------------------------------------------------------------

  private scopeFor(source: SourceText, only?: ValueObject): EvalScope {
    return {
      source,
      context: this.context,
      lookup: (name) => {
        if (only) return only[name];
        switch (name) {
          case 'var':
            return this.values.var;
          case 'local':
            return this.values.local;
          case 'module':
            return this.values.module;
          case 'data':
            return this.values.data;
          case 'path':
            // As Terraform gives them: module and root relative to the working directory, cwd absolute.
            return {
              module: relative(this.run.rootDir, this.config.dir) || '.',
              root: '.',
              cwd: resolve(this.run.rootDir),
            };
          case 'terraform':
            return { workspace: 'default' };
          default:
            return this.declaredTypes.has(name) ? (this.values.resource[name] ?? {}) : undefined;
        }
      },
    };
  }

  /** The source of one attribute of a block, its line found only if an error needs it. */
  private source(block: ConfigBlock, attribute: string, text: string): SourceText {
    const config = this.config;
    let line: number | undefined;
    return {
      file: block.file,
      column: 1,
      text,
      get line() {
        line ??= attributeLine(config, block, attribute);
        return line;
      },
    };
  }

  /**
   * The expression tree of a string, parsed once per configuration: the graph, the static edges and
   * every instance of a count/for_each block read the same strings. A syntax error is thrown on the
   * first parse, with the place of that first occurrence.
   */
  private parse(block: ConfigBlock, attribute: string, raw: string, bare = false): Expr {
    let cache = parsedExpressions.get(this.config);
    if (!cache) {
      cache = new Map();
      parsedExpressions.set(this.config, cache);
    }
    const key = `${bare ? 'e' : 't'}${raw}`;
    let expr = cache.get(key);
    if (!expr) {
      const source = this.source(block, attribute, raw);
      expr = bare ? parseExpression(raw, source) : parseTemplate(raw, source);
      cache.set(key, expr);
    }
    return expr;
  }

  private evaluateString(
    block: ConfigBlock,
    attribute: string,
    raw: string,
    bindings: Record<string, Value>,
    bare = false,
  ): Value {
    return evaluateExpression(
      this.parse(block, attribute, raw, bare),
      this.scopeFor(this.source(block, attribute, raw)),
      bindings,
    );
  }

  /** A raw value (JSON from either syntax): every string is a template. */
  private evaluateRaw(
    block: ConfigBlock,
    attribute: string,
    raw: Raw,
    bindings: Record<string, Value>,
  ): Value {
    if (typeof raw === 'string') return this.evaluateString(block, attribute, raw, bindings);
    if (Array.isArray(raw)) return raw.map((item) => this.evaluateRaw(block, attribute, item, bindings));
    if (isObject(raw)) return this.evaluateBody(block, raw, bindings, new Set());
    return raw as Value;
  }

  /** A block body: attributes, nested blocks and `dynamic` blocks. */
  private evaluateBody(
    block: ConfigBlock,
    body: RawObject,
    bindings: Record<string, Value>,
    skip: ReadonlySet<string>,
  ): ValueObject {
    const out: Record<string, Value> = {};
    for (const [key, raw] of Object.entries(body)) {
      if (skip.has(key)) continue;
      if (key === 'dynamic' && isObject(raw)) {
        for (const [name, definitions] of Object.entries(raw)) {
          const expanded = this.expandDynamic(block, name, definitions, bindings);
          const existing = out[name];
          out[name] = isUnknown(expanded)
            ? expanded
            : [...(Array.isArray(existing) ? existing : []), ...expanded];
        }
        continue;
      }
      out[key] = this.evaluateRaw(block, key, raw, bindings);
    }
    return out;
  }

  private expandDynamic(
    block: ConfigBlock,
    name: string,
    definitions: Raw,
    bindings: Record<string, Value>,
  ): Value[] | Unknown {
    const out: Value[] = [];
    for (const definition of Array.isArray(definitions) ? definitions : [definitions]) {
      if (!isObject(definition)) continue;
      const collection = this.evaluateRaw(block, 'for_each', definition.for_each, bindings);
      if (isUnknown(collection)) return collection;
      const iterator =
        typeof definition.iterator === 'string' ? (bareExpressionText(definition.iterator) ?? name) : name;
      const content = Array.isArray(definition.content) ? definition.content[0] : definition.content;
      if (!isObject(content)) {
        throw new HarnessError('HCL_SYNTAX', `dynamic "${name}" needs a content block`, {
          location: { file: block.file, line: block.line },
        });
      }
      const entries: [Value, Value][] = Array.isArray(collection)
        ? collection.map((value, index) => [index, value])
        : isValueObject(collection)
          ? sortedKeys(collection).map((key) => [key, collection[key]!])
          : [];
      for (const [key, value] of entries)
        out.push(this.evaluateBody(block, content, { ...bindings, [iterator]: { key, value } }, new Set()));
    }
    return out;
  }

  // ---- graph --------------------------------------------------------------------------------

  private nodeId(block: ConfigBlock): string {
    switch (block.kind) {
      case 'resource':
        return `resource.${block.labels[0]}.${block.labels[1]}`;
      case 'data':
        return `data.${block.labels[0]}.${block.labels[1]}`;
      case 'locals':
        return `local.${block.labels[0]}`;
      case 'variable':
        return `var.${block.labels[0]}`;
      case 'provider':
        return `provider.${block.labels[0]}${typeof block.body.alias === 'string' ? `.${block.body.alias}` : ''}`;
      default:
        return `${block.kind}.${block.labels[0]}`;
    }
  }

  private referenceNode(reference: StaticReference, known: ReadonlySet<string>): string | undefined {
    const [first, second] = reference.steps;
    let id: string | undefined;
    if (reference.root === 'var' || reference.root === 'local' || reference.root === 'module')
      id = first === undefined ? undefined : `${reference.root}.${first}`;
    else if (reference.root === 'data')
      id = first === undefined || second === undefined ? undefined : `data.${first}.${second}`;
    else if (!['each', 'count', 'path', 'terraform', 'self'].includes(reference.root) && first !== undefined)
      id = `resource.${reference.root}.${first}`;
    return id && known.has(id) ? id : undefined;
  }

  /** A reference to a variable, local, module, data source or resource that is not declared. */
  private checkDeclared(
    reference: StaticReference,
    ids: ReadonlySet<string>,
    block: ConfigBlock,
    attribute: string,
  ): void {
    const [first, second] = reference.steps;
    if (typeof first !== 'string') return;
    let wanted: string;
    if (reference.root === 'var' || reference.root === 'local' || reference.root === 'module')
      wanted = `${reference.root}.${first}`;
    else if (reference.root === 'data' && typeof second === 'string') wanted = `data.${first}.${second}`;
    else if (this.declaredTypes.has(reference.root)) wanted = `resource.${reference.root}.${first}`;
    else return;
    if (ids.has(wanted)) return;
    const family = wanted.split('.').slice(0, -1).join('.');
    const siblings = [...ids]
      .filter((id) => id.split('.').slice(0, -1).join('.') === family)
      .map((id) => id.replace(/^resource\./, ''));
    const shown = wanted.replace(/^resource\./, '');
    const what =
      reference.root === 'var'
        ? 'variable'
        : reference.root === 'local'
          ? 'local value'
          : reference.root === 'module'
            ? 'module call'
            : reference.root === 'data'
              ? 'data source'
              : 'resource';
    throw new HarnessError(
      'UNRESOLVED_REFERENCE',
      `a reference to ${shown}, but no such ${what} is declared in ${this.prefix ? `module ${this.prefix.slice(0, -1)}` : 'the root module'}${siblings.length ? ` (declared: ${siblings.sort().join(', ')})` : ''}`,
      { location: { file: block.file, line: attributeLine(this.config, block, attribute) } },
    );
  }

  private expressionsOf(block: ConfigBlock, raw: Raw, attribute: string, out: Expr[]): void {
    if (typeof raw === 'string') {
      const text = bareExpressionText(raw);
      const bare = attribute === 'depends_on' || attribute === 'provider' || attribute === 'type';
      if (attribute === 'type' && block.kind === 'variable') return;
      out.push(this.parse(block, attribute, bare && text !== undefined ? text : raw, bare));
    } else if (Array.isArray(raw)) for (const item of raw) this.expressionsOf(block, item, attribute, out);
    else if (isObject(raw))
      for (const [key, value] of Object.entries(raw))
        this.expressionsOf(block, value, attribute === '' ? key : attribute, out);
  }

  private buildGraph(): Node[] {
    const nodes: Node[] = [];
    const ids = new Set<string>();
    for (const block of this.config.blocks) {
      const id = this.nodeId(block);
      if (ids.has(id)) {
        throw new HarnessError('HCL_SYNTAX', `${id.replace(/^resource\./, '')} is declared twice`, {
          location: { file: block.file, line: block.line },
        });
      }
      ids.add(id);
      nodes.push({ id, block, deps: new Set() });
    }
    const providers = nodes.filter((node) => node.block.kind === 'provider').map((node) => node.id);
    for (const node of nodes) {
      for (const [key, raw] of Object.entries(node.block.body)) {
        if (node.block.kind === 'variable' && key !== 'validation') continue;
        const expressions: Expr[] = [];
        this.expressionsOf(node.block, raw, key, expressions);
        for (const expr of expressions) {
          for (const reference of referencesOf(expr)) {
            const dep = this.referenceNode(reference, ids);
            if (dep && dep !== node.id) node.deps.add(dep);
            else if (!dep) this.checkDeclared(reference, ids, node.block, key);
          }
        }
      }
    }
    // A resource or data source waits for its own provider. A module call waits for every provider
    // that does not itself wait for the module: a provider configured from a module's outputs (the
    // kubernetes provider from module.eks) must not hold back the modules it is built from.
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const reaches = (from: string, target: string): boolean => {
      const seen = new Set<string>();
      const stack = [from];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (id === target) return true;
        if (seen.has(id)) continue;
        seen.add(id);
        for (const dep of byId.get(id)?.deps ?? []) stack.push(dep);
      }
      return false;
    };
    for (const node of nodes) {
      if (node.block.kind === 'resource' || node.block.kind === 'data') {
        const own = `provider.${this.providerKey(node.block)}`;
        if (byId.has(own)) node.deps.add(own);
      } else if (node.block.kind === 'module') {
        for (const id of providers) if (!reaches(id, node.id)) node.deps.add(id);
      }
    }
    return nodes;
  }

  private order(nodes: Node[]): Node[] {
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const remaining = new Map(nodes.map((node) => [node.id, node.deps.size]));
    const dependents = new Map<string, string[]>();
    for (const node of nodes) {
      for (const dep of node.deps) {
        const list = dependents.get(dep);
        if (list) list.push(node.id);
        else dependents.set(dep, [node.id]);
      }
    }
    const ready = nodes.filter((node) => node.deps.size === 0).map((node) => node.id);
    const ordered: Node[] = [];
    for (let head = 0; head < ready.length; head++) {
      const id = ready[head]!;
      ordered.push(byId.get(id)!);
      for (const dependent of dependents.get(id) ?? []) {
        const count = remaining.get(dependent)! - 1;
        remaining.set(dependent, count);
        if (count === 0) ready.push(dependent);
      }
    }
    if (ordered.length < nodes.length) {
      const stuck = nodes.filter((node) => !ordered.includes(node));
      const cycle = this.findCycle(stuck, byId);
      const first = byId.get(cycle[0]!)!.block;
      throw new HarnessError(
        'CIRCULAR_REFERENCE',
        `these refer to each other in a circle: ${cycle.join(' -> ')}`,
        {
          location: { file: first.file, line: first.line },
        },
      );
    }
    return ordered;
  }

  private findCycle(stuck: Node[], byId: Map<string, Node>): string[] {
    const stuckIds = new Set(stuck.map((node) => node.id));
    const start = stuck[0]!.id;
    const path = [start];
    const seen = new Set([start]);
    for (let current = start; ; ) {
      const next = [...byId.get(current)!.deps].find((dep) => stuckIds.has(dep))!;
      if (seen.has(next)) return [...path.slice(path.indexOf(next)), next];
      path.push(next);
      seen.add(next);
      current = next;
      if (path.length > stuck.length + 1) return path;
    }
  }

  // ---- evaluation -----------------------------------------------------------------------------

  async evaluate(): Promise<ValueObject> {
    if (this.depth > MAX_MODULE_DEPTH) {
      throw new HarnessError('INTERNAL_LIMIT', `modules nested deeper than ${MAX_MODULE_DEPTH}`, {
        location: { file: this.config.dir },
      });
    }
    this.checkGivenVariables();
    for (const node of this.order(this.buildGraph())) {
      const block = node.block;
      switch (block.kind) {
        case 'variable':
          this.evaluateVariable(block);
          break;
        case 'locals':
          this.values.local[block.labels[0]!] = this.evaluateRaw(
            block,
            block.labels[0]!,
            block.body.value,
            {},
          );
          break;
        case 'provider':
          if (this.prefix === '') this.evaluateProvider(block);
          break;
        case 'resource':
        case 'data':
          this.evaluateResource(block);
          break;
        case 'module':
          await this.evaluateModuleCall(block);
          break;
        case 'output': {
          const value = this.evaluateRaw(block, 'value', block.body.value, {});
          const waitsFor = block.body.depends_on === undefined ? [] : this.dependsOnOf(block);
          this.outputs[block.labels[0]!] = waitsFor.length ? withDependencies(value, waitsFor) : value;
          break;
        }
      }
    }
    return this.outputs;
  }

  private checkGivenVariables(): void {
    const declared = this.config.blocks
      .filter((block) => block.kind === 'variable')
      .map((block) => block.labels[0]!);
    for (const name of Object.keys(this.given)) {
      if (!declared.includes(name)) {
        const hint = closestMatch(name, declared);
        throw new HarnessError(
          'MISSING_VARIABLE',
          `a value is given for variable "${name}", which ${this.prefix ? `module ${this.prefix.slice(0, -1)}` : 'the root module'} does not declare${hint ? ` (did you mean "${hint}"?)` : ''}`,
          { location: { file: this.config.dir } },
        );
      }
    }
  }

  private evaluateVariable(block: ConfigBlock): void {
    const name = block.labels[0]!;
    const location = { file: block.file, line: block.line };
    for (const key of Object.keys(block.body)) {
      if (!VARIABLE_META.has(key))
        throw new HarnessError('HCL_SYNTAX', `variable "${name}" has an unknown argument ${key}`, {
          location,
        });
    }
    let type: TypeConstraint = { kind: 'any' };
    const typeText = bareExpressionText(block.body.type);
    if (typeText !== undefined) {
      try {
        type = typeFromExpr(parseExpression(typeText, this.source(block, 'type', typeText)), (expr) =>
          evaluateExpression(expr, this.scopeFor(this.source(block, 'type', typeText))),
        );
      } catch (error) {
        if (error instanceof TypeError_)
          throw new HarnessError('HCL_SYNTAX', `variable "${name}": ${error.message}`, { location });
        throw error;
      }
    }
    const hasDefault = Object.hasOwn(block.body, 'default');
    const defaultValue = hasDefault ? this.evaluateRaw(block, 'default', block.body.default, {}) : undefined;
    let value: Value | undefined = Object.hasOwn(this.given, name) ? this.given[name] : defaultValue;
    const nullable =
      block.body.nullable === undefined
        ? true
        : toBoolValue(this.evaluateRaw(block, 'nullable', block.body.nullable, {}), 'nullable');
    if (value === null && !nullable) value = defaultValue;
    if (value === undefined) {
      throw new HarnessError(
        'MISSING_VARIABLE',
        `variable "${name}" has no value and no default; ${this.prefix ? `set it in the module block that calls ${this.prefix.slice(0, -1)}` : 'set it in a .tfvars file (such as spec.auto.tfvars.json) or give it a default'}`,
        { location },
      );
    }
    try {
      value = convertToType(value, type);
    } catch (error) {
      if (error instanceof TypeError_) {
        throw new HarnessError(
          'VARIABLE_VALIDATION',
          `invalid value for variable "${name}": ${error.message}`,
          { location },
        );
      }
      throw error;
    }
    this.values.var[name] = value;
    const validations = block.body.validation;
    for (const validation of Array.isArray(validations)
      ? validations
      : validations === undefined
        ? []
        : [validations]) {
      if (!isObject(validation)) continue;
      const ok = this.evaluateRaw(block, 'condition', validation.condition, {});
      if (isUnknown(ok)) continue;
      if (!toBoolValue(ok, 'validation condition')) {
        const message = this.evaluateRaw(block, 'error_message', validation.error_message, {});
        throw new HarnessError(
          'VARIABLE_VALIDATION',
          `invalid value for variable "${name}": ${isUnknown(message) ? 'its validation failed' : toStringValue(message, 'error_message')}`,
          {
            location: { file: block.file, line: attributeLine(this.config, block, 'condition') },
          },
        );
      }
    }
  }

  private evaluateProvider(block: ConfigBlock): void {
    const body = this.evaluateBody(block, block.body, {}, new Set(['alias']));
    const defaultTags = body.default_tags;
    const first = Array.isArray(defaultTags) ? defaultTags[0] : defaultTags;
    const tags = isValueObject(first) && isValueObject(first.tags) ? first.tags : null;
    const key = `${block.labels[0]}${typeof block.body.alias === 'string' ? `.${block.body.alias}` : ''}`;
    this.run.providers.set(key, tags);
    this.run.providerBlocks.push({
      key,
      file: block.file,
      line: block.line,
      knownAtPlan: !containsUnknown(body as Value),
    });
  }

  /** Instances of a block: none, count, or for_each — their keys and `each`/`count` bindings. */
  private expansion(
    block: ConfigBlock,
    what: string,
  ): { key: Value | undefined; bindings: Record<string, Value> }[] {
    const location = { file: block.file, line: block.line };
    if (block.body.count !== undefined && block.body.for_each !== undefined) {
      throw new HarnessError('HCL_SYNTAX', `${what}: count and for_each cannot both be set`, { location });
    }
    if (block.body.count !== undefined) {
      const count = this.evaluateRaw(block, 'count', block.body.count, {});
      if (isUnknown(count)) {
        throw new HarnessError(
          'INDETERMINATE_EXPANSION',
          `${what}: Invalid count argument: ${TERRAFORM_WORDS.count}${knownAfterApply(count)}`,
          {
            location: { file: block.file, line: attributeLine(this.config, block, 'count') },
          },
        );
      }
      const n = Number(count);
      if (!Number.isInteger(n) || n < 0)
        throw new HarnessError(
          'FUNCTION_ARGUMENTS',
          `${what}: count must be a whole number ≥ 0, not ${JSON.stringify(count)}`,
          { location },
        );
      return Array.from({ length: n }, (_, index) => ({ key: index, bindings: { count: { index } } }));
    }
    if (block.body.for_each !== undefined) {
      const collection = this.evaluateRaw(block, 'for_each', block.body.for_each, {});
      const forEachLocation = { file: block.file, line: attributeLine(this.config, block, 'for_each') };
      if (isUnknown(collection)) {
        throw new HarnessError(
          'INDETERMINATE_EXPANSION',
          `${what}: Invalid for_each argument: ${TERRAFORM_WORDS.forEachMap}${knownAfterApply(collection)}`,
          {
            location: forEachLocation,
          },
        );
      }
      if (Array.isArray(collection)) {
        const unknown = collection.find(isUnknown);
        if (unknown) {
          throw new HarnessError(
            'INDETERMINATE_EXPANSION',
            `${what}: Invalid for_each argument: ${TERRAFORM_WORDS.forEachSet}${knownAfterApply(unknown)}`,
            { location: forEachLocation },
          );
        }
        if (!collection.every((item) => typeof item === 'string')) {
          throw new HarnessError('FUNCTION_ARGUMENTS', `${what}: for_each takes a map or a set of strings`, {
            location: forEachLocation,
          });
        }
        return [...new Set(collection as string[])]
          .sort()
          .map((key) => ({ key, bindings: { each: { key, value: key } } }));
      }
      if (isValueObject(collection))
        return sortedKeys(collection).map((key) => ({
          key,
          bindings: { each: { key, value: collection[key]! } },
        }));
      throw new HarnessError(
        'FUNCTION_ARGUMENTS',
        `${what}: for_each takes a map or a set of strings, not ${collection === null ? 'null' : typeof collection}`,
        {
          location: forEachLocation,
        },
      );
    }
    return [{ key: undefined, bindings: {} }];
  }

  private providerKey(block: ConfigBlock): string {
    const text = bareExpressionText(block.body.provider);
    return text ?? block.labels[0]!.split('_')[0]!;
  }

  private staticEdges(block: ConfigBlock): ReferenceEdge[] {
    const edges: ReferenceEdge[] = [];
    for (const [key, raw] of Object.entries(block.body)) {
      if (RESOURCE_META.has(key)) continue;
      const expressions: Expr[] = [];
      this.expressionsOf(block, raw, key, expressions);
      for (const expr of expressions) {
        for (const reference of referencesOf(expr)) {
          if (!this.declaredTypes.has(reference.root) || typeof reference.steps[0] !== 'string') continue;
          const blockAddresses = this.addresses.get(`${reference.root}.${reference.steps[0]}`) ?? [];
          const index = reference.steps[1];
          const base = `${this.prefix}${reference.root}.${reference.steps[0]}`;
          const target =
            typeof index === 'number' || (typeof index === 'string' && blockAddresses.length > 1)
              ? `${base}${instanceKey(index)}`
              : blockAddresses.length === 1
                ? blockAddresses[0]
                : undefined;
          if (target && blockAddresses.includes(target)) edges.push({ path: key, target });
        }
      }
    }
    return edges;
  }

  private dependsOnOf(block: ConfigBlock): string[] {
    const raw = block.body.depends_on;
    const out: string[] = [];
    for (const item of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      const text = bareExpressionText(item);
      if (!text) continue;
      const [reference] = referencesOf(parseExpression(text, this.source(block, 'depends_on', text)));
      if (!reference || typeof reference.steps[0] !== 'string') continue;
      if (reference.root === 'module') {
        const prefix = `${this.prefix}module.${reference.steps[0]}`;
        out.push(
          ...this.run.resources
            .filter(
              (resource) =>
                resource.address.startsWith(`${prefix}.`) || resource.address.startsWith(`${prefix}[`),
            )
            .map((resource) => resource.address),
        );
      } else if (this.declaredTypes.has(reference.root)) {
        out.push(...(this.addresses.get(`${reference.root}.${reference.steps[0]}`) ?? []));
      }
    }
    return out;
  }

  private evaluateResource(block: ConfigBlock): void {
    const [type, name] = block.labels as [string, string];
    const isData = block.kind === 'data';
    const what = `${this.prefix}${isData ? 'data.' : ''}${type}.${name}`;
    const instances = this.expansion(block, what);
    const expanded = block.body.count !== undefined ? [] : block.body.for_each !== undefined ? {} : undefined;
    const edges = isData ? [] : this.staticEdges(block);
    const dependsOn = isData ? [] : [...this.dependsOnOf(block), ...this.givenDependsOn];
    const addresses: string[] = [];
    let single: Value | undefined;
    for (const { key, bindings } of instances) {
      const address = `${what}${instanceKey(key)}`;
      let args = this.evaluateBody(block, block.body, bindings, RESOURCE_META);
      if (isData) {
        try {
          args = readDataSource(type, address, args, this.run.env);
        } catch (error) {
          if (error instanceof DataSourceError)
            throw new HarnessError('FUNCTION_ARGUMENTS', `${what}: ${error.message}`, {
              location: { file: block.file, line: block.line },
            });
          throw error;
        }
      } else {
        const provider = this.providerKey(block);
        this.run.resources.push({
          address,
          type,
          displayName: block.displayName ?? address,
          // A null argument is not set: the inventory, and all that reads it, never sees it.
          args: argumentsSet(args) as ValueObject,
          edges,
          dependsOn,
          location: { file: block.file, line: block.line },
          defaultTags: this.run.providers.get(provider) ?? null,
          lifecycle: lifecycleOf(block.body.lifecycle),
        });
        addresses.push(address);
      }
      const value = registerInstance(
        isData ? args : attributesAsRead(type, address, args),
        address,
        '',
        isData ? undefined : type,
      );
      if (Array.isArray(expanded)) expanded.push(value);
      else if (expanded) (expanded as Record<string, Value>)[String(key)] = value;
      else single = value;
    }
    const table = isData ? this.values.data : this.values.resource;
    (table[type] ??= {})[name] = expanded ?? single ?? null;
    if (!isData) this.addresses.set(`${type}.${name}`, addresses);
  }

  private async evaluateModuleCall(block: ConfigBlock): Promise<void> {
    const name = block.labels[0]!;
    const location = { file: block.file, line: block.line };
    const source = typeof block.body.source === 'string' ? block.body.source : undefined;
    if (!source) {
      throw new HarnessError('HCL_SYNTAX', `module "${name}" has no source`, { location });
    }
    const key = this.moduleKey ? `${this.moduleKey}.${name}` : name;
    const dir = moduleDirectory(this.run, this.config.dir, key, source);
    if (dir === undefined) {
      // Registry, git, S3 … sources are downloaded by `terraform init`: until then nothing of the
      // configuration can be judged honestly (its outputs, and all that reads them, would be
      // guesses), so that is the first and only thing to say, as terraform plan says it.
      throw new HarnessError(
        'MODULE_NOT_INSTALLED',
        `module "${key}" (source ${source}) is not installed: run \`terraform init\` (or \`tofu init\`) in ${this.run.rootDir}, then check again — iac-compare reads the modules init downloads, from .terraform/modules/modules.json`,
        { location },
      );
    }
    const childConfig = await readModule(dir);
    const expanded = block.body.count !== undefined ? [] : block.body.for_each !== undefined ? {} : undefined;
    let single: Value | undefined;
    const dependsOn = this.dependsOnOf(block);
    for (const { key: instance, bindings } of this.expansion(block, `${this.prefix}module.${name}`)) {
      const inputs = this.evaluateBody(block, block.body, bindings, MODULE_META);
      const child = new ModuleInstance(
        childConfig,
        `${this.prefix}module.${name}${instanceKey(instance)}.`,
        this.run,
        inputs,
        [...dependsOn, ...this.givenDependsOn],
        this.depth + 1,
        key,
      );
      const outputs = await child.evaluate();
      if (Array.isArray(expanded)) expanded.push(outputs);
      else if (expanded) (expanded as Record<string, Value>)[String(instance)] = outputs;
      else single = outputs;
    }
    this.values.module[name] = expanded ?? single ?? null;
  }
}

interface InstalledModules {
  readonly Modules?: readonly { readonly Key?: string; readonly Source?: string; readonly Dir?: string }[];
}

/** What `terraform init` recorded in the root's .terraform/modules/modules.json (as Checkov, Trivy and Infracost read it). */
function installedModules(rootDir: string): InstalledModules | null {
  try {
    return JSON.parse(
      readFileSync(join(rootDir, '.terraform', 'modules', 'modules.json'), 'utf8'),
    ) as InstalledModules;
  } catch {
    return null;
  }
}

/**
 * Where a module call's code is: a local source next to the calling module; anything else where
 * `terraform init` put it (modules.json, by the call's key); undefined when it is not installed.
 */
function moduleDirectory(
  run: TerraformRun,
  callerDir: string,
  key: string,
  source: string,
): string | undefined {
  const recorded = installedModules(run.rootDir)?.Modules?.find((entry) => entry.Key === key);
  if (recorded?.Dir !== undefined) return resolve(run.rootDir, recorded.Dir);
  if (source.startsWith('./') || source.startsWith('../')) return resolve(callerDir, source);
  return undefined;
}

export interface EvaluateOptions {
  readonly env: DataSourceEnvironment;
  /** Variable values that override the tfvars files. */
  readonly variables?: Readonly<Record<string, Value>>;
  /** Read *.tfvars files of the root directory (default true). */
  readonly tfvars?: boolean;
}

export async function evaluateConfiguration(
  root: ModuleConfig,
  options: EvaluateOptions,
): Promise<TerraformRun> {
  return (await evaluateRoot(root, options)).run;
}

/** Like `terraform console`: the evaluated root module, ready to evaluate expressions in its scope. */
export async function openConsole(dir: string, options: EvaluateOptions): Promise<(text: string) => Value> {
  const { instance } = await evaluateRoot(await readModule(dir), options);
  return (text) => instance.evaluateText(text);
}

async function evaluateRoot(
  root: ModuleConfig,
  options: EvaluateOptions,
): Promise<{ run: TerraformRun; instance: ModuleInstance }> {
  const run: TerraformRun = {
    rootDir: root.dir,
    env: options.env,
    resources: [],
    diagnostics: [],
    providers: new Map(),
    providerBlocks: [],
  };
  const given = {
    ...(options.tfvars === false ? {} : await readTfvars(root.dir)),
    ...(options.variables ?? {}),
  };
  // Variables the configuration does not declare are a warning in Terraform (for tfvars files).
  const declared = new Set(
    root.blocks.filter((block) => block.kind === 'variable').map((block) => block.labels[0]!),
  );
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) {
      run.diagnostics.push({
        severity: 'warning',
        message: `a value is given for undeclared variable "${name}"`,
      });
      delete given[name];
    }
  }
  const instance = new ModuleInstance(root, '', run, given, [], 0);
  await instance.evaluate();
  return { run, instance };
}
