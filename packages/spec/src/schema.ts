/**
 * The zod schema of a target file: structure, defaults and the rules that concern one field alone.
 * Rules that relate several fields (the CIDR plan fits, AZs belong to the region, min ≤ desired ≤ max …)
 * live in rules.ts, so that every problem is reported even when another section is malformed.
 */
import * as z from 'zod';
import { parseIpv4Cidr } from './cidr.js';
import {
  ACCESS_POLICIES,
  ADDON_NAMES,
  AMI_TYPES,
  AUTHENTICATION_MODES,
  CAPACITY_TYPES,
  DEFAULT_KUBERNETES_VERSION,
  KUBERNETES_VERSIONS,
  LOG_RETENTION_DAYS,
  LOG_TYPES,
  NAT_STRATEGIES,
  TAINT_EFFECTS,
} from './constants.js';

function oneOf(values: readonly (string | number)[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function enumOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: () => `must be one of ${oneOf(values)} (${what})` });
}

const cidrString = z.string().refine((text) => parseIpv4Cidr(text) !== undefined, {
  error: 'is not an IPv4 CIDR block; write it as a.b.c.d/n, for example 10.0.0.0/16',
});

export const TARGET_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
export const EKS_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;

const TierSchema = z.strictObject({
  /** Prefix length of each subnet of the tier, /16 … /28. */
  prefixLength: z.number().int({ error: 'must be a whole number' }),
  /** Optional block reserved for the tier; by default the plan places the tier itself. */
  cidr: cidrString.optional(),
});

export const NetworkSchema = z.strictObject({
  cidr: cidrString,
  natGateways: enumOf(NAT_STRATEGIES, 'NAT gateway strategy').default('per-az'),
  subnets: z
    .strictObject({
      public: TierSchema.default({ prefixLength: 24 }),
      private: TierSchema.default({ prefixLength: 19 }),
      intra: TierSchema.optional(),
    })
    .default({ public: { prefixLength: 24 }, private: { prefixLength: 19 } }),
  enableDnsSupport: z.boolean().default(true),
  enableDnsHostnames: z.boolean().default(true),
});

const AccessScopeSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('cluster') }),
    z.strictObject({ type: z.literal('namespace'), namespaces: z.array(z.string()) }),
  ],
  { error: 'must be {"type": "cluster"} or {"type": "namespace", "namespaces": [...]}' },
);

const AccessEntrySchema = z.strictObject({
  principalArn: z.string(),
  kubernetesGroups: z.array(z.string()).default([]),
  policies: z
    .array(
      z.strictObject({
        policy: enumOf(ACCESS_POLICIES, 'EKS access policy'),
        scope: AccessScopeSchema.default({ type: 'cluster' }),
      }),
    )
    .default([]),
});

const AddonSchema = z.strictObject({
  name: enumOf(ADDON_NAMES, 'EKS add-on'),
  /** An add-on version such as v1.19.2-eksbuild.1; omitted means the EKS default for the cluster version. */
  version: z.string().optional(),
});

export const ClusterSchema = z.strictObject({
  name: z.string(),
  version: enumOf(KUBERNETES_VERSIONS, 'supported Kubernetes version').default(DEFAULT_KUBERNETES_VERSION),
  endpoint: z
    .strictObject({
      privateAccess: z.boolean().default(true),
      publicAccess: z.boolean().default(true),
      publicAccessCidrs: z.array(cidrString).optional(),
    })
    .default({ privateAccess: true, publicAccess: true }),
  logging: z
    .strictObject({
      types: z.array(enumOf(LOG_TYPES, 'EKS control-plane log type')).default([...LOG_TYPES]),
      retentionDays: z
        .number()
        .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
          error: `must be a CloudWatch Logs retention period: ${oneOf(LOG_RETENTION_DAYS)}`,
        })
        .default(90),
    })
    .default({ types: [...LOG_TYPES], retentionDays: 90 }),
  secretsEncryption: z
    .strictObject({
      keyRotation: z.boolean().default(true),
      keyDeletionWindowDays: z.number().int().min(7).max(30).default(30),
    })
    .default({ keyRotation: true, keyDeletionWindowDays: 30 }),
  authenticationMode: enumOf(AUTHENTICATION_MODES, 'EKS authentication mode').default('API'),
  bootstrapClusterCreatorAdminPermissions: z.boolean().default(false),
  addons: z.array(AddonSchema).default(ADDON_NAMES.map((name) => ({ name }))),
  accessEntries: z.array(AccessEntrySchema).default([]),
});

const TaintSchema = z.strictObject({
  key: z.string(),
  value: z.string().optional(),
  effect: enumOf(TAINT_EFFECTS, 'taint effect'),
});

export const NodeGroupSchema = z.strictObject({
  name: z.string(),
  instanceTypes: z.array(z.string()),
  capacityType: enumOf(CAPACITY_TYPES, 'capacity type').default('ON_DEMAND'),
  minSize: z.number().int({ error: 'must be a whole number' }),
  desiredSize: z.number().int({ error: 'must be a whole number' }),
  maxSize: z.number().int({ error: 'must be a whole number' }),
  /** Root (AL2023) or data (Bottlerocket) volume size in GiB. */
  diskSize: z.number().int({ error: 'must be a whole number' }).default(50),
  amiType: enumOf(AMI_TYPES, 'EKS AMI type').default('AL2023_x86_64_STANDARD'),
  labels: z.record(z.string(), z.string()).default({}),
  taints: z.array(TaintSchema).default([]),
});

export const TargetSpecSchema = z.strictObject({
  /** Editors use this to find target.schema.json; ignored otherwise. */
  $schema: z.string().optional(),
  name: z.string(),
  account: z.string().regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account ID' }),
  region: z.string(),
  availabilityZones: z.array(z.string()),
  tags: z.record(z.string(), z.string()).default({}),
  network: NetworkSchema,
  cluster: ClusterSchema,
  nodeGroups: z.array(NodeGroupSchema),
});

/** A target file as written (defaults optional). */
export type TargetSpecInput = z.input<typeof TargetSpecSchema>;
/** A validated target with every default filled in. */
export type TargetSpec = z.output<typeof TargetSpecSchema>;
export type NetworkSpec = TargetSpec['network'];
export type ClusterSpec = TargetSpec['cluster'];
export type NodeGroupSpec = TargetSpec['nodeGroups'][number];
export type TierSpec = z.output<typeof TierSchema>;
export type AccessEntrySpec = ClusterSpec['accessEntries'][number];
export type TaintSpec = NodeGroupSpec['taints'][number];
