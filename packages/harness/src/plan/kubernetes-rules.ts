/**
 * What a change does to a Kubernetes object or a Helm release, per tool. The API server decides
 * what can change in place; the tools differ in what they do when it cannot:
 *
 * - Terraform and CDKTF (hashicorp/kubernetes 2.3x): metadata.name and metadata.namespace are
 *   ForceNew on every resource. kubernetes_job_v1 (kubernetes/resource_kubernetes_job_v1.go: `spec`
 *   is `ForceNew: false`, built by jobSpecFields(false); kubernetes/schema_job_spec.go): completions,
 *   completion_mode, selector and the pod template's spec are ForceNew, so a change replaces the Job
 *   and runs it again; active_deadline_seconds, backoff_limit, manual_selector and parallelism are
 *   updated in place (Update JSON-patches them, structures_job.go patchJobV1Spec);
 *   ttl_seconds_after_finished and the pod template's metadata are planned as updates that Update
 *   never sends (issues #1330 and #2586). Everything else is an in-place update; a Deployment's new
 *   pod template is a rollout. helm_release: name and namespace are ForceNew, the rest is a
 *   `helm upgrade`.
 * - Pulumi (@pulumi/kubernetes): its own list of fields that force replacement
 *   (provider/pkg/provider/diff.go): a Job's spec.completions, spec.parallelism, spec.selector and
 *   spec.template — not backoffLimit or activeDeadlineSeconds, which are updated; a ConfigMap's data
 *   and binaryData and a Secret's type, data and stringData (unless the provider sets
 *   enableConfigMapMutable / enableSecretMutable); a Service's clusterIP. A replaced object whose
 *   name the program fixes is deleted first (provider/pkg/provider/provider.go, Diff:
 *   deleteBeforeReplace when the object is not autonamed and keeps its name and namespace).
 *   A Release's values are an upgrade.
 * - CDK (aws-eks-v2): the manifest is one custom-resource property; an Update runs `kubectl apply`,
 *   which the API server refuses for an immutable field: a Job's changed pod template fails the
 *   stack update (and rolls it back) until the Job is deleted.
 */

import { keyOfObject, pulumiKind } from '../kubernetes/read.js';
import { TERRAFORM_KUBERNETES_TYPES } from '../kubernetes/terraform-objects.js';
import { pulumiProviderOption } from '../kubernetes/workload-lifecycle.js';
import type { InventoryResource } from '../model/inventory.js';
import { isValueObject, type Value, type ValueObject } from '../model/value.js';
import type { PathStep } from './diff.js';
import { addFailure, type PlanContext } from './draft.js';
import type { VerdictSource } from './model.js';

interface Verdict {
  readonly replaces: boolean;
  readonly source: VerdictSource;
  readonly why: string;
}

const TERRAFORM_SOURCE = 'terraform-provider-kubernetes';

/**
 * hashicorp/kubernetes 2.3x, kubernetes/schema_job_spec.go, jobSpecFields(specUpdatable = false) as
 * kubernetes_job_v1 calls it: the JobSpec arguments marked ForceNew (the API server's immutable
 * fields). The pod template's `spec` is ForceNew, and every pod-spec field in it too
 * (PodSpecFields(false, …)); its `metadata` is not.
 */
const TERRAFORM_JOB_FORCE_NEW = new Set(['completions', 'completion_mode', 'selector']);

/**
 * Updated in place: resourceKubernetesJobV1Update JSON-patches these (structures_job.go,
 * patchJobV1Spec).
 */
const TERRAFORM_JOB_PATCHED = new Set([
  'active_deadline_seconds',
  'backoff_limit',
  'manual_selector',
  'parallelism',
  'pod_failure_policy',
]);

const TERRAFORM_JOB_SOURCE = `${TERRAFORM_SOURCE} 2.3x kubernetes/schema_job_spec.go, resource_kubernetes_job_v1.go`;

