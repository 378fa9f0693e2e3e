/**
 * What EKS accepts, whatever the tool: version steps, subnets that stay in the cluster's VPC and
 * AZs, node group sizes the API validates together, and the endpoint settings CloudFormation wants
 * kept. Each rule names its source.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import { valueAt } from './diff.js';
import { addFailure, addNote, changing, type Draft, type PlanContext } from './draft.js';

/** `1.37` → [1, 37]; undefined for anything else. */
function minorVersion(value: unknown): [number, number] | undefined {
  const match = typeof value === 'string' ? /^(\d+)\.(\d+)$/.exec(value) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * EKS version rules (EKS User Guide, "Update existing cluster to new Kubernetes version"): an
 * in-place update goes one minor version up at a time and never down; a managed node group's
 * version cannot be newer than its cluster's.
 */
export function versionFailure(
  resource: InventoryResource,
  before: unknown,
  after: unknown,
  clusterVersion?: unknown,
): string | undefined {
  const from = minorVersion(before);
  const to = minorVersion(after);
  if (resource.kind === 'eks-cluster' && from && to) {
    if (to[0] !== from[0] || to[1] < from[1]) {
      return `Kubernetes ${String(before)} → ${String(after)} is a downgrade: EKS cannot downgrade a cluster in place (an upgrade can only be rolled back, where EKS offers it, within 7 days)`;
    }
    if (to[1] > from[1] + 1) {
      return `Kubernetes ${String(before)} → ${String(after)} skips a version: EKS updates a cluster one minor version at a time (${from[0]}.${from[1] + 1} first)`;
    }
  }
  const cluster = minorVersion(clusterVersion);
  if (resource.kind === 'eks-node-group' && to && cluster && (to[0] > cluster[0] || to[1] > cluster[1])) {
    return `the node group would run Kubernetes ${String(after)}, newer than its cluster's ${String(clusterVersion)}: EKS refuses a node group newer than the control plane`;
  }
  return undefined;
}

const versionOf = (resource: InventoryResource | undefined) =>
  resource?.properties.Version ?? resource?.properties.version;

function applyVersionRules(context: PlanContext): void {
  const cluster = context.after.resources.find((resource) => resource.kind === 'eks-cluster');
  const clusterVersion = versionOf(cluster);
  for (const draft of changing(context)) {
    if (draft.action === 'delete') continue;
    const own = versionOf(draft.resource);
    const change = draft.changes.find((candidate) => /^version$/i.test(candidate.path));
    const failure =
      draft.resource.kind === 'eks-node-group' && own !== undefined
        ? versionFailure(draft.resource, change?.before ?? own, own, clusterVersion)
        : change
          ? versionFailure(draft.resource, change.before, change.after, clusterVersion)
          : undefined;
    if (failure) addFailure(draft, failure);
  }
}

/** Every resource address an Unknown anywhere in `value` comes from. */
function referencedAddresses(value: Value | undefined, out = new Set<string>(), depth = 0): Set<string> {
  if (value === undefined || value === null || depth > 64) return out;
  if (isUnknown(value)) for (const reference of value.references) out.add(reference.address);
  else if (Array.isArray(value)) for (const item of value) referencedAddresses(item, out, depth + 1);
  else if (isValueObject(value))
    for (const item of Object.values(value)) referencedAddresses(item, out, depth + 1);
  return out;
}

/** The cluster's subnet list, in whichever tool's names. */
function clusterSubnets(resource: InventoryResource): Value | undefined {
  const properties = resource.properties;
  return (
    valueAt(properties as Value, ['ResourcesVpcConfig', 'SubnetIds']) ??
    valueAt(properties as Value, ['vpc_config', 0, 'subnet_ids']) ??
    valueAt(properties as Value, ['vpc_config', 'subnet_ids'])
  );
}

const zoneOf = (subnet: InventoryResource | undefined) => {
  const zone = subnet?.properties.AvailabilityZone ?? subnet?.properties.availability_zone;
  return typeof zone === 'string' ? zone : undefined;
};

/**
 * A cluster updated in place with other subnets: EKS takes only subnets of the cluster's VPC and of
 * the AZs it was created with ("All subnets that you add must be in the same set of AZs as
 * originally provided when you created the cluster", EKS User Guide, "View Amazon EKS networking
 * requirements for VPC and subnets"; UpdateClusterConfig). Terraform's provider, Pulumi and now
 * CloudFormation all update the subnets in place, so the update fails at apply.
 */
function applySubnetRules(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'eks-cluster' || draft.action !== 'update' || !draft.before) continue;
    if (!draft.changes.some((change) => /subnet/i.test(change.path))) continue;
    const beforeSubnets = [...referencedAddresses(clusterSubnets(draft.before))];
    const afterSubnets = [...referencedAddresses(clusterSubnets(draft.resource))];
    const vpcReplaced = [...context.drafts.values()].some(
      (other) => other.resource.kind === 'vpc' && other.action === 'replace',
    );
    const replacedSubnet = afterSubnets.some((address) => context.drafts.get(address)?.action === 'replace');
    if (vpcReplaced && replacedSubnet) {
      addFailure(
        draft,
        'the cluster would move to another VPC, which EKS refuses (UpdateClusterConfig takes only subnets of the cluster’s VPC): this update fails at apply unless the cluster is replaced (terraform apply -replace, pulumi up --replace, a new logical ID)',
      );
      continue;
    }
    const zonesBefore = new Set(beforeSubnets.map((address) => zoneOf(context.beforeBy.get(address))));
    const newZones = [
      ...new Set(
        afterSubnets
          .map((address) => zoneOf(context.afterBy.get(address)))
          .filter((zone): zone is string => zone !== undefined && !zonesBefore.has(zone)),
      ),
    ];
    if (newZones.length > 0 && zonesBefore.size > 0 && !zonesBefore.has(undefined)) {
      addFailure(
        draft,
        `the new subnets are in ${newZones.join(', ')}, an AZ the cluster was not created with: EKS refuses them ("All subnets that you add must be in the same set of AZs as originally provided when you created the cluster", EKS User Guide, networking requirements); replace the cluster, or keep its control-plane subnets in the original AZs`,
      );
    }
  }
}

