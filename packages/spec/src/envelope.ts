/**
 * Envelopes: the part of the target space an implementation supports, declared in a small JSON file
 * (`envelope.json`) in each implementation's folder, checked by the same code everywhere.
 */
import * as z from 'zod';
import { NAT_STRATEGIES, SUBNET_TIERS } from './constants.js';
import type { TargetSpec } from './schema.js';

/**
 * Sections of a target, as the spec names them: an implementation's envelope may leave one out as a
 * whole (the CloudFormation family, the workloads), and `check` judges only those a user's code
 * means to build (`--sections`), reporting the rest once as not built.
 */
export const TARGET_SECTIONS = ['network', 'cluster', 'nodeGroups', 'workloads'] as const;
export type TargetSection = (typeof TARGET_SECTIONS)[number];

const Limit = z.strictObject({ max: z.number().int().nullable() });

export const EnvelopeSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Implementation ids this envelope covers (cdk-l2, cloudformation …). */
  implementations: z.array(z.string()).min(1),
  availabilityZones: z.strictObject({ min: z.number().int(), max: z.number().int().nullable() }),
  nodeGroups: Limit,
  labelsPerNodeGroup: Limit,
  taintsPerNodeGroup: Limit,
  accessEntries: Limit,
  policiesPerAccessEntry: Limit,
  tags: Limit.default({ max: null }),
  natGateways: z.array(z.enum(NAT_STRATEGIES)),
  tiers: z.array(z.enum(SUBNET_TIERS)),
  /** A pattern every node label key must match (raw templates generate keys with Fn::ForEach). */
  labelKeys: z.strictObject({ pattern: z.string(), why: z.string() }).nullable().default(null),
  /**
   * Values of a spec field the implementation cannot build, with why. `path` is a spec path where
   * `[]` stands for every element: `nodeGroups[].desiredSizeDrift`.
   */
  unsupportedValues: z
    .array(z.strictObject({ path: z.string(), values: z.array(z.string()).min(1), why: z.string() }))
    .default([]),
  /**
   * Sections of the target an implementation does not build at all, with why: their facts are
   * "outside envelope" cells, and the implementation is compared (and may conform) on the rest.
   * `implementations` narrows it to some of the envelope's implementations.
   */
  sectionsOutside: z
    .array(
      z.strictObject({
        section: z.enum(TARGET_SECTIONS),
        implementations: z.array(z.string()).optional(),
        why: z.string(),
      }),
    )
    .default([]),
  /** Why the limits are what they are, for the report. */
  notes: z.array(z.string()).default([]),
});
export type Envelope = z.output<typeof EnvelopeSchema>;

/** A section of the target an implementation leaves out, and why. */
export interface SectionGap {
  readonly section: TargetSection;
  readonly why: string;
}

/** The sections of `spec` that implementation `id` declares it does not build. */
export function sectionGapsFor(spec: TargetSpec, envelope: Envelope, id: string): SectionGap[] {
  return envelope.sectionsOutside
    .filter((gap) => spec[gap.section] !== undefined)
    .filter((gap) => !gap.implementations || gap.implementations.includes(id))
    .map((gap) => ({ section: gap.section, why: gap.why }));
}

/**
 * The envelope as it applies to implementation `id`: a package's envelope may serve several
 * implementations (packages/cdk: cdk-l2 and cdk-l1), and a section gap narrowed to some of them is
 * not the others' (a report shows each implementation its own).
 */
export function envelopeFor(envelope: Envelope, id: string): Envelope {
  return {
    ...envelope,
    sectionsOutside: envelope.sectionsOutside.filter(
      (gap) => !gap.implementations || gap.implementations.includes(id),
    ),
  };
}

/** The envelope dimensions, also the keys the harness uses to mark facts outside an envelope. */
export type EnvelopeDimension =
  | 'availabilityZones'
  | 'nodeGroups'
  | 'labelsPerNodeGroup'
  | 'taintsPerNodeGroup'
  | 'accessEntries'
  | 'policiesPerAccessEntry'
  | 'tags'
  | 'natGateways'
  | 'tiers'
  | 'labelKeys'
  | 'values';

export interface EnvelopeViolation {
  readonly dimension: EnvelopeDimension;
  /** Spec path of the part outside the envelope. */
  readonly path: string;
  readonly message: string;
}

