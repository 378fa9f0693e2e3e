/**
 * Service-unique keys: what AWS itself identifies a resource by, apart from the tool's identity
 * (logical ID, address, URN). Two resources of the tool that carry one key are one thing to AWS. A
 * resource created while another — or its own old version — still holds its key either fails
 * (the API refuses a second one) or takes the existing one over, and the old resource's delete then
 * removes what the new one stands for. The tools create first in exactly the cases collisions.ts
 * names (CloudFormation always; Pulumi by default; Terraform under create_before_destroy, set or
 * inherited), and CloudFormation and Pulumi delete removed resources last.
 *
 * The table (each entry with its source):
 *
 * | kind | key | a second one with the key |
 * |---|---|---|
 * | eks-access-entry | cluster, principal ARN | refused: "You can't specify the same ARN in more than one access entry" (EKS API CreateAccessEntry, principalArn) |
 * | eks-access-policy-association | cluster, principal, policy | taken over: a policy is associated to an access entry once (EKS User Guide, "Associate access policies with access entries"); the provider's ID is `cluster#principal#policy` and its delete is DisassociateAccessPolicy with those three (terraform-provider-aws internal/service/eks/access_policy_association.go) |
 * | iam-role-policy-attachment | role, policy ARN | taken over: AttachRolePolicy of an attached policy changes nothing, and the old attachment's delete (DetachRolePolicy, same two; terraform-provider-aws internal/service/iam/role_policy_attachment.go) detaches it (terraform-aws-modules/terraform-aws-eks#3392, #3403) |
 * | eks-addon | cluster, add-on name | refused: CreateAddon on an installed add-on (ResourceInUseException; EKS API CreateAddon) |
 *
 * Subnets (VPC and CIDR) and fixed names are collisions.ts's; they overlap rather than match.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, type Value } from '../model/value.js';
import { sameValue, valueReferences } from './diff.js';
import { addFailure, addNote, changing, type Draft, type PlanContext } from './draft.js';

type Second = 'refused' | 'taken-over';

interface KeyRule {
  /** Canonical kind (canonical/kinds.ts). */
  readonly kind: string;
  /** The key's parts, each in every tool's spelling (CloudFormation, Terraform/Pulumi). */
  readonly parts: readonly { readonly label: string; readonly names: readonly string[] }[];
  readonly second: Second;
  /** What AWS does with a second one, in words. */
  readonly what: string;
  readonly source: string;
}

export const SERVICE_KEYS: readonly KeyRule[] = [
  {
    kind: 'eks-access-entry',
    parts: [
      { label: 'cluster', names: ['ClusterName', 'cluster_name'] },
      { label: 'principal', names: ['PrincipalArn', 'principal_arn'] },
    ],
    second: 'refused',
    what: 'CreateAccessEntry refuses a second access entry for one principal (ResourceInUseException)',
    source:
      'EKS API CreateAccessEntry, principalArn: "You can\'t specify the same ARN in more than one access entry"',
  },
  {
    kind: 'eks-access-policy-association',
    parts: [
      { label: 'cluster', names: ['ClusterName', 'cluster_name'] },
      { label: 'principal', names: ['PrincipalArn', 'principal_arn'] },
      { label: 'policy', names: ['PolicyArn', 'policy_arn'] },
    ],
    second: 'taken-over',
    what: 'a policy is associated to an access entry once, so the new association is the old one, and the old one’s delete (DisassociateAccessPolicy with the same cluster, principal and policy) removes it: the principal ends without the policy',
    source:
      'EKS User Guide, "Associate access policies with access entries" ("you can only associate each policy to an access entry once"); terraform-provider-aws internal/service/eks/access_policy_association.go (ID cluster#principal#policy; Delete: DisassociateAccessPolicy)',
  },
  {
    kind: 'iam-role-policy-attachment',
    parts: [
      { label: 'role', names: ['role'] },
      { label: 'policy', names: ['policy_arn'] },
    ],
    second: 'taken-over',
    what: 'attaching an attached policy changes nothing, and the old attachment’s delete (DetachRolePolicy with the same role and policy) detaches it: the role ends without the policy',
    source:
      'terraform-provider-aws internal/service/iam/role_policy_attachment.go (ID role/policy; Delete: DetachRolePolicy); terraform-aws-modules/terraform-aws-eks#3392, #3403',
  },
  {
    kind: 'eks-addon',
    parts: [
      { label: 'cluster', names: ['ClusterName', 'cluster_name'] },
      { label: 'add-on', names: ['AddonName', 'addon_name'] },
    ],
    second: 'refused',
    what: 'CreateAddon refuses an add-on the cluster already has (ResourceInUseException)',
    source: 'EKS API CreateAddon: ResourceInUseException',
  },
];

