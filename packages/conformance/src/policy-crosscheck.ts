/**
 * The policy cross-checked against the anchors, on the controls both cover:
 *
 * - cdk-nag 3's AwsSolutions pack on both CDK apps, plugged in the way cdk-nag 3 is
 *   (`Validations.of(app).addPlugins`, which aws-cdk-lib 2.276 supports), its report read from the
 *   assembly's policy-validation-report.json;
 * - AWS's validator (@aws/cloudformation-validate, the copy aws-cdk-lib bundles) on the
 *   CloudFormation family: W2508 (a security group open on a sensitive port), its one security
 *   rule on a control of ours. (I3013, explicit retention, is an INFO diagnostic, which the harness
 *   does not keep: comparing with it would agree vacuously, so it is left out.)
 *
 * Subjects are compared resource by resource, on the resources the target is made of (tool
 * machinery — the custom-resource Lambdas and their roles — is not judged by our rules: docs/policy.md).
 * Every pair of verdicts either agrees or differs as CROSS_CHECKS says, with the rule's source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addStack, availabilityZoneContext, projectContext } from '@iac-compare/cdk';
import {
  cfnTypeInfo,
  evaluatePolicy,
  type Finding,
  type Inventory,
  implementationById,
  readCdkAssembly,
  validateImplementation,
} from '@iac-compare/harness';
import type { TargetSpec } from '@iac-compare/spec';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { POLICY_AS_OF } from './mutation/policy-run.js';

export interface CrossCheck {
  /** Our rule. */
  readonly rule: string;
  /** The other tool's rule (cdk-nag: `AwsSolutions-EKS1`; the validator: `W2508`). */
  readonly theirs: string;
  readonly tool: 'cdk-nag' | 'cloudformation-validate';
  /** Where their rule is defined, read to explain a difference. */
  readonly source: string;
  /** Why the verdicts may differ; empty when the two judge the same thing. */
  readonly differs: string;
}

export const CROSS_CHECKS: readonly CrossCheck[] = [
  {
    rule: 'eks-public-endpoint-open',
    theirs: 'AwsSolutions-EKS1',
    tool: 'cdk-nag',
    source: 'cdklabs/cdk-nag src/rules/eks/EKSClusterNoEndpointPublicAccess.ts',
    differs:
      'EKS1 fails any public endpoint; ours only one open to 0.0.0.0/0 (a CIDR-limited endpoint passes ours)',
  },
  {
    rule: 'eks-control-plane-logging',
    theirs: 'AwsSolutions-EKS2',
    tool: 'cdk-nag',
    source: 'cdklabs/cdk-nag src/rules/eks/EKSClusterControlPlaneLogs.ts',
    differs: '',
  },
  {
    rule: 'network-vpc-flow-logs',
    theirs: 'AwsSolutions-VPC7',
    tool: 'cdk-nag',
    source: 'cdklabs/cdk-nag src/rules/vpc/VPCFlowLogsEnabled.ts',
    differs: '',
  },
  {
    rule: 'kms-key-rotation',
    theirs: 'AwsSolutions-KMS5',
    tool: 'cdk-nag',
    source: 'cdklabs/cdk-nag src/rules/kms/KMSBackingKeyRotationEnabled.ts',
    differs: '',
  },
  {
    rule: 'network-admin-ports-open',
    theirs: 'AwsSolutions-EC23',
    tool: 'cdk-nag',
    source: 'cdklabs/cdk-nag src/rules/ec2/EC2RestrictedInbound.ts',
    differs: 'EC23 fails any ingress from 0.0.0.0/0 or ::/0 on any port; ours only on 22 and 3389',
  },
  {
    rule: 'iam-wildcard-permissions',
    theirs: 'AwsSolutions-IAM5',
    tool: 'cdk-nag',
    source: 'cdklabs/cdk-nag src/rules/iam/IAMNoWildcardPermissions.ts',
    differs:
      'IAM5 fails any `*` anywhere in a policy (`arn:…:log-group:*`); ours wildcard actions, and Resource * for non-read actions',
  },
  {
    rule: 'iam-admin-managed-policy',
    theirs: 'AwsSolutions-IAM4',
    tool: 'cdk-nag',
    source: 'cdklabs/cdk-nag src/rules/iam/IAMNoManagedPolicies.ts',
    differs:
      'IAM4 fails every AWS managed policy, including AmazonEKSClusterPolicy and the node policies EKS requires; ours only AdministratorAccess',
  },
  {
    rule: 'network-admin-ports-open',
    theirs: 'W2508',
    tool: 'cloudformation-validate',
    source: '@aws/cloudformation-validate (bundled with aws-cdk-lib 2.276.0), rule W2508 (ENGINE origin)',
    differs: '',
  },
];

