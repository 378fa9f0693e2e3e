/**
 * Exporters: the target in the shapes two implementations read as input.
 * - toTerraformVars → infra-terraform's `spec.auto.tfvars.json` (snake_case, maps keyed by stable names).
 * - toCloudFormationParameters → the parameter and tag files of packages/cloudformation's two stacks.
 */
import { SpecError } from './errors.js';
import { configuredTiers, planSubnetCidrs, publicAccessCidrs, templatePublicAccessCidrs } from './resolve.js';
import type { TargetSpec } from './schema.js';
import { releaseNamespaceSource } from './workloads.js';

export interface TerraformVars {
  name: string;
  region: string;
  availability_zones: string[];
  tags: Record<string, string>;
  vpc: {
    cidr: string;
    enable_dns_support: boolean;
    enable_dns_hostnames: boolean;
    nat_gateways: string;
    restrict_default_security_group: boolean;
    /** Tier → AZ → CIDR, from the spec's CIDR plan. */
    subnet_cidrs: Record<string, Record<string, string>>;
  };
  cluster: {
    name: string;
    version: string;
    endpoint_private_access: boolean;
    endpoint_public_access: boolean;
    public_access_cidrs: string[];
    log_types: string[];
    log_retention_days: number;
    /** The log group is kept on destroy (skip_destroy): cluster.logging.onDelete retain. */
    log_skip_destroy: boolean;
    authentication_mode: string;
    bootstrap_cluster_creator_admin_permissions: boolean;
    kms_key_rotation: boolean;
    kms_deletion_window_days: number;
    /** Add-on name → version (null: the EKS default). */
    addons: Record<string, { version: string | null }>;
    /** Principal ARN → entry; policies keyed by access policy name. */
    access_entries: Record<
      string,
      {
        kubernetes_groups: string[];
        policies: Record<string, { scope: 'cluster' | 'namespace'; namespaces: string[] }>;
      }
    >;
  };
  node_groups: Record<
    string,
    {
      instance_types: string[];
      capacity_type: string;
      min_size: number;
      desired_size: number;
      max_size: number;
      disk_size: number;
      ami_type: string;
      labels: Record<string, string>;
      taints: { key: string; value: string | null; effect: string }[];
      update: { max_unavailable: number | null; max_unavailable_percentage: number | null; force: boolean };
      propagate_tags_to: string[];
    }
  >;
  /** modules/workloads' inputs; null without workloads. */
  workloads: TerraformWorkloads | null;
  /** The Secret's values (a sensitive variable of their own, so a team can supply them apart). */
  workload_secrets: Record<string, string>;
}

export interface TerraformProbe {
  path: string;
  initial_delay_seconds: number;
  period_seconds: number;
  failure_threshold: number;
}

export interface TerraformWorkloads {
  namespace: string;
  app: {
    name: string;
    image: string;
    /** The container's command; null: the image's entrypoint. */
    command: string[] | null;
    replicas: number;
    port: number;
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    probes: { liveness: TerraformProbe; readiness: TerraformProbe };
    security_context: { run_as_user: number; run_as_group: number; read_only_root_filesystem: boolean };
    termination_grace_period_seconds: number;
    env: Record<string, string>;
    min_available: number;
    migration: { command: string[]; backoff_limit: number; active_deadline_seconds: number };
  };
  /** Keyed `namespace/name`. */
  helm_releases: Record<
    string,
    {
      name: string;
      chart: string;
      repository: string;
      version: string;
      namespace: string;
      create_namespace: boolean;
      values: string;
    }
  >;
}

function terraformProbe(
  probe: NonNullable<TargetSpec['workloads']>['app']['probes']['liveness'],
): TerraformProbe {
  return {
    path: probe.path,
    initial_delay_seconds: probe.initialDelaySeconds,
    period_seconds: probe.periodSeconds,
    failure_threshold: probe.failureThreshold,
  };
}

