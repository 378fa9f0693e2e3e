/**
 * resolveTarget: a validated target → the explicit infrastructure it describes.
 */

import { planCidrs, subnetCidr } from './cidr-plan.js';
import {
  ADDON_ORDER,
  type AmiType,
  CLUSTER_ROLE_MANAGED_POLICIES,
  GATEWAY_ENDPOINT_SERVICES,
  INTERFACE_ENDPOINT_SERVICES,
  NODE_ROLE_MANAGED_POLICIES,
  SUBNET_TIERS,
  type SubnetTier,
} from './constants.js';
import { SpecError } from './errors.js';
import {
  type DefaultRoute,
  INFRASTRUCTURE_SCHEMA_VERSION,
  type Infrastructure,
  type NatGatewayPlan,
  type SubnetKey,
  type SubnetPlan,
  subnetKey,
  type Tags,
  type VpcEndpointPlan,
} from './infrastructure.js';
import { lookupRegion } from './regions.js';
import type { TargetSpec } from './schema.js';
import { resolveWorkloads } from './workloads.js';

/** The tag each tier carries so the AWS Load Balancer Controller can discover subnets. */
export const ELB_ROLE_TAGS: Readonly<Partial<Record<SubnetTier, Tags>>> = {
  public: { 'kubernetes.io/role/elb': '1' },
  private: { 'kubernetes.io/role/internal-elb': '1' },
};

/** Block device the node volume setting applies to, per AMI family. */
export function nodeVolumeDeviceName(amiType: AmiType): string {
  return amiType.startsWith('BOTTLEROCKET') ? '/dev/xvdb' : '/dev/xvda';
}

export function managedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

export function accessPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
}

export function kmsAliasName(clusterName: string): string {
  return `alias/${clusterName}-eks-secrets`;
}

export function clusterLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

/** The AZ whose public subnet holds the NAT gateway serving `availabilityZone`, or undefined with no NAT. */
export function natAvailabilityZoneFor(spec: TargetSpec, availabilityZone: string): string | undefined {
  switch (spec.network.natGateways) {
    case 'none':
      return undefined;
    case 'single':
      return spec.availabilityZones[0];
    case 'per-az':
      return availabilityZone;
  }
}

function defaultRouteFor(spec: TargetSpec, tier: SubnetTier, availabilityZone: string): DefaultRoute {
  if (tier === 'public') return { target: 'internet-gateway' };
  if (tier === 'intra') return { target: 'none' };
  const natAz = natAvailabilityZoneFor(spec, availabilityZone);
  return natAz === undefined ? { target: 'none' } : { target: 'nat-gateway', availabilityZone: natAz };
}

/** The tiers the target configures, in the canonical order public, private, intra. */
export function configuredTiers(spec: TargetSpec): SubnetTier[] {
  return (['public', 'private', 'intra'] as const).filter((tier) => spec.network.subnets[tier] !== undefined);
}

/** Where the control plane's ENIs go. */
export function clusterSubnetTier(spec: TargetSpec): SubnetTier {
  return spec.network.subnets.intra ? 'intra' : 'private';
}

/** Subnet CIDRs per tier, keyed by AZ, in the target's AZ order. Throws when the plan does not fit. */
export function planSubnetCidrs(spec: TargetSpec): Record<SubnetTier, Record<string, string>> {
  const region = lookupRegion(spec.region);
  if (!region)
    throw new SpecError('SPEC_INVALID', [{ path: 'region', message: `unknown region ${spec.region}` }]);
  const plan = planCidrs(spec.network, region.availabilityZones.length);
  if (plan.problems.length > 0) throw new SpecError('SPEC_INVALID', plan.problems);
  const result: Record<SubnetTier, Record<string, string>> = { public: {}, private: {}, intra: {} };
  for (const tier of plan.tiers) {
    for (const az of spec.availabilityZones) {
      const slot = region.availabilityZones.indexOf(az);
      if (slot < 0) {
        throw new SpecError('SPEC_INVALID', [
          { path: 'availabilityZones', message: `${az} is not an availability zone of ${spec.region}` },
        ]);
      }
      result[tier.tier][az] = subnetCidr(tier, slot);
    }
  }
  return result;
}

/** A tier whose subnets move only because another tier of the CIDR plan changed. */
export interface TierShift {
  readonly tier: SubnetTier;
  /** The first zone both targets use, with its subnet before and after. */
  readonly availabilityZone: string;
  readonly from: string;
  readonly to: string;
  /** The tiers whose size, block or presence changed. */
  readonly because: readonly SubnetTier[];
}

/**
 * The tiers a target change moves although their own settings stay: the CIDR plan places the tiers
 * it sizes itself one after another (largest first, packages/spec/README.md "The CIDR plan"), so a
 * new prefix length, block or tier moves every tier placed after it. AWS cannot move a subnet:
 * every tool replaces them. Nothing when the VPC block or the region changes (everything moves).
 */
