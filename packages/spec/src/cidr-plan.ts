/**
 * The CIDR plan: where every subnet of every tier goes. Deterministic and stable:
 *
 * 1. Each tier reserves one slot per availability zone its *region* has (not per AZ the target
 *    uses), and a subnet's slot is the index of its AZ in the region's list (regions.ts). Adding,
 *    removing or reordering AZs in a target therefore never moves an existing subnet.
 * 2. A tier with an explicit `cidr` occupies that block. The other tiers are placed from the start
 *    of the VPC block, largest subnets first (ties: public, private, intra), each at the lowest
 *    address aligned to its subnet size that overlaps nothing placed before it.
 * 3. Subnet = tier base + slot × subnet size.
 */

import { blockSize, cidrContains, cidrEnd, formatCidr, type Ipv4Cidr, parseNetworkCidr } from './cidr.js';
import { SUBNET_TIERS, type SubnetTier } from './constants.js';
import type { NetworkSpec, TierSpec } from './schema.js';

export interface TierPlan {
  readonly tier: SubnetTier;
  readonly prefixLength: number;
  /** First address of the range the tier reserves (slots × subnet size, aligned to the subnet size). */
  readonly start: number;
  readonly addresses: number;
  readonly slots: number;
  readonly explicit: boolean;
}

export interface PlanProblem {
  readonly path: string;
  readonly message: string;
}

export interface CidrPlan {
  readonly vpc: Ipv4Cidr;
  readonly tiers: readonly TierPlan[];
  readonly problems: readonly PlanProblem[];
}

function presentTiers(network: NetworkSpec): [SubnetTier, TierSpec][] {
  return SUBNET_TIERS.flatMap((tier) => {
    const spec = network.subnets[tier];
    return spec ? [[tier, spec] as [SubnetTier, TierSpec]] : [];
  });
}

interface Occupied {
  readonly tier: SubnetTier;
  readonly start: number;
  readonly end: number;
}

/**
 * Plans every tier. `regionZoneCount` is how many AZs the region has (the slot count per tier).
 * Problems are returned, not thrown, so validation can report them beside all the others.
 */
export function planCidrs(network: NetworkSpec, regionZoneCount: number): CidrPlan {
  const vpc = parseNetworkCidr(network.cidr);
  if (!vpc) {
    return { vpc: { base: 0, prefixLength: 0 }, tiers: [], problems: [] };
  }
  const problems: PlanProblem[] = [];
  const tiers: TierPlan[] = [];
  const occupied: Occupied[] = [];
  const slots = regionZoneCount;
  const validTiers = presentTiers(network).filter(([tier, spec]) => {
    const ok = spec.prefixLength >= Math.max(16, vpc.prefixLength) && spec.prefixLength <= 28;
    if (!ok) {
      problems.push({
        path: `network.subnets.${tier}.prefixLength`,
        message: `/${spec.prefixLength} is not a usable subnet size here: AWS subnets are /16 to /28 and must fit in the VPC block ${network.cidr}`,
      });
    }
    return ok;
  });

  for (const [tier, spec] of validTiers) {
    if (spec.cidr === undefined) continue;
    const path = `network.subnets.${tier}.cidr`;
    const block = parseNetworkCidr(spec.cidr);
    if (!block) {
      problems.push({
        path,
        message: `${spec.cidr} has host bits set; use the network address of the block`,
      });
      continue;
    }
    const needed = slots * blockSize(spec.prefixLength);
    if (!cidrContains(vpc, block)) {
      problems.push({ path, message: `${spec.cidr} is not inside the VPC block ${network.cidr}` });
      continue;
    }
    if (blockSize(block.prefixLength) < needed || spec.prefixLength < block.prefixLength) {
      problems.push({
        path,
        message: `${spec.cidr} holds ${blockSize(block.prefixLength)} addresses but the ${tier} tier needs ${needed} (${slots} AZ slots × /${spec.prefixLength})`,
      });
      continue;
    }
    const clash = occupied.find((other) => other.start < block.base + needed && block.base < other.end);
    if (clash) {
      problems.push({ path, message: `${spec.cidr} overlaps the ${clash.tier} tier` });
      continue;
    }
    occupied.push({ tier, start: block.base, end: block.base + needed });
    tiers.push({
      tier,
      prefixLength: spec.prefixLength,
      start: block.base,
      addresses: needed,
      slots,
      explicit: true,
    });
  }

  const automatic = validTiers
    .filter(([, spec]) => spec.cidr === undefined)
    .sort(
      ([a, x], [b, y]) =>
        x.prefixLength - y.prefixLength || SUBNET_TIERS.indexOf(a) - SUBNET_TIERS.indexOf(b),
    );
  for (const [tier, spec] of automatic) {
    const size = blockSize(spec.prefixLength);
    const needed = slots * size;
    let candidate = vpc.base;
    // Each step jumps past one occupied block, so the loop ends after at most occupied.length steps.
    for (let step = 0; step <= occupied.length; step++) {
      const clash = occupied.find((other) => other.start < candidate + needed && candidate < other.end);
      if (!clash) break;
      candidate = Math.ceil(clash.end / size) * size;
    }
    const fits =
      candidate + needed <= cidrEnd(vpc) &&
      !occupied.some((other) => other.start < candidate + needed && candidate < other.end);
    if (!fits) {
      const used = occupied.map((o) => `${o.tier} ${o.end - o.start}`).join(', ');
      problems.push({
        path: `network.subnets.${tier}`,
        message: `the ${tier} tier needs ${needed} addresses (${slots} AZ slots × /${spec.prefixLength}) but ${network.cidr} (${blockSize(vpc.prefixLength)} addresses${used ? `, already holding ${used}` : ''}) has no room left; use a larger VPC block or smaller subnets`,
      });
      continue;
    }
    occupied.push({ tier, start: candidate, end: candidate + needed });
    tiers.push({
      tier,
      prefixLength: spec.prefixLength,
      start: candidate,
      addresses: needed,
      slots,
      explicit: false,
    });
  }
  tiers.sort((a, b) => SUBNET_TIERS.indexOf(a.tier) - SUBNET_TIERS.indexOf(b.tier));
  return { vpc, tiers, problems };
}

/** The subnet of `tier` in the AZ with the given region slot. */
export function subnetCidr(tier: TierPlan, slot: number): string {
  return formatCidr({
    base: tier.start + slot * blockSize(tier.prefixLength),
    prefixLength: tier.prefixLength,
  });
}