function terraformWorkloads(spec: TargetSpec): TerraformWorkloads | null {
  const workloads = spec.workloads;
  if (!workloads) return null;
  const { app } = workloads;
  const limits: Record<string, string> = { memory: app.resources.limits.memory };
  if (app.resources.limits.cpu !== undefined) limits.cpu = app.resources.limits.cpu;
  return {
    namespace: workloads.namespace,
    app: {
      name: app.name,
      image: app.image,
      command: app.command ? [...app.command] : null,
      replicas: app.replicas,
      port: app.port,
      resources: { requests: { ...app.resources.requests }, limits },
      probes: {
        liveness: terraformProbe(app.probes.liveness),
        readiness: terraformProbe(app.probes.readiness),
      },
      security_context: {
        run_as_user: app.securityContext.runAsUser,
        run_as_group: app.securityContext.runAsGroup,
        read_only_root_filesystem: app.securityContext.readOnlyRootFilesystem,
      },
      termination_grace_period_seconds: app.terminationGracePeriodSeconds,
      env: { ...app.env },
      min_available: app.disruptionBudget.minAvailable,
      migration: {
        command: [...app.migration.command],
        backoff_limit: app.migration.backoffLimit,
        active_deadline_seconds: app.migration.activeDeadlineSeconds,
      },
    },
    helm_releases: Object.fromEntries(
      workloads.helmReleases.map((release) => [
        `${release.namespace}/${release.name}`,
        {
          name: release.name,
          chart: release.chart,
          repository: release.repository,
          version: release.version,
          namespace: release.namespace,
          create_namespace: releaseNamespaceSource(workloads.namespace, release.namespace) === 'release',
          // A JSON document (valid YAML): the elements of a Terraform map share one type.
          values: JSON.stringify(release.values),
        },
      ]),
    ),
  };
}

export function toTerraformVars(spec: TargetSpec): TerraformVars {
  const cidrs = planSubnetCidrs(spec);
  const subnetCidrs = Object.fromEntries(configuredTiers(spec).map((tier) => [tier, { ...cidrs[tier] }]));
  const { cluster } = spec;
  return {
    name: spec.name,
    region: spec.region,
    availability_zones: [...spec.availabilityZones],
    tags: { ...spec.tags },
    vpc: {
      cidr: spec.network.cidr,
      enable_dns_support: spec.network.enableDnsSupport,
      enable_dns_hostnames: spec.network.enableDnsHostnames,
      nat_gateways: spec.network.natGateways,
      restrict_default_security_group: spec.network.restrictDefaultSecurityGroup,
      subnet_cidrs: subnetCidrs,
    },
    cluster: {
      name: cluster.name,
      version: cluster.version,
      endpoint_private_access: cluster.endpoint.privateAccess,
      endpoint_public_access: cluster.endpoint.publicAccess,
      public_access_cidrs: cluster.endpoint.publicAccess ? publicAccessCidrs(spec) : [],
      log_types: [...cluster.logging.types],
      log_retention_days: cluster.logging.retentionDays,
      log_skip_destroy: cluster.logging.onDelete === 'retain',
      authentication_mode: cluster.authenticationMode,
      bootstrap_cluster_creator_admin_permissions: cluster.bootstrapClusterCreatorAdminPermissions,
      kms_key_rotation: cluster.secretsEncryption.keyRotation,
      kms_deletion_window_days: cluster.secretsEncryption.keyDeletionWindowDays,
      addons: Object.fromEntries(
        cluster.addons.map((addon) => [addon.name, { version: addon.version ?? null }]),
      ),
      access_entries: Object.fromEntries(
        cluster.accessEntries.map((entry) => [
          entry.principalArn,
          {
            kubernetes_groups: [...entry.kubernetesGroups],
            policies: Object.fromEntries(
              entry.policies.map((association) => [
                association.policy,
                {
                  scope: association.scope.type,
                  namespaces: association.scope.type === 'namespace' ? [...association.scope.namespaces] : [],
                },
              ]),
            ),
          },
        ]),
      ),
    },
    node_groups: Object.fromEntries(
      spec.nodeGroups.map((group) => [
        group.name,
        {
          instance_types: [...group.instanceTypes],
          capacity_type: group.capacityType,
          min_size: group.minSize,
          desired_size: group.desiredSize,
          max_size: group.maxSize,
          disk_size: group.diskSize,
          ami_type: group.amiType,
          labels: { ...group.labels },
          taints: group.taints.map((taint) => ({
            key: taint.key,
            value: taint.value || null,
            effect: taint.effect,
          })),
          update: {
            max_unavailable: group.update.maxUnavailable ?? null,
            max_unavailable_percentage: group.update.maxUnavailablePercentage ?? null,
            force: group.update.force,
          },
          propagate_tags_to: [...group.propagateTagsTo],
        },
      ]),
    ),
    workloads: terraformWorkloads(spec),
    workload_secrets: { ...(spec.workloads?.app.secrets ?? {}) },
  };
}