/** A node group's scaling numbers, in whichever tool's names. */
function scalingOf(resource: InventoryResource): { min?: number; desired?: number; max?: number } {
  const block = (resource.properties.ScalingConfig ?? resource.properties.scaling_config) as
    | Value
    | undefined;
  const config = Array.isArray(block) ? block[0] : block;
  if (!config || !isValueObject(config)) return {};
  const number = (value: Value | undefined) =>
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : undefined;
  return {
    min: number(config.MinSize ?? config.min_size),
    desired: number(config.DesiredSize ?? config.desired_size),
    max: number(config.MaxSize ?? config.max_size),
  };
}

/**
 * Node group sizes where the desired size is in ignore_changes (Terraform, CDKTF, Pulumi): the plan
 * shows min and max only, and the provider sends the desired size from state
 * (terraform-provider-aws internal/service/eks/node_group.go sends the whole scaling_config to
 * UpdateNodegroupConfig; ignore_changes keeps the prior desired_size in it). EKS validates
 * min ≤ desired ≤ max (NodegroupScalingConfig, EKS API Reference), so a new minimum above the
 * desired size in state, or a maximum below it, fails.
 */
function applyScalingRules(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'eks-node-group' || draft.action !== 'update' || !draft.before) continue;
    applyCloudFormationScalingNote(draft);
    const ignored = draft.resource.lifecycle.ignoreChanges;
    const ignoresDesired =
      ignored === 'all' ||
      ignored.some((path) => /desired_?size/i.test(path.replace(/([a-z])([A-Z])/g, '$1_$2')));
    if (!ignoresDesired) continue;
    const prior = scalingOf(draft.before).desired;
    const { min, max } = scalingOf(draft.resource);
    if (prior === undefined) continue;
    if (min !== undefined && min > prior) {
      addFailure(
        draft,
        `the desired size is in ignore_changes, so the provider sends the one in state (${prior}) with the new minimum ${min}: EKS refuses ("Minimum capacity ${min} can't be greater than desired size ${prior}"); raise the desired size outside the tool first, or drop it from ignore_changes for this apply`,
      );
    } else if (max !== undefined && max < prior) {
      addFailure(
        draft,
        `the desired size is in ignore_changes, so the provider sends the one in state (${prior}) with the new maximum ${max}: EKS refuses a desired size above the maximum; lower the desired size first`,
      );
    }
  }
}

