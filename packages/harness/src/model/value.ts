/**
 * Values: JSON plus `Unknown`, a typed value for what only exists after deploy (an ID, an ARN),
 * carrying the references it came from and why it is unknown. Never a made-up placeholder string.
 *
 * Partial evaluation: anything computed from an Unknown is Unknown with the union of its
 * references. A list of known length may hold Unknown elements; an object may hold Unknown values.
 */

export type UnknownReason =
  /** Known only after deploy (a resource attribute). */
  | 'computed'
  /** An input the artifact does not carry (an SSM parameter, a variable without value). */
  | 'missing-input'
  /** Something the evaluator does not model (it says which). */
  | 'unsupported';

/** A pointer at a resource of the same inventory, and the attribute read from it. */
export interface Reference {
  readonly address: string;
  readonly attribute?: string;
}

/**
 * The type an Unknown is known to have, where it is known (a resource attribute's schema type, the
 * result of an operator): Terraform's unknowns are typed, and some functions answer from the type
 * alone (flatten keeps an unknown string as one element, but cannot flatten an unknown list). No
 * type is Terraform's dynamic unknown: anything.
 */
export type UnknownType = 'string' | 'number' | 'bool' | 'list' | 'map';

export class Unknown {
  readonly reason: UnknownReason;
  readonly references: readonly Reference[];
  readonly detail: string | undefined;
  readonly type: UnknownType | undefined;

  constructor(
    reason: UnknownReason,
    references: readonly Reference[] = [],
    detail?: string,
    type?: UnknownType,
  ) {
    this.reason = reason;
    this.references = references;
    this.detail = detail;
    this.type = type;
    Object.freeze(this);
  }

  toJSON(): {
    $unknown: {
      reason: UnknownReason;
      references: readonly Reference[];
      detail?: string;
      type?: UnknownType;
    };
  } {
    return {
      $unknown: {
        reason: this.reason,
        references: this.references,
        ...(this.detail ? { detail: this.detail } : {}),
        ...(this.type ? { type: this.type } : {}),
      },
    };
  }

  /** The same unknown, of a known type. */
  typed(type: UnknownType | undefined): Unknown {
    return type === this.type ? this : new Unknown(this.reason, this.references, this.detail, type);
  }

  /** Human text: "computed from Vpc.Id" / "missing input: …". */
  describe(): string {
    const from = this.references.map((ref) =>
      ref.attribute ? `${ref.address}.${ref.attribute}` : ref.address,
    );
    const base =
      this.reason === 'computed'
        ? 'known after deploy'
        : this.reason === 'missing-input'
          ? 'missing input'
          : 'not modelled';
    const detail = this.detail ? `: ${this.detail}` : '';
    return `${base}${detail}${from.length ? ` (from ${from.slice(0, 3).join(', ')}${from.length > 3 ? ', …' : ''})` : ''}`;
  }
}

export type Value =
  | null
  | boolean
  | number
  | string
  | Unknown
  | readonly Value[]
  | { readonly [key: string]: Value };
export type ValueObject = { readonly [key: string]: Value };

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isValueObject(value: unknown): value is ValueObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown);
}

const REASON_RANK: Record<UnknownReason, number> = { computed: 0, 'missing-input': 1, unsupported: 2 };

function referenceKey(reference: Reference): string {
  return `${reference.address}\u0000${reference.attribute ?? ''}`;
}

/** The Unknown that a computation over `values` yields: the union of every Unknown's references. */
export function unknownFrom(values: readonly unknown[], detail?: string): Unknown {
  const seen = new Map<string, Reference>();
  let reason: UnknownReason = 'computed';
  let firstDetail = detail;
  const visit = (value: unknown, depth: number) => {
    if (depth > 64) return;
    if (value instanceof Unknown) {
      if (REASON_RANK[value.reason] > REASON_RANK[reason]) reason = value.reason;
      firstDetail ??= value.detail;
      for (const reference of value.references) seen.set(referenceKey(reference), reference);
    } else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isValueObject(value)) for (const item of Object.values(value)) visit(item, depth + 1);
  };
  for (const value of values) visit(value, 0);
  return new Unknown(reason, [...seen.values()], firstDetail);
}

/** Whether `value` holds an Unknown anywhere. */
export function containsUnknown(value: Value, depth = 0): boolean {
  if (depth > 64) return false;
  if (value instanceof Unknown) return true;
  if (Array.isArray(value)) return value.some((item) => containsUnknown(item, depth + 1));
  if (isValueObject(value)) return Object.values(value).some((item) => containsUnknown(item, depth + 1));
  return false;
}

/** Every reference inside `value`, with the dotted path it sits at. */
export function referencesIn(
  value: Value,
  path = '',
  out: { path: string; reference: Reference }[] = [],
  depth = 0,
) {
  if (depth > 64) return out;
  if (value instanceof Unknown) for (const reference of value.references) out.push({ path, reference });
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) referencesIn(item, `${path}[${index}]`, out, depth + 1);
  } else if (isValueObject(value)) {
    for (const [key, item] of Object.entries(value))
      referencesIn(item, path ? `${path}.${key}` : key, out, depth + 1);
  }
  return out;
}

/** Revives the JSON form of values (`{"$unknown": …}`) into Unknown instances. */
export function reviveValue(json: unknown, depth = 0): Value {
  if (depth > 256) throw new Error('value nested too deeply');
  if (Array.isArray(json)) return json.map((item) => reviveValue(item, depth + 1));
  if (typeof json === 'object' && json !== null) {
    const object = json as Record<string, unknown>;
    const marker = object.$unknown as
      | { reason?: UnknownReason; references?: Reference[]; detail?: string; type?: UnknownType }
      | undefined;
    if (marker && Object.keys(object).length === 1) {
      return new Unknown(marker.reason ?? 'computed', marker.references ?? [], marker.detail, marker.type);
    }
    return Object.fromEntries(
      Object.entries(object).map(([key, item]) => [key, reviveValue(item, depth + 1)]),
    );
  }
  return json as Value;
}

/** Structural equality of values; two Unknowns are equal when their reasons and references are. */
export function valuesEqual(a: Value, b: Value, depth = 0): boolean {
  if (depth > 128) return false;
  if (a === b) return true;
  if (a instanceof Unknown || b instanceof Unknown) {
    // The type hint is not part of an unknown's identity (a saved baseline may predate it).
    const identity = (u: Unknown) => JSON.stringify([u.reason, u.references, u.detail ?? null]);
    return a instanceof Unknown && b instanceof Unknown && identity(a) === identity(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => valuesEqual(item, b[i]!, depth + 1))
    );
  }
  if (isValueObject(a) && isValueObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && valuesEqual(a[key]!, b[key]!, depth + 1))
    );
  }
  return false;
}
