/**
 * The model items on the two sides of a plan, for a diagram: which item (`subnet[private/eu-west-1a]`,
 * `nodeGroup[system]`, `k8s[Deployment app/web]`) each resource is read as — observe's claims, the
 * same identities the compare report's resource diff uses — and each subnet's default route. A
 * plan is then drawn on the same picture as a comparison, each item coloured by its changes.
 */
import type { Inventory } from '../model/inventory.js';
import { isUnknown } from '../model/value.js';
import { observe } from '../observe/observe.js';

export interface PlanItems {
  /** Identity → the tool's addresses that make it, on either side (current first). */
  readonly items: Readonly<Record<string, readonly string[]>>;
  /** Subnet key (`private/eu-west-1a`) → its default route (`internet-gateway`, `nat-gateway/eu-west-1a`, `none` …). */
  readonly routes: Readonly<Record<string, string>>;
  /** Address → identity: the current side's claim, else the baseline's (a deleted resource). */
  readonly itemOf: ReadonlyMap<string, string>;
}

function claimsOf(inventory: Inventory): {
  items: Map<string, string[]>;
  routes: Map<string, string>;
} {
  const observed = observe(inventory);
  const items = new Map<string, string[]>();
  for (const claim of observed.claims) {
    const addresses = items.get(claim.identity) ?? [];
    if (!addresses.includes(claim.address)) addresses.push(claim.address);
    items.set(claim.identity, addresses);
  }
  const routes = new Map<string, string>();
  for (const [key, subnet] of Object.entries(observed.subnets)) {
    const route = subnet.defaultRoute;
    routes.set(key, isUnknown(route) ? 'unknown' : String(route));
  }
  return { items, routes };
}

/** The items of both sides; undefined when either side cannot be observed (the plan stands without them). */
export function planItemsOf(before: Inventory, after: Inventory): PlanItems | undefined {
  try {
    const now = claimsOf(after);
    const then = claimsOf(before);
    const items = new Map(now.items);
    for (const [identity, addresses] of then.items) {
      const merged = [...(items.get(identity) ?? [])];
      for (const address of addresses) if (!merged.includes(address)) merged.push(address);
      items.set(identity, merged);
    }
    const itemOf = new Map<string, string>();
    for (const [identity, addresses] of then.items)
      for (const address of addresses) itemOf.set(address, identity);
    for (const [identity, addresses] of now.items)
      for (const address of addresses) itemOf.set(address, identity);
    const routes = new Map(then.routes);
    for (const [key, route] of now.routes) routes.set(key, route);
    const sorted = <T>(map: Map<string, T>) =>
      Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
    return { items: sorted(items), routes: sorted(routes), itemOf };
  } catch {
    return undefined;
  }
}
