/**
 * Our own region → availability-zone table, so that validation, the CIDR plan, `Fn::GetAZs` and the
 * `aws_availability_zones` data source all work offline and agree with each other.
 *
 * AZ *names* are mapped to physical zones per account; the set of names a region offers is what
 * is listed here (as of 2026-11). Zones that only some older accounts see (ap-northeast-1b,
 * us-west-1c) are included so such accounts can name them. The index of a zone in its region's
 * list is its CIDR slot (see cidr-plan.ts), so the order here must never change; append only.
 */
export interface RegionInfo {
  readonly partition: 'aws';
  readonly availabilityZones: readonly string[];
}

function zones(region: string, letters: string): readonly string[] {
  return [...letters].map((letter) => `${region}${letter}`);
}

const TABLE: Record<string, string> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'abc',
  'us-west-2': 'abcd',
  'af-south-1': 'abc',
  'ap-east-1': 'abc',
  'ap-east-2': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-southeast-5': 'abc',
  'ap-southeast-7': 'abc',
  'ap-northeast-1': 'abcd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ca-central-1': 'abd',
  'ca-west-1': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'eu-north-1': 'abc',
  'il-central-1': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'mx-central-1': 'abc',
  'sa-east-1': 'abc',
};

export const REGIONS: Readonly<Record<string, RegionInfo>> = Object.freeze(
  Object.fromEntries(
    Object.entries(TABLE).map(([region, letters]) => [
      region,
      { partition: 'aws' as const, availabilityZones: zones(region, letters) },
    ]),
  ),
);

export function lookupRegion(region: string): RegionInfo | undefined {
  return Object.hasOwn(REGIONS, region) ? REGIONS[region] : undefined;
}

export function regionNames(): string[] {
  return Object.keys(REGIONS).sort();
}

/** DNS suffix of the partition, as `AWS::URLSuffix` and `data.aws_partition.dns_suffix` give it. */
export function urlSuffix(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}