/**
 * Where a comparison differs on the default target (or a mutant), why — with the source that shows
 * it. Keyed `implementation rule theirs`. A difference without an entry, or an entry whose
 * comparison agrees, fails the cross-check test: the table cannot drift from what the tools do.
 */
export const EXPLAINED: Readonly<Record<string, string>> = {
  'cdk-l2 eks-public-endpoint-open AwsSolutions-EKS1':
    'EKS1 tests `node instanceof CfnCluster` from aws-cdk-lib/aws-eks (cdk-nag lib/rules/eks/EKSClusterNoEndpointPublicAccess.js); aws-eks-v2 declares its own CfnCluster class (aws-cdk-lib aws-eks-v2/lib/eks.generated.js), so cdk-nag finds an aws-eks-v2 cluster not applicable and misses its public endpoint',
  'cdk-l2 iam-admin-managed-policy AwsSolutions-IAM4':
    'IAM4 fails every AWS managed policy (src/rules/iam/IAMNoManagedPolicies.ts): the cluster and node roles need AmazonEKSClusterPolicy, AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy and AmazonEC2ContainerRegistryReadOnly; ours fails AdministratorAccess only',
  'cdk-l1 iam-admin-managed-policy AwsSolutions-IAM4':
    'IAM4 fails every AWS managed policy (src/rules/iam/IAMNoManagedPolicies.ts): the cluster and node roles need the EKS managed policies; ours fails AdministratorAccess only',
};

/** Rows that agree, but not for the reason one would think. */
export const NOTES: Readonly<Record<string, string>> = {
  'cdk-l2 eks-control-plane-logging AwsSolutions-EKS2':
    'agrees only vacuously: EKS2 uses the same `instanceof` test as EKS1, so it finds an aws-eks-v2 cluster not applicable',
};

/** One comparison: on which resources each side fails. */
export interface CrossCheckRow {
  readonly implementation: string;
  readonly check: CrossCheck;
  /** Core resources (display names) our rule fails. */
  readonly ours: readonly string[];
  /** Core resources their rule fails. */
  readonly theirs: readonly string[];
}

/** The result as a word: agree (both pass / both fail the same resources) or differ. */
export function outcomeOf(row: CrossCheckRow): string {
  const same = row.ours.length === row.theirs.length && row.ours.every((name) => row.theirs.includes(name));
  const word = (list: readonly string[]) => (list.length === 0 ? 'pass' : `fail ${list.length}`);
  return same ? `agree (${word(row.ours)})` : `differ (ours ${word(row.ours)}, theirs ${word(row.theirs)})`;
}

interface NagViolation {
  readonly ruleName: string;
  readonly violatingResources: readonly { constructPath: string }[];
}

/** Synthesizes a CDK variant with cdk-nag's AwsSolutions pack plugged in; the assembly and the violations. */
export function synthesizeWithCdkNag(
  spec: TargetSpec,
  variant: 'l2' | 'l1',
  outdir: string,
): { inventory: Inventory; violations: NagViolation[] } {
  {
    const app = new App({
      outdir,
      context: {
        ...projectContext(),
        ...availabilityZoneContext(spec),
        // What the CDK CLI adds (construct paths, the stack traces the locations come from).
        'aws:cdk:enable-path-metadata': true,
        'aws:cdk:disable-asset-staging': true,
        '@aws-cdk/core:validationReportJson': true,
      },
    });
    addStack(app, spec, variant);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      // cdk-nag reports through the validation report; synth fails when it finds anything.
      if (
        !(error instanceof Error) ||
        !/ValidationFailed|Validation failed/.test(`${error.name} ${error.message}`)
      )
        throw error;
    }
    const report = JSON.parse(readFileSync(join(outdir, 'policy-validation-report.json'), 'utf8')) as {
      pluginReports: { summary: { pluginName: string }; violations: NagViolation[] }[];
    };
    const violations = report.pluginReports
      .filter((plugin) => plugin.summary.pluginName === 'AwsSolutions')
      .flatMap((plugin) => plugin.violations);
    const id = variant === 'l2' ? 'cdk-l2' : 'cdk-l1';
    return {
      inventory: readCdkAssembly(outdir, id, { account: spec.account, region: spec.region }),
      violations,
    };
  }
}

