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
import type { UnknownType } from '../model/value.js';
import { FORCE_NEW } from './provider-force-new.js';

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
}

/**
 * Whether changing this argument replaces the resource, by the provider's own rule; undefined where
 * the provider source has not been read for this type (the caller falls back to the CloudFormation
 * property the argument maps to). A change inside a block that forces replacement replaces too; a
 * whole block that changed replaces when an argument below it forces replacement.
 */
export function forceNewVerdict(
  terraformType: string,
  path: readonly (string | number)[],
): ForceNewVerdict | undefined {
  const entry = FORCE_NEW[terraformType];
  if (!entry) return undefined;
  const names = key(path);
  const hit = entry.forceNew.find(
    (argument) => names === argument || names.startsWith(`${argument}.`) || argument.startsWith(`${names}.`),
  );
  return hit
    ? { replaces: true, source: entry.source, argument: hit }
    : { replaces: false, source: entry.source, argument: names };
}

/** The Terraform types whose ForceNew arguments were read from the provider source. */
export function forceNewTypes(): readonly string[] {
  return Object.keys(FORCE_NEW);
}
