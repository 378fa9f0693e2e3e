/**
 * The zod schema of a target file: structure, defaults, descriptions and the rules that concern one
 * field alone. Rules that relate several fields (the CIDR plan fits, AZs belong to the region,
 * min ≤ desired ≤ max …) live in rules.ts, so that every problem is reported even when another
 * section is malformed. Numeric bounds are enforced by rules.ts (with messages that say why) and
 * stated here with `.meta()` so the JSON Schema editors read carries them too; a test holds the
 * two to the same numbers.
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
  DELETION_BEHAVIOURS,
  DESIRED_SIZE_DRIFT,
  KUBERNETES_VERSIONS,
  LOG_RETENTION_DAYS,
  LOG_TYPES,
  NAT_STRATEGIES,
  TAG_PROPAGATION_TARGETS,
  TAINT_EFFECTS,
} from './constants.js';
import { LIMITS, MAX_NODE_GROUP_NAME } from './limits.js';
import { WorkloadsSchema } from './workloads-schema.js';

function oneOf(values: readonly (string | number)[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function enumOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: () => `must be one of ${oneOf(values)} (${what})` });
}

const wholeNumber = () => z.number().int({ error: 'must be a whole number' });

const cidrString = z.string().refine((text) => parseIpv4Cidr(text) !== undefined, {
  error: 'is not an IPv4 CIDR block; write it as a.b.c.d/n, for example 10.0.0.0/16',
});

export const TARGET_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
export const EKS_NAME_PATTERN = LIMITS.eksClusterName.pattern;

/** Bounds the rules enforce, shared with the JSON Schema. */
export const BOUNDS = {
  subnetPrefixLength: { minimum: 16, maximum: 28 },
  nodeGroupSize: { minimum: 0, maximum: 450 },
  maxSize: { minimum: 1, maximum: 450 },
  diskSize: { minimum: 20, maximum: 16384 },
  keyDeletionWindowDays: { minimum: 7, maximum: 30 },
  maxUnavailable: { minimum: 1, maximum: 100 },
  maxUnavailablePercentage: { minimum: 1, maximum: 100 },
} as const;

const TierSchema = z
  .strictObject({
    prefixLength: wholeNumber().meta({
      ...BOUNDS.subnetPrefixLength,
      description: 'Prefix length of each subnet of the tier, /16 to /28, and no larger than the VPC block.',
    }),
    cidr: cidrString.optional().meta({
      description:
        'Optional block reserved for the tier (it must hold one subnet per AZ of the region); by default the plan places the tier itself.',
    }),
  })
  .meta({ description: 'One tier of subnets: one subnet per availability zone.' });

export const NetworkSchema = z
  .strictObject({
    cidr: cidrString.meta({ description: "The VPC's IPv4 block, /16 to /28, for example 10.0.0.0/16." }),
    natGateways: enumOf(NAT_STRATEGIES, 'NAT gateway strategy').default('per-az').meta({
      description:
        'none (private subnets reach AWS through VPC endpoints), single (one NAT gateway in the first AZ) or per-az.',
    }),
    subnets: z
      .strictObject({
        public: TierSchema.default({ prefixLength: 24 }).meta({
          description:
            'Public subnets: default route to the internet gateway; load balancers and NAT gateways.',
        }),
        private: TierSchema.default({ prefixLength: 19 }).meta({
          description: 'Private subnets: default route to a NAT gateway; the nodes run here.',
        }),
        intra: TierSchema.optional().meta({
          description:
            "Optional intra subnets: no route out of the VPC; the control plane's network interfaces go here.",
        }),
      })
      .default({ public: { prefixLength: 24 }, private: { prefixLength: 19 } })
      .meta({ description: 'The subnet tiers.' }),
    enableDnsSupport: z
      .boolean()
      .default(true)
      .meta({ description: 'Amazon DNS in the VPC (the EKS private endpoint needs it).' }),
    enableDnsHostnames: z
      .boolean()
      .default(true)
      .meta({ description: 'DNS hostnames for instances (the EKS private endpoint needs it).' }),
    restrictDefaultSecurityGroup: z.boolean().default(true).meta({
      description:
        "Remove every rule from the VPC's default security group (CIS AWS Foundations 5.4, Checkov CKV2_AWS_12). AWS CDK's ec2.Vpc does this by default; plain Terraform, Pulumi and CloudFormation leave the rules unless told.",
    }),
  })
  .meta({ description: 'The VPC.' });

const AccessScopeSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('cluster') }),
    z.strictObject({
      type: z.literal('namespace'),
      namespaces: z.array(z.string()).meta({
        description: 'Namespaces the policy applies in; a trailing * matches a prefix.',
      }),
    }),
  ],
  { error: 'must be {"type": "cluster"} or {"type": "namespace", "namespaces": [...]}' },
);

const AccessEntrySchema = z
  .strictObject({
    principalArn: z
      .string()
      .meta({ description: 'The IAM role or user ARN the entry lets into the cluster.' }),
    kubernetesGroups: z
      .array(z.string())
      .default([])
      .meta({ description: 'Kubernetes RBAC groups the principal belongs to (not system:*).' }),
    policies: z
      .array(
        z.strictObject({
          policy: enumOf(ACCESS_POLICIES, 'EKS access policy').meta({
            description: 'EKS access policy name.',
          }),
          scope: AccessScopeSchema.default({ type: 'cluster' }).meta({
            description: 'Where the policy applies: the whole cluster or some namespaces.',
          }),
        }),
      )
      .default([])
      .meta({ description: 'EKS access policies associated with the entry.' }),
  })
  .meta({ description: 'One EKS access entry.' });

/**
 * An EKS add-on build. CreateAddon/UpdateAddon accept only a version that DescribeAddonVersions
 * lists, and it lists only full builds (`v1.19.2-eksbuild.1`; kube-proxy also publishes
 * `v1.29.0-minimal-eksbuild.1`). A bare `v1.19.2` fails at deploy with "Addon version specified is
 * not supported" (EKS API reference, CreateAddon.addonVersion; hashicorp/terraform-provider-aws#33385,
 * awslabs/cdk-eks-blueprints#1101). The rule in rules.ts names the path; the JSON Schema carries the
 * pattern so editors flag it too.
 */
export const ADDON_VERSION_PATTERN = /^v\d+\.\d+\.\d+(-minimal)?-eksbuild\.\d+$/;

const AddonSchema = z
  .strictObject({
    name: enumOf(ADDON_NAMES, 'EKS add-on').meta({ description: 'The EKS add-on.' }),
    version: z.string().optional().meta({
      description:
        'An add-on build such as v1.19.2-eksbuild.1, with its -eksbuild.N suffix (as describe-addon-versions lists it); omitted means the EKS default for the cluster version.',
      pattern: ADDON_VERSION_PATTERN.source,
    }),
  })
  .meta({ description: 'One managed EKS add-on.' });

const onDelete = (what: string, deleteMeans: string, retainNote: string) =>
  enumOf(DELETION_BEHAVIOURS, 'what happens on delete')
    .default('delete')
    .meta({
      description: `What deleting the stack (or destroying the configuration) does to the ${what}: delete (${deleteMeans}) or retain (kept, outside the tool's control; ${retainNote}).`,
    });

