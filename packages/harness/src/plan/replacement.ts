/**
 * Whether changing one property replaces the resource, per tool:
 * - CloudFormation family: the CloudFormation specification, nested property paths and
 *   `additionalReplacementProperties` included (our spec index holds them; cloudformation-diff only
 *   reads top-level properties);
 * - Terraform family and Pulumi: the provider's own rule where we know it differs
 *   (provider-rules.ts), else the CloudFormation property it maps to (terraform-mapping.ts).
 */

import { terraformTypeOfPulumi } from '../canonical/kinds.js';
import { cloudformationPathFor } from '../canonical/terraform-mapping.js';
import { cfnTypeInfo } from '../cloudformation/spec-index.js';
import type { InventoryResource } from '../model/inventory.js';
import type { Value } from '../model/value.js';
import { type PathStep, sameValue, valueAt } from './diff.js';
import { isKubernetesResource, kubernetesVerdict } from './kubernetes-rules.js';
import type { VerdictSource } from './model.js';
import { providerRuleFor } from './provider-rules.js';

export interface Verdict {
  readonly replaces: boolean;
  readonly source: VerdictSource;
  readonly why: string;
}

const TAG_PROPERTIES = new Set(['Tags', 'tags', 'tags_all', '(default tags)']);

/** Property names only: list indexes (and the spec's `*` for items) carry no meaning here. */
function namesOf(path: readonly (PathStep | '*')[]): string[] {
  return path.filter((step): step is string => typeof step === 'string' && step !== '*');
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => path[index] === step);
}

/**
 * The replacement rule a CloudFormation property change meets: a rule at or above the changed path;
 * or, when a whole object or list changed, a rule below it whose own value differs.
 */
function cloudformationRule(
  type: string,
  path: readonly PathStep[],
  before: Value | undefined,
  after: Value | undefined,
): { rule: string; may: boolean } | undefined {
  const info = cfnTypeInfo(type);
  if (!info) return undefined;
  const names = namesOf(path);
  const check = (rules: readonly (readonly string[])[], may: boolean) => {
    for (const rule of rules) {
      const ruleNames = namesOf(rule);
      if (startsWith(names, ruleNames)) return { rule: ruleNames.join('.'), may };
      if (startsWith(ruleNames, names)) {
        // A whole block changed; does the part that forces replacement differ? (Lists of blocks:
        // compare the first items, which is what the target's blocks of one hold.)
        const below = ruleNames.slice(names.length);
        const pick = (value: Value | undefined) => valueAt(Array.isArray(value) ? value[0] : value, below);
        if (!sameValue(pick(before), pick(after))) return { rule: ruleNames.join('.'), may };
      }
    }
    return undefined;
  };
  return check(info.replaces, false) ?? check(info.mayReplace, true);
}

function cloudformationVerdict(
  resource: InventoryResource,
  path: readonly PathStep[],
  before: Value | undefined,
  after: Value | undefined,
): Verdict {
  const type = resource.nativeType;
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
    return {
      replaces: false,
      source: 'cloudformation-spec',
      why: 'custom resource: CloudFormation sends its provider an Update',
    };
  if (type === 'AWS::CDK::Metadata')
    return {
      replaces: false,
      source: 'cloudformation-spec',
      why: "CDK's metadata record, rewritten in place",
    };
  if (!cfnTypeInfo(type))
    return {
      replaces: false,
      source: 'unmapped',
      why: `${type} is not in the CloudFormation specification; replacement not determined`,
    };
  const rule = cloudformationRule(type, path, before, after);
  if (!rule) return { replaces: false, source: 'cloudformation-spec', why: 'updatable in place' };
  return {
    replaces: true,
    source: 'cloudformation-spec',
    why: `${type} ${rule.rule}: ${rule.may ? 'a change may require' : 'a change requires'} replacement`,
  };
}

