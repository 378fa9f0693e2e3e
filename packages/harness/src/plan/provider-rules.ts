/**
 * Updates the Terraform AWS provider (and Pulumi's AWS provider, bridged from it) plans but never
 * applies: the argument is neither ForceNew nor handled by the resource's Update function, so
 * `terraform apply` reports success, AWS keeps the old value, and the same diff comes back on the
 * next plan. Not replacements (canonical/provider-force-new.ts decides those, conditional ones
 * included), but not clean in-place updates either: the plan says so.
 *
 * Read at terraform-provider-aws 6.25.0 (AWS_PROVIDER_VERSION); each entry names its file.
 */
import { argumentValue } from '../canonical/provider-force-new.js';
import type { Value } from '../model/value.js';

export interface IgnoredUpdateRule {
  readonly terraformType: string;
  /** Argument path without list indexes; the rule covers everything under it. */
  readonly path: readonly string[];
  /** Where the rule holds only for some changes (the resource's arguments before and after). */
  readonly applies?: (
    before: Readonly<Record<string, Value>>,
    after: Readonly<Record<string, Value>>,
  ) => boolean;
  readonly source: string;
}

const blocks = (value: Value | undefined): number =>
  value === undefined || value === null ? 0 : Array.isArray(value) ? value.length : 1;

export const IGNORED_UPDATES: readonly IgnoredUpdateRule[] = [
  {
    terraformType: 'aws_eip',
    path: ['customer_owned_ipv4_pool'],
    source:
      'internal/service/ec2/ec2_eip.go: customer_owned_ipv4_pool is Optional without ForceNew, and resourceEIPUpdate handles only associate_with_private_ip, instance and network_interface',
  },
  {
    terraformType: 'aws_eks_cluster',
    path: ['encryption_config'],
    // Removal replaces (provider-force-new.ts), adding one is AssociateEncryptionConfig; only an edit
    // of an existing block is ignored.
    applies: (before, after) =>
      blocks(before.encryption_config) === 1 && blocks(after.encryption_config) === 1,
    source:
      "internal/service/eks/cluster.go: resourceClusterUpdate associates encryption_config only when none was set before (len(o) == 0 && len(n) == 1); a changed key_arn or resources is never sent (EKS cannot change a cluster's encryption key)",
  },
  {
    terraformType: 'aws_eks_cluster',
    path: ['outpost_config', 'outpost_arns'],
    applies: (before, after) =>
      blocks(before.outpost_config) > 0 &&
      blocks(after.outpost_config) > 0 &&
      argumentValue(after, 'outpost_config.outpost_arns') !== undefined,
    source:
      'internal/service/eks/cluster.go: outpost_config.outpost_arns is Required without ForceNew, and resourceClusterUpdate never reads it',
  },
];

/** The ignored-update rule a change at this path meets, if any. */
export function ignoredUpdateFor(
  terraformType: string,
  path: readonly string[],
  before: Readonly<Record<string, Value>>,
  after: Readonly<Record<string, Value>>,
): IgnoredUpdateRule | undefined {
  return IGNORED_UPDATES.find(
    (rule) =>
      rule.terraformType === terraformType &&
      rule.path.length <= path.length &&
      rule.path.every((step, index) => path[index] === step) &&
      (rule.applies?.(before, after) ?? true),
  );
}