export const ClusterSchema = z
  .strictObject({
    name: z.string().meta({
      description:
        'EKS cluster name: 1-100 letters, digits, hyphens or underscores, starting with a letter or digit.',
    }),
    version: enumOf(KUBERNETES_VERSIONS, 'supported Kubernetes version')
      .default(DEFAULT_KUBERNETES_VERSION)
      .meta({ description: 'Kubernetes version of the control plane (and of the nodes, which follow it).' }),
    endpoint: z
      .strictObject({
        privateAccess: z
          .boolean()
          .default(true)
          .meta({ description: 'The private API endpoint, inside the VPC.' }),
        publicAccess: z.boolean().default(true).meta({ description: 'The public API endpoint.' }),
        publicAccessCidrs: z.array(cidrString).optional().meta({
          description: 'The 1-40 public CIDRs allowed to reach the public endpoint; default 0.0.0.0/0.',
        }),
      })
      .default({ privateAccess: true, publicAccess: true })
      .meta({ description: "The cluster's API endpoints." }),
    logging: z
      .strictObject({
        types: z
          .array(enumOf(LOG_TYPES, 'EKS control-plane log type'))
          .default([...LOG_TYPES])
          .meta({ description: 'Control-plane log types sent to CloudWatch Logs.' }),
        retentionDays: z
          .number()
          .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
            error: `must be a CloudWatch Logs retention period: ${oneOf(LOG_RETENTION_DAYS)}`,
          })
          .default(90)
          .meta({
            description: 'Retention of the /aws/eks/<name>/cluster log group, in days.',
            enum: [...LOG_RETENTION_DAYS],
          }),
        onDelete: onDelete(
          'control-plane log group',
          'with its logs',
          "Terraform and CDKTF through aws_cloudwatch_log_group's skip_destroy",
        ),
      })
      .default({ types: [...LOG_TYPES], retentionDays: 90, onDelete: 'delete' })
      .meta({ description: 'Control-plane logging.' }),
    secretsEncryption: z
      .strictObject({
        keyRotation: z
          .boolean()
          .default(true)
          .meta({ description: 'Yearly automatic rotation of the KMS key.' }),
        keyDeletionWindowDays: wholeNumber()
          .default(30)
          .meta({
            ...BOUNDS.keyDeletionWindowDays,
            description: 'Days between scheduling the key for deletion and deleting it (7-30).',
          }),
        onDelete: onDelete(
          'KMS key',
          'scheduled for deletion after keyDeletionWindowDays',
          'not available in Terraform or CDKTF: aws_kms_key has no retain-on-destroy',
        ),
      })
      .default({ keyRotation: true, keyDeletionWindowDays: 30, onDelete: 'delete' })
      .meta({ description: 'Envelope encryption of Kubernetes secrets with a customer-managed KMS key.' }),
    authenticationMode: enumOf(AUTHENTICATION_MODES, 'EKS authentication mode').default('API').meta({
      description: 'API (access entries only) or API_AND_CONFIG_MAP (also the aws-auth ConfigMap).',
    }),
    bootstrapClusterCreatorAdminPermissions: z
      .boolean()
      .default(false)
      .meta({ description: 'Whether the identity that creates the cluster gets an admin access entry.' }),
    addons: z
      .array(AddonSchema)
      .default(ADDON_NAMES.map((name) => ({ name })))
      .meta({ description: 'Managed add-ons; vpc-cni, kube-proxy and coredns are required.' }),
    accessEntries: z.array(AccessEntrySchema).default([]).meta({ description: 'EKS access entries.' }),
  })
  .meta({ description: 'The EKS cluster.' });

const TaintSchema = z
  .strictObject({
    key: z.string().meta({ description: 'Taint key (a Kubernetes label key).' }),
    value: z.string().optional().meta({ description: 'Taint value; empty and absent are the same.' }),
    effect: enumOf(TAINT_EFFECTS, 'taint effect').meta({
      description: 'NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE.',
    }),
  })
  .meta({ description: 'One node taint.' });

const UpdateSchema = z
  .strictObject({
    maxUnavailable: wholeNumber()
      .optional()
      .meta({ ...BOUNDS.maxUnavailable, description: 'Nodes replaced at once during an update (1-100).' }),
    maxUnavailablePercentage: wholeNumber()
      .optional()
      .meta({
        ...BOUNDS.maxUnavailablePercentage,
        description: 'Share of the nodes replaced at once during an update, in percent (1-100).',
      }),
    force: z.boolean().default(false).meta({
      description:
        'Update nodes even when pods cannot be drained (a PodDisruptionBudget blocks them). AWS CDK defaults to true, the Terraform provider to false.',
    }),
  })
  .meta({
    description:
      'How a version or launch template update rolls through the nodes. Give maxUnavailable or maxUnavailablePercentage, not both.',
  });

