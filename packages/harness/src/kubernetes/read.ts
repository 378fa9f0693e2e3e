/**
 * The Kubernetes layer of an inventory: the objects and Helm releases each tool's resources send
 * to the cluster, whatever the tool.
 *
 * - CDK (aws-eks-v2): Custom::AWSCDK-EKS-KubernetesResource, whose Manifest is the objects' JSON
 *   (evaluated by the CloudFormation evaluator like any property), applied with kubectl by the
 *   kubectl provider's Lambda; Custom::AWSCDK-EKS-HelmChart for a release.
 * - Terraform and CDKTF: the kubernetes provider's kubernetes_*_v1 resources (terraform-objects.ts)
 *   and kubernetes_manifest; the helm provider's helm_release.
 * - Pulumi: @pulumi/kubernetes resources, whose inputs are the objects; helm.v3.Release.
 *
 * Each object and release names the resource that sends it, so the ledger can account for it.
 */
import { objectKey } from '@iac-compare/spec';
import { parse as parseYaml } from 'yaml';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, Unknown, type Value, type ValueObject } from '../model/value.js';
import { objectFromTerraform } from './terraform-objects.js';

export interface KubernetesObjectRecord {
  /** `Deployment phoenix/phoenix`, `Namespace phoenix`. */
  readonly key: string;
  /** The object as sent (not yet canonical). */
  readonly object: ValueObject;
  /** The inventory resource that sends it. */
  readonly address: string;
}

export interface HelmReleaseRecord {
  /** `namespace/name`. */
  readonly key: string;
  readonly name: Value;
  readonly chart: Value;
  readonly repository: Value;
  readonly version: Value;
  readonly namespace: Value;
  /** Whether the release creates its namespace (helm --create-namespace), as the tool sends it. */
  readonly createNamespace: boolean;
  /** The values given, merged in the order the tool merges them. */
  readonly values: Value;
  readonly address: string;
}

export interface KubernetesLayer {
  readonly objects: readonly KubernetesObjectRecord[];
  readonly releases: readonly HelmReleaseRecord[];
  /** What could not be read (a manifest not known until deploy …), for the report. */
  readonly notes: readonly string[];
}

/** Labels aws-eks-v2 adds so that `kubectl apply --prune` finds what it applied. */
const CDK_PRUNE_LABEL = /^aws\.cdk\.eks\/prune-/;

/** The Helm default namespace: where a release goes when none is given. */
const HELM_DEFAULT_NAMESPACE = 'default';

/** spec's objectKey (`Deployment phoenix/phoenix`) of an object read from an artifact; `?` where a part is not a string. */
export function keyOfObject(object: ValueObject): string {
  const metadata = isValueObject(object.metadata) ? object.metadata : {};
  return objectKey({
    kind: typeof object.kind === 'string' ? object.kind : '?',
    metadata: {
      name: typeof metadata.name === 'string' ? metadata.name : '?',
      ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    },
  });
}

function withoutPruneLabel(object: ValueObject): ValueObject {
  if (!isValueObject(object.metadata) || !isValueObject(object.metadata.labels)) return object;
  const labels = Object.fromEntries(
    Object.entries(object.metadata.labels).filter(([key]) => !CDK_PRUNE_LABEL.test(key)),
  );
  const metadata: Record<string, Value> = { ...object.metadata, labels };
  if (Object.keys(labels).length === 0) delete metadata.labels;
  return { ...object, metadata };
}

/** Deep merge as Helm merges values files: maps merge, everything else is replaced. */
export function mergeValues(base: Value, over: Value): Value {
  if (isValueObject(base) && isValueObject(over)) {
    const out: Record<string, Value> = { ...base };
    for (const [key, value] of Object.entries(over))
      out[key] = key in out ? mergeValues(out[key]!, value) : value;
    return out;
  }
  return over;
}

