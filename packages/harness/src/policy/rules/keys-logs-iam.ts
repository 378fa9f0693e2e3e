/** KMS key rotation, log retention, IAM wildcards, an admin managed policy on a role. */

import { isUnknown, isValueObject, type Value } from '../../model/value.js';
import { policyDocument } from '../../observe/views.js';
import type { PolicyResource, PolicyRule, RuleOutcome } from '../model.js';
import { asList, at, cdkNag, checkov, fail, kics, ok, show, trivy, unknown } from './helpers.js';

export const keyRotation: PolicyRule = {
  id: 'kms-key-rotation',
  title: 'KMS key rotation off',
  severity: 'medium',
  rationale:
    'Automatic rotation gives a symmetric key new backing material every year while old ciphertexts stay readable, which limits what one exposed key version can decrypt.',
  reads: ['AWS::KMS::Key EnableKeyRotation (aws_kms_key enable_key_rotation)'],
  equivalents: {
    checkov: [checkov.tf('CKV_AWS_7', 'KMSRotation.py'), checkov.cfn('CKV_AWS_7', 'KMSRotation.py')],
    trivy: [trivy('AVD-AWS-0065', 'cloud/aws/kms/auto_rotate_keys.rego')],
    kics: [kics('22fbfeac-7b5a-421a-8a27-7a2178bb910b', 'terraform/aws/cmk_rotation_disabled')],
    cdkNag: [cdkNag('AwsSolutions-KMS5', 'kms/KMSBackingKeyRotationEnabled.ts')],
  },
  fix: {
    'cdk-l2': 'kms.Key `enableKeyRotation: true`',
    'cdk-l1': 'kms.CfnKey `enableKeyRotation: true`',
    cloudformation: '`EnableKeyRotation: true`',
    'infra-terraform': 'aws_kms_key `enable_key_rotation = true`',
    cdktf: 'KmsKey `enableKeyRotation: true`',
    pulumi: 'aws.kms.Key `enableKeyRotation: true`',
  },
  helpUri: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  check(input) {
    return input.resources
      .filter((resource) => resource.kind === 'kms-key')
      .flatMap((key): RuleOutcome[] => {
        const spec = key.properties.KeySpec;
        // Rotation exists for symmetric encryption keys only.
        if (typeof spec === 'string' && spec !== 'SYMMETRIC_DEFAULT') return [];
        const rotation = key.properties.EnableKeyRotation;
        if (rotation === true) return [ok(key)];
        if (isUnknown(rotation)) return [unknown(key, 'rotation known only after deploy')];
        return [fail(key, `key rotation ${rotation === false ? 'off' : 'not set (off by default)'}`)];
      });
  },
};

export const logRetention: PolicyRule = {
  id: 'logs-retention-set',
  title: 'Log group keeps logs forever (no retention)',
  severity: 'low',
  rationale:
    'A log group without a retention period keeps every event forever: cost that only grows, and data kept longer than any policy allows. Choose the retention the logs need.',
  reads: ['AWS::Logs::LogGroup RetentionInDays (aws_cloudwatch_log_group retention_in_days)'],
  equivalents: {
    checkov: [
      checkov.tf('CKV_AWS_66', 'CloudWatchLogGroupRetention.py'),
      checkov.cfn('CKV_AWS_66', 'CloudWatchLogGroupRetention.py'),
    ],
    trivy: [],
    kics: [
      kics(
        'ef0b316a-211e-42f1-888e-64efe172b755',
        'terraform/aws/cloudwatch_without_retention_period_specified',
      ),
    ],
    cdkNag: [
      cdkNag(
        'CloudWatchLogGroupRetentionPeriod',
        'cloudwatch/CloudWatchLogGroupRetentionPeriod.ts',
        'not in the AwsSolutions pack',
      ),
    ],
  },
  fix: {
    'cdk-l2': 'logs.LogGroup `retention: logs.RetentionDays.THREE_MONTHS`',
    'cdk-l1': 'logs.CfnLogGroup `retentionInDays: 90`',
    cloudformation: '`RetentionInDays: 90`',
    'infra-terraform': 'aws_cloudwatch_log_group `retention_in_days = 90`',
    cdktf: 'CloudwatchLogGroup `retentionInDays: 90`',
    pulumi: 'aws.cloudwatch.LogGroup `retentionInDays: 90`',
  },
  helpUri:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
  check(input) {
    return input.resources
      .filter((resource) => resource.kind === 'log-group')
      .map((group): RuleOutcome => {
        const days = group.properties.RetentionInDays;
        if (typeof days === 'number' && days > 0) return ok(group);
        if (isUnknown(days)) return unknown(group, 'retention known only after deploy');
        return fail(group, `retention ${show(days)}: events are kept forever`);
      });
  },
};

