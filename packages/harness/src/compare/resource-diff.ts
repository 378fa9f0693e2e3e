/**
 * The resource-by-resource diff: every item observe identified (a subnet by tier and AZ, each node
 * group, the cluster, its roles and key …), every property of it, across the implementations, in
 * one vocabulary (canonical/resource-view.ts). Documented defaults fill what a tool leaves out and
 * naming is set aside (equivalences.ts); whatever still differs is a real difference between tools,
 * whether or not a fact covers it.
 */

import { type CanonicalResource, TOOL_DEFAULT_TOKEN } from '../canonical/resource-view.js';
import { isValueObject, type Value, valuesEqual } from '../model/value.js';
import { type DefaultContext, DIALECT_SPECIFIC, defaultsFor, namingOf, PLUMBING } from './equivalences.js';

export interface DiffedImplementation {
  readonly id: string;
  readonly resources: ReadonlyMap<string, CanonicalResource>;
}

export interface ItemPresence {
  readonly identity: string;
  readonly type: string;
  /** Implementation id → where the item is in it. */
  readonly in: Readonly<
    Record<string, { readonly addresses: readonly string[]; readonly file?: string; readonly line?: number }>
  >;
}

export interface ResourceDifference {
  readonly identity: string;
  readonly type: string;
  readonly path: string;
  /** Implementation id → value; null when the implementation leaves it out and no default applies. */
  readonly values: Readonly<Record<string, Value | null>>;
  /** Where each implementation declares the item. */
  readonly locations: Readonly<Record<string, string>>;
}

export interface PairSummary {
  readonly differences: number;
  /** Items one of the two has and the other does not. */
  readonly onlyInOne: number;
}

export interface ResourceDiff {
  readonly implementations: readonly string[];
  readonly items: readonly ItemPresence[];
  readonly differences: readonly ResourceDifference[];
  readonly pairs: Readonly<Record<string, Readonly<Record<string, PairSummary>>>>;
  /** Defaults the diff filled in, with their sources (each once). */
  readonly defaultsUsed: readonly { readonly type: string; readonly path: string; readonly source: string }[];
  /** Naming it set aside (each once). */
  readonly namingSetAside: readonly {
    readonly type: string;
    readonly path: string;
    readonly reason: string;
  }[];
  /** Properties that only point at a documented tool default, set aside with it (each once). */
  readonly toolDefaultsSetAside: readonly {
    readonly type: string;
    readonly path: string;
    readonly toolDefault: string;
  }[];
  /** The tools' own arguments no mapping reads, compared only between tools that share them. */
  readonly unmapped: readonly {
    readonly implementation: string;
    readonly identity: string;
    readonly path: string;
  }[];
}

function locationText(resource: CanonicalResource): string {
  const location = resource.location;
  if (!location) return resource.addresses[0] ?? '';
  return `${location.file}${location.line ? `:${location.line}` : ''}`;
}

/** A resource's properties with the documented defaults filled in, and what was filled. */
function withDefaults(
  resource: CanonicalResource,
  context: DefaultContext,
  used: Map<string, { type: string; path: string; source: string }>,
): Record<string, Value> {
  const properties: Record<string, Value> = { ...resource.properties };
  for (const entry of defaultsFor(resource.type)) {
    if (properties[entry.path] !== undefined) continue;
    if (entry.unlessPresent && properties[entry.unlessPresent] !== undefined) continue;
    // A nested default only applies where its parent object is absent or holds the path's siblings.
    const raw =
      resource.dialect === 'terraform' && entry.terraform !== undefined
        ? entry.terraform
        : entry.cloudformation;
    properties[entry.path] = typeof raw === 'function' ? raw(context) : raw;
    used.set(`${entry.type}\u0000${entry.path}`, {
      type: entry.type,
      path: entry.path,
      source: entry.source,
    });
  }
  for (const [key, value] of Object.entries(resource.unmapped)) properties[`unmapped:${key}`] = value;
  return properties;
}

/** A value that only points at documented tool defaults (aws-eks-v2's control-plane group). */
function pointsOnlyAtToolDefaults(value: Value | undefined): boolean {
  const items = Array.isArray(value) ? value : [value];
  return (
    items.length > 0 &&
    items.every((item) => typeof item === 'string' && item.startsWith(`→${TOOL_DEFAULT_TOKEN}`))
  );
}

function comparable(value: Value | undefined): Value | null {
  if (value === undefined) return null;
  if (pointsOnlyAtToolDefaults(value)) return null;
  // An empty object and an absent one mean the same (no labels, no tags).
  if (isValueObject(value) && Object.keys(value).length === 0) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return value;
}

