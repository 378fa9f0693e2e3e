/**
 * Secrets stay secret. Every Kubernetes Secret value an artifact holds (CDK's manifest JSON, a
 * kubernetes_secret_v1's data, a Pulumi Secret's data or stringData, a kubernetes_manifest) is
 * replaced by a hash of its plain text the moment an inventory is read, before anything caches,
 * saves, compares or prints it. Equal values give equal hashes, so a difference still shows; the
 * value does not, in clear or in base64.
 * The hash is spec's redactSecretValue (the Pulumi recorder uses it too).
 */
import { isRedacted, redactSecretValue } from '@iac-compare/spec';
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value, type ValueObject } from '../model/value.js';

export { isRedacted, redactSecretValue };

function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

/** Each value of a map redacted; `encoded` says the values are base64 (Kubernetes `data`). */
function redactMap(value: Value, encoded: boolean): Value {
  if (isUnknown(value)) return value;
  if (!isValueObject(value)) return redactAny(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === 'string'
        ? isRedacted(item)
          ? item
          : redactSecretValue(encoded ? decodeBase64(item) : item)
        : redactAny(item),
    ]),
  );
}

/** A value that holds a secret in a shape we do not read: every string in it goes. */
function redactAny(value: Value): Value {
  if (typeof value === 'string') return isRedacted(value) ? value : redactSecretValue(value);
  if (Array.isArray(value)) return value.map(redactAny);
  if (isValueObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactAny(item)]));
  return value;
}

/** A Kubernetes Secret object (API form: data is base64, stringData is plain). */
export function redactSecretObject(object: ValueObject): ValueObject {
  if (object.kind !== 'Secret') return object;
  const out: Record<string, Value> = { ...object };
  if (object.data !== undefined) out.data = redactMap(object.data, true);
  if (object.stringData !== undefined) out.stringData = redactMap(object.stringData, false);
  return out;
}

function redactManifestString(manifest: Value): Value {
  if (typeof manifest !== 'string') return manifest;
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifest);
  } catch {
    // Not JSON we can read: a manifest that may hold a Secret is dropped to its hash whole.
    return /"kind"\s*:\s*"Secret"/.test(manifest) ? redactSecretValue(manifest) : manifest;
  }
  if (!Array.isArray(parsed)) return manifest;
  return JSON.stringify(
    parsed.map((object) =>
      isValueObject(object as Value) ? redactSecretObject(object as ValueObject) : object,
    ),
  );
}

function redactResource(resource: InventoryResource): InventoryResource {
  const properties = resource.properties;
  let redacted: Record<string, Value> | undefined;
  switch (resource.nativeType) {
    case 'Custom::AWSCDK-EKS-KubernetesResource':
      if (properties.Manifest !== undefined)
        redacted = { ...properties, Manifest: redactManifestString(properties.Manifest) };
      break;
    case 'kubernetes_secret_v1':
    case 'kubernetes_secret':
      // The provider takes data in plain text (it encodes it); binary_data is base64 already.
      redacted = { ...properties };
      if (properties.data !== undefined) redacted.data = redactMap(properties.data, false);
      if (properties.binary_data !== undefined)
        redacted.binary_data = redactMap(properties.binary_data, true);
      break;
    case 'kubernetes_manifest':
      if (isValueObject(properties.manifest))
        redacted = { ...properties, manifest: redactSecretObject(properties.manifest) };
      break;
    case 'kubernetes:core/v1:Secret':
      redacted = { ...redactSecretObject({ ...properties, kind: 'Secret' }) };
      if (properties.kind === undefined) delete redacted.kind;
      break;
    default:
      return resource;
  }
  return redacted ? { ...resource, properties: redacted } : resource;
}

/** The inventory with every Kubernetes Secret value replaced by its hash. */
export function redactSecrets(inventory: Inventory): Inventory {
  return { ...inventory, resources: inventory.resources.map(redactResource) };
}