/** A kubernetes_job_v1 spec change, by the current provider's schema and Update. */
function terraformJobVerdict(steps: readonly string[]): Verdict {
  const field = steps[1] ?? '';
  const shown = steps.join('.');
  if (TERRAFORM_JOB_FORCE_NEW.has(field) || (field === 'template' && steps[2] !== 'metadata'))
    return {
      replaces: true,
      source: 'provider',
      why: `a Job's ${shown} is ForceNew: a new Job replaces it, and runs again (${TERRAFORM_JOB_SOURCE})`,
    };
  if (TERRAFORM_JOB_PATCHED.has(field))
    return {
      replaces: false,
      source: 'provider',
      why: `a Job's ${shown} is patched in place (${TERRAFORM_JOB_SOURCE}: not ForceNew; patchJobV1Spec sends it)`,
    };
  if (field === 'template' || field === 'ttl_seconds_after_finished')
    return {
      replaces: false,
      source: 'provider',
      why: `planned as an in-place update that the provider never applies: ${shown} is not ForceNew, but patchJobV1Spec does not send it, so the Job keeps the old value and the diff returns on every plan (${TERRAFORM_JOB_SOURCE}; hashicorp/terraform-provider-kubernetes issues #1330, #2586)`,
    };
  return { replaces: false, source: 'provider', why: `updated in place (${TERRAFORM_JOB_SOURCE})` };
}

/** pulumi-kubernetes provider/pkg/provider/diff.go, `job`: the JobSpec fields that force replacement. */
const PULUMI_JOB_FORCE_NEW = new Set(['completions', 'parallelism', 'selector', 'template']);

function names(path: readonly PathStep[]): string[] {
  return path.filter((step): step is string => typeof step === 'string');
}

function kindOfResource(resource: InventoryResource): string | undefined {
  return TERRAFORM_KUBERNETES_TYPES[resource.nativeType]?.kind ?? pulumiKind(resource.nativeType)?.kind;
}

/** Whether a resource is a Kubernetes object or a Helm release of the Terraform or Pulumi provider. */
export function isKubernetesResource(resource: InventoryResource): boolean {
  return (
    resource.nativeType.startsWith('kubernetes_') ||
    resource.nativeType === 'helm_release' ||
    resource.nativeType.startsWith('kubernetes:')
  );
}

export function kubernetesVerdict(resource: InventoryResource, path: readonly PathStep[]): Verdict {
  const steps = names(path);
  const pulumi = resource.nativeType.includes(':');
  const tool = pulumi
    ? 'pulumi-kubernetes'
    : resource.nativeType === 'helm_release'
      ? 'terraform-provider-helm'
      : TERRAFORM_SOURCE;
  const isRelease =
    resource.nativeType === 'helm_release' || resource.nativeType === 'kubernetes:helm.sh/v3:Release';
  if (isRelease) {
    if (steps[0] === 'name' || steps[0] === 'namespace') {
      return {
        replaces: true,
        source: 'provider',
        why: `a release's ${steps[0]} cannot change: a new release replaces it (${tool})`,
      };
    }
    return {
      replaces: false,
      source: 'provider',
      why: `helm upgrade: the release is upgraded in place (${tool})`,
    };
  }
  if (steps[0] === 'metadata' && (steps[1] === 'name' || steps[1] === 'namespace')) {
    return {
      replaces: true,
      source: 'provider',
      why: `metadata.${steps[1]} names the object: a new one replaces it (${tool})`,
    };
  }
  const kind = kindOfResource(resource);
  if (kind === 'Job' && steps[0] === 'spec') {
    if (!pulumi) return terraformJobVerdict(steps);
    const shown = `spec.${steps[1] ?? ''}`;
    return PULUMI_JOB_FORCE_NEW.has(steps[1] ?? '')
      ? {
          replaces: true,
          source: 'provider',
          why: `a Job's ${shown} forces a new Job, which runs again (pulumi-kubernetes provider/pkg/provider/diff.go)`,
        }
      : {
          replaces: false,
          source: 'provider',
          why: `a Job's ${shown} is updated in place (pulumi-kubernetes diff.go does not list it)`,
        };
  }
  if (pulumi && kind === 'ConfigMap' && (steps[0] === 'data' || steps[0] === 'binaryData')) {
    return {
      replaces: true,
      source: 'provider',
      why: `a ConfigMap's ${steps[0]} replaces it unless the provider sets enableConfigMapMutable (pulumi-kubernetes diff.go), so pods take the new values with a rollout`,
    };
  }
  if (
    pulumi &&
    kind === 'Secret' &&
    (steps[0] === 'data' || steps[0] === 'stringData' || steps[0] === 'type')
  ) {
    return {
      replaces: true,
      source: 'provider',
      why: `a Secret's ${steps[0]} replaces it unless the provider sets enableSecretMutable (pulumi-kubernetes diff.go)`,
    };
  }
  if (pulumi && kind === 'Service' && steps[0] === 'spec' && steps[1] === 'clusterIP') {
    return {
      replaces: true,
      source: 'provider',
      why: "a Service's clusterIP replaces it (pulumi-kubernetes diff.go)",
    };
  }
  if (kind === 'Deployment' && steps[0] === 'spec' && steps[1] === 'selector') {
    return {
      replaces: true,
      source: 'provider',
      why: `a Deployment's selector is immutable: the Deployment is replaced (${tool})`,
    };
  }
  if (kind === 'Deployment' && steps[0] === 'spec' && steps[1] === 'template') {
    return {
      replaces: false,
      source: 'provider',
      why: `a new pod template: a rollout, pods replaced as the strategy allows (${tool})`,
    };
  }
  return { replaces: false, source: 'provider', why: `updated in place (${tool})` };
}

