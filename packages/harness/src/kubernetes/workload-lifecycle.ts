/**
 * What each tool does with a Kubernetes object or Helm release beyond sending it — real differences
 * between the tools that the target does not state, shown in the resource diff as `$lifecycle.*`
 * on each workload item (so they group across kinds), each with its source:
 *
 * - `$lifecycle.onDeleteFailure` (review 18, R8): when the object's delete fails (the endpoint
 *   unreachable, a finalizer, RBAC), Terraform's kubernetes and helm providers and Pulumi fail the
 *   destroy and keep the object in state; aws-eks-v2's kubectl handler runs `kubectl delete` /
 *   `helm uninstall` inside `try … except: logger.info("delete error …")` and answers SUCCESS, so
 *   CloudFormation forgets an object that may still run (aws-cdk-lib custom-resource-handlers
 *   dist/aws-eks-v2/kubectl-handler/apply/__init__.py and helm/__init__.py, the Delete branches).
 * - `$lifecycle.onDataChange` (ConfigMap and Secret; review 18, R3, issue 21.4): Terraform's
 *   kubernetes provider patches data in place (only metadata.name/namespace are ForceNew), CDK runs
 *   `kubectl apply`; pulumi-kubernetes replaces a ConfigMap whose data/binaryData change and a
 *   Secret whose data/stringData/type change unless the provider sets enableConfigMapMutable /
 *   enableSecretMutable (provider/pkg/provider/diff.go, forceNewProperties), deleting first when the
 *   name is fixed (provider.go, Diff).
 */
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isValueObject } from '../model/value.js';

export const ON_DELETE_FAILURE = {
  fails: 'the delete fails and says why; the object stays in state',
  reportedDeleted:
    "reported deleted: the handler logs kubectl's or helm's error and answers SUCCESS; the object may stay in the cluster",
} as const;

export const ON_DATA_CHANGE = {
  inPlace: 'updated in place',
  replacedDeleteFirst: 'replaced, the old one deleted first (a gap with no object)',
  replacedCreateFirst: 'replaced, the new one created first',
} as const;

/**
 * Whether the Pulumi Kubernetes provider turns an option on. The recording keeps provider inputs as
 * the engine sends them — strings ("true"), in the Terraform-style names the inventory gives every
 * Pulumi input (enable_config_map_mutable) — so both spellings and both forms are read.
 */
export function pulumiProviderOption(provider: InventoryResource | undefined, option: string): boolean {
  if (!provider) return false;
  const snake = option.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const value = provider.properties[option] ?? provider.properties[snake];
  return value === true || value === 'true';
}

const kubernetesProviderOf = (inventory: Inventory) =>
  inventory.resources.find((resource) => resource.nativeType === 'pulumi:providers:kubernetes');

function onDeleteFailureOf(resource: InventoryResource): string {
  return resource.nativeType.startsWith('Custom::AWSCDK-EKS-')
    ? ON_DELETE_FAILURE.reportedDeleted
    : ON_DELETE_FAILURE.fails;
}

function onDataChangeOf(resource: InventoryResource, kind: string, inventory: Inventory): string {
  if (!resource.nativeType.startsWith('kubernetes:')) return ON_DATA_CHANGE.inPlace;
  const option = kind === 'Secret' ? 'enableSecretMutable' : 'enableConfigMapMutable';
  if (pulumiProviderOption(kubernetesProviderOf(inventory), option)) return ON_DATA_CHANGE.inPlace;
  const metadata = resource.properties.metadata;
  const named = isValueObject(metadata) && typeof metadata.name === 'string';
  return named ? ON_DATA_CHANGE.replacedDeleteFirst : ON_DATA_CHANGE.replacedCreateFirst;
}

/** The `$lifecycle.*` properties of one workload item (`k8s[Kind ns/name]`, `helmRelease[ns/name]`). */
export function workloadLifecycleOf(
  resource: InventoryResource,
  identity: string,
  inventory: Inventory,
): Record<string, string> {
  const kind = /^k8s\[(\w+) /.exec(identity)?.[1];
  return {
    '$lifecycle.onDeleteFailure': onDeleteFailureOf(resource),
    ...(kind === 'ConfigMap' || kind === 'Secret'
      ? { '$lifecycle.onDataChange': onDataChangeOf(resource, kind, inventory) }
      : {}),
  };
}
