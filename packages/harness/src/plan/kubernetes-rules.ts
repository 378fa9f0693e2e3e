/**
 * What a change does to a Kubernetes object or a Helm release, per tool. The API server decides
 * what can change in place; the tools differ in what they do when it cannot:
 *
 * - Terraform and CDKTF (hashicorp/kubernetes): metadata.name and metadata.namespace are ForceNew
 *   on every resource; a Job's spec is ForceNew (the API makes spec.template immutable), so a new
 *   image replaces the Job. Everything else is an in-place update; a Deployment's new pod template
 *   is a rollout. helm_release: name and namespace are ForceNew, the rest is a `helm upgrade`.
 * - Pulumi (@pulumi/kubernetes): the same fields replace (the provider's list of immutable fields,
 *   provider/pkg/provider/diff.go in pulumi-kubernetes); a Release's values are an upgrade.
 * - CDK (aws-eks-v2): the manifest is one custom-resource property; an Update runs `kubectl apply`,
 *   which the API server refuses for an immutable field: a Job's changed pod template fails the
 *   stack update (and rolls it back) until the Job is deleted.
 */

import { keyOfObject, pulumiKind } from '../kubernetes/read.js';
import { TERRAFORM_KUBERNETES_TYPES } from '../kubernetes/terraform-objects.js';
import type { InventoryResource } from '../model/inventory.js';
import { isValueObject, type Value, type ValueObject } from '../model/value.js';
import type { PathStep } from './diff.js';
import type { VerdictSource } from './model.js';

interface Verdict {
  readonly replaces: boolean;
  readonly source: VerdictSource;
  readonly why: string;
}

const TERRAFORM_SOURCE = 'terraform-provider-kubernetes';

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
  if (
    kind === 'Job' &&
    steps[0] === 'spec' &&
    (pulumi ? steps[1] === 'template' || steps[1] === 'selector' : true)
  ) {
    return {
      replaces: true,
      source: 'provider',
      why: `a Job's ${pulumi ? `spec.${steps[1]}` : 'spec'} is immutable in the API: the Job is replaced (${tool})`,
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

function templateOf(object: Record<string, Value> | undefined): string | undefined {
  const spec = object?.spec;
  return isValueObject(spec ?? null)
    ? JSON.stringify((spec as Record<string, Value>).template ?? null)
    : undefined;
}

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
      if (object.kind === 'Job' && templateOf(object) !== templateOf(previous)) {
        return {
          note: `${key}: kubectl apply cannot change a Job's pod template (immutable), so this stack update fails and rolls back; delete the Job first, or give it a new name`,
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
