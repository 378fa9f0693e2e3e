/**
 * The Terraform AWS provider's schema, as far as the harness needs it:
 * - which arguments are required, optional, optional and computed, or computed only — from the
 *   provider schema as @pulumi/aws's generated SDK ships it (scripts/build-provider-schema.ts
 *   distils it into dist/provider-schema-index.json at build time);
 * - which arguments force replacement — from the provider's source (provider-force-new.ts), since
 *   no package ships that flag.
 *
 * Used by the Terraform evaluator (a null optional+computed argument is "known after apply"), the
 * inventory (a null argument is not set) and the plan (replacement; an optional+computed argument
 * left unset keeps the value the provider read, so Terraform shows no diff there).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUnknown, isValueObject, type Unknown, type UnknownType, type Value } from '../model/value.js';
import { sameValue } from '../plan/diff.js';
import { type ArgumentsChange, AWS_PROVIDER_VERSION, FORCE_NEW } from './provider-force-new.js';

/**
 * oc optional and computed (the provider fills it when the configuration leaves it null), c computed
 * only (the provider alone sets it); required and optional arguments are not kept (no flag). The
 * build reads all four (r, o too) and keeps these two.
 */
export type ArgumentFlag = 'r' | 'o' | 'oc' | 'c';

export interface ProviderSchemaIndex {
  readonly source: string;
  /** Terraform type → the Pulumi token its schema is kept under. */
  readonly types: Readonly<Record<string, string>>;
  /** Per token, `flag:type` per argument path (`oc:s`); types s string, n number, b bool, l list/set, m map/block. */
  readonly resources: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

let cached: ProviderSchemaIndex | undefined;

export function providerSchemaIndex(): ProviderSchemaIndex {
  if (!cached) {
    const here = dirname(fileURLToPath(import.meta.url));
    const candidates = [
      join(here, '..', 'provider-schema-index.json'),
      join(here, '..', '..', 'dist', 'provider-schema-index.json'),
    ];
    const file = candidates.find((candidate) => existsSync(candidate));
    if (!file) {
      throw new Error(
        `${candidates[0]} is missing; the harness build writes it (npm run build -w @iac-compare/harness)`,
      );
    }
    cached = JSON.parse(readFileSync(file, 'utf8')) as ProviderSchemaIndex;
  }
  return cached;
}

function attributesOf(terraformType: string): Readonly<Record<string, string>> | undefined {
  const index = providerSchemaIndex();
  const token = index.types[terraformType];
  return token ? index.resources[token] : undefined;
}

/** Argument path without list indexes: `vpc_config.public_access_cidrs`. */
function key(path: readonly (string | number)[]): string {
  return path.filter((step): step is string => typeof step === 'string').join('.');
}

/** The schema flag of a computed argument of a Terraform AWS resource type; undefined otherwise. */
export function argumentFlag(
  terraformType: string,
  path: readonly (string | number)[],
): ArgumentFlag | undefined {
  return attributesOf(terraformType)?.[key(path)]?.split(':')[0] as ArgumentFlag | undefined;
}

const TYPES: Readonly<Record<string, UnknownType>> = {
  s: 'string',
  n: 'number',
  b: 'bool',
  l: 'list',
  m: 'map',
};

/** The schema type of an attribute (coarse: string, number, bool, list, map), for its Unknown. */
export function attributeType(
  terraformType: string,
  path: readonly (string | number)[],
): UnknownType | undefined {
  const letter = attributesOf(terraformType)?.[key(path)]?.split(':')[1];
  return letter ? TYPES[letter] : undefined;
}

/** Whether the provider computes this argument when the configuration leaves it null. */
export function isOptionalComputed(terraformType: string, path: readonly (string | number)[]): boolean {
  return argumentFlag(terraformType, path) === 'oc';
}

/** Whether the schema of this type is known at all (an unknown type: nothing is assumed). */
export function knowsResourceType(terraformType: string): boolean {
  return attributesOf(terraformType) !== undefined;
}

/** Why a null of this argument is "known after apply", for the Unknown it becomes. */
export function computedWhenUnset(terraformType: string, path: readonly (string | number)[]): string {
  return `${terraformType}.${key(path)} is optional and computed in the provider's schema: left unset, the provider chooses it at apply`;
}

export interface ForceNewVerdict {
  readonly replaces: boolean;
  readonly source: string;
  readonly argument: string;
  /** For a replacement under a condition: the condition, in words. */
  readonly condition?: string;
}

/** What one change is, as the verdict needs it: the values at its path, and the whole resource. */
export interface ForceNewChange {
  readonly before?: Value;
  readonly after?: Value;
  /** The resource's arguments before and after (for the conditional rules). */
  readonly resource?: ArgumentsChange;
}

/**
 * The defined values at a dotted path below a value: lists (of blocks) are walked item by item,
 * null and absent values dropped. An Unknown on the way stands for the whole block: returned as is.
 */
function valuesBelow(value: Value | undefined, steps: readonly string[]): Value[] | Unknown {
  if (value === undefined || value === null) return [];
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    const out: Value[] = [];
    for (const item of value) {
      const below = valuesBelow(item, steps);
      if (isUnknown(below)) return below;
      out.push(...below);
    }
    return out;
  }
  if (steps.length === 0) return [value];
  if (!isValueObject(value)) return [];
  return valuesBelow((value as Record<string, Value>)[steps[0]!], steps.slice(1));
}