/** IAM policy documents a resource grants (not trust policies, not key policies), whatever the tool. */
function grantedDocuments(resource: PolicyResource): Value[] {
  const p = resource.properties;
  switch (resource.nativeType) {
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      return asList(p.Policies).map((policy) => at(policy, 'PolicyDocument') ?? null);
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::RolePolicy':
      return [p.PolicyDocument ?? null];
    case 'aws_iam_role':
    case 'aws:iam/role:Role':
      return asList(p['$tool.inline_policy'] ?? p.inline_policy).map(
        (policy) => at(policy, 'policy') ?? null,
      );
    case 'aws_iam_role_policy':
    case 'aws_iam_policy':
    case 'aws:iam/rolePolicy:RolePolicy':
    case 'aws:iam/policy:Policy':
      return [p.policy ?? null];
    default:
      return [];
  }
}

/** `*`, `service:*`, or an action ending in `*` that could be anything in a service. */
function wildcardActions(statement: Record<string, Value>): string[] {
  return asList(statement.Action).filter(
    (action): action is string => typeof action === 'string' && (action === '*' || action.endsWith(':*')),
  );
}

const READ_ONLY_ACTION = /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z0-9]*\*?$/;

export const iamWildcards: PolicyRule = {
  id: 'iam-wildcard-permissions',
  title: 'IAM policy grants wildcard actions or resources',
  severity: 'high',
  rationale:
    'An Allow on `*` actions (or `service:*`) or on every resource grants far more than the workload needs, including actions added to the service later. Name the actions and the resources; read-only Describe/List/Get on `*` is tolerated where the service has no resource-level permissions.',
  reads: [
    'inline and customer-managed policy documents of roles, users, groups (Policies, aws_iam_role_policy, inline_policy, aws_iam_policy)',
  ],
  equivalents: {
    checkov: [
      checkov.cfn('CKV_AWS_63', 'IAMStarActionPolicyDocument.py', 'actions only'),
      checkov.tf(
        'CKV_AWS_355',
        'IAMStarResourcePolicyDocument.py',
        'resources only, for restrictable actions',
      ),
    ],
    trivy: [
      trivy(
        'AVD-AWS-0057',
        'cloud/aws/iam/no_policy_wildcards.rego',
        'marked deprecated in trivy-checks; its Rego body is empty there',
      ),
    ],
    kics: [
      kics(
        '2f37c4a3-58b9-4afe-8a87-d7f1d2286f84',
        'terraform/aws/iam_policies_with_full_privileges',
        'narrower: Action * on Resource * only',
      ),
    ],
    cdkNag: [
      cdkNag(
        'AwsSolutions-IAM5',
        'iam/IAMNoWildcardPermissions.ts',
        'broader: any `*` anywhere in the document',
      ),
    ],
  },
  fix: {
    'cdk-l2':
      'iam.PolicyStatement with named `actions` and `resources` (grant methods such as `bucket.grantRead(role)` do this)',
    'cdk-l1': 'iam.CfnRole `policies[].policyDocument` with named actions and resource ARNs',
    cloudformation: '`Action: [s3:GetObject]`, `Resource: !Sub arn:${AWS::Partition}:s3:::bucket/*`',
    'infra-terraform': 'data "aws_iam_policy_document" with named `actions` and `resources`',
    cdktf: 'DataAwsIamPolicyDocument with named actions and resources',
    pulumi: 'aws.iam.getPolicyDocument with named actions and resources',
  },
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  check(input) {
    return input.resources.flatMap((resource): RuleOutcome[] => {
      const documents = grantedDocuments(resource);
      if (documents.length === 0) return [];
      const problems: string[] = [];
      let unknownDocument = false;
      for (const raw of documents) {
        const document = policyDocument(raw ?? undefined);
        if (document === undefined || document === null) continue;
        if (isUnknown(document) || !isValueObject(document)) {
          unknownDocument = true;
          continue;
        }
        for (const statement of asList(document.Statement)) {
          if (!isValueObject(statement) || statement.Effect === 'Deny') continue;
          const actions = wildcardActions(statement);
          if (actions.length > 0) problems.push(`Allow ${actions.join(', ')}`);
          const everyResource = asList(statement.Resource).includes('*');
          const named = asList(statement.Action).filter(
            (action): action is string => typeof action === 'string',
          );
          if (everyResource && !named.every((action) => READ_ONLY_ACTION.test(action)))
            problems.push(
              `Allow ${named.filter((action) => !READ_ONLY_ACTION.test(action)).join(', ')} on Resource *`,
            );
        }
      }
      if (problems.length > 0) return [fail(resource, problems.join('; '))];
      return unknownDocument
        ? [unknown(resource, 'a policy document is known only after deploy')]
        : [ok(resource)];
    });
  },
};

