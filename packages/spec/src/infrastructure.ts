/**
 * `Infrastructure`: what the target builds, explicit and tool-neutral. `resolveTarget(spec)` returns
 * the expected one; the harness reconstructs an observed one from each implementation's artifact.
 * Topology choices that differ by tool on purpose (one route table per subnet or one per tier,
 * inline or separate attachments) are not part of it; their effect is (each subnet's default route).
 *
 * Subnets are identified by `subnetKey(tier, az)`; everything that points at subnets uses those keys.
 */
import type {
  AccessPolicyName,
  AddonName,
  AddonOrder,
  AmiType,
  AuthenticationMode,
  CapacityType,
  DeletionBehaviour,
  DesiredSizeDrift,
  LogType,
  NatStrategy,
  SubnetTier,
  TagPropagationTarget,
  TaintEffect,
} from './constants.js';
import type { WorkloadsPlan } from './workloads.js';

export const INFRASTRUCTURE_SCHEMA_VERSION = 1;

export type Tags = Record<string, string>;

export type SubnetKey = `${SubnetTier}/${string}`;

export function subnetKey(tier: SubnetTier, availabilityZone: string): SubnetKey {
  return `${tier}/${availabilityZone}`;
}

export type DefaultRoute =
  | { readonly target: 'internet-gateway' }
  | { readonly target: 'nat-gateway'; readonly availabilityZone: string }
  | { readonly target: 'none' };

export interface SubnetPlan {
  readonly key: SubnetKey;
  readonly tier: SubnetTier;
  readonly availabilityZone: string;
  readonly cidr: string;
  readonly mapPublicIpOnLaunch: boolean;
  readonly defaultRoute: DefaultRoute;
  readonly tags: Tags;
}

export interface NatGatewayPlan {
  readonly availabilityZone: string;
  /** The public subnet the gateway sits in. */
  readonly subnet: SubnetKey;
  /** Tags of the gateway and of its Elastic IP. */
  readonly tags: Tags;
}

export interface VpcEndpointPlan {
  readonly service: string;
  readonly type: 'Gateway' | 'Interface';
  /** Interface endpoints: the subnets holding their ENIs. Gateway endpoints: subnets whose route tables carry the route. */
  readonly subnets: readonly SubnetKey[];
  readonly privateDnsEnabled: boolean;
  /** Interface endpoints accept HTTPS from the whole VPC block. */
  readonly allowsHttpsFromVpc: boolean;
}

export interface RolePlan {
  readonly servicePrincipal: string;
  readonly managedPolicyArns: readonly string[];
  readonly tags: Tags;
}

export interface AccessPolicyPlan {
  readonly policyArn: string;
  readonly policy: AccessPolicyName;
  readonly scope:
    | { readonly type: 'cluster' }
    | { readonly type: 'namespace'; readonly namespaces: readonly string[] };
}

export interface AccessEntryPlan {
  readonly principalArn: string;
  readonly type: 'STANDARD';
  readonly kubernetesGroups: readonly string[];
  readonly policies: readonly AccessPolicyPlan[];
  readonly tags: Tags;
}

export interface AddonPlan {
  readonly name: AddonName;
  /** null: EKS picks its default version for the cluster's Kubernetes version. */
  readonly version: string | null;
  readonly resolveConflicts: 'OVERWRITE';
  /** Order relative to the node groups (see ADDON_ORDER). */
  readonly order: AddonOrder;
  readonly tags: Tags;
}

export interface ClusterPlan {
  readonly name: string;
  readonly version: string;
  /** Where the control plane's ENIs go: the intra tier when there is one, else the private tier. */
  readonly subnets: readonly SubnetKey[];
  readonly endpointPrivateAccess: boolean;
  readonly endpointPublicAccess: boolean;
  /** Empty when the public endpoint is off. */
  readonly publicAccessCidrs: readonly string[];
  readonly logging: readonly LogType[];
  readonly secretsEncryption: { readonly resources: readonly ['secrets'] };
  readonly authenticationMode: AuthenticationMode;
  readonly bootstrapClusterCreatorAdminPermissions: boolean;
  readonly bootstrapSelfManagedAddons: false;
  readonly tags: Tags;
}

