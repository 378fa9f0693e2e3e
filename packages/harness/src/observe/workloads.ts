/**
 * The workloads an inventory deploys: its Kubernetes objects in canonical form, keyed
 * `Kind namespace/name`, and its Helm releases at the level of release intent (chart, repository,
 * version, namespace, the values after merging). The resources that send them are claimed.
 */
import type { WorkloadsPlan } from '@iac-compare/spec';
import { canonicalObject } from '../kubernetes/canonical.js';
import { namespaceSources } from '../kubernetes/namespaces.js';
import { keyOfObject, kubernetesLayerOf } from '../kubernetes/read.js';
import type { Inventory } from '../model/inventory.js';
import type { Value, ValueObject } from '../model/value.js';
import type { ObserveContext } from './context.js';

export interface ObservedHelmRelease {
  readonly chart: Value;
  readonly repository: Value;
  readonly version: Value;
  readonly namespace: Value;
  /** What makes the namespace exist first (kubernetes/namespaces.ts; the spec's releaseNamespaceSource). */
  readonly namespaceFrom: Value;
  readonly values: Value;
}

export interface ObservedWorkloads {
  readonly objects: Readonly<Record<string, ValueObject>>;
  readonly helmReleases: Readonly<Record<string, ObservedHelmRelease>>;
}

/** A repository URL as Helm resolves it: a trailing slash means nothing. */
function canonicalRepository(repository: Value): Value {
  return typeof repository === 'string' ? repository.replace(/\/+$/, '') : repository;
}

export function observeWorkloads(context: ObserveContext, inventory: Inventory): ObservedWorkloads | null {
  const layer = kubernetesLayerOf(inventory);
  context.notes.push(...layer.notes);
  if (layer.objects.length === 0 && layer.releases.length === 0) return null;
  const objects: Record<string, ValueObject> = {};
  const byAddress = new Map(inventory.resources.map((resource) => [resource.address, resource]));
  for (const record of layer.objects) {
    const object = canonicalObject(record.object);
    const key = keyOfObject(object);
    if (objects[key]) {
      context.notes.push(
        `${key} is sent twice (${byAddress.get(record.address)?.displayName ?? record.address} too); the first is compared`,
      );
    } else objects[key] = object;
    context.claim(byAddress.get(record.address), `k8s[${key}]`);
  }
  const helmReleases: Record<string, ObservedHelmRelease> = {};
  const namespaceFrom = new Map(
    namespaceSources(inventory, context.graph, layer).map((entry) => [entry.identity, entry.source]),
  );
  for (const release of layer.releases) {
    helmReleases[release.key] ??= {
      chart: release.chart,
      repository: canonicalRepository(release.repository),
      version: release.version,
      namespace: release.namespace,
      namespaceFrom: namespaceFrom.get(`helmRelease[${release.key}]`) ?? null,
      values: release.values,
    };
    context.claim(byAddress.get(release.address), `helmRelease[${release.key}]`);
  }
  return { objects, helmReleases };
}

/** The target's workloads in the same form. */
export function expectedWorkloads(plan: WorkloadsPlan | null): ObservedWorkloads | null {
  if (!plan) return null;
  const objects: Record<string, ValueObject> = {};
  for (const object of plan.objects) {
    const canonical = canonicalObject(structuredClone(object) as unknown as ValueObject);
    objects[keyOfObject(canonical)] = canonical;
  }
  const helmReleases: Record<string, ObservedHelmRelease> = {};
  for (const release of plan.helmReleases) {
    helmReleases[`${release.namespace}/${release.name}`] = {
      chart: release.chart,
      repository: canonicalRepository(release.repository),
      version: release.version,
      namespace: release.namespace,
      namespaceFrom: release.namespaceFrom,
      values: structuredClone(release.values) as Value,
    };
  }
  return { objects, helmReleases };
}
