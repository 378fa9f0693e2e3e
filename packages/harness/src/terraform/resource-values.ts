/**
 * A resource's evaluated arguments, two ways:
 * - as set: a null argument is an argument not set (Terraform sends the provider nothing for it),
 *   so nulls leave the arguments the inventory keeps — and so the derived templates, the facts and
 *   the resource diff never see them;
 * - as read by other expressions (`aws_vpc.this.ipv6_cidr_block`): where the provider's schema says
 *   an argument is optional and computed (or computed only), a null there is chosen by the provider
 *   at apply, so it reads as "known after apply", with that reason, as in `terraform plan`.
 */
import {
  argumentFlag,
  attributeType,
  computedWhenUnset,
  knowsResourceType,
} from '../canonical/provider-schema.js';
import { isUnknown, isValueObject, Unknown, type Value, type ValueObject } from '../model/value.js';

const MAX_DEPTH = 32;

/** The arguments without the ones set to null (inside nested blocks too). */
export function argumentsSet(value: Value, depth = 0): Value {
  if (depth > MAX_DEPTH || value === null || isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((item) => argumentsSet(item, depth + 1));
  if (isValueObject(value)) {
    const out: Record<string, Value> = {};
    for (const [key, item] of Object.entries(value))
      if (item !== null) out[key] = argumentsSet(item, depth + 1);
    return out;
  }
  return value;
}

/** The arguments as other expressions read them: a null the provider computes is Unknown. */
export function attributesAsRead(type: string, address: string, args: ValueObject): ValueObject {
  if (!knowsResourceType(type)) return args;
  const visit = (value: Value, path: string[], attribute: string, depth: number): Value => {
    if (depth > MAX_DEPTH) return value;
    if (value === null) {
      const flag = argumentFlag(type, path);
      return flag === 'oc' || flag === 'c'
        ? new Unknown(
            'computed',
            [{ address, attribute }],
            computedWhenUnset(type, path),
            attributeType(type, path),
          )
        : null;
    }
    if (Array.isArray(value) && path.length > 0 && value.some(isValueObject)) {
      return value.map((item, index) => visit(item, path, `${attribute}[${index}]`, depth + 1));
    }
    if (isValueObject(value)) {
      // A nested block (or the resource itself): its arguments are schema paths too. A map-typed
      // argument (tags) has no schema entries below it and is left as it is.
      const nested = Object.keys(value).some((key) => argumentFlag(type, [...path, key]) !== undefined);
      if (path.length > 0 && !nested) return value;
      const out: Record<string, Value> = {};
      for (const [key, item] of Object.entries(value))
        out[key] = visit(item, [...path, key], attribute ? `${attribute}.${key}` : key, depth + 1);
      return out;
    }
    return value;
  };
  return visit(args, [], '', 0) as ValueObject;
}
