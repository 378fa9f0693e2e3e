/**
 * compare: the expected infrastructure (resolveTarget) against each implementation's observed one,
 * and every implementation against every other. A fact is equal, differs (both values shown),
 * missing, unknown (with why), or outside the implementation's declared envelope.
 */
import type { EnvelopeViolation, Infrastructure, SectionGap } from '@iac-compare/spec';
import {
  containsUnknown,
  isUnknown,
  isValueObject,
  type Unknown,
  type Value,
  valuesEqual,
} from '../model/value.js';
import { fromExpected, type ObservedInfrastructure } from '../observe/model.js';
import { type FactSet, factsOf, itemOf, sectionOf, tagUniverse, targetSectionOf } from './facts.js';

export type Cell =
  | { readonly status: 'equal' }
  | { readonly status: 'differs'; readonly actual: Value }
  | { readonly status: 'missing' }
  | { readonly status: 'unexpected'; readonly actual: Value }
  | { readonly status: 'unknown'; readonly why: string }
  | { readonly status: 'outside-envelope'; readonly why: string }
  | { readonly status: 'failed'; readonly why: string };

export interface FactRow {
  readonly key: string;
  readonly group: string;
  /** false for an item only some implementation builds (its cells are `unexpected` or `equal`). */
  readonly inTarget: boolean;
  readonly expected: Value | null;
  readonly cells: Readonly<Record<string, Cell>>;
}

/** What compare needs from each implementation: its observation, or why there is none. */
export type ComparedImplementation =
  | {
      readonly id: string;
      readonly observed: ObservedInfrastructure;
      /** Sections the implementation declares it does not build: their facts are outside its envelope. */
      readonly outsideSections?: readonly SectionGap[];
    }
  | { readonly id: string; readonly outsideEnvelope: readonly EnvelopeViolation[] }
  | { readonly id: string; readonly failed: string };

export interface PairwiseCell {
  readonly agree: number;
  readonly differ: number;
  /** Fact keys on which the two disagree. */
  readonly differences: readonly string[];
}

export interface Comparison {
  readonly implementations: readonly string[];
  readonly rows: readonly FactRow[];
  readonly pairwise: Readonly<Record<string, Readonly<Record<string, PairwiseCell>>>>;
  /** Per implementation: what observe could not place. */
  readonly notes: Readonly<Record<string, readonly string[]>>;
}

function firstUnknown(value: Value, depth = 0): Unknown | undefined {
  if (depth > 64) return undefined;
  if (isUnknown(value)) return value;
  if (Array.isArray(value))
    for (const item of value) {
      const found = firstUnknown(item, depth + 1);
      if (found) return found;
    }
  if (isValueObject(value))
    for (const item of Object.values(value)) {
      const found = firstUnknown(item, depth + 1);
      if (found) return found;
    }
  return undefined;
}

function cellFor(expected: Value | undefined, facts: FactSet, key: string): Cell {
  if (!facts.values.has(key)) return { status: 'missing' };
  const actual = facts.values.get(key)!;
  if (expected === undefined) return { status: 'unexpected', actual };
  if (valuesEqual(expected, actual)) return { status: 'equal' };
  const unknown = containsUnknown(actual) ? firstUnknown(actual) : undefined;
  if (unknown) return { status: 'unknown', why: unknown.describe() };
  return { status: 'differs', actual };
}

