/**
 * The ledger: where every resource of an inventory ended up. Each core resource is claimed by the
 * model (read as an item, or an equivalent form folded into one), matches a documented tool
 * default, or is unaccounted — built by the implementation, read by nothing, and so a difference.
 * Overhead (tool machinery) is listed as such. Nothing is dropped silently.
 */
import { kindNoun } from '../canonical/kinds.js';
import type { SourceLocation } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import { ResourceGraph } from './graph.js';
import type { ObservedInfrastructure } from './model.js';
import { toolDefaultOf } from './tool-defaults.js';

export type LedgerStatus = 'claimed' | 'tool-default' | 'overhead' | 'unaccounted';

export interface LedgerEntry {
  readonly address: string;
  readonly displayName: string;
  readonly nativeType: string;
  readonly kind: string | null;
  readonly status: LedgerStatus;
  /** claimed: the items it was read as. */
  readonly identities?: readonly string[];
  /** tool-default and overhead: why it is there; unaccounted: what to do. */
  readonly reason?: string;
  /** tool-default: the entry's id and its source. */
  readonly defaultId?: string;
  readonly source?: string;
  readonly location?: SourceLocation;
}

export function ledgerOf(inventory: Inventory, observed: ObservedInfrastructure): LedgerEntry[] {
  const graph = new ResourceGraph(inventory);
  const claimed = new Map<string, string[]>();
  for (const claim of observed.claims) {
    const list = claimed.get(claim.address) ?? [];
    list.push(claim.identity);
    claimed.set(claim.address, list);
  }
  return inventory.resources.map((resource): LedgerEntry => {
    const base = {
      address: resource.address,
      displayName: resource.displayName,
      nativeType: resource.nativeType,
      kind: resource.kind,
      ...(resource.location ? { location: resource.location } : {}),
    };
    if (resource.role === 'overhead') {
      return { ...base, status: 'overhead', reason: resource.overheadReason ?? 'tool machinery' };
    }
    const identities = claimed.get(resource.address);
    if (identities) return { ...base, status: 'claimed', identities: [...new Set(identities)] };
    const toolDefault = toolDefaultOf(resource, graph);
    if (toolDefault) {
      return {
        ...base,
        status: 'tool-default',
        reason: toolDefault.reason,
        defaultId: toolDefault.id,
        source: toolDefault.source,
      };
    }
    return {
      ...base,
      status: 'unaccounted',
      reason: resource.kind
        ? `${kindNoun(resource.kind)} the target does not have, or one iac-compare cannot place (it reads no reference to it)`
        : `${resource.nativeType} is not a kind the target has; it deploys something the target does not describe`,
    };
  });
}

export function unaccountedIn(ledger: readonly LedgerEntry[]): LedgerEntry[] {
  return ledger.filter((entry) => entry.status === 'unaccounted');
}