/**
 * When a whole block changed (added, removed, or a list of blocks that changed length), whether the
 * nested argument `below` it really changes: compared value by value, an Optional+Computed argument
 * the new configuration leaves unset counting as unchanged (the provider keeps what it read, so
 * Terraform shows no diff there).
 */
function nestedArgumentChanges(
  terraformType: string,
  argument: string,
  below: readonly string[],
  change: ForceNewChange,
): boolean {
  const before = valuesBelow(change.before, below);
  const after = valuesBelow(change.after, below);
  if (isUnknown(before) || isUnknown(after)) return true;
  if (after.length === 0 && isOptionalComputed(terraformType, argument.split('.'))) {
    // Unset inside a block that stays (or a block the provider itself computes): no diff. A block
    // that goes away takes its arguments with it, and a ForceNew one among them replaces.
    const parent = argument.split('.').slice(0, -1);
    const holder = valuesBelow(change.after, below.slice(0, -1));
    if ((!isUnknown(holder) && holder.length > 0) || isOptionalComputed(terraformType, parent)) return false;
  }
  return before.length !== after.length || before.some((value, index) => !sameValue(value, after[index]));
}

function startsWithPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** Whether a change at `names` touches `argument`: at it, inside it, or as a block holding it that really changes it. */
function touches(terraformType: string, names: string, argument: string, change: ForceNewChange): boolean {
  if (startsWithPath(names, argument)) return true;
  if (!argument.startsWith(`${names}.`)) return false;
  return nestedArgumentChanges(terraformType, argument, argument.slice(names.length + 1).split('.'), change);
}

/**
 * Whether changing this argument replaces the resource, by the provider's own rule (read at
 * terraform-provider-aws AWS_PROVIDER_VERSION); undefined where the provider source has not been read
 * for this type (the caller falls back to the CloudFormation property the argument maps to).
 *
 * - A change at or inside a ForceNew argument replaces.
 * - A whole block that changed replaces only when a ForceNew argument below it really changes
 *   (compared value by value; never the block as a whole).
 * - A conditional argument replaces when its condition holds for the resource before and after.
 */
export function forceNewVerdict(
  terraformType: string,
  path: readonly (string | number)[],
  change: ForceNewChange = {},
): ForceNewVerdict | undefined {
  const entry = FORCE_NEW[terraformType];
  if (!entry) return undefined;
  const names = key(path);
  const source = `${entry.source} @ ${AWS_PROVIDER_VERSION}`;
  const hit = entry.forceNew.find((argument) => touches(terraformType, names, argument, change));
  if (hit) return { replaces: true, source, argument: hit };
  for (const rule of entry.conditional ?? []) {
    const argument = rule.arguments.find((candidate) => touches(terraformType, names, candidate, change));
    if (!argument) continue;
    const resource = change.resource ?? {
      before: wrapAt(path, change.before),
      after: wrapAt(path, change.after),
    };
    if (rule.replaces(resource))
      return {
        replaces: true,
        source: `${rule.source} @ ${AWS_PROVIDER_VERSION}`,
        argument,
        condition: rule.when,
      };
  }
  return { replaces: false, source, argument: names };
}

/** Without the whole resource: the changed value alone, at its path (list indexes as lists). */
function wrapAt(path: readonly (string | number)[], value: Value | undefined): Record<string, Value> {
  let current: Value | undefined = value;
  for (let index = path.length - 1; index >= 0; index--) {
    const step = path[index]!;
    current =
      typeof step === 'number' ? (current === undefined ? [] : [current]) : { [step]: current ?? null };
  }
  return (current && isValueObject(current) && !Array.isArray(current) ? current : {}) as Record<
    string,
    Value
  >;
}

/** The Terraform types whose ForceNew arguments were read from the provider source. */
export function forceNewTypes(): readonly string[] {
  return Object.keys(FORCE_NEW);
}
