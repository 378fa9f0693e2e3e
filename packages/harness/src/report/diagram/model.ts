/**
 * What a diagram draws, whatever the report: per implementation, the model items it builds (the
 * identities the resource diff and the plan share: `subnet[private/eu-west-1a]`, `nodeGroup[system]`,
 * `k8s[Deployment app/web]`), each with a mark (how it compares with the target, or what the plan
 * does to it), the subnets' default routes, and the resources drawn apart (tool machinery, and
 * what the ledger could not account for). topology.ts builds these from a compare or plan report;
 * layout.ts lays the union of every implementation's items out once; dot.ts writes one graph per
 * implementation with the same nodes, so every diagram has the same positions.
 */

/** How an item stands in one implementation. */
export type Mark =
  /** Compare: every fact of the item equals the target (or the item is not in the target and no one differs). */
  | 'equal'
  | 'differs'
  | 'unknown'
  /** Built here, not in the target. */
  | 'unexpected'
  /** In the target or another implementation, not built here. */
  | 'absent'
  /** Its section is outside the implementation's envelope: not built, by declaration. */
  | 'outside'
  /** Plan: nothing changes. */
  | 'unchanged'
  | 'create'
  | 'update'
  | 'replace'
  | 'delete'
  /** Plan: a change that fails at deploy. */
  | 'fails';

export interface ItemState {
  readonly mark: Mark;
  /** Lines for the hover text: the facts that differ, the plan's changes and why. */
  readonly detail: readonly string[];
  /** Where the implementation declares the item (repository-relative file:line). */
  readonly location?: string;
}

/** A resource drawn beside the diagram: tool machinery, or a core resource the ledger could not place. */
export interface ApartResource {
  readonly address: string;
  readonly type: string;
  /** The box it is drawn in: "kubectl provider", "providers", "unaccounted" … */
  readonly group: string;
  readonly mark: Mark;
  readonly detail: readonly string[];
}

export interface Topology {
  readonly id: string;
  readonly label: string;
  /** Why nothing is drawn for it (outside the envelope, failed, not planned); undefined when drawn. */
  readonly note?: string;
  /** Every item the diagram shows for it, by identity (absent and outside-envelope items included). */
  readonly items: Readonly<Record<string, ItemState>>;
  /** Subnet key (`private/eu-west-1a`) → default route (`internet-gateway`, `nat-gateway/eu-west-1a`, `none`). */
  readonly routes: Readonly<Record<string, string>>;
  readonly apart: readonly ApartResource[];
}

/** The marks, in the order a legend lists them, with the words it uses. */
export const MARK_WORDS: Readonly<Record<Mark, string>> = {
  equal: 'as the target',
  differs: 'differs from the target',
  unknown: 'unknown until deploy',
  unexpected: 'not in the target',
  absent: 'not built here',
  outside: 'outside the envelope',
  unchanged: 'no change',
  create: 'create',
  update: 'update in place',
  replace: 'replace',
  delete: 'delete',
  fails: 'fails at deploy',
};