/**
 * CloudFormation has no ignore_changes: an update of a node group's ScalingConfig (a new min or
 * max) may send the template's DesiredSize with it, and EKS resizes to whatever desired size it
 * receives (NodegroupScalingConfig, EKS API Reference; eksctl-io/eksctl#3532, a max-only change set
 * put the autoscaler's desired capacity back). The handler is closed, so a note, not a failure
 * (review S2).
 */
function applyCloudFormationScalingNote(draft: Draft): void {
  if (draft.resource.dialect !== 'cloudformation' || !draft.before) return;
  const was = scalingOf(draft.before);
  const now = scalingOf(draft.resource);
  if (was.desired !== now.desired || (was.min === now.min && was.max === now.max)) return;
  addNote(
    draft,
    `a new minimum or maximum: CloudFormation may send DesiredSize ${now.desired ?? '(the template value)'} with it, resetting a desired size the cluster autoscaler changed; set the desired size to the live value first`,
  );
}

/**
 * A node group whose launch template version changes replaces every node: EKS drains and replaces
 * them as the update config allows. Worth saying, since the plan says only "update".
 */
function applyRollingUpdateNote(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'eks-node-group' || draft.action !== 'update') continue;
    if (!draft.changes.some((change) => /launch_?template.*version/i.test(change.path))) continue;
    addNote(
      draft,
      'a new launch template version: EKS replaces every node of the group, as many at a time as its update config allows',
    );
  }
}

/**
 * CloudFormation: "When updating a resource, you must include these properties if the previous
 * CloudFormation template of the resource had them: EndpointPublicAccess, EndpointPrivateAccess,
 * PublicAccessCidrs" (AWS::EKS::Cluster ResourcesVpcConfig, CloudFormation resource reference).
 */
function applyKeptEndpointSettings(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.nativeType !== 'AWS::EKS::Cluster' || draft.action !== 'update' || !draft.before)
      continue;
    const was = draft.before.properties.ResourcesVpcConfig;
    const now = draft.resource.properties.ResourcesVpcConfig;
    if (!isValueObject(was ?? null)) continue;
    const dropped = ['EndpointPublicAccess', 'EndpointPrivateAccess', 'PublicAccessCidrs'].filter(
      (key) =>
        (was as Record<string, Value>)[key] !== undefined &&
        (!isValueObject(now ?? null) || (now as Record<string, Value>)[key] === undefined),
    );
    if (dropped.length > 0) {
      addFailure(
        draft,
        `${dropped.join(', ')} left out of ResourcesVpcConfig after being set: CloudFormation requires them to stay in the template once set (AWS::EKS::Cluster ResourcesVpcConfig, resource reference); keep them, with the values you want`,
      );
    }
  }
}

export function applyEksRules(context: PlanContext): void {
  applyVersionRules(context);
  applySubnetRules(context);
  applyScalingRules(context);
  applyRollingUpdateNote(context);
  applyKeptEndpointSettings(context);
  applyNodeGroupVersionNote(context);
}

export type { Draft };

/**
 * An upgraded control plane leaves managed node groups on their version: EKS does not update them
 * with the cluster ("Update a managed node group for your cluster", EKS User Guide: node groups are
 * updated separately, UpdateNodegroupVersion). Where the node groups set no version, say so.
 */
export function applyNodeGroupVersionNote(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'eks-cluster' || draft.action !== 'update') continue;
    const change = draft.changes.find((candidate) => /^version$/i.test(candidate.path));
    if (!change || draft.failures.length > 0) continue;
    const groups = context.after.resources.filter((resource) => resource.kind === 'eks-node-group');
    const unpinned = groups.filter((group) => versionOf(group) === undefined);
    if (unpinned.length === 0) continue;
    addNote(
      draft,
      `the node groups stay on Kubernetes ${String(change.before)}: EKS does not upgrade managed node groups with the control plane; update them after it (UpdateNodegroupVersion), one minor version behind at most`,
    );
  }
}
