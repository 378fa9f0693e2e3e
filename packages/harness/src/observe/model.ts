/**
 * The infrastructure observed in an inventory: the shape `resolveTarget(spec)` returns, with leaves
 * that may be Unknown, and keyed collections (subnets by `tier/az`, node groups by name …) so that
 * expected and observed line up. `fromExpected` puts the spec's Infrastructure in the same shape.
 */
import type { Infrastructure } from '@iac-compare/spec';
import type { Value } from '../model/value.js';
import { expectedWorkloads, type ObservedWorkloads } from './workloads.js';

/** A resource the model read, as which item (`subnet[private/eu-west-1a]`, `clusterRole` …). */
export interface Claim {
  readonly address: string;
  readonly identity: string;
  /** An equivalent form folded into the item (a policy attachment into its role). */
  readonly part?: true;
}

export interface ObservedRole {
  readonly servicePrincipals: Value;
  readonly managedPolicyArns: Value;
  readonly tags: Value;
}

export interface ObservedLaunchTemplate {
  readonly httpTokens: Value;
  readonly httpPutResponseHopLimit: Value;
  readonly volume: {
    readonly deviceName: Value;
    readonly sizeGiB: Value;
    readonly type: Value;
    readonly encrypted: Value;
  } | null;
  /** Resource type (instance, volume …) → the tags the template gives it. */
  readonly tagSpecifications: Value;
}

export interface ObservedInfrastructure {
  readonly vpc: {
    readonly cidr: Value;
    readonly enableDnsSupport: Value;
    readonly enableDnsHostnames: Value;
    readonly restrictDefaultSecurityGroup: Value;
    readonly tags: Value;
  } | null;
  readonly internetGateway: { readonly attached: Value; readonly tags: Value } | null;
  /** Keyed `tier/az`. */
  readonly subnets: Readonly<
    Record<
      string,
      {
        readonly cidr: Value;
        readonly mapPublicIpOnLaunch: Value;
        readonly defaultRoute: Value;
        readonly tags: Value;
      }
    >
  >;
  /** Keyed by AZ. */
  readonly natGateways: Readonly<
    Record<string, { readonly subnet: Value; readonly tags: Value; readonly eipTags: Value }>
  >;
  /** Keyed by service (ec2, s3 …). */
  readonly vpcEndpoints: Readonly<
    Record<
      string,
      {
        readonly type: Value;
        readonly subnets: Value;
        readonly privateDnsEnabled: Value;
        readonly allowsHttpsFromVpc: Value;
      }
    >
  >;
  readonly kmsKey: {
    readonly alias: Value;
    readonly enableKeyRotation: Value;
    readonly deletionWindowDays: Value;
    readonly onDelete: Value;
    readonly tags: Value;
  } | null;
  readonly logGroup: {
    readonly name: Value;
    readonly retentionDays: Value;
    readonly onDelete: Value;
    readonly createdBeforeCluster: Value;
    readonly tags: Value;
  } | null;
  readonly clusterRole: ObservedRole | null;
  readonly nodeRole: ObservedRole | null;
  readonly cluster: {
    readonly name: Value;
    readonly version: Value;
    readonly subnets: Value;
    readonly endpointPrivateAccess: Value;
    readonly endpointPublicAccess: Value;
    readonly publicAccessCidrs: Value;
    readonly logging: Value;
    readonly secretsEncryption: Value;
    readonly authenticationMode: Value;
    readonly bootstrapClusterCreatorAdminPermissions: Value;
    readonly bootstrapSelfManagedAddons: Value;
    readonly tags: Value;
  } | null;
  /** Keyed by add-on name. */
  readonly addons: Readonly<
    Record<
      string,
      {
        readonly version: Value;
        readonly resolveConflicts: Value;
        readonly order: Value;
        readonly tags: Value;
      }
    >
  >;
  /** Keyed by principal ARN. */
  readonly accessEntries: Readonly<
    Record<
      string,
      {
        readonly type: Value;
        readonly kubernetesGroups: Value;
        readonly policies: Value;
        readonly tags: Value;
      }
    >
  >;
  /** Keyed by node group name. */
  readonly nodeGroups: Readonly<
    Record<
      string,
      {
        readonly instanceTypes: Value;
        readonly capacityType: Value;
        readonly scaling: Value;
        readonly amiType: Value;
        readonly labels: Value;
        readonly taints: Value;
        readonly subnets: Value;
        readonly usesNodeRole: Value;
        readonly launchTemplate: ObservedLaunchTemplate | null;
        readonly update: Value;
        readonly desiredSizeDrift: Value;
        readonly replacement: Value;
        readonly waitsForPrivateEgress: Value;
        readonly tags: Value;
      }
    >
  >;
  /** Things found that the model has no place for (a second VPC, a subnet whose AZ is unknown …). */
  /** What runs on the cluster; null when the inventory deploys nothing on it. */
  readonly workloads: ObservedWorkloads | null;
  readonly notes: readonly string[];
  /** Which resource the model read as which item (empty for the expected infrastructure). */
  readonly claims: readonly Claim[];
}