const isPulumi = (resource: InventoryResource) => resource.address.startsWith('urn:pulumi:');
const isTerraform = (resource: InventoryResource) => resource.dialect === 'terraform' && !isPulumi(resource);

function partValue(resource: InventoryResource, names: readonly string[]): Value | undefined {
  for (const name of names) {
    const value = resource.properties[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The key of a resource, or undefined when a part is missing or is a value this plan changes (an
 * Unknown from a resource that is created or replaced is a new value, so it holds no old key).
 */
function keyOf(context: PlanContext, rule: KeyRule, resource: InventoryResource): Value[] | undefined {
  const key: Value[] = [];
  for (const part of rule.parts) {
    const value = partValue(resource, part.names);
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) {
      for (const reference of valueReferences(value)) {
        const source = context.drafts.get(reference.address);
        if (source && source.action !== null && source.action !== 'update') return undefined;
      }
    }
    key.push(value);
  }
  return key;
}

const sameKey = (a: readonly Value[], b: readonly Value[]) =>
  a.length === b.length && a.every((value, index) => sameValue(value, b[index]));

function shownKey(rule: KeyRule, key: readonly Value[]): string {
  return rule.parts
    .map((part, index) => {
      const value = key[index];
      return typeof value === 'string' ? `${part.label} ${value}` : null;
    })
    .filter((text): text is string => text !== null)
    .join(', ');
}

/** How the old holder goes: still there when the new one is created, or a race (Terraform). */
function holderState(
  context: PlanContext,
  draft: Draft,
  other: InventoryResource,
): 'self' | 'stays' | 'goes-last' | 'race' | 'gone' {
  const otherDraft = context.drafts.get(other.address);
  if (!otherDraft) return 'gone';
  if (other.address === draft.resource.address)
    return draft.action === 'replace' && draft.order?.order === 'create-first' ? 'self' : 'gone';
  if (otherDraft.action === null || otherDraft.action === 'update') return 'stays';
  if (otherDraft.action === 'replace')
    return otherDraft.order?.order === 'create-first' ? 'goes-last' : 'gone';
  if (otherDraft.action === 'delete') return isTerraform(other) ? 'race' : 'goes-last';
  return 'gone';
}

/** What to do instead, in the tool's terms. */
function remedy(resource: InventoryResource, self: boolean): string {
  if (isPulumi(resource)) return 'set deleteBeforeReplace on the resource';
  if (isTerraform(resource))
    return 'replace it destroy-first (no create_before_destroy on it or on what depends on it)';
  return self
    ? 'CloudFormation always creates the replacement first: remove the resource in one deployment and add it back in the next'
    : 'keep each key on the resource that holds it (add entries at the end of a positional list), or remove the old holder in one deployment and add the new one in the next';
}

export function applyServiceKeyRules(context: PlanContext): void {
  for (const draft of changing(context)) {
    const created =
      draft.action === 'create' || (draft.action === 'replace' && draft.order?.order === 'create-first');
    if (!created) continue;
    // A replacement in another region does not meet the old holders: access entries, policy
    // associations and add-ons belong to a regional cluster (collisions.ts does the same for names).
    if (draft.changes.some((change) => change.path === '(region)')) continue;
    const rule = SERVICE_KEYS.find((candidate) => candidate.kind === draft.resource.kind);
    if (!rule) continue;
    const key = keyOf(context, rule, draft.resource);
    if (!key) continue;
    for (const other of context.before.resources) {
      if (other.kind !== rule.kind) continue;
      const state = holderState(context, draft, other);
      if (state === 'gone') continue;
      if (state === 'stays' && rule.second === 'taken-over') continue;
      const otherKey = keyOf(context, rule, other);
      if (!otherKey || !sameKey(key, otherKey)) continue;
      const shown = shownKey(rule, key);
      const holder =
        state === 'self'
          ? 'its own old version, which is deleted only after the replacement is created,'
          : state === 'stays'
            ? `${other.displayName}, which stays,`
            : `${other.displayName}, which goes only after this is created,`;
      const message = `created while ${holder} holds the same key (${shown}): ${rule.what}`;
      if (state === 'race') {
        addNote(
          draft,
          `created while ${other.displayName} still holds the same key (${shown}) unless Terraform destroys it first (it does not order the two): ${rule.what} (${rule.source})`,
        );
      } else {
        addFailure(draft, `${message} (${rule.source}); ${remedy(draft.resource, state === 'self')}`);
      }
      break;
    }
  }
}
