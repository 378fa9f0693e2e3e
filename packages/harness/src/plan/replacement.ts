/**
 * Whether changing one property replaces the resource, per tool:
 * - CloudFormation family: the CloudFormation specification, nested property paths and
 *   `additionalReplacementProperties` included (our spec index holds them; cloudformation-diff only
 *   reads top-level properties);
 * - Terraform family and Pulumi: the provider's own rule where its source was read for the type
 *   (canonical/provider-force-new.ts: ForceNew, and ForceNew under a condition, comparing only the
 *   nested values that changed; plan/provider-rules.ts: updates the provider never applies), else
 *   the CloudFormation property it maps to (terraform-mapping.ts).
 */

import { terraformTypeOfPulumi } from '../canonical/kinds.js';
import { forceNewVerdict } from '../canonical/provider-schema.js';
import { cloudformationPathFor } from '../canonical/terraform-mapping.js';
import { cfnTypeInfo } from '../cloudformation/spec-index.js';
import type { InventoryResource } from '../model/inventory.js';
import type { Value } from '../model/value.js';
import { type PathStep, sameValue, valueAt } from './diff.js';
import { isKubernetesResource, kubernetesVerdict } from './kubernetes-rules.js';
import type { VerdictSource } from './model.js';
import { ignoredUpdateFor } from './provider-rules.js';

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
export function cloudformationRule(
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

/**
 * Where the bundled specification (@aws-cdk/aws-service-spec, built from the CloudFormation registry
 * schemas' createOnlyProperties) still marks a property as replacing although CloudFormation now
 * updates it in place. Each entry names its source.
 */
const CLOUDFORMATION_UPDATABLE: Readonly<Record<string, readonly { path: string; source: string }[]>> = {
  'AWS::EKS::Cluster': [
    {
      path: 'ResourcesVpcConfig.SubnetIds',
      source:
        'CloudFormation resource reference, AWS::EKS::Cluster ResourcesVpcConfig (Update requires: No interruption); EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets": subnets can be changed from CloudFormation, all in the AZs the cluster was created with',
    },
    {
      path: 'ResourcesVpcConfig.SecurityGroupIds',
      source:
        'CloudFormation resource reference, AWS::EKS::Cluster ResourcesVpcConfig (Update requires: No interruption); EKS UpdateClusterConfig takes new security groups',
    },
  ],
};

function updatableOverride(type: string, names: readonly string[]): string | undefined {
  const dotted = names.join('.');
  return CLOUDFORMATION_UPDATABLE[type]?.find(
    (entry) => dotted === entry.path || dotted.startsWith(`${entry.path}.`),
  )?.source;
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
  const override = updatableOverride(type, namesOf(path));
  if (override)
    return {
      replaces: false,
      source: 'cloudformation-spec',
      why: `updatable in place, although the bundled specification says replacement (${override})`,
    };
  const rule = cloudformationRule(type, path, before, after);
  if (!rule) return { replaces: false, source: 'cloudformation-spec', why: 'updatable in place' };
  return {
    replaces: true,
    source: 'cloudformation-spec',
    why: `${type} ${rule.rule}: ${rule.may ? 'a change may require' : 'a change requires'} replacement`,
  };
}

/** The resource before and after a change, for the rules that read more than the changed value. */
export interface VerdictContext {
  readonly before?: InventoryResource;
}

function terraformVerdict(
  resource: InventoryResource,
  path: readonly PathStep[],
  before: Value | undefined,
  after: Value | undefined,
  context: VerdictContext,
): Verdict {
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
  // The provider's own ForceNew and conditional ForceNew, where its source was read for this type
  // (canonical/provider-force-new.ts).
  const arguments_ = {
    before: context.before?.properties ?? resource.properties,
    after: resource.properties,
  };
  const forceNew = forceNewVerdict(terraformType, path, { before, after, resource: arguments_ });
  if (forceNew) {
    const provider = `terraform-provider-aws ${forceNew.source}`;
    if (forceNew.replaces)
      return {
        replaces: true,
        source: 'provider',
        why: forceNew.condition
          ? `${forceNew.argument} forces replacement when ${forceNew.condition} (${provider})`
          : `${forceNew.argument} forces replacement (${provider})`,
      };
    const ignored = ignoredUpdateFor(terraformType, names, arguments_.before, arguments_.after);
    return {
      replaces: false,
      source: 'provider',
      why: ignored
        ? `planned as an in-place update that the provider never applies: AWS keeps the old value and the diff returns on every plan (terraform-provider-aws ${ignored.source})`
        : `updatable in place (${provider})`,
    };
  }
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
  context: VerdictContext = {},
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
    : terraformVerdict(resource, path, before, after, context);
}