function sortedTaints(taints: Infrastructure['nodeGroups'][number]['taints']): Value {
  return [...taints]
    .map((taint) => ({ key: taint.key, value: taint.value, effect: taint.effect }))
    .sort((a, b) => `${a.key}:${a.effect}`.localeCompare(`${b.key}:${b.effect}`));
}

export function fromExpected(infra: Infrastructure): ObservedInfrastructure {
  const tags = (value: Record<string, string>): Value => ({ ...value });
  return {
    vpc: { ...infra.vpc, tags: tags(infra.vpc.tags) },
    internetGateway: { attached: true, tags: tags(infra.internetGateway.tags) },
    subnets: Object.fromEntries(
      infra.subnets.map((subnet) => [
        subnet.key,
        {
          cidr: subnet.cidr,
          mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
          defaultRoute:
            subnet.defaultRoute.target === 'nat-gateway'
              ? `nat-gateway/${subnet.defaultRoute.availabilityZone}`
              : subnet.defaultRoute.target,
          tags: tags(subnet.tags),
        },
      ]),
    ),
    natGateways: Object.fromEntries(
      infra.natGateways.map((nat) => [
        nat.availabilityZone,
        { subnet: nat.subnet, tags: tags(nat.tags), eipTags: tags(nat.tags) },
      ]),
    ),
    vpcEndpoints: Object.fromEntries(
      infra.vpcEndpoints.map((endpoint) => [
        endpoint.service,
        {
          type: endpoint.type,
          subnets: [...endpoint.subnets].sort(),
          privateDnsEnabled: endpoint.privateDnsEnabled,
          allowsHttpsFromVpc: endpoint.allowsHttpsFromVpc,
        },
      ]),
    ),
    kmsKey: { ...infra.kmsKey, tags: tags(infra.kmsKey.tags) },
    logGroup: { ...infra.logGroup, tags: tags(infra.logGroup.tags) },
    clusterRole: {
      servicePrincipals: [infra.clusterRole.servicePrincipal],
      managedPolicyArns: [...infra.clusterRole.managedPolicyArns].sort(),
      tags: tags(infra.clusterRole.tags),
    },
    nodeRole: {
      servicePrincipals: [infra.nodeRole.servicePrincipal],
      managedPolicyArns: [...infra.nodeRole.managedPolicyArns].sort(),
      tags: tags(infra.nodeRole.tags),
    },
    cluster: {
      name: infra.cluster.name,
      version: infra.cluster.version,
      subnets: [...infra.cluster.subnets].sort(),
      endpointPrivateAccess: infra.cluster.endpointPrivateAccess,
      endpointPublicAccess: infra.cluster.endpointPublicAccess,
      publicAccessCidrs: [...infra.cluster.publicAccessCidrs].sort(),
      logging: [...infra.cluster.logging].sort(),
      secretsEncryption: [...infra.cluster.secretsEncryption.resources],
      authenticationMode: infra.cluster.authenticationMode,
      bootstrapClusterCreatorAdminPermissions: infra.cluster.bootstrapClusterCreatorAdminPermissions,
      bootstrapSelfManagedAddons: infra.cluster.bootstrapSelfManagedAddons,
      tags: tags(infra.cluster.tags),
    },
    addons: Object.fromEntries(
      infra.addons.map((addon) => [
        addon.name,
        {
          version: addon.version,
          resolveConflicts: addon.resolveConflicts,
          order: addon.order,
          tags: tags(addon.tags),
        },
      ]),
    ),
    accessEntries: Object.fromEntries(
      infra.accessEntries.map((entry) => [
        entry.principalArn,
        {
          type: entry.type,
          kubernetesGroups: [...entry.kubernetesGroups].sort(),
          policies: entry.policies
            .map((policy): { policyArn: string; scope: Value } => ({
              policyArn: policy.policyArn,
              scope:
                policy.scope.type === 'cluster'
                  ? { type: 'cluster' }
                  : { type: 'namespace', namespaces: [...policy.scope.namespaces].sort() },
            }))
            .sort((a, b) => a.policyArn.localeCompare(b.policyArn)),
          tags: tags(entry.tags),
        },
      ]),
    ),
    nodeGroups: Object.fromEntries(
      infra.nodeGroups.map((group) => [
        group.name,
        {
          instanceTypes: [...group.instanceTypes],
          capacityType: group.capacityType,
          scaling: { ...group.scaling },
          amiType: group.amiType,
          labels: { ...group.labels },
          taints: sortedTaints(group.taints),
          subnets: [...group.subnets].sort(),
          usesNodeRole: true,
          launchTemplate: {
            httpTokens: group.launchTemplate.httpTokens,
            httpPutResponseHopLimit: group.launchTemplate.httpPutResponseHopLimit,
            volume: { ...group.launchTemplate.volume },
            tagSpecifications: Object.fromEntries(
              group.launchTemplate.tagSpecifications.map((specification) => [
                specification.resourceType,
                tags(specification.tags),
              ]),
            ),
          },
          update: { ...group.update },
          desiredSizeDrift: group.desiredSizeDrift,
          replacement: group.replacement,
          waitsForPrivateEgress: group.waitsForPrivateEgress,
          tags: tags(group.tags),
        },
      ]),
    ),
    workloads: expectedWorkloads(infra.workloads),
    notes: [],
    claims: [],
  };
}
