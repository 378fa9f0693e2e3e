/**
 * A change of region or account is a new deployment, planned as each tool would run it:
 *
 * - CloudFormation (CDK, raw templates): a stack lives in one account and region, so the stacks are
 *   created anew there and the old ones stay where they are, untouched — delete them yourself
 *   (CDK Developer Guide, "Environments": each stack is deployed to one environment;
 *   `cdk destroy` / `aws cloudformation delete-stack` in the old one). IAM is global: a role with a
 *   custom name in the old stack blocks the new stack's role in the same account.
 * - Terraform and CDKTF (AWS provider 6): every regional resource has a computed `region` argument
 *   from the provider, and "Changing the value of region will force resource replacement"
 *   (terraform-provider-aws, Enhanced Region Support guide): a region change replaces them, in each
 *   one's replacement order; IAM (global) stays. A new account is another set of credentials: the
 *   refresh finds none of the state's resources, drops them from state (the provider's Read removes
 *   a resource it cannot find, e.g. internal/service/ec2/vpc_.go: "not found, removing from state")
 *   and creates everything — the old ones remain in the old account, unmanaged.
 * - Pulumi (pulumi-aws 7, built on provider 6): the same per-resource region, so a region change
 *   replaces the regional resources (Pulumi's Enhanced Region Support guide; pulumi-aws#5656 removed
 *   the provider-level cascade). An account change is refused: `pulumi up` diffs against its state
 *   without a refresh, so it would update the old account's resource IDs with the new account's
 *   credentials; use a new stack.
 */
import type { Inventory, InventoryResource } from '../model/inventory.js';
import type { Value } from '../model/value.js';
import { addFailure, type Draft } from './draft.js';
import { fixedNameOf } from './names.js';

export interface Placement {
  readonly account: string;
  readonly region: string;
}

/** The kinds whose resources are global (not region-aware in provider 6, IAM in CloudFormation). */
const GLOBAL_KINDS = new Set(['iam-role', 'iam-role-policy-attachment']);

const isPulumi = (resource: InventoryResource) => resource.address.startsWith('urn:pulumi:');

export type PlacementPlan =
  | { readonly kind: 'same' }
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'new-deployment'; readonly notes: string[] }
  | { readonly kind: 'replace-regional'; readonly notes: string[] };

function describe(placement: Placement): string {
  return `${placement.region} (account ${placement.account})`;
}

/** How an implementation of this inventory meets a change of placement. */
export function placementPlanFor(inventory: Inventory, before?: Placement, after?: Placement): PlacementPlan {
  if (!before || !after || (before.account === after.account && before.region === after.region))
    return { kind: 'same' };
  const accountChanges = before.account !== after.account;
  const cloudformation = inventory.resources.some((resource) => resource.dialect === 'cloudformation');
  const pulumi = inventory.resources.some(isPulumi);
  if (cloudformation) {
    const stacks = [...new Set(inventory.resources.map((resource) => resource.address.split('/')[0]!))];
    return {
      kind: 'new-deployment',
      notes: [
        `a new deployment: CloudFormation stacks live in one account and region, so ${stacks.join(', ')} are created anew in ${describe(after)}`,
        `the stacks in ${describe(before)} stay as they are, still running and billed: delete them there when the new ones serve (cdk destroy, or aws cloudformation delete-stack --region ${before.region})`,
      ],
    };
  }
  if (accountChanges && pulumi) {
    return {
      kind: 'refused',
      detail: `an account change (${before.account} → ${after.account}) is not an update Pulumi can make: pulumi up diffs against its state without refreshing, so it would update account ${before.account}'s resource IDs with account ${after.account}'s credentials; create a new stack for the new account (pulumi stack init) and destroy the old one with the old credentials`,
    };
  }
  if (accountChanges) {
    return {
      kind: 'new-deployment',
      notes: [
        `a new account: with account ${after.account}'s credentials the refresh finds none of the state's resources, drops them from state and creates everything anew`,
        `the resources in account ${before.account} are left running and unmanaged: destroy them with that account's credentials first, or keep a separate state (workspace or backend) per account`,
      ],
    };
  }
  return {
    kind: 'replace-regional',
    notes: [
      `a region change (${before.region} → ${after.region}): every regional resource is replaced, since its region forces replacement; IAM, which is global, stays`,
    ],
  };
}

/** Marks every regional resource as changing region, so it is replaced (and everything using it). */
export function markRegionChange(drafts: Map<string, Draft>, before: Placement, after: Placement): void {
  for (const draft of drafts.values()) {
    if (draft.action === 'create' || draft.action === 'delete') continue;
    const resource = draft.resource;
    if (resource.role === 'overhead' || GLOBAL_KINDS.has(resource.kind ?? '')) continue;
    if (resource.nativeType.startsWith('kubernetes') || resource.nativeType === 'helm_release') continue;
    draft.action = 'replace';
    draft.changes.unshift({
      path: '(region)',
      before: before.region as Value,
      after: after.region as Value,
      replaces: true,
      source: 'placement',
      why: 'the provider gives every regional resource its region, and a new one forces replacement (Enhanced Region Support guide)',
    });
  }
}

/**
 * New stacks in another region of the same account meet the old stacks' global resources: an IAM
 * role with a custom name already exists (IAM names are unique in an account), so its creation fails.
 */
export function markGlobalNameCollisions(
  drafts: Map<string, Draft>,
  before: Placement,
  after: Placement,
): void {
  if (before.account !== after.account) return;
  for (const draft of drafts.values()) {
    if (draft.action !== 'create' || !GLOBAL_KINDS.has(draft.resource.kind ?? '')) continue;
    const name = fixedNameOf(draft.resource);
    if (!name) continue;
    addFailure(
      draft,
      `${name.property} ${JSON.stringify(name.value)} already exists: IAM is global to the account and the role still belongs to the old stack in ${before.region}, so the new stack's creation fails; give the role a region-specific name (or none)`,
    );
  }
}
