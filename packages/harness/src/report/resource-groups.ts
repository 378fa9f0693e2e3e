/**
 * The resource-by-resource differences, grouped for people: the same property differing the same
 * way on many items (Terraform's replacement order on every resource) is one entry listing the
 * items, and each entry shows the distinct values with the implementations that have them. Lists
 * show what one value adds and removes against another, never two cut-off prefixes.
 */

import type { ResourceDiff } from '../compare/resource-diff.js';
import { type Value, valuesEqual } from '../model/value.js';

export interface ValueVariant {
  /** null: the implementation leaves it out (and no documented default fills it). */
  readonly value: Value | null;
  readonly implementations: readonly string[];
}

export interface DifferenceGroup {
  /** The CloudFormation types of the items (one, or several when the same setting differs on many). */
  readonly type: string;
  readonly path: string;
  /** The items (`subnet[public/eu-west-1a]` …) where the property differs this way. */
  readonly items: readonly string[];
  readonly variants: readonly ValueVariant[];
  /** Implementation → where it declares the first item (file:line, else the address). */
  readonly locations: Readonly<Record<string, string>>;
}

/** Why some tool differences are what they are, keyed by canonical path: shown with the group. */
export const KNOWN_TOOL_SEMANTICS: Readonly<Record<string, string>> = {
  '$lifecycle.replacementOrder':
    'Terraform replaces a resource by destroying it first unless lifecycle.create_before_destroy is set (its default); CloudFormation and Pulumi create the replacement first. The node groups and launch templates set create_before_destroy in Terraform, since their replacement must not drop capacity, and Terraform forces it on everything they depend on (subnets, cluster, roles, key, log group, add-ons): "Forced Create Before Destroy", hashicorp/terraform docs/destroying.md.',
  '$lifecycle.onDeleteFailure':
    "What a failed delete of a Kubernetes object or Helm release does: Terraform's kubernetes and helm providers and Pulumi fail the destroy and keep the object in state; aws-eks-v2's kubectl handler logs kubectl's or helm's error and answers SUCCESS, so CloudFormation forgets an object that may still run (kubectl-handler apply/__init__.py and helm/__init__.py, Delete; harness/src/kubernetes/workload-lifecycle.ts).",
  '$lifecycle.onDataChange':
    "How a ConfigMap or Secret takes new data: Terraform's kubernetes provider and CDK's kubectl apply update it in place; pulumi-kubernetes replaces it (deleting a fixed-name one first) unless its provider sets enableConfigMapMutable / enableSecretMutable (provider/pkg/provider/diff.go), which the Pulumi implementation sets.",
  $await:
    "What the deploy waits for after sending a Kubernetes object or Helm release: Terraform's kubernetes provider waits for a Deployment's rollout and a Job's completion, Pulumi also for a Service's ready pods, helm_release and Pulumi's Release run helm --wait; CDK's kubectl provider returns once kubectl apply is accepted (harness/src/kubernetes/await.ts, with sources).",
};

export function variantsOf(values: Readonly<Record<string, Value | null>>): ValueVariant[] {
  const variants: { value: Value | null; implementations: string[] }[] = [];
  for (const [id, value] of Object.entries(values)) {
    const found = variants.find((variant) => valuesEqual(variant.value, value));
    if (found) found.implementations.push(id);
    else variants.push({ value, implementations: [id] });
  }
  return variants;
}

export function groupResourceDifferences(diff: ResourceDiff): DifferenceGroup[] {
  const groups = new Map<string, { group: DifferenceGroup; items: string[]; types: string[] }>();
  for (const difference of diff.differences) {
    const variants = variantsOf(difference.values);
    // Lifecycle settings differ the same way on every resource of a tool: one group across types.
    const acrossTypes = difference.path.startsWith('$lifecycle.');
    const key = `${acrossTypes ? '*' : difference.type}\u0000${difference.path}\u0000${JSON.stringify(variants)}`;
    const existing = groups.get(key);
    if (existing) {
      existing.items.push(difference.identity);
      if (!existing.types.includes(difference.type)) existing.types.push(difference.type);
    } else {
      const items = [difference.identity];
      groups.set(key, {
        items,
        types: [difference.type],
        group: {
          type: difference.type,
          path: difference.path,
          items,
          variants,
          locations: difference.locations,
        },
      });
    }
  }
  return [...groups.values()]
    .map(({ group, types }) => ({
      ...group,
      type: types.length > 3 ? `${types.length} types` : types.join(', '),
    }))
    .sort((a, b) => b.items.length - a.items.length || a.path.localeCompare(b.path));
}

/** What `to` adds to and removes from `from`, for list values; undefined when either is not a list. */
export function listDelta(
  from: Value | null,
  to: Value | null,
): { readonly added: readonly Value[]; readonly removed: readonly Value[] } | undefined {
  const a = from === null ? [] : from;
  const b = to === null ? [] : to;
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  const remaining = [...a];
  const added: Value[] = [];
  for (const item of b) {
    const index = remaining.findIndex((candidate) => valuesEqual(candidate, item));
    if (index >= 0) remaining.splice(index, 1);
    else added.push(item);
  }
  return { added, removed: remaining };
}