export function tiersMovedByOthers(before: TargetSpec, after: TargetSpec): TierShift[] {
  if (before.region !== after.region || before.network.cidr !== after.network.cidr) return [];
  let from: Record<SubnetTier, Record<string, string>>;
  let to: Record<SubnetTier, Record<string, string>>;
  try {
    from = planSubnetCidrs(before);
    to = planSubnetCidrs(after);
  } catch {
    return [];
  }
  const tierOf = (spec: TargetSpec, tier: SubnetTier) => spec.network.subnets[tier];
  const changed = SUBNET_TIERS.filter((tier) => {
    const a = tierOf(before, tier);
    const b = tierOf(after, tier);
    return !a || !b ? a !== b : a.prefixLength !== b.prefixLength || a.cidr !== b.cidr;
  });
  if (changed.length === 0) return [];
  const shifts: TierShift[] = [];
  for (const tier of SUBNET_TIERS) {
    if (changed.includes(tier)) continue;
    const spec = tierOf(after, tier);
    if (!spec || spec.cidr !== undefined) continue;
    const zone = after.availabilityZones.find(
      (az) => from[tier][az] !== undefined && to[tier][az] !== undefined,
    );
    if (!zone || from[tier][zone] === to[tier][zone]) continue;
    shifts.push({
      tier,
      availabilityZone: zone,
      from: from[tier][zone]!,
      to: to[tier][zone]!,
      because: changed,
    });
  }
  return shifts;
}