/**
 * How many of each repeated thing the hand-written CloudFormation templates have room for. Raw
 * CloudFormation cannot loop over a parameter that pairs values (an AZ with its CIDR, a label key
 * with its value), so the templates have fixed slots switched on by Conditions.
 */
export const CLOUDFORMATION_SLOTS = {
  availabilityZones: { min: 2, max: 3 },
  nodeGroups: 3,
  labelsPerNodeGroup: 3,
  taintsPerNodeGroup: 2,
  accessEntries: 2,
  policiesPerAccessEntry: 1,
  /** Tags the launch templates give instances, volumes and network interfaces (stack tags do not reach them). */
  tags: 5,
} as const;

export interface CloudFormationParameterSet {
  /** Parameters of the network stack, by name. */
  network: Record<string, string>;
  /** Parameters of the cluster stack, by name. */
  cluster: Record<string, string>;
  /** Stack tags: CloudFormation propagates them to every resource that takes tags. */
  tags: Record<string, string>;
  /** The stack names the parameters assume (the cluster stack imports the network stack's exports). */
  stackNames: { network: string; cluster: string };
}

const flag = (value: boolean): string => (value ? 'true' : 'false');

/** Throws SPEC_OUTSIDE_ENVELOPE naming every slot the target overflows. */
export function checkCloudFormationSlots(spec: TargetSpec): void {
  const over: { path: string; message: string }[] = [];
  const limit = (path: string, count: number, max: number, what: string) => {
    if (count > max)
      over.push({ path, message: `${count} ${what}; the CloudFormation templates have room for ${max}` });
  };
  const azs = CLOUDFORMATION_SLOTS.availabilityZones;
  limit('availabilityZones', spec.availabilityZones.length, azs.max, 'availability zones');
  limit('nodeGroups', spec.nodeGroups.length, CLOUDFORMATION_SLOTS.nodeGroups, 'node groups');
  limit('tags', Object.keys(spec.tags).length, CLOUDFORMATION_SLOTS.tags, 'tags');
  spec.nodeGroups.forEach((group, index) => {
    limit(
      `nodeGroups[${index}].labels`,
      Object.keys(group.labels).length,
      CLOUDFORMATION_SLOTS.labelsPerNodeGroup,
      'labels',
    );
    limit(
      `nodeGroups[${index}].taints`,
      group.taints.length,
      CLOUDFORMATION_SLOTS.taintsPerNodeGroup,
      'taints',
    );
  });
  limit(
    'cluster.accessEntries',
    spec.cluster.accessEntries.length,
    CLOUDFORMATION_SLOTS.accessEntries,
    'access entries',
  );
  spec.cluster.accessEntries.forEach((entry, index) => {
    limit(
      `cluster.accessEntries[${index}].policies`,
      entry.policies.length,
      CLOUDFORMATION_SLOTS.policiesPerAccessEntry,
      'access policies',
    );
  });
  if (over.length > 0) throw new SpecError('SPEC_OUTSIDE_ENVELOPE', over);
}

