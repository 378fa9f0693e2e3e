/**
 * The plan of one implementation: baseline Inventory → current Inventory. Identity is the tool's
 * own (the inventory address: CloudFormation logical ID, Terraform address with its count index or
 * for_each key, Pulumi URN), so a resource whose identity changes is a delete and a create, as the
 * tool would do it. Changed properties are judged by replacement.ts; then replacement cascades: a
 * value that comes from a replaced resource (an ID, an ARN) changes too, and may replace its user.
 */

import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import { pulumiPath, toPulumiNames } from '../pulumi/properties.js';
import { diffValues, formatPath, type PathStep } from './diff.js';
import { kubernetesUpdateNote } from './kubernetes-rules.js';
import {
  type ActionCounts,
  NO_CHANGES,
  type PlanAction,
  type PropertyChange,
  type ResourceChange,
} from './model.js';
import {
  referenceChangesOnReplace,
  referenceChangesOnUpdate,
  replacementNote,
  verdictFor,
  versionNote,
} from './replacement.js';

/** A Pulumi resource is shown in Pulumi's terms: its URN, and inputs by their camelCase names. */
function isPulumi(resource: InventoryResource): boolean {
  return resource.address.startsWith('urn:pulumi:');
}

/** A property path as the resource's own tool names it. */
function shownPath(resource: InventoryResource, path: readonly PathStep[]): string {
  return formatPath(isPulumi(resource) ? pulumiPath(resource.nativeType, path) : path);
}

interface Draft {
  readonly resource: InventoryResource;
  action: PlanAction | null;
  readonly changes: PropertyChange[];
}

/**
 * Paths (and values) inside `value` of the Unknowns that take a new value when `target` is
 * replaced (or, for `updated`, updated in place).
 */
function unknownsFrom(
  value: Value | undefined,
  target: InventoryResource,
  updated = false,
  path: PathStep[] = [],
  out: { path: PathStep[]; value: Value }[] = [],
): { path: PathStep[]; value: Value }[] {
  if (value === undefined || value === null) return out;
  if (isUnknown(value)) {
    const changes = value.references.some(
      (reference) =>
        reference.address === target.address &&
        (updated
          ? referenceChangesOnUpdate(target, reference.attribute)
          : referenceChangesOnReplace(target, reference.attribute)),
    );
    if (changes) out.push({ path, value });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) unknownsFrom(item, target, updated, [...path, index], out);
  } else if (isValueObject(value)) {
    for (const [key, item] of Object.entries(value)) unknownsFrom(item, target, updated, [...path, key], out);
  }
  return out;
}

function propertiesWithDefaultTags(resource: InventoryResource): Record<string, Value> {
  return resource.defaultTags
    ? { ...resource.properties, '(default tags)': resource.defaultTags as Value }
    : { ...resource.properties };
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
  return diffValues(propertiesWithDefaultTags(before), propertiesWithDefaultTags(after)).map((change) => {
    const verdict = verdictFor(after, change.path, change.before, change.after);
    return {
      path: shownPath(after, change.path),
      before: change.before ?? null,
      after: change.after ?? null,
      replaces: verdict.replaces,
      source: verdict.source,
      why: verdict.why,
    };
  });
}

function cascade(drafts: Map<string, Draft>): void {
  // Replaced resources give everything that uses them new IDs; updated ones only the attributes
  // an update changes (a launch template's latest version).
  const queue = [...drafts.values()].filter(
    (draft) => draft.action === 'replace' || draft.action === 'update',
  );
  for (let next = queue.shift(); next; next = queue.shift()) {
    const updated = next.action === 'update';
    for (const draft of drafts.values()) {
      if (draft === next) continue;
      if (draft.action === 'create' || draft.action === 'delete' || draft.action === 'replace') continue;
      const known = new Set(draft.changes.map((change) => change.path));
      for (const { path, value } of unknownsFrom(draft.resource.properties, next.resource, updated)) {
        const text = shownPath(draft.resource, path);
        if (known.has(text)) continue;
        known.add(text);
        const verdict = verdictFor(draft.resource, path, value, undefined);
        draft.changes.push({
          path: text,
          before: value,
          after: value,
          replaces: verdict.replaces,
          source: 'cascade',
          why: `comes from ${next.resource.displayName}, which is ${updated ? 'updated (a new version)' : 'replaced'}; ${verdict.why}`,
        });
      }
      if (draft.changes.length === 0) continue;
      const wasAction = draft.action;
      const replaces = draft.changes.some((change) => change.replaces);
      draft.action = replaces ? 'replace' : 'update';
      if (draft.action !== wasAction) queue.push(draft);
    }
  }
}

