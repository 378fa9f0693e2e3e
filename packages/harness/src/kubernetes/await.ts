/**
 * What a deploy waits for after it sends a Kubernetes object or a Helm release, per tool: a real
 * difference between the tools that the target does not state ("Terraform and Pulumi wait for the
 * rollout; CDK's kubectl provider does not"). The resource diff shows it as `$await` on each
 * object and release, with this table's sources.
 *
 * - Terraform and CDKTF (hashicorp/kubernetes): kubernetes_deployment_v1 waits for the rollout
 *   (`wait_for_rollout`, default true: HashiCorp, "Wait Conditions in the Kubernetes Provider for
 *   HashiCorp Terraform"), kubernetes_job_v1 for completion (`wait_for_completion`, default true,
 *   docs/resources/job_v1.md), kubernetes_service_v1 only for a LoadBalancer's address
 *   (`wait_for_load_balancer`); the rest return once the API server accepts them. helm_release
 *   runs `helm --wait` unless `wait = false` (hashicorp/helm, docs/resources/release.md: wait,
 *   default true).
 * - Pulumi (@pulumi/kubernetes): the await table of provider/pkg/await/awaiters.go — a Deployment
 *   until its rollout is available, a Job until it completes, a Service until its endpoints target
 *   a ready pod (not a headless one: service.go isHeadlessService), none for ConfigMap, Namespace
 *   (creation), Secret (Opaque) or PodDisruptionBudget; the `pulumi.com/skipAwait: "true"`
 *   annotation turns it off (pulumi-kubernetes #417). helm.v3.Release waits for every resource
 *   unless `skipAwait` (pulumi-kubernetes #1603).
 * - CDK (aws-eks-v2): the kubectl provider's Lambda runs `kubectl apply` and returns
 *   (kubectl-handler/apply/__init__.py); HelmChart runs `helm upgrade --install` with `--wait`
 *   only when `wait: true` (helm-chart.d.ts: "@default - Helm will not wait").
 */
import type { InventoryResource } from '../model/inventory.js';
import { isValueObject, type Value } from '../model/value.js';

export const AWAIT = {
  nothing: 'nothing: returns once the API server accepts it',
  rollout: 'the rollout: every replica updated and available',
  completion: 'completion: the Job succeeds',
  endpoints: 'a ready pod behind the Service',
  loadBalancer: "the load balancer's address",
  helmWait: 'helm --wait: every resource of the release ready',
  helmNoWait: 'nothing: helm returns once the manifests are applied',
} as const;

function annotations(object: Value | undefined): Record<string, Value> {
  if (!isValueObject(object)) return {};
  const metadata = object.metadata;
  const list = Array.isArray(metadata) ? metadata[0] : metadata;
  if (!isValueObject(list) || !isValueObject(list.annotations)) return {};
  return list.annotations;
}

function terraformBlock(value: Value | undefined): Record<string, Value> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return isValueObject(first) ? first : undefined;
}

function fromTerraform(resource: InventoryResource): string {
  const p = resource.properties;
  switch (resource.nativeType) {
    case 'kubernetes_deployment_v1':
    case 'kubernetes_deployment':
      return p.wait_for_rollout === false ? AWAIT.nothing : AWAIT.rollout;
    case 'kubernetes_job_v1':
    case 'kubernetes_job':
      return p.wait_for_completion === false ? AWAIT.nothing : AWAIT.completion;
    case 'kubernetes_service_v1':
    case 'kubernetes_service': {
      const spec = terraformBlock(p.spec);
      return spec?.type === 'LoadBalancer' && p.wait_for_load_balancer !== false
        ? AWAIT.loadBalancer
        : AWAIT.nothing;
    }
    case 'helm_release':
      return p.wait === false ? AWAIT.helmNoWait : AWAIT.helmWait;
    default:
      return AWAIT.nothing;
  }
}

function fromPulumi(resource: InventoryResource, kind: string): string {
  const p = resource.properties;
  if (resource.nativeType === 'kubernetes:helm.sh/v3:Release')
    return p.skipAwait === true ? AWAIT.helmNoWait : AWAIT.helmWait;
  if (annotations(p)['pulumi.com/skipAwait'] === 'true') return AWAIT.nothing;
  switch (kind) {
    case 'Deployment':
      return AWAIT.rollout;
    case 'Job':
      return AWAIT.completion;
    case 'Service': {
      const spec = isValueObject(p.spec) ? p.spec : {};
      if (spec.clusterIP === 'None' || spec.type === 'ExternalName') return AWAIT.nothing;
      return spec.type === 'LoadBalancer' ? AWAIT.loadBalancer : AWAIT.endpoints;
    }
    default:
      return AWAIT.nothing;
  }
}

function fromCdk(resource: InventoryResource): string {
  if (resource.nativeType === 'Custom::AWSCDK-EKS-HelmChart') {
    const wait = resource.properties.Wait;
    return wait === true || wait === 'true' ? AWAIT.helmWait : AWAIT.helmNoWait;
  }
  return AWAIT.nothing;
}

/** What the deploy of `identity` (`k8s[Kind ns/name]`, `helmRelease[ns/name]`) waits for, in this resource's tool. */
export function awaitOf(resource: InventoryResource, identity: string): string {
  const kind = /^k8s\[(\w+) /.exec(identity)?.[1] ?? 'HelmRelease';
  if (resource.nativeType.startsWith('kubernetes:')) return fromPulumi(resource, kind);
  if (resource.dialect === 'terraform') return fromTerraform(resource);
  return fromCdk(resource);
}

/** The canonical type of a workload item in the resource diff. */
export function workloadItemType(identity: string): string | undefined {
  const kind = /^k8s\[(\w+) /.exec(identity)?.[1];
  if (kind) return `Kubernetes::${kind}`;
  return identity.startsWith('helmRelease[') ? 'Helm::Release' : undefined;
}
