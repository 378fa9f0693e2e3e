/**
 * The plan of one implementation: baseline Inventory → current Inventory. Identity is the tool's
 * own (the inventory address: CloudFormation logical ID, Terraform address with its count index or
 * for_each key, Pulumi URN), so a resource whose identity changes is a delete and a create, as the
 * tool would do it. Then, in order: changed properties judged by replacement.ts (minus what the
 * lifecycle ignores); the cascade (cascade.ts); each replacement's order (replacement-order.ts and
 * the providers' own choices); the rules that say what the tool or AWS will refuse (eks-rules.ts,
 * collisions.ts, service-keys.ts, exports.ts, kubernetes-rules.ts); and one order of entries for
 * every tool.
 */

import { terraformTypeOfPulumi } from '../canonical/kinds.js';
import { isOptionalComputed } from '../canonical/provider-schema.js';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import type { Value } from '../model/value.js';
import { toPulumiNames } from '../pulumi/properties.js';
import { cascade, shownPath } from './cascade.js';
import { applyCollisionRules } from './collisions.js';
import { applyDefaultSecurityGroupNotes } from './default-security-group.js';
import { diffValues, listDelta, type PathStep, sameValue } from './diff.js';
import { addFailure, addNote, type Draft, type PlanContext } from './draft.js';
import { applyEksRules } from './eks-rules.js';
import { applyExportRules } from './exports.js';
import { applyKubernetesProviderRules, kubernetesUpdateNote } from './kubernetes-rules.js';
import { type ActionCounts, NO_CHANGES, type PropertyChange, type ResourceChange } from './model.js';
import { fixedNameOf } from './names.js';
import { orderChanges } from './order.js';
import {
  markGlobalNameCollisions,
  markRegionChange,
  type Placement,
  type PlacementPlan,
  placementPlanFor,
} from './placement.js';
import { verdictFor } from './replacement.js';
import { replacementOrders } from './replacement-order.js';
import { applyServiceKeyRules } from './service-keys.js';

/** A Pulumi resource is shown in Pulumi's terms: its URN, and inputs by their camelCase names. */
function isPulumi(resource: InventoryResource): boolean {
  return resource.address.startsWith('urn:pulumi:');
}

function propertiesWithDefaultTags(resource: InventoryResource): Record<string, Value> {
  return resource.defaultTags
    ? { ...resource.properties, '(default tags)': resource.defaultTags as Value }
    : { ...resource.properties };
}