const ADMIN_POLICY = /:policy\/AdministratorAccess$/;
const ROLE_TYPES = new Set(['AWS::IAM::Role', 'aws_iam_role', 'aws:iam/role:Role']);
const ATTACHMENT_TYPES = new Set([
  'aws_iam_role_policy_attachment',
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
]);

export const adminManagedPolicy: PolicyRule = {
  id: 'iam-admin-managed-policy',
  title: 'AdministratorAccess attached to a role',
  severity: 'high',
  rationale:
    "A role the cluster, its nodes or its workloads assume should hold the permissions they use. AWS's AdministratorAccess managed policy turns a compromise of any of them into a compromise of the account.",
  reads: [
    'role managed policy ARNs, inline (ManagedPolicyArns, managed_policy_arns) or as aws_iam_role_policy_attachment',
  ],
  equivalents: {
    checkov: [checkov.graph('CKV2_AWS_51', 'IAMDoNotUseAdministratorAccessPolicy.yaml', 'Terraform only')],
    trivy: [],
    kics: [],
    cdkNag: [
      cdkNag(
        'AwsSolutions-IAM4',
        'iam/IAMNoManagedPolicies.ts',
        'broader: any AWS managed policy, so the EKS service policies too',
      ),
    ],
  },
  fix: {
    'cdk-l2':
      'drop `iam.ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess")`; grant what the role uses',
    'cdk-l1': 'remove the AdministratorAccess ARN from CfnRole `managedPolicyArns`',
    cloudformation: 'remove `arn:aws:iam::aws:policy/AdministratorAccess` from `ManagedPolicyArns`',
    'infra-terraform': 'remove the aws_iam_role_policy_attachment of AdministratorAccess',
    cdktf: 'remove the IamRolePolicyAttachment of AdministratorAccess',
    pulumi: 'remove the aws.iam.RolePolicyAttachment of AdministratorAccess',
  },
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  check(input) {
    return input.resources.flatMap((resource): RuleOutcome[] => {
      if (ROLE_TYPES.has(resource.nativeType)) {
        const arns = asList(resource.properties.ManagedPolicyArns);
        const admin = arns.filter((arn) => typeof arn === 'string' && ADMIN_POLICY.test(arn));
        return admin.length > 0 ? [fail(resource, `${show(admin[0])} attached`)] : [ok(resource)];
      }
      if (ATTACHMENT_TYPES.has(resource.nativeType)) {
        const arn = resource.properties.ManagedPolicyArns ?? resource.properties.policy_arn;
        const first = Array.isArray(arn) ? arn[0] : arn;
        return typeof first === 'string' && ADMIN_POLICY.test(first)
          ? [fail(resource, `${first} attached`)]
          : [ok(resource)];
      }
      return [];
    });
  },
};
