/**
 * Rules that relate several fields. Each section of the target is parsed on its own first, so a
 * malformed cluster section does not hide a problem in the node groups: every problem is reported.
 */

import { cidrContains, parseIpv4Cidr, parseNetworkCidr } from './cidr.js';
import { planCidrs } from './cidr-plan.js';
import { AMI_TYPES, MAX_TARGET_TAGS, REQUIRED_ADDONS } from './constants.js';
import { appendKey, type Problem } from './errors.js';
import { checkLabelKey, checkLabelValue, checkNamespace } from './kubernetes-names.js';
import { breaksLimit, LIMITS, MAX_NODE_GROUP_NAME } from './limits.js';
import { lookupRegion, regionNames } from './regions.js';
import {
  ADDON_VERSION_PATTERN,
  BOUNDS,
  ClusterSchema,
  type ClusterSpec,
  EKS_NAME_PATTERN,
  NetworkSchema,
  type NetworkSpec,
  NodeGroupSchema,
  type NodeGroupSpec,
  TARGET_NAME_PATTERN,
} from './schema.js';
import { didYouMean } from './suggest.js';
import { checkWorkloads } from './workloads-rules.js';
import { WorkloadsSchema, type WorkloadsSpec } from './workloads-schema.js';

/** The parts of a target that parsed, each on its own. */
export interface TargetSections {
  readonly name?: string;
  readonly region?: string;
  readonly availabilityZones?: readonly string[];
  readonly tags?: Record<string, string>;
  readonly network?: NetworkSpec;
  readonly cluster?: ClusterSpec;
  /** One entry per node group in the input; undefined where that group is malformed. */
  readonly nodeGroups?: readonly (NodeGroupSpec | undefined)[];
  readonly workloads?: WorkloadsSpec;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  return isRecord(value) && Object.values(value).every((item) => typeof item === 'string')
    ? (value as Record<string, string>)
    : undefined;
}

export function sectionsOf(input: unknown): TargetSections {
  if (!isRecord(input)) return {};
  const parseWith = <T>(
    schema: { safeParse(v: unknown): { success: boolean; data?: T } },
    value: unknown,
  ) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  return {
    name: typeof input.name === 'string' ? input.name : undefined,
    region: typeof input.region === 'string' ? input.region : undefined,
    availabilityZones: stringArray(input.availabilityZones),
    tags: input.tags === undefined ? {} : stringRecord(input.tags),
    network: parseWith<NetworkSpec>(NetworkSchema, input.network),
    cluster: parseWith<ClusterSpec>(ClusterSchema, input.cluster),
    nodeGroups: Array.isArray(input.nodeGroups)
      ? input.nodeGroups.map((group) => parseWith<NodeGroupSpec>(NodeGroupSchema, group))
      : undefined,
    workloads: parseWith<WorkloadsSpec>(WorkloadsSchema, input.workloads),
  };
}

const INSTANCE_TYPE =
  /^([a-z][a-z0-9-]*[0-9][a-z0-9-]*)\.(nano|micro|small|medium|large|xlarge|[1-9][0-9]*xlarge|metal|metal-[0-9]+xl)$/;
const GRAVITON_FAMILY = /^(a1|[a-z]+[0-9]+g[a-z0-9]*)$/;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const PRINCIPAL_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(
  (text) => parseNetworkCidr(text)!,
);