export function diffResources(
  implementations: readonly DiffedImplementation[],
  context: DefaultContext,
): ResourceDiff {
  const ids = implementations.map((implementation) => implementation.id);
  const identities = new Set<string>();
  for (const implementation of implementations)
    for (const identity of implementation.resources.keys()) identities.add(identity);
  const used = new Map<string, { type: string; path: string; source: string }>();
  const naming = new Map<string, { type: string; path: string; reason: string }>();
  const setAside = new Map<string, { type: string; path: string; toolDefault: string }>();
  const unmapped: ResourceDiff['unmapped'][number][] = [];
  const items: ItemPresence[] = [];
  const differences: ResourceDifference[] = [];
  const pairCounts = new Map<string, { differences: number; onlyInOne: number }>();
  const bump = (a: string, b: string, what: 'differences' | 'onlyInOne') => {
    for (const key of [`${a}\u0000${b}`, `${b}\u0000${a}`]) {
      const entry = pairCounts.get(key) ?? { differences: 0, onlyInOne: 0 };
      entry[what]++;
      pairCounts.set(key, entry);
    }
  };

  for (const identity of [...identities].sort()) {
    const present = implementations.filter((implementation) => implementation.resources.has(identity));
    const first = present[0]!.resources.get(identity)!;
    items.push({
      identity,
      type: first.type,
      in: Object.fromEntries(
        present.map((implementation) => {
          const resource = implementation.resources.get(identity)!;
          return [
            implementation.id,
            {
              addresses: resource.addresses,
              ...(resource.location ? { file: resource.location.file } : {}),
              ...(resource.location?.line ? { line: resource.location.line } : {}),
            },
          ];
        }),
      ),
    });
    for (const a of present)
      for (const b of implementations)
        if (!b.resources.has(identity) && a.id < b.id) bump(a.id, b.id, 'onlyInOne');
    for (const a of implementations)
      for (const b of present) if (!a.resources.has(identity) && a.id < b.id) bump(a.id, b.id, 'onlyInOne');
    if (present.length < 2) continue;

    const properties = new Map(
      present.map((implementation) => [
        implementation.id,
        withDefaults(implementation.resources.get(identity)!, context, used),
      ]),
    );
    for (const implementation of present) {
      for (const key of Object.keys(implementation.resources.get(identity)!.unmapped)) {
        unmapped.push({ implementation: implementation.id, identity, path: key });
      }
    }
    const paths = new Set<string>();
    for (const values of properties.values()) for (const path of Object.keys(values)) paths.add(path);
    for (const path of [...paths].sort()) {
      if (PLUMBING.has(path)) continue;
      const set = namingOf(first.type, path);
      if (set) {
        naming.set(`${set.type}\u0000${set.path}`, { type: set.type, path: set.path, reason: set.reason });
        continue;
      }
      // A tool's own argument is only comparable with a tool that has it too; a family's own
      // setting only within the family.
      const holders = path.startsWith('unmapped:')
        ? present.filter((implementation) => properties.get(implementation.id)![path] !== undefined)
        : DIALECT_SPECIFIC.has(path)
          ? present.filter(
              (implementation) => implementation.resources.get(identity)!.dialect === 'terraform',
            )
          : present;
      if (holders.length < 2 && (path.startsWith('unmapped:') || DIALECT_SPECIFIC.has(path))) continue;
      for (const implementation of holders) {
        const raw = properties.get(implementation.id)![path];
        if (pointsOnlyAtToolDefaults(raw)) {
          const id = String((Array.isArray(raw) ? raw[0] : raw) ?? '').slice(`→${TOOL_DEFAULT_TOKEN}`.length);
          setAside.set(`${first.type}\u0000${path}`, { type: first.type, path, toolDefault: id });
        }
      }
      const values = Object.fromEntries(
        holders.map((implementation) => [
          implementation.id,
          comparable(properties.get(implementation.id)![path]),
        ]),
      );
      const list = Object.values(values);
      if (list.every((value) => valuesEqual(value, list[0]!))) continue;
      for (let i = 0; i < holders.length; i++)
        for (let j = i + 1; j < holders.length; j++)
          if (!valuesEqual(values[holders[i]!.id]!, values[holders[j]!.id]!))
            bump(holders[i]!.id, holders[j]!.id, 'differences');
      differences.push({
        identity,
        type: first.type,
        path,
        values,
        locations: Object.fromEntries(
          holders.map((implementation) => [
            implementation.id,
            locationText(implementation.resources.get(identity)!),
          ]),
        ),
      });
    }
  }

  const pairs: Record<string, Record<string, PairSummary>> = {};
  for (const a of ids) {
    pairs[a] = {};
    for (const b of ids)
      pairs[a]![b] =
        a === b
          ? { differences: 0, onlyInOne: 0 }
          : (pairCounts.get(`${a}\u0000${b}`) ?? { differences: 0, onlyInOne: 0 });
  }
  return {
    implementations: ids,
    items,
    differences,
    pairs,
    defaultsUsed: [...used.values()].sort((x, y) => `${x.type}${x.path}`.localeCompare(`${y.type}${y.path}`)),
    namingSetAside: [...naming.values()],
    toolDefaultsSetAside: [...setAside.values()],
    unmapped,
  };
}