function terraformVerdict(resource: InventoryResource, path: readonly PathStep[]): Verdict {
  const terraformType = resource.nativeType.includes(':')
    ? terraformTypeOfPulumi(resource.nativeType)
    : resource.nativeType;
  const names = namesOf(path);
  if (!terraformType)
    return {
      replaces: false,
      source: 'unmapped',
      why: `no Terraform type known for ${resource.nativeType}; replacement not determined`,
    };
  const providerRule = providerRuleFor(terraformType, names);
  if (providerRule)
    return {
      replaces: providerRule.replaces,
      source: 'provider',
      why: `${providerRule.replaces ? 'forces replacement' : 'updatable in place'} (terraform-provider-aws ${providerRule.source})`,
    };
  const mapped = cloudformationPathFor(terraformType, names);
  if (!mapped)
    return {
      replaces: false,
      source: 'unmapped',
      why: `${terraformType}.${names.join('.')} has no known CloudFormation equivalent; replacement not determined`,
    };
  const info = cfnTypeInfo(mapped.cloudformationType);
  const rule = [...(info?.replaces ?? []), ...(info?.mayReplace ?? [])]
    .map(namesOf)
    .find((rulePath) => startsWith(mapped.path, rulePath) || startsWith(rulePath, mapped.path));
  const property = `${mapped.cloudformationType} ${mapped.path.join('.')}`;
  return rule
    ? {
        replaces: true,
        source: 'derived',
        why: `as ${property}, whose change requires replacement (${rule.join('.')})`,
      }
    : { replaces: false, source: 'derived', why: `as ${property}, updatable in place` };
}

export function verdictFor(
  resource: InventoryResource,
  path: readonly PathStep[],
  before: Value | undefined,
  after: Value | undefined,
): Verdict {
  if (typeof path[0] === 'string' && TAG_PROPERTIES.has(path[0]))
    return {
      replaces: false,
      source: resource.dialect === 'cloudformation' ? 'cloudformation-spec' : 'derived',
      why: 'tags are updated in place',
    };
  if (isKubernetesResource(resource)) return kubernetesVerdict(resource, path);
  return resource.dialect === 'cloudformation'
    ? cloudformationVerdict(resource, path, before, after)
    : terraformVerdict(resource, path);
}

/**
 * CloudFormation types that take a custom name. "If you specify a name, you cannot perform updates
 * that require replacement of this resource" (each type's name property in the CloudFormation
 * resource reference): replacing one fails the stack update until the name changes.
 */
const CUSTOM_NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::EKS::Cluster': 'Name',
  'AWS::EKS::Nodegroup': 'NodegroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateName',
  'AWS::EC2::SecurityGroup': 'GroupName',
};

/** Types whose Ref is that custom name, so a replacement keeps the value users see. */
const REF_IS_NAME = new Set(['AWS::EKS::Cluster', 'AWS::IAM::Role', 'AWS::Logs::LogGroup']);

/** Why replacing this resource cannot work as planned, when that is so. */
/** Terraform and Pulumi arguments that fix a resource's name (a prefix leaves room for the replacement). */
const TERRAFORM_NAME_ARGUMENT: Readonly<Record<string, string>> = {
  aws_eks_node_group: 'node_group_name',
  aws_launch_template: 'name',
  aws_iam_role: 'name',
  aws_security_group: 'name',
};

/**
 * What a replacement of this resource will really do, where the tool's plan alone hides it: a
 * custom name blocks CloudFormation; Terraform's create_before_destroy (and Pulumi's default order)
 * collide with a fixed name; Terraform's default order takes capacity away first.
 */