export function resolveTarget(spec: TargetSpec): Infrastructure {
  const region = lookupRegion(spec.region);
  if (!region)
    throw new SpecError('SPEC_INVALID', [{ path: 'region', message: `unknown region ${spec.region}` }]);
  const partition = region.partition;
  const common: Tags = { ...spec.tags };
  const cidrs = planSubnetCidrs(spec);
  const tiers = configuredTiers(spec);
  const keysOf = (tier: SubnetTier): SubnetKey[] => spec.availabilityZones.map((az) => subnetKey(tier, az));

  const subnets: SubnetPlan[] = tiers.flatMap((tier) =>
    spec.availabilityZones.map((az) => ({
      key: subnetKey(tier, az),
      tier,
      availabilityZone: az,
      cidr: cidrs[tier][az]!,
      mapPublicIpOnLaunch: tier === 'public',
      defaultRoute: defaultRouteFor(spec, tier, az),
      tags: { ...common, ...ELB_ROLE_TAGS[tier] },
    })),
  );

  const natZones =
    spec.network.natGateways === 'none'
      ? []
      : spec.network.natGateways === 'single'
        ? spec.availabilityZones.slice(0, 1)
        : [...spec.availabilityZones];
  const natGateways: NatGatewayPlan[] = natZones.map((az) => ({
    availabilityZone: az,
    subnet: subnetKey('public', az),
    tags: { ...common },
  }));

  const vpcEndpoints: VpcEndpointPlan[] =
    spec.network.natGateways === 'none'
      ? [
          ...GATEWAY_ENDPOINT_SERVICES.map((service) => ({
            service,
            type: 'Gateway' as const,
            subnets: keysOf('private'),
            privateDnsEnabled: false,
            allowsHttpsFromVpc: false,
          })),
          ...INTERFACE_ENDPOINT_SERVICES.map((service) => ({
            service,
            type: 'Interface' as const,
            subnets: keysOf('private'),
            privateDnsEnabled: true,
            allowsHttpsFromVpc: true,
          })),
        ]
      : [];

  const { cluster } = spec;
  return {
    schemaVersion: INFRASTRUCTURE_SCHEMA_VERSION,
    name: spec.name,
    account: spec.account,
    region: spec.region,
    partition,
    availabilityZones: [...spec.availabilityZones],
    natStrategy: spec.network.natGateways,
    vpc: {
      cidr: spec.network.cidr,
      enableDnsSupport: spec.network.enableDnsSupport,
      enableDnsHostnames: spec.network.enableDnsHostnames,
      restrictDefaultSecurityGroup: spec.network.restrictDefaultSecurityGroup,
      tags: { ...common },
    },
    internetGateway: { tags: { ...common } },
    subnets,
    natGateways,
    vpcEndpoints,
    kmsKey: {
      alias: kmsAliasName(cluster.name),
      enableKeyRotation: cluster.secretsEncryption.keyRotation,
      deletionWindowDays: cluster.secretsEncryption.keyDeletionWindowDays,
      onDelete: cluster.secretsEncryption.onDelete,
      tags: { ...common },
    },
    logGroup: {
      name: clusterLogGroupName(cluster.name),
      retentionDays: cluster.logging.retentionDays,
      onDelete: cluster.logging.onDelete,
      createdBeforeCluster: true,
      tags: { ...common },
    },
    clusterRole: {
      servicePrincipal: 'eks.amazonaws.com',
      managedPolicyArns: CLUSTER_ROLE_MANAGED_POLICIES.map((name) => managedPolicyArn(partition, name)),
      tags: { ...common },
    },
    nodeRole: {
      servicePrincipal: 'ec2.amazonaws.com',
      managedPolicyArns: NODE_ROLE_MANAGED_POLICIES.map((name) => managedPolicyArn(partition, name)),
      tags: { ...common },
    },
    cluster: {
      name: cluster.name,
      version: cluster.version,
      subnets: keysOf(clusterSubnetTier(spec)),
      endpointPrivateAccess: cluster.endpoint.privateAccess,
      endpointPublicAccess: cluster.endpoint.publicAccess,
      publicAccessCidrs: cluster.endpoint.publicAccess ? publicAccessCidrs(spec) : [],
      logging: [...cluster.logging.types],
      secretsEncryption: { resources: ['secrets'] },
      authenticationMode: cluster.authenticationMode,
      bootstrapClusterCreatorAdminPermissions: cluster.bootstrapClusterCreatorAdminPermissions,
      bootstrapSelfManagedAddons: false,
      tags: { ...common },
    },
    addons: cluster.addons.map((addon) => ({
      name: addon.name,
      version: addon.version ?? null,
      resolveConflicts: 'OVERWRITE' as const,
      order: ADDON_ORDER[addon.name],
      tags: { ...common },
    })),
    accessEntries: cluster.accessEntries.map((entry) => ({
      principalArn: entry.principalArn,
      type: 'STANDARD' as const,
      kubernetesGroups: [...entry.kubernetesGroups],
      policies: entry.policies.map((association) => ({
        policy: association.policy,
        policyArn: accessPolicyArn(partition, association.policy),
        scope:
          association.scope.type === 'cluster'
            ? { type: 'cluster' as const }
            : { type: 'namespace' as const, namespaces: [...association.scope.namespaces] },
      })),
      tags: { ...common },
    })),
    nodeGroups: spec.nodeGroups.map((group) => ({
      name: group.name,
      instanceTypes: [...group.instanceTypes],
      capacityType: group.capacityType,
      scaling: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
      amiType: group.amiType,
      labels: { ...group.labels },
      taints: group.taints.map((taint) => ({
        key: taint.key,
        value: taint.value || null,
        effect: taint.effect,
      })),
      subnets: keysOf('private'),
      launchTemplate: {
        httpTokens: 'required' as const,
        httpPutResponseHopLimit: 2,
        volume: {
          deviceName: nodeVolumeDeviceName(group.amiType),
          sizeGiB: group.diskSize,
          type: 'gp3' as const,
          encrypted: true,
        },
        // EC2 rejects a tag specification without tags ("The tags cannot be null or empty",
        // InvalidTagSpecification.Malformed: cfn-lint#975, terraform-provider-aws#13155): no tags, none.
        tagSpecifications:
          Object.keys(common).length === 0
            ? []
            : group.propagateTagsTo.map((resourceType) => ({ resourceType, tags: { ...common } })),
      },
      update: {
        maxUnavailable: group.update.maxUnavailable ?? null,
        maxUnavailablePercentage: group.update.maxUnavailablePercentage ?? null,
        force: group.update.force,
      },
      desiredSizeDrift: group.desiredSizeDrift,
      replacement: 'create-before-destroy' as const,
      waitsForPrivateEgress: true,
      tags: { ...common },
    })),
    workloads: resolveWorkloads(spec),
  };
}

/** The CIDRs allowed to reach the public endpoint; EKS's own default when the target gives none. */
export function publicAccessCidrs(spec: TargetSpec): string[] {
  return spec.cluster.endpoint.publicAccessCidrs ?? ['0.0.0.0/0'];
}

/**
 * What a CloudFormation-family template sends as `ResourcesVpcConfig.PublicAccessCidrs`: the
 * target's CIDRs with the public endpoint on, and EKS's own default (0.0.0.0/0, what EKS stores and
 * reports for a cluster created without any) with it off. Never nothing: "When updating a resource,
 * you must include these properties if the previous CloudFormation template of the resource had
 * them: EndpointPublicAccess, EndpointPrivateAccess, PublicAccessCidrs" (CloudFormation resource
 * reference, AWS::EKS::Cluster ResourcesVpcConfig), so a template that drops the list when the
 * public endpoint goes off cannot be deployed over one that had it. EKS accepts the list with the
 * public endpoint off (terraform-aws-modules/eks sends its default 0.0.0.0/0 to private-only
 * clusters); it only applies to the public endpoint, so it opens nothing.
 */
export function templatePublicAccessCidrs(spec: TargetSpec): string[] {
  return spec.cluster.endpoint.publicAccess ? publicAccessCidrs(spec) : ['0.0.0.0/0'];
}