/**
 * The key an unused label slot carries (the template's default for that slot). Alphanumeric:
 * Fn::ForEach output keys must be (RFC 0009 of cfn-language-discussion).
 */
export function unusedLabelKey(slot: number): string {
  return `unused${slot}`;
}

const policyOf = (behaviour: 'delete' | 'retain'): string => (behaviour === 'retain' ? 'Retain' : 'Delete');

const ADDON_PARAMETERS: Record<string, string> = {
  'vpc-cni': 'VpcCni',
  'kube-proxy': 'KubeProxy',
  coredns: 'CoreDns',
  'eks-pod-identity-agent': 'PodIdentityAgent',
};

export function toCloudFormationParameters(spec: TargetSpec): CloudFormationParameterSet {
  checkCloudFormationSlots(spec);
  const cidrs = planSubnetCidrs(spec);
  const cidrList = (tier: 'public' | 'private' | 'intra') =>
    spec.network.subnets[tier] ? spec.availabilityZones.map((az) => cidrs[tier][az]!).join(',') : '';
  const stackNames = { network: `${spec.name}-network`, cluster: `${spec.name}-cluster` };
  const network: Record<string, string> = {
    AvailabilityZones: spec.availabilityZones.join(','),
    NumberOfAzs: String(spec.availabilityZones.length),
    VpcCidr: spec.network.cidr,
    EnableDnsSupport: flag(spec.network.enableDnsSupport),
    EnableDnsHostnames: flag(spec.network.enableDnsHostnames),
    NatGateways: spec.network.natGateways,
    RestrictDefaultSecurityGroup: flag(spec.network.restrictDefaultSecurityGroup),
    PublicSubnetCidrs: cidrList('public'),
    PrivateSubnetCidrs: cidrList('private'),
    IntraSubnetCidrs: cidrList('intra'),
  };
  const { cluster } = spec;
  const parameters: Record<string, string> = {
    NetworkStackName: stackNames.network,
    ClusterName: cluster.name,
    KubernetesVersion: cluster.version,
    EndpointPrivateAccess: flag(cluster.endpoint.privateAccess),
    EndpointPublicAccess: flag(cluster.endpoint.publicAccess),
    // Always a list: CloudFormation requires PublicAccessCidrs to stay once set (templatePublicAccessCidrs).
    PublicAccessCidrs: templatePublicAccessCidrs(spec).join(','),
    LogApi: flag(cluster.logging.types.includes('api')),
    LogAudit: flag(cluster.logging.types.includes('audit')),
    LogAuthenticator: flag(cluster.logging.types.includes('authenticator')),
    LogControllerManager: flag(cluster.logging.types.includes('controllerManager')),
    LogScheduler: flag(cluster.logging.types.includes('scheduler')),
    LogRetentionDays: String(cluster.logging.retentionDays),
    AuthenticationMode: cluster.authenticationMode,
    BootstrapClusterCreatorAdminPermissions: flag(cluster.bootstrapClusterCreatorAdminPermissions),
    KeyRotation: flag(cluster.secretsEncryption.keyRotation),
    KeyDeletionWindowDays: String(cluster.secretsEncryption.keyDeletionWindowDays),
    KeyDeletionPolicy: policyOf(cluster.secretsEncryption.onDelete),
    LogGroupDeletionPolicy: policyOf(cluster.logging.onDelete),
  };
  const tags = Object.entries(spec.tags);
  for (let slot = 1; slot <= CLOUDFORMATION_SLOTS.tags; slot++) {
    const [key, value] = tags[slot - 1] ?? ['', ''];
    parameters[`Tag${slot}Key`] = key;
    parameters[`Tag${slot}Value`] = value;
  }
  for (const [addonName, prefix] of Object.entries(ADDON_PARAMETERS)) {
    const addon = cluster.addons.find((candidate) => candidate.name === addonName);
    if (addonName === 'eks-pod-identity-agent')
      parameters.PodIdentityAgentEnabled = flag(addon !== undefined);
    parameters[`${prefix}Version`] = addon?.version ?? '';
  }
  for (let slot = 1; slot <= CLOUDFORMATION_SLOTS.accessEntries; slot++) {
    const entry = cluster.accessEntries[slot - 1];
    const association = entry?.policies[0];
    const prefix = `AccessEntry${slot}`;
    parameters[`${prefix}PrincipalArn`] = entry?.principalArn ?? '';
    parameters[`${prefix}KubernetesGroups`] = entry?.kubernetesGroups.join(',') ?? '';
    parameters[`${prefix}Policy`] = association?.policy ?? '';
    parameters[`${prefix}PolicyScope`] = association?.scope.type ?? 'cluster';
    parameters[`${prefix}PolicyNamespaces`] =
      association?.scope.type === 'namespace' ? association.scope.namespaces.join(',') : '';
  }
  for (let slot = 1; slot <= CLOUDFORMATION_SLOTS.nodeGroups; slot++) {
    const group = spec.nodeGroups[slot - 1];
    const prefix = `NodeGroup${slot}`;
    parameters[`${prefix}Name`] = group?.name ?? '';
    parameters[`${prefix}InstanceTypes`] = group?.instanceTypes.join(',') ?? '';
    parameters[`${prefix}CapacityType`] = group?.capacityType ?? 'ON_DEMAND';
    parameters[`${prefix}MinSize`] = String(group?.minSize ?? 0);
    parameters[`${prefix}DesiredSize`] = String(group?.desiredSize ?? 0);
    parameters[`${prefix}MaxSize`] = String(group?.maxSize ?? 1);
    parameters[`${prefix}DiskSize`] = String(group?.diskSize ?? 50);
    parameters[`${prefix}AmiType`] = group?.amiType ?? 'AL2023_x86_64_STANDARD';
    // 0 leaves the field out: the template sends the one of the two the target sets.
    parameters[`${prefix}MaxUnavailable`] = String(group?.update.maxUnavailable ?? 0);
    parameters[`${prefix}MaxUnavailablePercentage`] = String(group?.update.maxUnavailablePercentage ?? 0);
    parameters[`${prefix}ForceUpdate`] = flag(group?.update.force ?? false);
    parameters[`${prefix}TagInstances`] = flag(group?.propagateTagsTo.includes('instance') ?? false);
    parameters[`${prefix}TagVolumes`] = flag(group?.propagateTagsTo.includes('volume') ?? false);
    parameters[`${prefix}TagNetworkInterfaces`] = flag(
      group?.propagateTagsTo.includes('network-interface') ?? false,
    );
    const labels = Object.entries(group?.labels ?? {});
    for (let label = 1; label <= CLOUDFORMATION_SLOTS.labelsPerNodeGroup; label++) {
      // Unused slots carry a distinct placeholder key: Fn::ForEach turns each slot's key into an
      // object key, and two empty keys would collide; the template drops placeholder slots.
      const [key, value] = labels[label - 1] ?? [unusedLabelKey(label), ''];
      parameters[`${prefix}Label${label}Key`] = key;
      parameters[`${prefix}Label${label}Value`] = value;
    }
    for (let taint = 1; taint <= CLOUDFORMATION_SLOTS.taintsPerNodeGroup; taint++) {
      const item = group?.taints[taint - 1];
      parameters[`${prefix}Taint${taint}Key`] = item?.key ?? '';
      parameters[`${prefix}Taint${taint}Value`] = item?.value ?? '';
      parameters[`${prefix}Taint${taint}Effect`] = item?.effect ?? 'NO_SCHEDULE';
    }
  }
  return { network, cluster: parameters, tags: { ...spec.tags }, stackNames };
}

/** The `--parameters file://…` form of `aws cloudformation create-stack`. */
export function toParameterList(
  parameters: Record<string, string>,
): { ParameterKey: string; ParameterValue: string }[] {
  return Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
    ParameterKey,
    ParameterValue,
  }));
}

/** The `--tags file://…` form. */
export function toTagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