/** A CDK manifest's objects by key. */
function objectsOf(manifest: Value | undefined): Map<string, Record<string, Value>> {
  const out = new Map<string, Record<string, Value>>();
  if (typeof manifest !== 'string') return out;
  try {
    const parsed = JSON.parse(manifest) as unknown;
    for (const object of Array.isArray(parsed) ? parsed : [parsed]) {
      if (isValueObject(object as Value))
        out.set(keyOfObject(object as ValueObject), object as Record<string, Value>);
    }
  } catch {
    // Not JSON: nothing to say about it.
  }
  return out;
}

function specFieldOf(object: Record<string, Value> | undefined, field: string): string | undefined {
  const spec = object?.spec;
  return isValueObject(spec ?? null)
    ? JSON.stringify((spec as Record<string, Value>)[field] ?? null)
    : undefined;
}

function templateOf(object: Record<string, Value> | undefined): string | undefined {
  return specFieldOf(object, 'template');
}

/**
 * The JobSpec fields the API server refuses to change (kubernetes pkg/apis/batch/validation,
 * ValidateJobSpecUpdate: template, selector, completionMode; completions too, except an Indexed Job
 * scaled with parallelism, which this does not model).
 */
const IMMUTABLE_JOB_FIELDS = ['template', 'completions', 'completionMode', 'selector'] as const;

/**
 * What an update of a Kubernetes resource does that its plan line does not say: a CDK manifest
 * whose Job pod template changes fails (kubectl apply on an immutable field); a Deployment's new
 * pod template is a rollout; a Helm release's change is an upgrade.
 */
export function kubernetesUpdateNote(
  resource: InventoryResource,
  before: InventoryResource,
): { note: string; fails?: boolean } | undefined {
  if (resource.nativeType === 'Custom::AWSCDK-EKS-KubernetesResource') {
    const old = objectsOf(before.properties.Manifest);
    for (const [key, object] of objectsOf(resource.properties.Manifest)) {
      const previous = old.get(key);
      if (!previous) continue;
      const immutable =
        object.kind === 'Job'
          ? IMMUTABLE_JOB_FIELDS.find((field) => specFieldOf(object, field) !== specFieldOf(previous, field))
          : undefined;
      if (immutable) {
        const what = immutable === 'template' ? 'pod template' : `spec.${immutable}`;
        return {
          note: `${key}: kubectl apply cannot change a Job's ${what} (immutable), so this stack update fails and rolls back; delete the Job first, or give it a new name`,
          fails: true,
        };
      }
      if (object.kind === 'Deployment' && templateOf(object) !== templateOf(previous)) {
        return { note: `${key}: kubectl apply with a new pod template: a rollout` };
      }
    }
    return undefined;
  }
  if (resource.nativeType === 'Custom::AWSCDK-EKS-HelmChart') return { note: 'helm upgrade of the release' };
  return undefined;
}

const PULUMI_MUTABLE_OPTION: Readonly<Record<string, string>> = {
  ConfigMap: 'enableConfigMapMutable',
  Secret: 'enableSecretMutable',
};

/** The top-level fields each option makes mutable (pulumi-kubernetes diff.go, forceNewProperties). */
const PULUMI_MUTABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: ['data', 'binaryData'],
  Secret: ['type', 'data', 'stringData'],
};

