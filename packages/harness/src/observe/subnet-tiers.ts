/**
 * Which tier each subnet is, from what it is built with. A subnet's evidence ranks the tiers:
 * where its default route goes (strongest), its ELB role tags, whether node groups run in it,
 * whether it maps public IPs, and "no default route" (intra, or a private tier without NAT). The
 * subnets of one availability zone then take distinct tiers at the lowest total rank.
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
/** An assignment leaves a subnet without a tier only when its AZ has more subnets than tiers. */
const UNPLACED = 100;

export interface TierEvidence {
  /** `internet-gateway`, `nat-gateway/<az>`, `none`, or another target. */
  readonly defaultRoute: Value;
  readonly elbTag: boolean;
  readonly internalElbTag: boolean;
  readonly runsNodeGroups: boolean;
  readonly mapsPublicIp: boolean;
}

/** Every tier, ranked by the evidence for it (strongest first); tiers without evidence last, intra first among them. */
export function rankTiers(evidence: TierEvidence): Tier[] {
  const route = String(evidence.defaultRoute);
  const ranked: Tier[] = [];
  if (route === 'internet-gateway') ranked.push('public');
  else if (route.startsWith('nat-gateway')) ranked.push('private');
  if (evidence.elbTag) ranked.push('public');
  if (evidence.internalElbTag) ranked.push('private');
  if (evidence.runsNodeGroups) ranked.push('private');
  if (evidence.mapsPublicIp) ranked.push('public');
  if (route === 'none') ranked.push('intra');
  for (const tier of ['intra', 'private', 'public'] as const) ranked.push(tier);
  return [...new Set(ranked)];
}

/**
 * Distinct tiers for the subnets of one AZ (in the order given), minimising the total rank; ties
 * go to the first assignment found, so the result depends only on the order of the input.
 * `undefined` marks a subnet left without a tier (more subnets than tiers).
 */
export function assignTiers(rankings: readonly (readonly Tier[])[]): (Tier | undefined)[] {
  let best: { cost: number; tiers: (Tier | undefined)[] } | undefined;
  const chosen: (Tier | undefined)[] = [];
  const search = (index: number, used: ReadonlySet<Tier>, cost: number): void => {
    if (best && cost >= best.cost) return;
    if (index === rankings.length) {
      best = { cost, tiers: [...chosen] };
      return;
    }
    const ranking = rankings[index]!;
    for (const tier of TIERS) {
      if (used.has(tier)) continue;
      chosen.push(tier);
      search(index + 1, new Set([...used, tier]), cost + ranking.indexOf(tier));
      chosen.pop();
    }
    chosen.push(undefined);
    search(index + 1, used, cost + UNPLACED);
    chosen.pop();
  };
  search(0, new Set(), 0);
  return best!.tiers;
}
