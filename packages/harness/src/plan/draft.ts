/** A resource's change while the plan is being worked out: the rules read and extend it. */
import type { Inventory, InventoryResource } from '../model/inventory.js';
import type { PlanAction, PropertyChange } from './model.js';
import type { OrderVerdict } from './replacement-order.js';

export interface Draft {
  /** The resource as it will be (as it was, for a delete). */
  readonly resource: InventoryResource;
  /** The resource as it is now, for an update, replace or delete. */
  readonly before?: InventoryResource;
  action: PlanAction | null;
  readonly changes: PropertyChange[];
  readonly notes: string[];
  readonly failures: string[];
  order?: OrderVerdict;
}

export interface PlanContext {
  readonly before: Inventory;
  readonly after: Inventory;
  readonly drafts: Map<string, Draft>;
  readonly beforeBy: ReadonlyMap<string, InventoryResource>;
  readonly afterBy: ReadonlyMap<string, InventoryResource>;
}

export function addFailure(draft: Draft, failure: string): void {
  if (!draft.failures.includes(failure)) draft.failures.push(failure);
}

export function addNote(draft: Draft, note: string): void {
  if (!draft.notes.includes(note)) draft.notes.push(note);
}

/** Drafts that change something, in the plan's own order of discovery. */
export function changing(context: PlanContext): Draft[] {
  return [...context.drafts.values()].filter((draft) => draft.action !== null);
}

/** `stack/LogicalId` → `stack`; Terraform and Pulumi resources live in one state: ''. */
export function stackOf(resource: InventoryResource): string {
  if (resource.dialect !== 'cloudformation') return '';
  const slash = resource.address.indexOf('/');
  return slash > 0 ? resource.address.slice(0, slash) : '';
}