/** `scaling_config[0].desired_size`, `scalingConfig.desiredSize` → `scaling_config.desired_size`. */
function normalizedPath(path: string): string {
  return path
    .replace(/\[\d+\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Whether the lifecycle tells the tool to ignore changes at this path (ignore_changes, ignoreChanges). */
function ignored(resource: InventoryResource, path: readonly PathStep[]): boolean {
  const ignore = resource.lifecycle.ignoreChanges;
  if (ignore === 'all') return true;
  const text = normalizedPath(path.filter((step): step is string => typeof step === 'string').join('.'));
  return ignore.some((entry) => {
    const rule = normalizedPath(entry);
    return text === rule || text.startsWith(`${rule}.`);
  });
}

function directChanges(before: InventoryResource, after: InventoryResource): PropertyChange[] {
  if (before.nativeType !== after.nativeType) {
    return [
      {
        path: '(type)',
        before: before.nativeType,
        after: after.nativeType,
        replaces: true,
        source: after.dialect === 'cloudformation' ? 'cloudformation-spec' : 'derived',
        why: 'the resource type changed under the same identity',
      },
    ];
  }
  return diffValues(propertiesWithDefaultTags(before), propertiesWithDefaultTags(after))
    .filter((change) => !ignored(after, change.path) && !keptByProvider(after, change))
    .map((change) => {
      const verdict = verdictFor(after, change.path, change.before, change.after, { before });
      const delta = listDelta(change.before, change.after);
      return {
        path: shownPath(after, change.path),
        before: change.before ?? null,
        after: change.after ?? null,
        ...(delta ? { added: delta.added, removed: delta.removed } : {}),
        replaces: verdict.replaces,
        source: verdict.source,
        why: verdict.why,
      };
    });
}

/**
 * An optional+computed argument the configuration stops setting keeps the value the provider last
 * read (Terraform plans the prior state for it; Pulumi, bridged, the same): no diff, as the tools
 * show none (public_access_cidrs when the public endpoint is turned off).
 */
function keptByProvider(
  resource: InventoryResource,
  change: { path: readonly PathStep[]; after: Value | undefined },
): boolean {
  if (resource.dialect === 'cloudformation' || (change.after !== undefined && change.after !== null))
    return false;
  const type = isPulumi(resource) ? terraformTypeOfPulumi(resource.nativeType) : resource.nativeType;
  return type !== undefined && isOptionalComputed(type, change.path);
}

/** What a created resource is created with, in its tool's names. */
function attributesOf(resource: InventoryResource): Record<string, Value> {
  const properties = propertiesWithDefaultTags(resource);
  return isPulumi(resource) ? toPulumiNames(resource.nativeType, properties) : properties;
}

/**
 * The order of each replacement: the tool's (replacement-order.ts), and where Pulumi's providers
 * ask for delete-first on this change — a fixed name the bridge did not generate
 * (pulumi-terraform-bridge nameRequiresDeleteBeforeReplace), or a Kubernetes object keeping its
 * fixed name and namespace (pulumi-kubernetes provider.go, Diff).
 */
function decideOrders(context: PlanContext): void {
  const orders = replacementOrders(context.after);
  for (const draft of context.drafts.values()) {
    if (draft.action !== 'replace') continue;
    const base = orders.get(draft.resource.address);
    if (!base) continue;
    draft.order = base;
    if (!isPulumi(draft.resource) || base.order === 'delete-first') continue;
    const type = draft.resource.nativeType;
    // A replacement the engine makes for a replaced provider skips the provider's Diff
    // (step_generator.go returns ReplaceKeys ["provider"] first), so its default order holds.
    const fromProvider = draft.changes.some((change) => change.path === '(provider)');
    if (type.startsWith('kubernetes:') && !fromProvider) {
      const metadata = draft.resource.properties.metadata as Record<string, Value> | undefined;
      const before = draft.before?.properties.metadata as Record<string, Value> | undefined;
      if (
        metadata?.name !== undefined &&
        sameValue(metadata.name, before?.name) &&
        sameValue(metadata.namespace, before?.namespace)
      ) {
        draft.order = {
          order: 'delete-first',
          why: 'pulumi-kubernetes deletes first an object whose fixed name and namespace stay (provider.go, Diff)',
        };
      }
    } else if (!type.startsWith('pulumi:')) {
      const name = fixedNameOf(draft.resource);
      if (name)
        draft.order = {
          order: 'delete-first',
          why: `${name.property} is set by the program, not generated, so the Pulumi bridge replaces it delete-first (pulumi-terraform-bridge schema.go, nameRequiresDeleteBeforeReplace)`,
        };
    }
  }
}

/** Notes on updates of Kubernetes objects sent by CDK (kubectl apply) and Helm charts. */
function applyManifestNotes(context: PlanContext): void {
  for (const draft of context.drafts.values()) {
    if (draft.action !== 'update' || !draft.before) continue;
    const verdict = kubernetesUpdateNote(draft.resource, draft.before);
    if (!verdict) continue;
    if (verdict.fails) addFailure(draft, verdict.note);
    else addNote(draft, verdict.note);
  }
}

export interface PlanOptions {
  /** Where the baseline and the current target deploy; a difference is a new deployment (placement.ts). */
  readonly placement?: { readonly before: Placement; readonly after: Placement };
}

export interface InventoryPlan {
  readonly changes: ResourceChange[];
  readonly placement: PlacementPlan;
}

function draftsFor(before: Inventory, after: Inventory, placement: PlacementPlan): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  if (placement.kind === 'new-deployment') {
    for (const resource of after.resources)
      drafts.set(resource.address, { resource, action: 'create', changes: [], notes: [], failures: [] });
    return drafts;
  }
  const beforeBy = new Map(before.resources.map((resource) => [resource.address, resource]));
  for (const resource of after.resources) {
    const previous = beforeBy.get(resource.address);
    if (!previous) {
      drafts.set(resource.address, { resource, action: 'create', changes: [], notes: [], failures: [] });
      continue;
    }
    const changes = directChanges(previous, resource);
    const action =
      changes.length === 0 ? null : changes.some((change) => change.replaces) ? 'replace' : 'update';
    drafts.set(resource.address, { resource, before: previous, action, changes, notes: [], failures: [] });
  }
  for (const resource of before.resources) {
    if (!drafts.has(resource.address))
      drafts.set(resource.address, {
        resource,
        before: resource,
        action: 'delete',
        changes: [],
        notes: [],
        failures: [],
      });
  }
  return drafts;
}

/** The plan of one implementation, with what a change of placement makes of it. */
export function planImplementation(
  before: Inventory,
  after: Inventory,
  options: PlanOptions = {},
): InventoryPlan {
  const placement = placementPlanFor(after, options.placement?.before, options.placement?.after);
  if (placement.kind === 'refused') return { changes: [], placement };
  const drafts = draftsFor(before, after, placement);
  const context: PlanContext = {
    before,
    after,
    drafts,
    beforeBy: new Map(before.resources.map((resource) => [resource.address, resource])),
    afterBy: new Map(after.resources.map((resource) => [resource.address, resource])),
  };
  if (placement.kind === 'replace-regional')
    markRegionChange(drafts, options.placement!.before, options.placement!.after);
  if (placement.kind === 'new-deployment')
    markGlobalNameCollisions(drafts, options.placement!.before, options.placement!.after);
  cascade(context);
  applyKubernetesProviderRules(context);
  decideOrders(context);
  applyManifestNotes(context);
  applyEksRules(context);
  applyExportRules(context);
  applyCollisionRules(context);
  applyServiceKeyRules(context);
  applyDefaultSecurityGroupNotes(context);
  const changes = [...drafts.values()]
    .filter((draft): draft is Draft & { action: NonNullable<Draft['action']> } => draft.action !== null)
    .map((draft): ResourceChange => {
      const note = draft.notes.join('; ');
      const failure = draft.failures.join('; ');
      return {
        address: draft.resource.address,
        displayName: draft.resource.displayName,
        nativeType: draft.resource.nativeType,
        kind: draft.resource.kind,
        role: draft.resource.role,
        action: draft.action,
        changes: draft.changes,
        ...(draft.action === 'create' ? { attributes: attributesOf(draft.resource) } : {}),
        ...(draft.action === 'replace' && draft.order
          ? { replacementOrder: draft.order.order, replacementOrderWhy: draft.order.why }
          : {}),
        ...(note ? { note } : {}),
        ...(failure ? { fails: true as const, failure } : {}),
      };
    });
  return { changes: orderChanges(changes), placement };
}

/** The changes of one implementation's plan (no change of placement). */
export function planInventories(
  before: Inventory,
  after: Inventory,
  options: PlanOptions = {},
): ResourceChange[] {
  return planImplementation(before, after, options).changes;
}

/** Core resources only: machinery is counted apart (machineryCounts). */
export function countActions(
  changes: readonly ResourceChange[],
  role: 'core' | 'overhead' = 'core',
): ActionCounts {
  const counts = { ...NO_CHANGES };
  for (const change of changes) if (change.role === role) counts[change.action]++;
  return counts;
}