export function checkEnvelope(spec: TargetSpec, envelope: Envelope): EnvelopeViolation[] {
  const violations: EnvelopeViolation[] = [];
  const over = (
    dimension: EnvelopeDimension,
    path: string,
    count: number,
    max: number | null,
    what: string,
  ) => {
    if (max !== null && count > max) {
      violations.push({
        dimension,
        path,
        message: `${count} ${what}; this implementation supports at most ${max}`,
      });
    }
  };
  const azs = spec.availabilityZones.length;
  if (azs < envelope.availabilityZones.min) {
    violations.push({
      dimension: 'availabilityZones',
      path: 'availabilityZones',
      message: `${azs} availability zones; this implementation needs at least ${envelope.availabilityZones.min}`,
    });
  }
  over('availabilityZones', 'availabilityZones', azs, envelope.availabilityZones.max, 'availability zones');
  over('nodeGroups', 'nodeGroups', spec.nodeGroups.length, envelope.nodeGroups.max, 'node groups');
  over('tags', 'tags', Object.keys(spec.tags).length, envelope.tags.max, 'tags');
  spec.nodeGroups.forEach((group, index) => {
    over(
      'labelsPerNodeGroup',
      `nodeGroups[${index}].labels`,
      Object.keys(group.labels).length,
      envelope.labelsPerNodeGroup.max,
      'labels',
    );
    over(
      'taintsPerNodeGroup',
      `nodeGroups[${index}].taints`,
      group.taints.length,
      envelope.taintsPerNodeGroup.max,
      'taints',
    );
  });
  over(
    'accessEntries',
    'cluster.accessEntries',
    spec.cluster.accessEntries.length,
    envelope.accessEntries.max,
    'access entries',
  );
  spec.cluster.accessEntries.forEach((entry, index) => {
    over(
      'policiesPerAccessEntry',
      `cluster.accessEntries[${index}].policies`,
      entry.policies.length,
      envelope.policiesPerAccessEntry.max,
      'access policies',
    );
  });
  if (!envelope.natGateways.includes(spec.network.natGateways)) {
    violations.push({
      dimension: 'natGateways',
      path: 'network.natGateways',
      message: `NAT strategy ${spec.network.natGateways} is not supported (supported: ${envelope.natGateways.join(', ')})`,
    });
  }
  for (const tier of SUBNET_TIERS) {
    if (spec.network.subnets[tier] && !envelope.tiers.includes(tier)) {
      violations.push({
        dimension: 'tiers',
        path: `network.subnets.${tier}`,
        message: `the ${tier} tier is not supported`,
      });
    }
  }
  const labelKeys = envelope.labelKeys;
  if (labelKeys) {
    const pattern = new RegExp(labelKeys.pattern);
    spec.nodeGroups.forEach((group, index) => {
      for (const key of Object.keys(group.labels)) {
        if (pattern.test(key)) continue;
        violations.push({
          dimension: 'labelKeys',
          path: `nodeGroups[${index}].labels[${JSON.stringify(key)}]`,
          message: `label key "${key}" does not match ${labelKeys.pattern}: ${labelKeys.why}`,
        });
      }
    });
  }
  for (const rule of envelope.unsupportedValues) {
    for (const { path, value } of valuesAt(spec, rule.path)) {
      if (typeof value === 'string' && rule.values.includes(value)) {
        violations.push({
          dimension: 'values',
          path,
          message: `${JSON.stringify(value)} is not supported: ${rule.why}`,
        });
      }
    }
  }
  return violations;
}

/** Every value at a spec path where `[]` means each element of a list: `nodeGroups[].desiredSizeDrift`. */
export function valuesAt(spec: unknown, path: string): { path: string; value: unknown }[] {
  let current: { path: string; value: unknown }[] = [{ path: '', value: spec }];
  for (const step of path.split('.')) {
    const each = step.endsWith('[]');
    const key = each ? step.slice(0, -2) : step;
    const next: { path: string; value: unknown }[] = [];
    for (const item of current) {
      const value =
        item.value !== null && typeof item.value === 'object'
          ? (item.value as Record<string, unknown>)[key]
          : undefined;
      const base = item.path ? `${item.path}.${key}` : key;
      if (value === undefined) continue;
      if (each && Array.isArray(value)) {
        for (const [index, element] of value.entries())
          next.push({ path: `${base}[${index}]`, value: element });
      } else if (!each) next.push({ path: base, value });
    }
    current = next;
  }
  return current;
}

/** An envelope with no limits: what a fully general implementation declares. */
export function unlimitedEnvelope(implementations: string[]): Envelope {
  return {
    implementations,
    availabilityZones: { min: 2, max: null },
    nodeGroups: { max: null },
    labelsPerNodeGroup: { max: null },
    taintsPerNodeGroup: { max: null },
    accessEntries: { max: null },
    policiesPerAccessEntry: { max: null },
    tags: { max: null },
    natGateways: [...NAT_STRATEGIES],
    tiers: [...SUBNET_TIERS],
    labelKeys: null,
    unsupportedValues: [],
    sectionsOutside: [],
    notes: [],
  };
}
