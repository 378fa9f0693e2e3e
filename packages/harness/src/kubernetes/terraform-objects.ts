/**
 * The Terraform kubernetes provider's resources → the Kubernetes objects they send. The provider
 * (hashicorp/kubernetes v2) spells the API in Terraform's way: snake_case names, a block for every
 * object, a repeated singular block for every list (`container`, `port`, `env`), and top-level
 * `metadata`/`spec` blocks. This maps back: camelCase, single blocks to objects, the renames below.
 * Arguments that are the provider's own behaviour (wait_for_rollout, timeouts …) are not part of
 * the object; they are listed so nothing is dropped unseen.
 *
 * Sources: the provider's schema (registry.terraform.io/providers/hashicorp/kubernetes/latest/docs,
 * `kubernetes/schema_*.go` in terraform-provider-kubernetes).
 */
import { isUnknown, isValueObject, type Value, type ValueObject } from '../model/value.js';
import { isDataMap } from './data-maps.js';

/** Resource type → the object's apiVersion and kind. */
export const TERRAFORM_KUBERNETES_TYPES: Readonly<Record<string, { apiVersion: string; kind: string }>> = {
  kubernetes_namespace_v1: { apiVersion: 'v1', kind: 'Namespace' },
  kubernetes_config_map_v1: { apiVersion: 'v1', kind: 'ConfigMap' },
  kubernetes_secret_v1: { apiVersion: 'v1', kind: 'Secret' },
  kubernetes_service_v1: { apiVersion: 'v1', kind: 'Service' },
  kubernetes_deployment_v1: { apiVersion: 'apps/v1', kind: 'Deployment' },
  kubernetes_job_v1: { apiVersion: 'batch/v1', kind: 'Job' },
  kubernetes_pod_disruption_budget_v1: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
};

/** Arguments that configure the provider's own behaviour, not the object. */
export const PROVIDER_BEHAVIOUR_ARGUMENTS = new Set([
  'wait_for_rollout',
  'wait_for_completion',
  'wait_for_load_balancer',
  'wait_for_default_service_account',
  'timeouts',
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
]);

/** Repeated blocks (singular in Terraform) that are lists in the API, under their API name. */
const LIST_BLOCKS: Readonly<Record<string, string>> = {
  container: 'containers',
  init_container: 'initContainers',
  port: 'ports',
  env: 'env',
  env_from: 'envFrom',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  toleration: 'tolerations',
  image_pull_secrets: 'imagePullSecrets',
  match_expressions: 'matchExpressions',
  host_aliases: 'hostAliases',
  topology_spread_constraint: 'topologySpreadConstraints',
  items: 'items',
};

/** Names whose camelCase is not the API's (acronyms). */
const RENAMES: Readonly<Record<string, string>> = {
  cluster_ip: 'clusterIP',
  cluster_ips: 'clusterIPs',
  external_ips: 'externalIPs',
  load_balancer_ip: 'loadBalancerIP',
  host_ip: 'hostIP',
  pod_ip: 'podIP',
  // The pod spec's restart policy and the like are plain camelCase; `fs_group` too.
};

function camelCase(name: string): string {
  return RENAMES[name] ?? name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A block's value, as HCL (a list of one object) or CDKTF JSON (the object) gives it. */
function singleBlock(value: Value): Value {
  if (Array.isArray(value) && value.length === 1 && isValueObject(value[0]!)) return value[0]!;
  if (Array.isArray(value) && value.length === 0) return null;
  return value;
}

function mapNested(value: Value, depth: number): Value {
  if (depth > 32 || isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((item) => mapNested(item, depth + 1));
  if (!isValueObject(value)) return value;
  const out: Record<string, Value> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (raw === null || raw === undefined) continue;
    // Maps of data keep their keys (a Deployment's selector is a block, a Service's a map).
    if (isDataMap(camelCase(key), singleBlock(raw))) {
      out[camelCase(key)] = singleBlock(raw);
      continue;
    }
    // A repeated block (objects); `port = 80` inside a port block is an attribute of the same name.
    const isBlock =
      isValueObject(raw) ||
      (Array.isArray(raw) && raw.length > 0 && raw.every((item) => isValueObject(item)));
    const listName = isBlock ? LIST_BLOCKS[key] : undefined;
    if (listName) {
      const items = Array.isArray(raw) ? raw : [raw];
      out[listName] = items.map((item) => mapNested(item, depth + 1));
      continue;
    }
    const single = singleBlock(raw);
    if (single === null) continue;
    out[camelCase(key)] = mapNested(single, depth + 1);
  }
  return out;
}

export interface MappedObject {
  readonly object: ValueObject;
  /** Provider behaviour arguments the resource sets (not part of the object). */
  readonly behaviour: readonly string[];
}

/** A kubernetes_*_v1 resource's arguments → the object; undefined for other types. */
export function objectFromTerraform(type: string, properties: ValueObject): MappedObject | undefined {
  const target = TERRAFORM_KUBERNETES_TYPES[type];
  if (!target) return undefined;
  const behaviour: string[] = [];
  const object: Record<string, Value> = { apiVersion: target.apiVersion, kind: target.kind };
  for (const [key, raw] of Object.entries(properties)) {
    if (PROVIDER_BEHAVIOUR_ARGUMENTS.has(key)) {
      behaviour.push(key);
      continue;
    }
    if (raw === null || raw === undefined) continue;
    if (target.kind === 'Secret' && key === 'data') {
      // The provider's data is plain text (it base64-encodes on the way): the API's stringData.
      object.stringData = singleBlock(raw);
      continue;
    }
    if (isDataMap(camelCase(key), singleBlock(raw))) {
      object[camelCase(key)] = singleBlock(raw);
      continue;
    }
    const single = singleBlock(raw);
    if (single === null) continue;
    object[camelCase(key)] = mapNested(single, 0);
  }
  return { object, behaviour };
}