function ourFailures(inventory: Inventory, rule: string): string[] {
  const report = evaluatePolicy(new Map([[inventory.implementation, inventory]]), { asOf: POLICY_AS_OF });
  const verdict = report.implementations[0]!.verdicts.find((candidate) => candidate.ruleId === rule)!;
  return [
    ...new Set(
      verdict.findings
        .filter((finding) => finding.status === 'non-compliant')
        .map((finding) => finding.displayName),
    ),
  ].sort();
}

/** The display name (construct path) of every core resource. */
function coreNames(inventory: Inventory): Set<string> {
  return new Set(
    inventory.resources
      .filter((resource) => resource.role === 'core')
      .map((resource) => resource.displayName),
  );
}

export function cdkNagRows(inventory: Inventory, violations: readonly NagViolation[]): CrossCheckRow[] {
  const core = coreNames(inventory);
  return CROSS_CHECKS.filter((check) => check.tool === 'cdk-nag').map((check) => {
    const theirs = violations
      .filter(
        (violation) =>
          violation.ruleName === check.theirs || violation.ruleName.startsWith(`${check.theirs}[`),
      )
      .flatMap((violation) => violation.violatingResources.map((resource) => resource.constructPath))
      .filter((path) => core.has(path));
    return {
      implementation: inventory.implementation,
      check,
      ours: ourFailures(inventory, check.rule),
      theirs: [...new Set(theirs)].sort(),
    };
  });
}

/** The validator's findings for a CloudFormation-family inventory (all severities). */
export async function validatorFindings(
  inventory: Inventory,
  artifactPath: string,
  spec: TargetSpec,
): Promise<Finding[]> {
  return validateImplementation(
    implementationById(inventory.implementation)!,
    artifactPath,
    inventory,
    { account: spec.account, region: spec.region },
    (type) => cfnTypeInfo(type)?.tags?.variant,
  );
}

export function validatorRows(inventory: Inventory, findings: readonly Finding[]): CrossCheckRow[] {
  const core = inventory.resources.filter((resource) => resource.role === 'core');
  // A finding's subject is the logical ID (or stack/logical ID): the resource whose address ends in it.
  const nameOf = (subject: string | undefined) =>
    subject === undefined
      ? undefined
      : core.find((resource) => resource.address === subject || resource.address.endsWith(`/${subject}`))
          ?.displayName;
  return CROSS_CHECKS.filter((check) => check.tool === 'cloudformation-validate').map((check) => ({
    implementation: inventory.implementation,
    check,
    ours: ourFailures(inventory, check.rule),
    theirs: [
      ...new Set(
        findings
          .filter((finding) => finding.rule === check.theirs)
          .map((finding) => nameOf(finding.subject))
          .filter((name): name is string => name !== undefined),
      ),
    ].sort(),
  }));
}

/** The rows as the Markdown table docs/policy.md holds. */
export function renderCrossCheckSection(
  rows: readonly (CrossCheckRow & { readonly target: string })[],
): string {
  const out = [
    '| target | implementation | ours | theirs | result | why they differ (read in) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const key = `${row.implementation} ${row.check.rule} ${row.check.theirs}`;
    const why = EXPLAINED[key] ?? EXPLAINED[`${row.target} ${key}`] ?? NOTES[key] ?? '';
    out.push(
      `| ${row.target} | ${row.implementation} | \`${row.check.rule}\` | ${row.check.tool === 'cdk-nag' ? 'cdk-nag' : 'validator'} \`${row.check.theirs}\` | ${outcomeOf(row)} | ${why.replace(/\|/g, '\\|')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
