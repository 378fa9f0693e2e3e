/**
 * The limits AWS and the Terraform AWS provider enforce on names and sizes the target turns into,
 * each with its source. One table for two readers: the spec's rules reject a target that an
 * implementation would turn into something AWS or a provider rejects (naming the limit), and the
 * harness checks every artifact against the same entries (packages/harness/src/validate).
 *
 * Provider entries name their file in hashicorp/terraform-provider-aws (v6); a `name_prefix` is
 * the name's limit minus the 26 characters of the unique suffix Terraform appends
 * (terraform-plugin-sdk helper/id: UniqueIDSuffixLength = 26).
 */

import { LOG_RETENTION_DAYS } from './constants.js';

export interface Limit {
  /** Stable id, used in findings: `terraform.aws_launch_template.name_prefix`. */
  readonly id: string;
  /** Who enforces it: the AWS API, or the Terraform AWS provider's schema (plan fails before any call). */
  readonly enforcedBy: 'aws' | 'terraform-provider-aws';
  /** What is limited, in words. */
  readonly subject: string;
  /** The resource type the limit applies to, in the enforcer's vocabulary. */
  readonly resourceType: string;
  /** The property, in that resource type's vocabulary (dotted for nested). */
  readonly property: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** The only values accepted (a number property such as a log group's retention). */
  readonly allowedValues?: readonly (string | number)[];
  readonly source: string;
}

/** Characters of the unique suffix a Terraform `name_prefix` receives. */
export const TERRAFORM_UNIQUE_SUFFIX_LENGTH = 26;

export const LIMITS = {
  eksClusterName: {
    id: 'aws.eks.cluster.name',
    enforcedBy: 'aws',
    subject: 'EKS cluster name',
    resourceType: 'AWS::EKS::Cluster',
    property: 'Name',
    minLength: 1,
    maxLength: 100,
    pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/,
    source:
      'EKS API CreateCluster (name: 1-100, ^[0-9A-Za-z][A-Za-z0-9-_]*$); provider internal/service/eks/validate.go validClusterName',
  },
  eksNodegroupName: {
    id: 'aws.eks.nodegroup.name',
    enforcedBy: 'aws',
    subject: 'EKS managed node group name',
    resourceType: 'AWS::EKS::Nodegroup',
    property: 'NodegroupName',
    minLength: 1,
    maxLength: 63,
    source:
      'EKS API CreateNodegroup (nodegroupName: 1-63); provider internal/service/eks/node_group.go node_group_name StringLenBetween(0, 63)',
  },
  terraformNodeGroupNamePrefix: {
    id: 'terraform.aws_eks_node_group.node_group_name_prefix',
    enforcedBy: 'terraform-provider-aws',
    subject: 'aws_eks_node_group node_group_name_prefix',
    resourceType: 'aws_eks_node_group',
    property: 'node_group_name_prefix',
    maxLength: 63 - TERRAFORM_UNIQUE_SUFFIX_LENGTH,
    source:
      'internal/service/eks/node_group.go: node_group_name_prefix StringLenBetween(0, 63-id.UniqueIDSuffixLength)',
  },
  terraformLaunchTemplateNamePrefix: {
    id: 'terraform.aws_launch_template.name_prefix',
    enforcedBy: 'terraform-provider-aws',
    subject: 'aws_launch_template name_prefix',
    resourceType: 'aws_launch_template',
    property: 'name_prefix',
    minLength: 3,
    maxLength: 125 - TERRAFORM_UNIQUE_SUFFIX_LENGTH,
    pattern: /^[0-9A-Za-z()./_-]+$/,
    source:
      'internal/service/ec2/ec2_launch_template.go with internal/verify/validate.go ValidLaunchTemplateName (name 3-125, name_prefix up to 99)',
  },
  terraformIamRoleNamePrefix: {
    id: 'terraform.aws_iam_role.name_prefix',
    enforcedBy: 'terraform-provider-aws',
    subject: 'aws_iam_role name_prefix',
    resourceType: 'aws_iam_role',
    property: 'name_prefix',
    minLength: 1,
    maxLength: 64 - TERRAFORM_UNIQUE_SUFFIX_LENGTH,
    pattern: /^[\w+=,.@-]*$/,
    source:
      'internal/service/iam/role.go: roleNamePrefixMaxLen = roleNameMaxLen (64) - id.UniqueIDSuffixLength; iam/validate.go validResourceName',
  },
  terraformSecurityGroupNamePrefix: {
    id: 'terraform.aws_security_group.name_prefix',
    enforcedBy: 'terraform-provider-aws',
    subject: 'aws_security_group name_prefix',
    resourceType: 'aws_security_group',
    property: 'name_prefix',
    maxLength: 255 - TERRAFORM_UNIQUE_SUFFIX_LENGTH,
    source:
      'internal/service/ec2/vpc_security_group.go: name_prefix StringLenBetween(0, 255-id.UniqueIDSuffixLength)',
  },
  logGroupName: {
    id: 'aws.logs.log-group.name',
    enforcedBy: 'aws',
    subject: 'CloudWatch Logs log group name',
    resourceType: 'AWS::Logs::LogGroup',
    property: 'LogGroupName',
    minLength: 1,
    maxLength: 512,
    pattern: /^[0-9A-Za-z_./#-]+$/,
    source:
      'CloudWatch Logs API CreateLogGroup (1-512, [\\.\\-_/#A-Za-z0-9]+); provider internal/service/logs/group.go validLogGroupName',
  },
  kmsAliasName: {
    id: 'aws.kms.alias.name',
    enforcedBy: 'aws',
    subject: 'KMS alias name',
    resourceType: 'AWS::KMS::Alias',
    property: 'AliasName',
    minLength: 1,
    maxLength: 256,
    pattern: /^alias\/[a-zA-Z0-9/_-]+$/,
    source:
      'KMS API CreateAlias (AliasName 1-256, ^alias/[a-zA-Z0-9/_-]+$, not alias/aws/); provider internal/service/kms/validate.go',
  },
  logRetentionDays: {
    id: 'aws.logs.log-group.retention',
    enforcedBy: 'aws',
    subject: 'CloudWatch Logs retention',
    resourceType: 'AWS::Logs::LogGroup',
    property: 'RetentionInDays',
    allowedValues: LOG_RETENTION_DAYS,
    source:
      'CloudWatch Logs API PutRetentionPolicy (retentionInDays: one of a fixed list; InvalidParameterException otherwise); provider internal/service/logs/group.go retention_in_days IntInSlice',
  },
  cloudFormationStackName: {
    id: 'aws.cloudformation.stack.name',
    enforcedBy: 'aws',
    subject: 'CloudFormation stack name',
    resourceType: 'AWS::CloudFormation::Stack',
    property: 'StackName',
    minLength: 1,
    maxLength: 128,
    pattern: /^[A-Za-z][-A-Za-z0-9]*$/,
    source: 'CloudFormation API CreateStack (StackName: 1-128, [a-zA-Z][-a-zA-Z0-9]*)',
  },
  tagKey: {
    id: 'aws.tag.key',
    enforcedBy: 'aws',
    subject: 'tag key',
    resourceType: '*',
    property: 'Tags[].Key',
    minLength: 1,
    maxLength: 128,
    source: 'AWS Tagging: tag keys 1-128 Unicode characters, not starting with aws:',
  },
  tagValue: {
    id: 'aws.tag.value',
    enforcedBy: 'aws',
    subject: 'tag value',
    resourceType: '*',
    property: 'Tags[].Value',
    maxLength: 256,
    source: 'AWS Tagging: tag values 0-256 Unicode characters',
  },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** Why `value` breaks `limit`, or undefined when it fits. */
export function breaksLimit(limit: Limit, value: string | number): string | undefined {
  if (limit.allowedValues !== undefined) {
    return limit.allowedValues.includes(value)
      ? undefined
      : `${value} is not one of ${limit.allowedValues.join(', ')}, which ${limit.subject} takes (${limit.source})`;
  }
  if (typeof value !== 'string') return undefined;
  if (limit.maxLength !== undefined && value.length > limit.maxLength) {
    return `${value.length} ${value.length === 1 ? 'character' : 'characters'}; ${limit.subject} takes at most ${limit.maxLength} (${limit.source})`;
  }
  if (limit.minLength !== undefined && value.length < limit.minLength) {
    return `${value.length} ${value.length === 1 ? 'character' : 'characters'}; ${limit.subject} takes at least ${limit.minLength} (${limit.source})`;
  }
  if (limit.pattern && !limit.pattern.test(value)) {
    return `"${value}" does not match ${limit.pattern.source}, which ${limit.subject} requires (${limit.source})`;
  }
  return undefined;
}

/**
 * The longest node group name every implementation can turn into a valid name: Terraform and
 * Pulumi give node groups `node_group_name_prefix = "<name>-"` (so replacement can create the new
 * group before deleting the old one), and a prefix takes at most 37 characters.
 */
export const MAX_NODE_GROUP_NAME = LIMITS.terraformNodeGroupNamePrefix.maxLength - 1;
