/**
 * What every part of observe shares: the graph, the notes, and the claims — which resource the
 * model read as which item. Every core resource must end up claimed, classified as tool machinery,
 * or reported as unaccounted (ledger.ts).
 */
import type { InventoryResource } from '../model/inventory.js';
import type { Value } from '../model/value.js';
import type { ResourceGraph } from './graph.js';
import type { Claim } from './model.js';
import { block, isValueObjectValue } from './views.js';

export class ObserveContext {
  readonly notes: string[] = [];
  readonly claims: Claim[] = [];
  /** subnet address → `tier/az`. */
  readonly subnetKeys = new Map<string, string>();

  constructor(readonly graph: ResourceGraph) {}

  /**
   * Records that the model read `resource` as `identity`; `part` for an equivalent form folded
   * into another item (an attachment into its role, an association into its access entry).
   */
  claim(resource: InventoryResource | undefined, identity: string, part = false): void {
    if (!resource) return;
    if (this.claims.some((claim) => claim.address === resource.address && claim.identity === identity))
      return;
    this.claims.push({ address: resource.address, identity, ...(part ? { part: true } : {}) });
  }

  /** The one resource of a kind the model expects once; a note when there are more. */
  first(kind: string, what: string): InventoryResource | undefined {
    const found = this.graph.ofKind(kind);
    if (found.length > 1) {
      this.notes.push(
        `${found.length} ${what}s found (${found.map((r) => r.displayName).join(', ')}); the first is compared`,
      );
    }
    return found[0];
  }

  keysOf(resources: readonly InventoryResource[]): Value {
    return resources
      .map((resource) => this.subnetKeys.get(resource.address) ?? `?${resource.displayName}`)
      .sort();
  }
}

/** A field of a nested block in the resource's dialect. */
export function field(
  value: Value | undefined,
  cloudformation: string,
  terraform: string,
  dialect: InventoryResource['dialect'],
): Value | undefined {
  const object = block(value);
  if (!isValueObjectValue(object)) return undefined;
  return object[dialect === 'cloudformation' ? cloudformation : terraform];
}