/** `--set a.b[0].c=v`: one value into the values tree (Helm's strvals paths, without escapes). */
function setPath(values: Value, path: string, value: Value): Value {
  const steps = path.split('.').flatMap((step) => {
    const match = /^([^[]+)((\[\d+\])*)$/.exec(step);
    if (!match) return [step];
    const indexes = [...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    return [match[1]!, ...indexes];
  });
  const assign = (node: Value, index: number): Value => {
    if (index === steps.length) return value;
    const step = steps[index]!;
    if (typeof step === 'number') {
      const list = Array.isArray(node) ? [...node] : [];
      list[step] = assign(list[step] ?? null, index + 1);
      return list.map((item) => item ?? null);
    }
    const object: Record<string, Value> = isValueObject(node) ? { ...node } : {};
    object[step] = assign(object[step] ?? null, index + 1);
    return object;
  };
  return assign(values, 0);
}

/** A `set` entry's value as Helm reads it: type auto turns "2" into 2 and "true" into true. */
function setValue(entry: ValueObject): Value {
  const raw = entry.value;
  if (typeof raw !== 'string' || entry.type === 'string') return raw ?? null;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  return raw;
}

function parseJsonString(value: Value | undefined): Value {
  if (typeof value !== 'string') return value ?? {};
  try {
    return JSON.parse(value) as Value;
  } catch {
    return new Unknown('unsupported', [], 'values that are not JSON');
  }
}

/**
 * aws-eks-v2's kubectl handler pulls an oci:// repository as the chart itself (`helm pull
 * <repository>`, kubectl-handler/helm/__init__.py), so the repository names the chart:
 * `oci://registry/path/<chart>`. As intent that is the registry path `oci://registry/path` and the
 * chart; a repository that does not end in the chart is left as it is (validation names it).
 */
export function cdkHelmRepository(repository: Value, chart: Value): Value {
  if (typeof repository !== 'string' || typeof chart !== 'string' || !repository.startsWith('oci://'))
    return repository;
  const suffix = `/${chart}`;
  const trimmed = repository.replace(/\/+$/, '');
  return trimmed.endsWith(suffix) ? trimmed.slice(0, -suffix.length) : repository;
}

/**
 * helm.v3.Release takes an OCI chart as one reference, `chart: oci://registry/path/<chart>`, with
 * no repositoryOpts (pulumi-kubernetes #1892): as intent, the registry path and the chart.
 */
export function pulumiHelmChart(
  chart: Value,
  repository: Value | undefined,
): { chart: Value; repository: Value } {
  if (repository === undefined && typeof chart === 'string' && chart.startsWith('oci://')) {
    const slash = chart.lastIndexOf('/');
    return { chart: chart.slice(slash + 1), repository: chart.slice(0, slash) };
  }
  return { chart, repository: repository ?? null };
}

function fromCdk(resource: InventoryResource, layer: MutableLayer): void {
  const properties = resource.properties;
  if (resource.nativeType === 'Custom::AWSCDK-EKS-KubernetesResource') {
    const manifest = properties.Manifest;
    if (typeof manifest !== 'string') {
      layer.notes.push(
        `${resource.displayName}: the manifest is not known until deploy${isUnknown(manifest) ? ` (${manifest.describe()})` : ''}`,
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(manifest);
    } catch {
      layer.notes.push(`${resource.displayName}: the manifest is not JSON`);
      return;
    }
    for (const object of Array.isArray(parsed) ? parsed : [parsed]) {
      if (!isValueObject(object as Value)) continue;
      const clean = withoutPruneLabel(object as ValueObject);
      layer.objects.push({ key: keyOfObject(clean), object: clean, address: resource.address });
    }
  }
  if (resource.nativeType === 'Custom::AWSCDK-EKS-HelmChart') {
    const namespace = properties.Namespace ?? HELM_DEFAULT_NAMESPACE;
    layer.releases.push({
      key: `${String(namespace)}/${String(properties.Release)}`,
      name: properties.Release ?? null,
      chart: properties.Chart ?? null,
      repository: cdkHelmRepository(properties.Repository ?? null, properties.Chart ?? null),
      version: properties.Version ?? null,
      namespace,
      // aws-eks-v2 sends CreateNamespace only when true; its handler adds --create-namespace then.
      createNamespace: properties.CreateNamespace === true || properties.CreateNamespace === 'true',
      values: parseJsonString(properties.Values),
      address: resource.address,
    });
  }
}

function fromTerraform(resource: InventoryResource, layer: MutableLayer): void {
  const properties = resource.properties;
  const mapped = objectFromTerraform(resource.nativeType, properties);
  if (mapped) {
    layer.objects.push({ key: keyOfObject(mapped.object), object: mapped.object, address: resource.address });
    return;
  }
  if (resource.nativeType === 'kubernetes_manifest' && isValueObject(properties.manifest)) {
    layer.objects.push({
      key: keyOfObject(properties.manifest),
      object: properties.manifest,
      address: resource.address,
    });
    return;
  }
  if (resource.nativeType === 'helm_release') {
    let values: Value = {};
    const documents = Array.isArray(properties.values) ? properties.values : [];
    for (const document of documents) {
      if (typeof document !== 'string') {
        values = new Unknown('computed', [], 'values not known until apply');
        break;
      }
      let parsed: Value;
      try {
        parsed = (parseYaml(document) as Value) ?? {};
      } catch (error) {
        layer.notes.push(
          `${resource.displayName}: a values document is not YAML (${(error as Error).message.split('\n')[0]})`,
        );
        values = new Unknown('unsupported', [], 'values that are not YAML');
        break;
      }
      values = mergeValues(values, parsed);
    }
    for (const entry of Array.isArray(properties.set) ? properties.set : []) {
      if (isValueObject(entry) && typeof entry.name === 'string' && !isUnknown(values)) {
        values = setPath(values, entry.name, setValue(entry));
      }
    }
    const namespace = properties.namespace ?? HELM_DEFAULT_NAMESPACE;
    layer.releases.push({
      key: `${String(namespace)}/${String(properties.name)}`,
      name: properties.name ?? null,
      chart: properties.chart ?? null,
      repository: properties.repository ?? null,
      version: properties.version ?? null,
      namespace,
      // create_namespace defaults to false (terraform-provider-helm, resource_helm_release.go).
      createNamespace: properties.create_namespace === true,
      values,
      address: resource.address,
    });
  }
}

/** `kubernetes:apps/v1:Deployment` → apps/v1 Deployment; `kubernetes:core/v1:Secret` → v1 Secret. */
export function pulumiKind(type: string): { apiVersion: string; kind: string } | undefined {
  const match = /^kubernetes:([^/]+)\/([^:]+):(\w+)$/.exec(type);
  if (!match || match[1] === 'helm.sh') return undefined;
  return { apiVersion: match[1] === 'core' ? match[2]! : `${match[1]}/${match[2]}`, kind: match[3]! };
}

function fromPulumi(resource: InventoryResource, layer: MutableLayer): void {
  const properties = resource.properties;
  const kind = pulumiKind(resource.nativeType);
  if (kind) {
    const object: ValueObject = { ...properties, apiVersion: kind.apiVersion, kind: kind.kind };
    layer.objects.push({ key: keyOfObject(object), object, address: resource.address });
    return;
  }
  if (resource.nativeType === 'kubernetes:helm.sh/v3:Release') {
    const namespace = properties.namespace ?? HELM_DEFAULT_NAMESPACE;
    const repository = isValueObject(properties.repositoryOpts) ? properties.repositoryOpts.repo : undefined;
    const source = pulumiHelmChart(properties.chart ?? null, repository);
    layer.releases.push({
      key: `${String(namespace)}/${String(properties.name)}`,
      name: properties.name ?? null,
      chart: source.chart,
      repository: source.repository,
      version: properties.version ?? null,
      namespace,
      // createNamespace is off unless set (@pulumi/kubernetes helm/v3/release.d.ts).
      createNamespace: properties.createNamespace === true,
      values: properties.values ?? {},
      address: resource.address,
    });
  }
}

interface MutableLayer {
  objects: KubernetesObjectRecord[];
  releases: HelmReleaseRecord[];
  notes: string[];
}

export function kubernetesLayerOf(inventory: Inventory): KubernetesLayer {
  const layer: MutableLayer = { objects: [], releases: [], notes: [] };
  for (const resource of inventory.resources) {
    if (resource.role === 'overhead') continue;
    if (inventory.source === 'pulumi') fromPulumi(resource, layer);
    else if (inventory.source === 'terraform') fromTerraform(resource, layer);
    else fromCdk(resource, layer);
  }
  return layer;
}
