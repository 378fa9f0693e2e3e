/**
 * Cascade: a value that comes from a replaced resource takes a new value (a new ID, a new ARN), and
 * so may replace its user, and so on; a value that comes from an updated resource changes only where
 * an update gives that attribute a new value (a launch template's latest version).
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Reference, type Value } from '../model/value.js';
import { pulumiPath } from '../pulumi/properties.js';
import { formatPath, type PathStep, valueReferences } from './diff.js';
import type { Draft, PlanContext } from './draft.js';
import { CUSTOM_NAME_PROPERTY, REF_IS_NAME } from './names.js';
import { verdictFor } from './replacement.js';

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

/**
 * Whether a reference to `target` gets a new value when `target` is replaced. A CloudFormation `Ref`
 * that is the resource's custom name keeps its value — unless the name is what changed: then every
 * user of the name (node groups, add-ons, access entries taking ClusterName) sees a new value.
 */
export function referenceChangesOnReplace(target: Draft, attribute: string | undefined): boolean {
  const resource = target.resource;
  if (resource.dialect !== 'cloudformation' || attribute !== 'Ref') return true;
  const property = CUSTOM_NAME_PROPERTY[resource.nativeType];
  if (!property || !REF_IS_NAME.has(resource.nativeType) || resource.properties[property] === undefined)
    return true;
  return target.changes.some((change) => change.path === property);
}

function isPulumi(resource: InventoryResource): boolean {
  return resource.address.startsWith('urn:pulumi:');
}

export function shownPath(resource: InventoryResource, path: readonly PathStep[]): string {
  return formatPath(isPulumi(resource) ? pulumiPath(resource.nativeType, path) : path);
}

/** Paths (and values) inside `value` of the Unknowns that take a new value with `target`'s change. */
function unknownsFrom(
  value: Value | undefined,
  target: Draft,
  path: PathStep[] = [],
  out: { path: PathStep[]; value: Value; reference: Reference }[] = [],
): { path: PathStep[]; value: Value; reference: Reference }[] {
  if (value === undefined || value === null || path.length > 64) return out;
  if (isUnknown(value)) {
    const updated = target.action === 'update';
    const reference = valueReferences(value).find(
      (candidate) =>
        candidate.address === target.resource.address &&
        (updated
          ? referenceChangesOnUpdate(target.resource, candidate.attribute)
          : referenceChangesOnReplace(target, candidate.attribute)),
    );
    if (reference) out.push({ path, value, reference });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) unknownsFrom(item, target, [...path, index], out);
  } else if (isValueObject(value)) {
    for (const [key, item] of Object.entries(value)) unknownsFrom(item, target, [...path, key], out);
  }
  return out;
}

export function cascade(context: PlanContext): void {
  const queue = [...context.drafts.values()].filter(
    (draft) => draft.action === 'replace' || draft.action === 'update',
  );
  const limit = context.drafts.size * 4 + 16;
  for (let steps = 0, next = queue.shift(); next && steps < limit; steps++, next = queue.shift()) {
    const updated = next.action === 'update';
    for (const draft of context.drafts.values()) {
      if (draft === next) continue;
      if (draft.action === 'create' || draft.action === 'delete' || draft.action === 'replace') continue;
      const known = new Set(draft.changes.map((change) => change.path));
      for (const { path, value } of unknownsFrom(draft.resource.properties, next)) {
        const text = shownPath(draft.resource, path);
        if (known.has(text)) continue;
        known.add(text);
        const verdict = verdictFor(draft.resource, path, value, undefined, { before: draft.before });
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
      draft.action = draft.changes.some((change) => change.replaces) ? 'replace' : 'update';
      if (draft.action !== wasAction) queue.push(draft);
    }
  }
}