export const NodeGroupSchema = z
  .strictObject({
    name: z.string().meta({
      description: `Node group name: 1-${MAX_NODE_GROUP_NAME} letters, digits, hyphens or underscores, starting with a letter or digit (Terraform's node_group_name_prefix takes ${LIMITS.terraformNodeGroupNamePrefix.maxLength} characters).`,
    }),
    instanceTypes: z
      .array(z.string())
      .meta({ description: '1-20 EC2 instance types; all x86_64 or all arm64, matching amiType.' }),
    capacityType: enumOf(CAPACITY_TYPES, 'capacity type')
      .default('ON_DEMAND')
      .meta({ description: 'ON_DEMAND or SPOT.' }),
    minSize: wholeNumber().meta({ ...BOUNDS.nodeGroupSize, description: 'Fewest nodes.' }),
    desiredSize: wholeNumber().meta({
      ...BOUNDS.nodeGroupSize,
      description: 'Nodes at creation (minSize ≤ desiredSize ≤ maxSize).',
    }),
    maxSize: wholeNumber().meta({ ...BOUNDS.maxSize, description: 'Most nodes.' }),
    diskSize: wholeNumber()
      .default(50)
      .meta({
        ...BOUNDS.diskSize,
        description: 'Root (AL2023) or data (Bottlerocket) volume size in GiB, 20-16384.',
      }),
    amiType: enumOf(AMI_TYPES, 'EKS AMI type')
      .default('AL2023_x86_64_STANDARD')
      .meta({ description: 'The EKS-optimized AMI family and architecture.' }),
    labels: z
      .record(z.string(), z.string())
      .default({})
      .meta({ description: 'Kubernetes labels of the nodes.' }),
    taints: z
      .array(TaintSchema)
      .default([])
      .meta({ description: 'Kubernetes taints of the nodes (at most 50).' }),
    update: UpdateSchema.default({ maxUnavailablePercentage: 33, force: false }),
    propagateTagsTo: z
      .array(enumOf(TAG_PROPAGATION_TARGETS, 'launch template tag specification'))
      .default(['instance', 'volume'])
      .meta({
        description:
          "What the node group's launch template tags with the target's tags: the instances, their volumes and network interfaces. AWS CDK tags instance and volume; Terraform tags nothing unless told.",
      }),
    desiredSizeDrift: enumOf(DESIRED_SIZE_DRIFT, 'desired size drift').default('keep').meta({
      description:
        'What the next deploy does to a desired size changed outside the tool (by the cluster autoscaler): keep it (Terraform ignore_changes, Pulumi ignoreChanges; CloudFormation never reads live state, but a deploy that changes the group’s scaling numbers may send desiredSize again) or revert it to desiredSize (not available in CloudFormation).',
    }),
  })
  .meta({ description: 'One managed node group, in the private subnets.' });

export const TargetSpecSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .meta({ description: 'Editors use this to find target.schema.json; ignored otherwise.' }),
    name: z.string().meta({
      description:
        'Name of the target: 2-32 lowercase letters, digits or hyphens; prefixes stack and resource names.',
    }),
    account: z
      .string()
      .regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account ID' })
      .meta({
        description:
          'The 12-digit AWS account to deploy to (CDK needs a fixed account to synthesize offline).',
      }),
    region: z.string().meta({ description: 'The AWS region, for example eu-west-1.' }),
    availabilityZones: z.array(z.string()).meta({
      description:
        'Two or more availability zones of the region, in order; the first holds the NAT gateway of the single strategy.',
    }),
    tags: z.record(z.string(), z.string()).default({}).meta({
      description: 'Tags on every taggable resource (at most 48: the tools add up to two of their own).',
    }),
    network: NetworkSchema,
    cluster: ClusterSchema,
    nodeGroups: z.array(NodeGroupSchema).meta({ description: 'One or more managed node groups.' }),
    workloads: WorkloadsSchema.optional().meta({
      description:
        'What runs on the cluster (a namespace, the sample Phoenix service, Helm releases); without it the cluster is built with nothing deployed on it.',
    }),
  })
  .meta({ description: 'One AWS VPC + EKS target.' });

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
