/**
 * What a change of the target's CIDR plan does beyond the tier it names: the spec places the tiers
 * it sizes itself one after another (packages/spec/README.md, "The CIDR plan"), so a new prefix
 * length moves every tier placed after it, and AWS cannot move a subnet — every tool replaces them
 * (and fails where it creates the new subnet over the old range first). A plan says which tiers
 * move only because of another, so the replacements are no surprise (review 18).
 */
import { type TargetSpec, tiersMovedByOthers } from '@iac-compare/spec';

export function cidrPlanNotes(before: TargetSpec, after: TargetSpec): string[] {
  return tiersMovedByOthers(before, after).map(
    (shift) =>
      `the ${shift.tier} subnets move (${shift.from} → ${shift.to} in ${shift.availabilityZone}) although network.subnets.${shift.tier} did not change: the CIDR plan places the tiers it sizes one after another, and network.subnets.${shift.because.join(', ')} changed. AWS cannot move a subnet, so every tool replaces them; give the tier its block in network.subnets.${shift.tier}.cidr where an aligned block holds it, or plan a subnet size change as a new network`,
  );
}
