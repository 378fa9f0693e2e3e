/**
 * Which tier each subnet is, from what it is built with. A subnet's evidence weighs for a tier:
 * where its default route goes (strongest), its ELB role tags, whether node groups run in it,
 * whether it maps public IPs; no default route means intra or a private tier without NAT. The
 * subnets of one availability zone then take distinct tiers that contradict the least evidence.
 *
 * Why an assignment and not a rule per subnet: a mistake should stay one difference. With one
 * rule per subnet, a private subnet routed to the internet gateway became a second public subnet
 * in its AZ, collided with the real one and left "private subnet missing" and an unaccounted
 * subnet; node groups in the intra subnets made those look private. Assigned jointly, the first
 * is the private subnet whose default route differs, the second the node group whose subnets do.
 */
import type { Value } from '../model/value.js';

export type Tier = 'public' | 'private' | 'intra';

const TIERS: readonly Tier[] = ['public', 'private', 'intra'];
const EXACT_UP_TO = 6;

function greedyTiers(costs: readonly Readonly<Record<Tier, number>>[]): (Tier | undefined)[] {
  const result: (Tier | undefined)[] = costs.map(() => undefined);
  const free = new Set(TIERS);
  while (free.size > 0) {
    let pick: { index: number; tier: Tier; cost: number } | undefined;
    costs.forEach((own, index) => {
      if (result[index] !== undefined) return;
      for (const tier of free) if (!pick || own[tier] < pick.cost) pick = { index, tier, cost: own[tier] };
    });
    if (!pick) break;
    result[pick.index] = pick.tier;
    free.delete(pick.tier);
  }
  return result;
}

/** An assignment leaves a subnet without a tier only when its AZ has more subnets than tiers. */
const UNPLACED = 1000;

export interface TierEvidence {
  /** `internet-gateway`, `nat-gateway/<az>`, `none`, or another target. */
  readonly defaultRoute: Value;
  readonly elbTag: boolean;
  readonly internalElbTag: boolean;
  readonly runsNodeGroups: boolean;
  readonly mapsPublicIp: boolean;
}

/**
 * What evidence counts for: the default route most, then an ELB role tag, node groups running in
 * the subnet, and public IPs on launch. A subnet without a default route is evidence against
 * public, and slightly for intra over a private tier that has no NAT.
 */
const WEIGHT = { route: 8, elbTag: 4, nodeGroups: 2, publicIp: 1, noRouteLeansIntra: 0.5 } as const;

/** What calling the subnet each tier would contradict: the total weight of evidence for other tiers. */
export function tierCosts(evidence: TierEvidence): Record<Tier, number> {
  const route = String(evidence.defaultRoute);
  const votes: [Tier | 'not-public', number][] = [];
  if (route === 'internet-gateway') votes.push(['public', WEIGHT.route]);
  else if (route.startsWith('nat-gateway')) votes.push(['private', WEIGHT.route]);
  else if (route === 'none') {
    votes.push(['not-public', WEIGHT.route]);
    votes.push(['intra', WEIGHT.noRouteLeansIntra]);
  }
  if (evidence.elbTag) votes.push(['public', WEIGHT.elbTag]);
  if (evidence.internalElbTag) votes.push(['private', WEIGHT.elbTag]);
  if (evidence.runsNodeGroups) votes.push(['private', WEIGHT.nodeGroups]);
  if (evidence.mapsPublicIp) votes.push(['public', WEIGHT.publicIp]);
  const cost = (tier: Tier) =>
    votes
      .filter(([vote]) => (vote === 'not-public' ? tier === 'public' : vote !== tier))
      .reduce((sum, [, weight]) => sum + weight, 0);
  return { public: cost('public'), private: cost('private'), intra: cost('intra') };
}

/**
 * Distinct tiers for the subnets of one AZ (in the order given), contradicting the least evidence
 * in total; ties go to the first assignment found (tiers tried public, private, intra).
 * `undefined` marks a subnet left without a tier (more subnets than tiers).
 */
export function assignTiers(costs: readonly Readonly<Record<Tier, number>>[]): (Tier | undefined)[] {
  // An exact search is 4^n: for the handful of subnets an AZ has. A generated VPC with thousands
  // of subnets per AZ gets the greedy answer (cheapest pair first), which is the same for any AZ
  // whose subnets agree on their evidence.
  if (costs.length > EXACT_UP_TO) return greedyTiers(costs);
  let best: { cost: number; tiers: (Tier | undefined)[] } | undefined;
  const chosen: (Tier | undefined)[] = [];
  const search = (index: number, used: ReadonlySet<Tier>, cost: number): void => {
    if (best && cost >= best.cost) return;
    if (index === costs.length) {
      best = { cost, tiers: [...chosen] };
      return;
    }
    const own = costs[index]!;
    for (const tier of TIERS) {
      if (used.has(tier)) continue;
      chosen.push(tier);
      search(index + 1, new Set([...used, tier]), cost + own[tier]);
      chosen.pop();
    }
    chosen.push(undefined);
    search(index + 1, used, cost + UNPLACED);
    chosen.pop();
  };
  search(0, new Set(), 0);
  return best!.tiers;
}
