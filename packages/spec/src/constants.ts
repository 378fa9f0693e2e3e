/**
 * The vocabulary of the target: every enumerated value a target file may use.
 */

/**
 * Kubernetes versions a target may ask for. The newest is the newest that all three typed tool
 * libraries accept: aws-cdk-lib 2.276 names `KubernetesVersion.V1_37` (aws-eks-v2); the cdktf AWS
 * provider bindings and @pulumi/aws take the version as a free string. The oldest is the oldest
 * still in EKS extended support on 2026-11-28 (1.31 left it that month).
 */
export const KUBERNETES_VERSIONS = ['1.32', '1.33', '1.34', '1.35', '1.36', '1.37'] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = '1.37';

export const NAT_STRATEGIES = ['none', 'single', 'per-az'] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

export const SUBNET_TIERS = ['public', 'private', 'intra'] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** EKS control-plane log types, spelled as the EKS API and CloudFormation spell them. */
export const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** `CONFIG_MAP` alone is left out on purpose: access entries need one of these two. */
export const AUTHENTICATION_MODES = ['API', 'API_AND_CONFIG_MAP'] as const;
export type AuthenticationMode = (typeof AUTHENTICATION_MODES)[number];

export const CAPACITY_TYPES = ['ON_DEMAND', 'SPOT'] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];

export const AMI_TYPES = [
  'AL2023_x86_64_STANDARD',
  'AL2023_ARM_64_STANDARD',
  'BOTTLEROCKET_x86_64',
  'BOTTLEROCKET_ARM_64',
] as const;
export type AmiType = (typeof AMI_TYPES)[number];

export const TAINT_EFFECTS = ['NO_SCHEDULE', 'NO_EXECUTE', 'PREFER_NO_SCHEDULE'] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

/**
 * The EKS add-ons a target can install. The cluster is created with
 * `bootstrapSelfManagedAddons: false`, so vpc-cni, kube-proxy and coredns are required.
 */
export const ADDON_NAMES = ['vpc-cni', 'kube-proxy', 'coredns', 'eks-pod-identity-agent'] as const;
export type AddonName = (typeof ADDON_NAMES)[number];
export const REQUIRED_ADDONS: readonly AddonName[] = ['vpc-cni', 'kube-proxy', 'coredns'];

/**
 * When each add-on must be created relative to the node groups:
 * - before: every node group waits for it (nodes only become Ready once the CNI and kube-proxy run);
 * - after: it waits for at least one node group (a Deployment is only ACTIVE once nodes run it);
 * - any: no order needed (the pod identity agent is a DaemonSet that is ACTIVE with zero nodes).
 */
export type AddonOrder = 'before-node-groups' | 'after-node-groups' | 'any';
export const ADDON_ORDER: Readonly<Record<AddonName, AddonOrder>> = {
  'vpc-cni': 'before-node-groups',
  'kube-proxy': 'before-node-groups',
  coredns: 'after-node-groups',
  'eks-pod-identity-agent': 'any',
};

/** EKS access policies (cluster-access-policy ARNs) a target may associate. */
export const ACCESS_POLICIES = [
  'AmazonEKSClusterAdminPolicy',
  'AmazonEKSAdminPolicy',
  'AmazonEKSEditPolicy',
  'AmazonEKSViewPolicy',
] as const;
export type AccessPolicyName = (typeof ACCESS_POLICIES)[number];

/** AWS-managed policies attached to the two IAM roles (names; ARNs are built per partition). */
export const CLUSTER_ROLE_MANAGED_POLICIES = ['AmazonEKSClusterPolicy'] as const;
export const NODE_ROLE_MANAGED_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryReadOnly',
] as const;

/**
 * With `natGateways: none` the private subnets have no route to the internet, so nodes reach AWS
 * through VPC endpoints: S3 (gateway, for ECR layers) and these interface endpoints (EC2 for the
 * VPC CNI, ECR for images, STS for IAM roles, eks-auth for EKS Pod Identity).
 */
export const INTERFACE_ENDPOINT_SERVICES = ['ec2', 'ecr.api', 'ecr.dkr', 'sts', 'eks-auth'] as const;
export const GATEWAY_ENDPOINT_SERVICES = ['s3'] as const;

/** AWS allows 50 tags per resource; tools add up to two of their own (Name, ELB role). */
export const MAX_TARGET_TAGS = 48;

/** What deleting the stack (or destroying the configuration) does to a resource. */
export const DELETION_BEHAVIOURS = ['delete', 'retain'] as const;
export type DeletionBehaviour = (typeof DELETION_BEHAVIOURS)[number];

/** What a launch template's tag specifications tag with the target's tags. */
export const TAG_PROPAGATION_TARGETS = ['instance', 'volume', 'network-interface'] as const;
export type TagPropagationTarget = (typeof TAG_PROPAGATION_TARGETS)[number];

/** What the next deploy does to a node group's desired size changed outside the tool. */
export const DESIRED_SIZE_DRIFT = ['keep', 'revert'] as const;
export type DesiredSizeDrift = (typeof DESIRED_SIZE_DRIFT)[number];