/**
 * EKS cannot move a cluster to another VPC: UpdateClusterConfig takes only subnets of the cluster's
 * VPC. Where the VPC is replaced and a tool plans the cluster's new subnets as an in-place update
 * (the Terraform provider and Pulumi do), that update fails at apply; say so.
 */
function vpcMoveNote(draft: Draft, drafts: ReadonlyMap<string, Draft>): string | undefined {
  if (draft.resource.kind !== 'eks-cluster' || draft.action !== 'update') return undefined;
  const vpcReplaced = [...drafts.values()].some(
    (other) => other.resource.kind === 'vpc' && other.action === 'replace',
  );
  const subnetsChange = draft.changes.some((change) => /subnet/i.test(change.path));
  if (!vpcReplaced || !subnetsChange) return undefined;
  return 'the cluster would move to another VPC, which EKS refuses (UpdateClusterConfig takes only subnets of its VPC): this update fails at apply unless the cluster is replaced (terraform apply -replace, pulumi up --replace)';
}

/**
 * A node group whose launch template version changes replaces every node: EKS drains and
 * replaces them as the update config allows. Worth saying, since the plan says only "update".
 */
function rollingUpdateNote(draft: Draft): { note: string; fails?: boolean } | undefined {
  if (draft.resource.kind !== 'eks-node-group' || draft.action !== 'update') return undefined;
  if (!draft.changes.some((change) => /launch_?template.*version/i.test(change.path))) return undefined;
  return {
    note: 'a new launch template version: EKS replaces every node of the group, as many at a time as its update config allows',
  };
}

/** What a created resource is created with, in its tool's names. */
function attributesOf(resource: InventoryResource): Record<string, Value> {
  const properties = propertiesWithDefaultTags(resource);
  return isPulumi(resource) ? toPulumiNames(resource.nativeType, properties) : properties;
}

export function planInventories(before: Inventory, after: Inventory): ResourceChange[] {
  const beforeBy = new Map(before.resources.map((resource) => [resource.address, resource]));
  const drafts = new Map<string, Draft>();
  for (const resource of after.resources) {
    const previous = beforeBy.get(resource.address);
    if (!previous) {
      drafts.set(resource.address, { resource, action: 'create', changes: [] });
      continue;
    }
    const changes = directChanges(previous, resource);
    const action =
      changes.length === 0 ? null : changes.some((change) => change.replaces) ? 'replace' : 'update';
    drafts.set(resource.address, { resource, action, changes });
  }
  for (const resource of before.resources) {
    if (!drafts.has(resource.address))
      drafts.set(resource.address, { resource, action: 'delete', changes: [] });
  }
  cascade(drafts);
  const cluster = after.resources.find((resource) => resource.kind === 'eks-cluster');
  const clusterVersion = cluster?.properties.Version ?? cluster?.properties.version;
  const versionChange = (draft: Draft) => {
    const change = draft.changes.find((candidate) => /^version$/i.test(candidate.path));
    const own = draft.resource.properties.Version ?? draft.resource.properties.version;
    if (draft.resource.kind === 'eks-node-group' && own !== undefined) {
      return versionNote(draft.resource, change?.before ?? own, own, clusterVersion);
    }
    return change ? versionNote(draft.resource, change.before, change.after, clusterVersion) : undefined;
  };
  return [...drafts.values()]
    .filter((draft): draft is Draft & { action: PlanAction } => draft.action !== null)
    .map((draft) => {
      const verdict =
        versionChange(draft) ??
        rollingUpdateNote(draft) ??
        (draft.action === 'update' && beforeBy.has(draft.resource.address)
          ? kubernetesUpdateNote(draft.resource, beforeBy.get(draft.resource.address)!)
          : undefined) ??
        (draft.action === 'replace'
          ? replacementNote(draft.resource)
          : (() => {
              const note = vpcMoveNote(draft, drafts);
              return note ? { note, fails: true } : undefined;
            })());
      const note = verdict?.note;
      return {
        address: draft.resource.address,
        displayName: draft.resource.displayName,
        nativeType: draft.resource.nativeType,
        kind: draft.resource.kind,
        role: draft.resource.role,
        action: draft.action,
        changes: draft.changes,
        ...(draft.action === 'create' ? { attributes: attributesOf(draft.resource) } : {}),
        ...(note ? { note } : {}),
        ...(verdict?.fails ? { fails: true as const } : {}),
      };
    })
    .sort((a, b) => a.address.localeCompare(b.address));
}

export function countActions(changes: readonly ResourceChange[]): ActionCounts {
  const counts = { ...NO_CHANGES };
  for (const change of changes) counts[change.action]++;
  return counts;
}