/** Whether an instance type is a Graviton (arm64) type; undefined when it is malformed. */
export function isArmInstanceType(instanceType: string): boolean | undefined {
  const match = INSTANCE_TYPE.exec(instanceType);
  return match ? GRAVITON_FAMILY.test(match[1]!) : undefined;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function checkName(name: string | undefined): Problem[] {
  if (name === undefined || TARGET_NAME_PATTERN.test(name)) return [];
  return [
    {
      path: 'name',
      message: `"${name}" must be 2-32 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen (it prefixes stack and resource names)`,
    },
  ];
}

function checkTags(tags: Record<string, string> | undefined): Problem[] {
  if (!tags) return [];
  const problems: Problem[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TARGET_TAGS) {
    problems.push({
      path: 'tags',
      message: `${keys.length} tags is too many: AWS allows 50 per resource and the tools add up to 2 (Name, ELB role), so a target may set at most ${MAX_TARGET_TAGS}`,
    });
  }
  for (const [key, value] of Object.entries(tags)) {
    const path = appendKey('tags', key);
    if (key.length < 1 || key.length > 128)
      problems.push({ path, message: 'tag keys must be 1-128 characters' });
    if (key.toLowerCase().startsWith('aws:')) {
      problems.push({ path, message: 'the "aws:" prefix is reserved for AWS; choose another key' });
    }
    if (!TAG_CHARACTERS.test(key)) {
      problems.push({ path, message: 'tag keys may hold letters, digits, spaces and _ . : / = + - @ only' });
    }
    if (value.length > 256) problems.push({ path, message: 'tag values must be at most 256 characters' });
    if (!TAG_CHARACTERS.test(value)) {
      problems.push({
        path,
        message: 'tag values may hold letters, digits, spaces and _ . : / = + - @ only',
      });
    }
  }
  return problems;
}

function checkAvailabilityZones(region: string | undefined, zones: readonly string[] | undefined): Problem[] {
  const problems: Problem[] = [];
  const info = region === undefined ? undefined : lookupRegion(region);
  if (region !== undefined && !info) {
    problems.push({
      path: 'region',
      message: `unknown region "${region}"${didYouMean(region, regionNames())}; known regions: ${regionNames().join(', ')}`,
    });
  }
  if (!zones) return problems;
  if (zones.length === 0) {
    problems.push({
      path: 'availabilityZones',
      message: 'list at least two availability zones (EKS needs two)',
    });
    return problems;
  }
  if (zones.length < 2) {
    problems.push({
      path: 'availabilityZones',
      message: 'EKS needs subnets in at least two availability zones; list at least two',
    });
  }
  for (const zone of duplicates(zones)) {
    problems.push({ path: 'availabilityZones', message: `${zone} is listed more than once` });
  }
  if (info) {
    zones.forEach((zone, index) => {
      if (!info.availabilityZones.includes(zone)) {
        problems.push({
          path: `availabilityZones[${index}]`,
          message: `${zone} is not an availability zone of ${region}${didYouMean(zone, info.availabilityZones)}; ${region} has ${info.availabilityZones.join(', ')}`,
        });
      }
    });
  }
  return problems;
}

function checkNetwork(network: NetworkSpec | undefined, region: string | undefined): Problem[] {
  if (!network) return [];
  const problems: Problem[] = [];
  const parsed = parseIpv4Cidr(network.cidr);
  if (!parsed) return problems;
  if (parsed.prefixLength < 16 || parsed.prefixLength > 28) {
    problems.push({
      path: 'network.cidr',
      message: `/${parsed.prefixLength} is outside the VPC range: a VPC block must be /16 to /28`,
    });
    return problems;
  }
  if (!parseNetworkCidr(network.cidr)) {
    problems.push({
      path: 'network.cidr',
      message: `${network.cidr} has host bits set; use its network address`,
    });
    return problems;
  }
  if (network.enableDnsHostnames && !network.enableDnsSupport) {
    problems.push({
      path: 'network.enableDnsHostnames',
      message: 'DNS hostnames need enableDnsSupport: true',
    });
  }
  const info = region === undefined ? undefined : lookupRegion(region);
  if (info) problems.push(...planCidrs(network, info.availabilityZones.length).problems);
  return problems;
}

function checkCluster(cluster: ClusterSpec | undefined, network: NetworkSpec | undefined): Problem[] {
  if (!cluster) return [];
  const problems: Problem[] = [];
  if (breaksLimit(LIMITS.eksClusterName, cluster.name)) {
    problems.push({
      path: 'cluster.name',
      message: `"${cluster.name}" is not a valid EKS cluster name: 1-100 letters, digits, hyphens or underscores, starting with a letter or digit`,
    });
  }
  const { keyDeletionWindowDays } = cluster.secretsEncryption;
  const window = BOUNDS.keyDeletionWindowDays;
  if (keyDeletionWindowDays < window.minimum || keyDeletionWindowDays > window.maximum) {
    problems.push({
      path: 'cluster.secretsEncryption.keyDeletionWindowDays',
      message: `must be ${window.minimum} to ${window.maximum} days (the KMS pending window)`,
    });
  }
  const { endpoint } = cluster;
  if (!endpoint.privateAccess && !endpoint.publicAccess) {
    problems.push({
      path: 'cluster.endpoint',
      message: 'turn on the private endpoint, the public one, or both',
    });
  }
  if (endpoint.publicAccessCidrs !== undefined) {
    if (!endpoint.publicAccess) {
      problems.push({
        path: 'cluster.endpoint.publicAccessCidrs',
        message:
          'public access CIDRs are set but publicAccess is false; remove them or turn public access on',
      });
    }
    if (endpoint.publicAccessCidrs.length === 0 || endpoint.publicAccessCidrs.length > 40) {
      problems.push({
        path: 'cluster.endpoint.publicAccessCidrs',
        message: 'EKS takes 1 to 40 public access CIDRs',
      });
    }
    endpoint.publicAccessCidrs.forEach((text, index) => {
      const path = `cluster.endpoint.publicAccessCidrs[${index}]`;
      const block = parseNetworkCidr(text);
      if (!block) {
        problems.push({ path, message: `${text} has host bits set; use its network address` });
      } else if (PRIVATE_RANGES.some((range) => cidrContains(range, block))) {
        problems.push({
          path,
          message: `${text} is a private range; the public endpoint only takes public CIDRs`,
        });
      }
    });
  }
  if (!endpoint.privateAccess) {
    const restricted = (endpoint.publicAccessCidrs ?? ['0.0.0.0/0']).join() !== '0.0.0.0/0';
    if (restricted || network?.natGateways === 'none') {
      problems.push({
        path: 'cluster.endpoint.privateAccess',
        message:
          'without the private endpoint, nodes reach the API server over the internet through NAT; that needs NAT gateways and publicAccessCidrs 0.0.0.0/0. Turn privateAccess on',
      });
    }
  }
  if (endpoint.privateAccess && network && !(network.enableDnsSupport && network.enableDnsHostnames)) {
    problems.push({
      path: 'network.enableDnsHostnames',
      message: 'the EKS private endpoint needs enableDnsSupport and enableDnsHostnames both true',
    });
  }
  for (const type of duplicates(cluster.logging.types)) {
    problems.push({ path: 'cluster.logging.types', message: `${type} is listed more than once` });
  }
  const addonNames = cluster.addons.map((addon) => addon.name);
  for (const name of duplicates(addonNames)) {
    problems.push({ path: 'cluster.addons', message: `add-on ${name} is listed more than once` });
  }
  for (const required of REQUIRED_ADDONS) {
    if (!addonNames.includes(required)) {
      problems.push({
        path: 'cluster.addons',
        message: `add ${required}: the cluster is created without self-managed add-ons, so nodes need the managed ${required}`,
      });
    }
  }
  cluster.addons.forEach((addon, index) => {
    if (addon.version !== undefined && !ADDON_VERSION_PATTERN.test(addon.version)) {
      problems.push({
        path: `cluster.addons[${index}].version`,
        message: `"${addon.version}" is not an EKS add-on build such as v1.19.2-eksbuild.1: EKS accepts only a version that describe-addon-versions lists, always with its -eksbuild.N suffix (kube-proxy also has -minimal-eksbuild.N); omit it for the EKS default`,
      });
    }
  });
  problems.push(...checkAccessEntries(cluster));
  return problems;
}

function checkAccessEntries(cluster: ClusterSpec): Problem[] {
  const problems: Problem[] = [];
  for (const arn of duplicates(cluster.accessEntries.map((entry) => entry.principalArn))) {
    problems.push({ path: 'cluster.accessEntries', message: `${arn} has more than one access entry` });
  }
  cluster.accessEntries.forEach((entry, index) => {
    const base = `cluster.accessEntries[${index}]`;
    if (!PRINCIPAL_ARN.test(entry.principalArn)) {
      problems.push({
        path: `${base}.principalArn`,
        message: `"${entry.principalArn}" is not an IAM role or user ARN such as arn:aws:iam::111122223333:role/admin`,
      });
    }
    entry.kubernetesGroups.forEach((group, groupIndex) => {
      if (group.startsWith('system:') || group.length === 0) {
        problems.push({
          path: `${base}.kubernetesGroups[${groupIndex}]`,
          message: `"${group}" cannot be used: EKS rejects empty groups and groups starting with "system:"`,
        });
      }
    });
    for (const policy of duplicates(entry.policies.map((association) => association.policy))) {
      problems.push({ path: `${base}.policies`, message: `${policy} is associated more than once` });
    }
    entry.policies.forEach((association, policyIndex) => {
      if (association.scope.type !== 'namespace') return;
      const path = `${base}.policies[${policyIndex}].scope.namespaces`;
      if (association.scope.namespaces.length === 0) {
        problems.push({ path, message: 'a namespace scope needs at least one namespace' });
      }
      association.scope.namespaces.forEach((namespace, nsIndex) => {
        const why = checkNamespace(namespace);
        if (why) problems.push({ path: `${path}[${nsIndex}]`, message: why });
      });
    });
  });
  return problems;
}

function checkNodeGroup(group: NodeGroupSpec, index: number): Problem[] {
  const base = `nodeGroups[${index}]`;
  const problems: Problem[] = [];
  if (group.name.length < 1 || !EKS_NAME_PATTERN.test(group.name)) {
    problems.push({
      path: `${base}.name`,
      message: `"${group.name}" is not a valid node group name: 1-${MAX_NODE_GROUP_NAME} letters, digits, hyphens or underscores, starting with a letter or digit`,
    });
  } else if (group.name.length > MAX_NODE_GROUP_NAME) {
    problems.push({
      path: `${base}.name`,
      message: `"${group.name}" is ${group.name.length} characters; at most ${MAX_NODE_GROUP_NAME}: Terraform and Pulumi name node groups with node_group_name_prefix "<name>-", which takes at most ${LIMITS.terraformNodeGroupNamePrefix.maxLength} (${LIMITS.terraformNodeGroupNamePrefix.source})`,
    });
  }
  const size = BOUNDS.nodeGroupSize;
  if (group.minSize < 0) problems.push({ path: `${base}.minSize`, message: 'must be 0 or more' });
  if (group.maxSize < 1) problems.push({ path: `${base}.maxSize`, message: 'must be at least 1' });
  for (const key of ['minSize', 'desiredSize', 'maxSize'] as const) {
    if (group[key] > size.maximum) {
      problems.push({
        path: `${base}.${key}`,
        message: `must be at most ${size.maximum} (the EKS quota of ${size.maximum} nodes per managed node group)`,
      });
    }
  }
  problems.push(...checkUpdate(group, base));
  if (!(group.minSize <= group.desiredSize && group.desiredSize <= group.maxSize)) {
    problems.push({
      path: `${base}.desiredSize`,
      message: `sizes must satisfy minSize <= desiredSize <= maxSize (got ${group.minSize} <= ${group.desiredSize} <= ${group.maxSize})`,
    });
  }
  if (group.diskSize < 20 || group.diskSize > 16384) {
    problems.push({
      path: `${base}.diskSize`,
      message: 'must be 20 to 16384 GiB (the AMI snapshot needs 20)',
    });
  }
  if (group.instanceTypes.length === 0 || group.instanceTypes.length > 20) {
    problems.push({ path: `${base}.instanceTypes`, message: 'list 1 to 20 instance types' });
  }
  for (const type of duplicates(group.instanceTypes)) {
    problems.push({ path: `${base}.instanceTypes`, message: `${type} is listed more than once` });
  }
  const wantsArm = group.amiType.includes('ARM_64');
  group.instanceTypes.forEach((type, typeIndex) => {
    const arm = isArmInstanceType(type);
    const path = `${base}.instanceTypes[${typeIndex}]`;
    if (arm === undefined) {
      problems.push({ path, message: `"${type}" is not an EC2 instance type such as m7i.large` });
    } else if (arm !== wantsArm) {
      const fitting = AMI_TYPES.filter((ami) => ami.includes('ARM_64') === arm).join(' or ');
      problems.push({
        path,
        message: `${type} is ${arm ? 'arm64 (Graviton)' : 'x86_64'} but amiType ${group.amiType} is ${wantsArm ? 'arm64' : 'x86_64'}; use ${fitting}, or ${arm ? 'x86_64' : 'Graviton'} instance types`,
      });
    }
  });
  for (const [key, value] of Object.entries(group.labels)) {
    const path = appendKey(`${base}.labels`, key);
    const why = checkLabelKey(key) ?? checkLabelValue(value);
    if (why) problems.push({ path, message: `label ${why}` });
  }
  if (group.taints.length > 50)
    problems.push({ path: `${base}.taints`, message: 'EKS allows at most 50 taints' });
  const taintIds = group.taints.map((taint) => `${taint.key}:${taint.effect}`);
  for (const id of duplicates(taintIds)) {
    problems.push({ path: `${base}.taints`, message: `taint ${id} is listed more than once` });
  }
  group.taints.forEach((taint, taintIndex) => {
    const why =
      checkLabelKey(taint.key) ?? (taint.value === undefined ? undefined : checkLabelValue(taint.value));
    if (why) problems.push({ path: `${base}.taints[${taintIndex}]`, message: `taint ${why}` });
  });
  return problems;
}

function checkUpdate(group: NodeGroupSpec, base: string): Problem[] {
  const problems: Problem[] = [];
  const { maxUnavailable, maxUnavailablePercentage } = group.update;
  const path = `${base}.update`;
  if ((maxUnavailable === undefined) === (maxUnavailablePercentage === undefined)) {
    problems.push({
      path,
      message: 'give exactly one of maxUnavailable and maxUnavailablePercentage (EKS takes one or the other)',
    });
  }
  for (const [key, value] of [
    ['maxUnavailable', maxUnavailable],
    ['maxUnavailablePercentage', maxUnavailablePercentage],
  ] as const) {
    const bound = BOUNDS[key];
    if (value !== undefined && (value < bound.minimum || value > bound.maximum)) {
      problems.push({ path: `${path}.${key}`, message: `must be ${bound.minimum} to ${bound.maximum}` });
    }
  }
  if (maxUnavailable !== undefined && maxUnavailable > group.maxSize) {
    problems.push({
      path: `${path}.maxUnavailable`,
      message: `${maxUnavailable} is more than the group's maxSize ${group.maxSize}`,
    });
  }
  for (const target of duplicates(group.propagateTagsTo)) {
    problems.push({ path: `${base}.propagateTagsTo`, message: `${target} is listed more than once` });
  }
  return problems;
}

function checkNodeGroups(groups: readonly (NodeGroupSpec | undefined)[] | undefined): Problem[] {
  if (!groups) return [];
  const problems: Problem[] = [];
  if (groups.length === 0) {
    problems.push({ path: 'nodeGroups', message: 'define at least one managed node group' });
  }
  const names = groups.flatMap((group) => (group ? [group.name] : []));
  for (const name of duplicates(names)) {
    problems.push({ path: 'nodeGroups', message: `node group name "${name}" is used more than once` });
  }
  groups.forEach((group, index) => {
    if (group) problems.push(...checkNodeGroup(group, index));
  });
  return problems;
}

/**
 * Terraform's and Pulumi's Kubernetes providers apply the workloads as the identity that runs the
 * deploy, so that identity needs cluster admin: an access entry with AmazonEKSClusterAdminPolicy
 * over the cluster, or the creator's bootstrap admin. Without one every object fails Unauthorized.
 */
function checkWorkloadAccess(
  workloads: WorkloadsSpec | undefined,
  cluster: ClusterSpec | undefined,
): Problem[] {
  if (!workloads || !cluster || cluster.bootstrapClusterCreatorAdminPermissions) return [];
  const admin = cluster.accessEntries.some((entry) =>
    entry.policies.some(
      (policy) => policy.policy === 'AmazonEKSClusterAdminPolicy' && policy.scope.type === 'cluster',
    ),
  );
  if (admin) return [];
  return [
    {
      path: 'workloads',
      message:
        'nothing can apply the workloads: give the identity that deploys (terraform apply, pulumi up) an access entry with AmazonEKSClusterAdminPolicy over the cluster, or set cluster.bootstrapClusterCreatorAdminPermissions',
    },
  ];
}

/**
 * Workloads need a way out of the VPC: the nodes pull the app's image and the charts' images from
 * public registries (docker.io, registry.k8s.io, ghcr.io), helm fetches charts from https or oci
 * repositories, and CDK's kubectl Lambda, in the private subnets, calls the EKS and Lambda APIs
 * and fetches the charts itself. With `natGateways: none` the private subnets reach only S3, EC2,
 * ECR, STS and EKS Auth through VPC endpoints, so every tool's deploy would hang on ImagePullBackOff
 * or a chart download. Rejected, with the way out, rather than deployed to fail.
 */
function checkWorkloadEgress(
  workloads: WorkloadsSpec | undefined,
  network: NetworkSpec | undefined,
): Problem[] {
  if (!workloads || network?.natGateways !== 'none') return [];
  return [
    {
      path: 'network.natGateways',
      message:
        "workloads need a route out of the VPC: without NAT the nodes cannot pull public images (docker.io, registry.k8s.io), helm cannot fetch charts, and CDK's kubectl Lambda cannot reach the EKS API or the chart repositories (the VPC endpoints cover S3, EC2, ECR, STS and EKS Auth only). Use natGateways single or per-az, or leave workloads out and deploy them from a private registry after the cluster",
    },
  ];
}

export function checkRules(sections: TargetSections): Problem[] {
  return [
    ...checkName(sections.name),
    ...checkTags(sections.tags),
    ...checkAvailabilityZones(sections.region, sections.availabilityZones),
    ...checkNetwork(sections.network, sections.region),
    ...checkCluster(sections.cluster, sections.network),
    ...checkNodeGroups(sections.nodeGroups),
    ...checkWorkloads(sections.workloads),
    ...checkWorkloadAccess(sections.workloads, sections.cluster),
    ...checkWorkloadEgress(sections.workloads, sections.network),
  ];
}