export function replacementNote(resource: InventoryResource): { note: string; fails: boolean } | undefined {
  if (resource.dialect === 'cloudformation') {
    const property = CUSTOM_NAME_PROPERTY[resource.nativeType];
    if (!property || resource.properties[property] === undefined) return undefined;
    return {
      note: `${property} is set: CloudFormation cannot replace a custom-named resource, so this stack update fails until the name changes`,
      fails: true,
    };
  }
  const type = resource.nativeType.includes(':')
    ? terraformTypeOfPulumi(resource.nativeType)
    : resource.nativeType;
  const nameArgument = type ? TERRAFORM_NAME_ARGUMENT[type] : undefined;
  const named = nameArgument !== undefined && resource.properties[nameArgument] !== undefined;
  const order = resource.lifecycle.replacementOrder;
  if (named && order === 'create-before-destroy') {
    return {
      note: `${nameArgument} is fixed and the replacement is created first: it fails on the name the old one still has (use a name prefix)`,
      fails: true,
    };
  }
  if (resource.kind === 'eks-node-group' && order === 'destroy-before-create') {
    return {
      note: 'destroyed before its replacement is created: the group’s capacity drops to zero until the new one is ready (set create_before_destroy with a name prefix)',
      fails: false,
    };
  }
  return undefined;
}

/** `1.37` → [1, 37]; undefined for anything else. */
function minorVersion(value: unknown): [number, number] | undefined {
  const match = typeof value === 'string' ? /^(\d+)\.(\d+)$/.exec(value) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * EKS version rules (EKS User Guide, "Update existing cluster to new Kubernetes version"): an
 * in-place update goes one minor version up at a time and never down; a managed node group's
 * version cannot be newer than its cluster's.
 */
export function versionNote(
  resource: InventoryResource,
  before: unknown,
  after: unknown,
  clusterVersion?: unknown,
): { note: string; fails: boolean } | undefined {
  const from = minorVersion(before);
  const to = minorVersion(after);
  if (resource.kind === 'eks-cluster' && from && to) {
    if (to[0] !== from[0] || to[1] < from[1]) {
      return {
        note: `Kubernetes ${String(before)} → ${String(after)} is a downgrade: EKS cannot downgrade a cluster in place (an upgrade can only be rolled back, where EKS offers it, within 7 days)`,
        fails: true,
      };
    }
    if (to[1] > from[1] + 1) {
      return {
        note: `Kubernetes ${String(before)} → ${String(after)} skips a version: EKS updates a cluster one minor version at a time (${from[0]}.${from[1] + 1} first)`,
        fails: true,
      };
    }
  }
  const cluster = minorVersion(clusterVersion);
  if (resource.kind === 'eks-node-group' && to && cluster && (to[0] > cluster[0] || to[1] > cluster[1])) {
    return {
      note: `the node group would run Kubernetes ${String(after)}, newer than its cluster's ${String(clusterVersion)}: EKS refuses a node group newer than the control plane`,
      fails: true,
    };
  }
  return undefined;
}

/** Whether a reference to `target` gets a new value when `target` is replaced. */
export function referenceChangesOnReplace(target: InventoryResource, attribute: string | undefined): boolean {
  if (target.dialect !== 'cloudformation' || attribute !== 'Ref') return true;
  const property = CUSTOM_NAME_PROPERTY[target.nativeType];
  return !(REF_IS_NAME.has(target.nativeType) && property && target.properties[property] !== undefined);
}

/**
 * Attributes that take a new value when their resource is only updated: a launch template's
 * latest version number (every update of its data makes a new version). Whatever uses them is
 * updated too — a node group that follows its template's latest version rolls its nodes.
 */
const CHANGES_ON_UPDATE: Readonly<Record<string, ReadonlySet<string>>> = {
  'AWS::EC2::LaunchTemplate': new Set(['LatestVersionNumber']),
  aws_launch_template: new Set(['latest_version']),
  'aws:ec2/launchTemplate:LaunchTemplate': new Set(['latest_version', 'latestVersion']),
};

export function referenceChangesOnUpdate(target: InventoryResource, attribute: string | undefined): boolean {
  return attribute !== undefined && (CHANGES_ON_UPDATE[target.nativeType]?.has(attribute) ?? false);
}