export interface LaunchTemplatePlan {
  readonly httpTokens: 'required';
  readonly httpPutResponseHopLimit: number;
  readonly volume: {
    readonly deviceName: string;
    readonly sizeGiB: number;
    readonly type: 'gp3';
    readonly encrypted: boolean;
  };
  /** What the launch template tags, with which tags (the target's). */
  readonly tagSpecifications: readonly { readonly resourceType: TagPropagationTarget; readonly tags: Tags }[];
}

export interface NodeGroupUpdatePlan {
  /** Exactly one of the two is set. */
  readonly maxUnavailable: number | null;
  readonly maxUnavailablePercentage: number | null;
  readonly force: boolean;
}

export interface TaintPlan {
  readonly key: string;
  readonly value: string | null;
  readonly effect: TaintEffect;
}

export interface NodeGroupPlan {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly capacityType: CapacityType;
  readonly scaling: { readonly minSize: number; readonly desiredSize: number; readonly maxSize: number };
  readonly amiType: AmiType;
  readonly labels: Tags;
  readonly taints: readonly TaintPlan[];
  readonly subnets: readonly SubnetKey[];
  readonly launchTemplate: LaunchTemplatePlan;
  readonly update: NodeGroupUpdatePlan;
  /** What the next deploy does to a desired size changed outside the tool. */
  readonly desiredSizeDrift: DesiredSizeDrift;
  /**
   * How a replacement of the group happens: the new group is created (with a generated or
   * prefixed name) before the old one is deleted, so capacity never drops to zero.
   */
  readonly replacement: 'create-before-destroy';
  /**
   * Whether the group is created only after its nodes' way out exists: their subnets' NAT
   * default routes, or (without NAT) the VPC endpoints. Nodes that cannot reach EKS, ECR and STS
   * never join, and the node group fails after its timeout.
   */
  readonly waitsForPrivateEgress: boolean;
  readonly tags: Tags;
}

export interface Infrastructure {
  readonly schemaVersion: typeof INFRASTRUCTURE_SCHEMA_VERSION;
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly availabilityZones: readonly string[];
  readonly natStrategy: NatStrategy;
  readonly vpc: {
    readonly cidr: string;
    readonly enableDnsSupport: boolean;
    readonly enableDnsHostnames: boolean;
    /** Every rule is removed from the VPC's default security group. */
    readonly restrictDefaultSecurityGroup: boolean;
    readonly tags: Tags;
  };
  readonly internetGateway: { readonly tags: Tags };
  readonly subnets: readonly SubnetPlan[];
  readonly natGateways: readonly NatGatewayPlan[];
  readonly vpcEndpoints: readonly VpcEndpointPlan[];
  readonly kmsKey: {
    readonly alias: string;
    readonly enableKeyRotation: boolean;
    readonly deletionWindowDays: number;
    readonly onDelete: DeletionBehaviour;
    readonly tags: Tags;
  };
  readonly logGroup: {
    readonly name: string;
    readonly retentionDays: number;
    readonly onDelete: DeletionBehaviour;
    /**
     * The cluster waits for the group: EKS would otherwise create it first (without retention), and
     * on delete the group goes after the cluster (see docs/architecture.md, "the log group").
     */
    readonly createdBeforeCluster: true;
    readonly tags: Tags;
  };
  readonly clusterRole: RolePlan;
  readonly nodeRole: RolePlan;
  readonly cluster: ClusterPlan;
  readonly addons: readonly AddonPlan[];
  readonly accessEntries: readonly AccessEntryPlan[];
  readonly nodeGroups: readonly NodeGroupPlan[];
  /** What runs on the cluster: the exact Kubernetes objects and Helm releases; null without workloads. */
  readonly workloads: WorkloadsPlan | null;
}
