/**
 * Envelopes: the part of the target space an implementation supports, declared in a small JSON file
 * (`envelope.json`) in each implementation's folder, checked by the same code everywhere.
 */
import * as z from 'zod';
import { NAT_STRATEGIES, SUBNET_TIERS } from './constants.js';
import type { TargetSpec } from './schema.js';

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
  natGateways: z.array(z.enum(NAT_STRATEGIES)),
  tiers: z.array(z.enum(SUBNET_TIERS)),
  /** Why the limits are what they are, for the report. */
  notes: z.array(z.string()).default([]),
});
export type Envelope = z.output<typeof EnvelopeSchema>;

/** The envelope dimensions, also the keys the harness uses to mark facts outside an envelope. */
export type EnvelopeDimension =
  | 'availabilityZones'
  | 'nodeGroups'
  | 'labelsPerNodeGroup'
  | 'taintsPerNodeGroup'
  | 'accessEntries'
  | 'policiesPerAccessEntry'
  | 'natGateways'
  | 'tiers';

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
  return violations;
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
    natGateways: [...NAT_STRATEGIES],
    tiers: [...SUBNET_TIERS],
    notes: [],
  };
}