export function compareInfrastructure(
  expectedInfra: Infrastructure,
  implementations: readonly ComparedImplementation[],
): Comparison {
  const expectedModel = fromExpected(expectedInfra);
  const universe = tagUniverse(expectedModel);
  const expected = factsOf(expectedModel, universe, { skipAnyOrder: true });
  const observed = new Map<string, FactSet>();
  const notes: Record<string, readonly string[]> = {};
  for (const implementation of implementations) {
    if ('observed' in implementation) {
      observed.set(implementation.id, factsOf(implementation.observed, universe));
      notes[implementation.id] = implementation.observed.notes;
    }
  }

  const rows: FactRow[] = [];
  const cellsFor = (key: string, expectedValue: Value | undefined) =>
    Object.fromEntries(
      implementations.map((implementation): [string, Cell] => {
        if ('outsideEnvelope' in implementation) {
          return [
            implementation.id,
            {
              status: 'outside-envelope',
              why: implementation.outsideEnvelope.map((v) => `${v.path}: ${v.message}`).join('; '),
            },
          ];
        }
        if ('failed' in implementation)
          return [implementation.id, { status: 'failed', why: implementation.failed }];
        const gap = implementation.outsideSections?.find(
          (candidate) => candidate.section === targetSectionOf(key),
        );
        if (gap)
          return [implementation.id, { status: 'outside-envelope', why: `${gap.section}: ${gap.why}` }];
        return [implementation.id, cellFor(expectedValue, observed.get(implementation.id)!, key)];
      }),
    );
  for (const [key, value] of expected.values) {
    rows.push({
      key,
      group: expected.items.get(itemOf(key)) ?? 'other',
      inTarget: true,
      expected: value,
      cells: cellsFor(key, value),
    });
  }
  // Fields an implementation sets on a Kubernetes object or Helm release of the target that the
  // target does not (a privileged container, hostNetwork, a values key): one row per field.
  const extraFields = new Map<string, string>();
  for (const facts of observed.values()) {
    for (const key of facts.values.keys()) {
      if (sectionOf(key) && !expected.values.has(key) && expected.items.has(itemOf(key))) {
        extraFields.set(key, expected.items.get(itemOf(key))!);
      }
    }
  }
  for (const [key, group] of [...extraFields].sort(([a], [b]) => a.localeCompare(b))) {
    const cells = Object.fromEntries(
      implementations.map((implementation): [string, Cell] => {
        const gap =
          'observed' in implementation &&
          implementation.outsideSections?.find((candidate) => candidate.section === targetSectionOf(key));
        if (gap)
          return [implementation.id, { status: 'outside-envelope', why: `${gap.section}: ${gap.why}` }];
        const facts = observed.get(implementation.id);
        if (!facts) return [implementation.id, { status: 'failed', why: 'not observed' }];
        return [
          implementation.id,
          facts.values.has(key)
            ? { status: 'unexpected', actual: facts.values.get(key)! }
            : { status: 'equal' },
        ];
      }),
    );
    rows.push({ key, group, inTarget: false, expected: null, cells });
  }
  // Items an implementation builds that the target does not have: one row per item.
  const extraItems = new Map<string, string>();
  for (const facts of observed.values()) {
    for (const [item, group] of facts.items) if (!expected.items.has(item)) extraItems.set(item, group);
  }
  for (const [item, group] of [...extraItems].sort(([a], [b]) => a.localeCompare(b))) {
    const cells = Object.fromEntries(
      implementations.map((implementation): [string, Cell] => {
        const gap =
          'observed' in implementation &&
          implementation.outsideSections?.find((candidate) => candidate.section === targetSectionOf(item));
        if (gap)
          return [implementation.id, { status: 'outside-envelope', why: `${gap.section}: ${gap.why}` }];
        const facts = observed.get(implementation.id);
        if (!facts) return [implementation.id, { status: 'failed', why: 'not observed' }];
        return [
          implementation.id,
          facts.items.has(item) ? { status: 'unexpected', actual: true } : { status: 'equal' },
        ];
      }),
    );
    rows.push({ key: item, group, inTarget: false, expected: null, cells });
  }

  const pairwise: Record<string, Record<string, PairwiseCell>> = {};
  const ids = [...observed.keys()];
  for (const a of ids) {
    pairwise[a] = {};
    for (const b of ids) {
      const differences: string[] = [];
      let agree = 0;
      const factsA = observed.get(a)!;
      const factsB = observed.get(b)!;
      for (const row of rows) {
        const section = targetSectionOf(row.key);
        const gapped = (id: string) =>
          section !== undefined &&
          implementations.some(
            (implementation) =>
              implementation.id === id &&
              'observed' in implementation &&
              implementation.outsideSections?.some((gap) => gap.section === section),
          );
        if (gapped(a) || gapped(b)) continue;
        // A field only some implementation sets: absent on both sides is agreement.
        const field = extraFields.has(row.key);
        const va = row.inTarget
          ? factsA.values.get(row.key)
          : field
            ? (factsA.values.get(row.key) ?? null)
            : factsA.items.has(row.key);
        const vb = row.inTarget
          ? factsB.values.get(row.key)
          : field
            ? (factsB.values.get(row.key) ?? null)
            : factsB.items.has(row.key);
        if (va !== undefined && vb !== undefined && valuesEqual(va, vb)) agree++;
        else differences.push(row.key);
      }
      pairwise[a]![b] = { agree, differ: differences.length, differences };
    }
  }
  return {
    implementations: implementations.map((implementation) => implementation.id),
    rows,
    pairwise,
    notes,
  };
}

/** Whether every fact of an implementation is equal to the expected one (declared gaps aside). */
export function conforms(comparison: Comparison, id: string): boolean {
  return comparison.rows.every((row) => {
    const cell = row.cells[id];
    return (
      cell?.status === 'equal' ||
      (cell?.status === 'outside-envelope' && targetSectionOf(row.key) !== undefined)
    );
  });
}
