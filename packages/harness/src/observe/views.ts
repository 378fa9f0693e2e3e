/**
 * Reading a resource's properties by canonical field, whatever the tool named them. Two dialects:
 * CloudFormation (PascalCase, nested objects) and Terraform (snake_case; nested blocks are lists of
 * one object in HCL and plain objects in CDKTF's JSON — both accepted). Pulumi's inputs are
 * converted to the Terraform dialect by its source, since its AWS provider is bridged from it.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, Unknown, type Value } from '../model/value.js';

/** A path in each dialect: property names, descending through nested objects/blocks. */
export type FieldPath = { readonly cloudformation: readonly string[]; readonly terraform: readonly string[] };

export function path(cloudformation: string, terraform: string): FieldPath {
  return { cloudformation: cloudformation.split('.'), terraform: terraform.split('.') };
}

/** A nested block: the object itself, or the first of a list of blocks (HCL's form). */
export function block(value: Value | undefined): Value | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : value.length === 0 ? undefined : value[0];
  return value;
}

/** The value at `path`, or undefined when a step is absent; Unknown when a step is Unknown. */
export function read(resource: InventoryResource, field: FieldPath): Value | undefined {
  const steps = field[resource.dialect];
  let current: Value | undefined = resource.properties;
  for (const step of steps) {
    current = block(current);
    if (current === undefined || current === null) return undefined;
    if (isUnknown(current)) return current;
    if (!isValueObject(current)) return undefined;
    current = current[step];
  }
  return current;
}

export function isValueObjectValue(value: Value | undefined): value is { readonly [key: string]: Value } {
  return value !== undefined && isValueObject(value);
}

/** Top-level property name of a field in the resource's dialect (where edges are recorded). */
export function topProperty(resource: InventoryResource, field: FieldPath): string {
  return field[resource.dialect][0]!;
}

export function asBoolean(value: Value | undefined, fallback: boolean | null): Value {
  if (value === undefined || value === null) return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

export function asNumber(value: Value | undefined, fallback: number | null = null): Value {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
}

export function asString(value: Value | undefined, fallback: string | null = null): Value {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

export function asStringList(value: Value | undefined): Value {
  if (value === undefined || value === null) return [];
  if (isUnknown(value)) return value;
  if (!Array.isArray(value)) return [asString(value)];
  return value.map((item) => asString(item));
}

/** Sorted copy of a list of strings (order does not matter for sets such as log types). */
export function sortedStrings(value: Value): Value {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return value;
  return [...(value as string[])].sort();
}

/** Tags as a map, from CloudFormation's [{Key, Value}] list or a map; merged over default tags. */
export function effectiveTags(resource: InventoryResource, own: Value | undefined): Value {
  const result: Record<string, Value> = { ...(resource.defaultTags ?? {}) };
  if (own === undefined || own === null) return result;
  if (isUnknown(own)) return own;
  if (Array.isArray(own)) {
    for (const tag of own) {
      if (!isValueObject(tag)) continue;
      const key = tag.Key ?? tag.key;
      if (typeof key === 'string') result[key] = (tag.Value ?? tag.value ?? '') as Value;
      else if (isUnknown(key)) return new Unknown('computed', key.references, 'a tag key is computed');
    }
    return result;
  }
  if (isValueObject(own)) Object.assign(result, own);
  return result;
}

/** The policy document as an object, whether given as an object or as JSON text. */
export function policyDocument(value: Value | undefined): Value | undefined {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Value;
    } catch {
      return value;
    }
  }
  return value;
}

/** Services allowed to sts:AssumeRole by a trust policy, sorted. */
export function trustedServices(document: Value | undefined): Value {
  const parsed = policyDocument(document);
  if (parsed === undefined) return [];
  if (isUnknown(parsed)) return parsed;
  if (!isValueObject(parsed)) return new Unknown('unsupported', [], 'the trust policy is not an object');
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  const services = new Set<string>();
  for (const statement of statements) {
    if (!isValueObject(statement) || statement.Effect === 'Deny') continue;
    const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
    if (!actions.includes('sts:AssumeRole')) continue;
    const principal = statement.Principal;
    if (!isValueObject(principal)) continue;
    const service = principal.Service;
    for (const item of Array.isArray(service) ? service : [service])
      if (typeof item === 'string') services.add(item);
  }
  return [...services].sort();
}
