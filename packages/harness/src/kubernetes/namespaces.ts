/**
 * What makes the namespace of each Kubernetes object and Helm release exist before it is sent
 * (review 18, R2). A namespaced object or release is sent into a namespace that:
 *
 * - every cluster has (default, kube-system, kube-public, kube-node-lease) → `cluster`;
 * - a Namespace object of the same program creates, which the sending resource waits for
 *   (depends on, directly or through others; or the same CDK manifest) → `namespace object`;
 * - the release itself creates (`helm --create-namespace`: helm_release `create_namespace`,
 *   helm.v3.Release `createNamespace`, aws-eks-v2 HelmChart `CreateNamespace`) → `release`;
 * - a Namespace object creates but the sender does not wait for it → `race with the namespace
 *   object`: the tools order the two freely; when the object comes first it fails with
 *   `namespaces "x" not found`, and a release that creates the namespace makes CDK's
 *   `kubectl create` of the Namespace fail with AlreadyExists (aws-eks-v2 kubectl-handler
 *   apply/__init__.py: Create without Overwrite runs kubectl create);
 * - nothing in the program creates → `nothing`: it fails unless the namespace already exists.
 *
 * Sources: helm's `--create-namespace` ("create the release namespace if not present", helm
 * install docs); terraform-provider-helm resource_helm_release.go (create_namespace, default
 * false); @pulumi/kubernetes helm/v3/release.d.ts (createNamespace); aws-eks-v2 helm-chart.d.ts
 * (createNamespace, "@default true") and kubectl-handler/helm/__init__.py (--create-namespace).
 */
import { PREEXISTING_NAMESPACES } from '@iac-compare/spec';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import type { Value } from '../model/value.js';
import type { ResourceGraph } from '../observe/graph.js';
import { type KubernetesLayer, kubernetesLayerOf } from './read.js';

export type NamespaceSourceSeen =
  | 'cluster'
  | 'namespace object'
  | 'release'
  | 'race with the namespace object'
  | 'nothing';

export interface NamespaceSourceOf {
  /** `k8s[Kind ns/name]` or `helmRelease[ns/name]`. */
  readonly identity: string;
  readonly namespace: string;
  readonly address: string;
  readonly source: NamespaceSourceSeen;
  /** The resource that sends the Namespace object, where there is one. */
  readonly namespaceAddress?: string;
}

/** Namespace name → the resource that sends its Namespace object. */
function namespaceObjects(layer: KubernetesLayer): Map<string, string> {
  const out = new Map<string, string>();
  for (const record of layer.objects) {
    if (record.object.kind !== 'Namespace') continue;
    const metadata = record.object.metadata;
    const name =
      metadata && typeof metadata === 'object' && !Array.isArray(metadata)
        ? (metadata as Record<string, Value>).name
        : undefined;
    if (typeof name === 'string' && !out.has(name)) out.set(name, record.address);
  }
  return out;
}

function namespaceOfObject(object: Record<string, Value>): string | undefined {
  const metadata = object.metadata;
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return undefined;
  const namespace = (metadata as Record<string, Value>).namespace;
  return typeof namespace === 'string' ? namespace : undefined;
}

/** The namespace source of every namespaced object and every release of an inventory. */
export function namespaceSources(
  inventory: Inventory,
  graph: ResourceGraph,
  layer: KubernetesLayer = kubernetesLayerOf(inventory),
): NamespaceSourceOf[] {
  const byAddress = new Map<string, InventoryResource>(
    inventory.resources.map((resource) => [resource.address, resource]),
  );
  const objects = namespaceObjects(layer);
  const sourceOf = (namespace: string, address: string, createsIt: boolean) => {
    if (PREEXISTING_NAMESPACES.includes(namespace)) return { source: 'cluster' as const };
    const creator = objects.get(namespace);
    if (creator) {
      const from = byAddress.get(address);
      const to = byAddress.get(creator);
      const waits =
        creator === address || (from !== undefined && to !== undefined && graph.reaches(from, to));
      return {
        source: waits ? ('namespace object' as const) : ('race with the namespace object' as const),
        namespaceAddress: creator,
      };
    }
    return { source: createsIt ? ('release' as const) : ('nothing' as const) };
  };
  const out: NamespaceSourceOf[] = [];
  for (const record of layer.objects) {
    if (record.object.kind === 'Namespace') continue;
    const namespace = namespaceOfObject(record.object);
    if (namespace === undefined) continue;
    out.push({
      identity: `k8s[${record.key}]`,
      namespace,
      address: record.address,
      ...sourceOf(namespace, record.address, false),
    });
  }
  for (const release of layer.releases) {
    if (typeof release.namespace !== 'string') continue;
    out.push({
      identity: `helmRelease[${release.key}]`,
      namespace: release.namespace,
      address: release.address,
      ...sourceOf(release.namespace, release.address, release.createNamespace),
    });
  }
  return out;
}