/**
 * After the cascade, what the Kubernetes providers do when the cluster under them changes, and the
 * options that make Pulumi update a ConfigMap or Secret in place:
 *
 * - Pulumi: the Kubernetes provider's kubeconfig comes from the cluster; when the cluster is
 *   replaced it is unknown at preview, and pulumi-kubernetes replaces the provider ("We can't tell
 *   for sure if a computed value has changed, so we make the conservative choice and force a
 *   replacement", provider/pkg/provider/provider.go, DiffConfig). A resource whose provider is
 *   replaced is replaced (pulumi/pulumi pkg/resource/deploy/step_generator.go: a changed provider
 *   reference → ReplaceKeys ["provider"]).
 * - Terraform and CDKTF: the kubernetes and helm providers are configured from the cluster; when it
 *   is replaced their configuration is unknown at plan time, and the objects in state cannot be read
 *   or planned reliably in the same apply (terraform-provider-kubernetes docs, "Stacking with managed
 *   Kubernetes cluster resources": "The most reliable way … is to ensure that the cluster itself and
 *   the Kubernetes provider resources can be managed with separate apply operations").
 */
export function applyKubernetesProviderRules(context: PlanContext): void {
  const drafts = [...context.drafts.values()];
  const clusterReplaced = drafts.some(
    (draft) => draft.resource.kind === 'eks-cluster' && draft.action === 'replace',
  );
  // Pulumi's provider options.
  const pulumiProvider = context.after.resources.find(
    (resource) => resource.nativeType === 'pulumi:providers:kubernetes',
  );
  for (const draft of drafts) {
    const kind = pulumiKind(draft.resource.nativeType)?.kind;
    const option = kind ? PULUMI_MUTABLE_OPTION[kind] : undefined;
    if (!option || !pulumiProviderOption(pulumiProvider, option) || draft.action !== 'replace') continue;
    // Only the data fields: a new name or namespace still replaces the object.
    const fields = PULUMI_MUTABLE_FIELDS[kind!]!;
    for (const [index, change] of draft.changes.entries()) {
      const field = change.path.split(/[.[]/)[0] ?? '';
      if (change.replaces && change.source === 'provider' && fields.includes(field))
        draft.changes[index] = {
          ...change,
          replaces: false,
          why: `updated in place: the provider sets ${option}`,
        };
    }
    if (!draft.changes.some((change) => change.replaces)) draft.action = 'update';
  }
  const providerDraft = drafts.find((draft) => draft.resource.nativeType === 'pulumi:providers:kubernetes');
  if (providerDraft && providerDraft.action !== null && providerDraft.action !== 'create') {
    const replaced = providerDraft.changes.some((change) => change.path === 'kubeconfig');
    if (replaced) {
      providerDraft.action = 'replace';
      for (const [index, change] of providerDraft.changes.entries()) {
        if (change.path === 'kubeconfig')
          providerDraft.changes[index] = {
            ...change,
            replaces: true,
            source: 'provider',
            why: 'the kubeconfig comes from a cluster that is replaced, so it is unknown at preview, and pulumi-kubernetes replaces a provider whose kubeconfig is unknown (provider.go, DiffConfig)',
          };
      }
      const packages = drafts.filter(
        (draft) => draft.resource.nativeType === 'pulumi:providers:kubernetes',
      ).length;
      for (const draft of drafts) {
        if (!draft.resource.nativeType.startsWith('kubernetes:') || packages !== 1) continue;
        if (draft.action === 'create' || draft.action === 'delete') continue;
        draft.action = 'replace';
        draft.changes.push({
          path: '(provider)',
          before: null,
          after: null,
          replaces: true,
          source: 'provider',
          why: 'its Kubernetes provider is replaced, and Pulumi replaces every resource of a replaced provider (pulumi/pulumi step_generator.go)',
        });
      }
    }
  }
  if (!clusterReplaced) return;
  const terraformProvider = context.after.resources.some(
    (resource) => resource.nativeType === 'provider:kubernetes' || resource.nativeType === 'provider:helm',
  );
  if (!terraformProvider) return;
  for (const draft of drafts) {
    const type = draft.resource.nativeType;
    if (!(type.startsWith('kubernetes_') || type === 'helm_release')) continue;
    if (draft.action === 'create' || draft.action === 'delete') continue;
    draft.action = 'replace';
    draft.changes.push({
      path: '(cluster)',
      before: null,
      after: null,
      replaces: true,
      source: 'provider',
      why: 'the object lives in the cluster, which is replaced: it has to be created again in the new one',
    });
    addFailure(
      draft,
      'the cluster it lives in is replaced in this apply, so the kubernetes and helm providers, configured from the cluster, are unknown at plan time and cannot read or plan this object (terraform-provider-kubernetes docs, "Stacking with managed Kubernetes cluster resources"): apply the cluster first (-target=module.eks), then the workloads',
    );
  }
}
