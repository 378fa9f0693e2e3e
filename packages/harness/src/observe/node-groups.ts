/**
 * Node groups in observe: each group by its name (the name, else its Name tag, else its name
 * prefix), its launch template, update config, what a replacement does, what the next deploy does
 * to a drifted desired size, and whether it waits for its subnets' default routes.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, type Unknown, type Value } from '../model/value.js';
import { observeRole } from './cluster.js';
import { field, type ObserveContext } from './context.js';
import { F } from './fields.js';
import type { ObservedInfrastructure, ObservedLaunchTemplate, ObservedRole } from './model.js';
import { tagsOf } from './network.js';
import { asBoolean, asNumber, asString, asStringList, block, effectiveTags, read } from './views.js';

/** The group's name: NodegroupName, else its Name tag, else its name prefix without the dash. */
function nameOf(group: InventoryResource): string {
  const name = asString(read(group, F.nodeGroup.name));
  if (typeof name === 'string') return name;
  const own = effectiveTags({ ...group, defaultTags: {} }, read(group, F.tags));
  if (isValueObject(own) && typeof own.Name === 'string') return own.Name;
  const prefix = asString(read(group, F.nodeGroup.namePrefix));
  if (typeof prefix === 'string') return prefix.replace(/-$/, '');
  return group.displayName;
}

/** A Terraform or Pulumi ignore_changes path in one form: `scaling_config[0].desired_size` → `scaling_config.desired_size`. */
function plainPath(text: string): string {
  return text
    .replace(/\[\d+\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * What the next deploy does to a desired size the cluster autoscaler changed: CloudFormation never
 * reads live state, so it keeps it (until the template changes the value); Terraform and Pulumi
 * revert it unless told to ignore it.
 */
function desiredSizeDriftOf(group: InventoryResource): Value {
  if (group.dialect === 'cloudformation') return 'keep';
  const ignored = group.lifecycle.ignoreChanges;
  if (ignored === 'all') return 'keep';
  return ignored.some((item) => ['scaling_config', 'scaling_config.desired_size'].includes(plainPath(item)))
    ? 'keep'
    : 'revert';
}

/**
 * How a change that replaces the group plays out. A fixed name blocks creating the new group before
 * the old one is gone: CloudFormation refuses to replace a custom-named resource, and Terraform's
 * create_before_destroy or Pulumi's default order fail on the name.
 */
function replacementOf(group: InventoryResource): Value {
  const named = read(group, F.nodeGroup.name) !== undefined;
  if (group.dialect === 'cloudformation') {
    return named
      ? 'fails: CloudFormation cannot replace a resource with a custom name (NodegroupName)'
      : 'create-before-destroy';
  }
  if (group.lifecycle.replacementOrder === 'destroy-before-create') return 'destroy-before-create';
  return named
    ? 'fails: the new group needs the name the old one still has (use a name prefix)'
    : 'create-before-destroy';
}

function updateOf(group: InventoryResource): Value {
  const config = block(read(group, F.nodeGroup.update));
  const d = group.dialect;
  if (isUnknown(config)) return config;
  const maxUnavailable = asNumber(field(config, 'MaxUnavailable', 'max_unavailable', d));
  const percentage = asNumber(field(config, 'MaxUnavailablePercentage', 'max_unavailable_percentage', d));
  const none = (value: Value) => value === null || value === undefined;
  return {
    // EKS's own default when no update config is given: one node at a time (UpdateConfig, EKS API).
    maxUnavailable: none(maxUnavailable) && none(percentage) ? 1 : maxUnavailable,
    maxUnavailablePercentage: percentage,
    force: asBoolean(read(group, F.nodeGroup.force), false),
  };
}

function tagSpecificationsOf(template: InventoryResource): Value {
  const specifications = read(template, F.launchTemplate.tagSpecifications);
  if (isUnknown(specifications)) return specifications;
  const result: Record<string, Value> = {};
  for (const item of Array.isArray(specifications)
    ? specifications
    : specifications
      ? [specifications]
      : []) {
    const type = asString(field(item, 'ResourceType', 'resource_type', template.dialect));
    const tags = effectiveTags(
      { ...template, defaultTags: {} },
      field(item, 'Tags', 'tags', template.dialect),
    );
    if (typeof type === 'string') result[type] = tags;
  }
  return result;
}

export interface ObservedNodeGroups {
  readonly nodeRole: ObservedRole | null;
  readonly nodeGroups: ObservedInfrastructure['nodeGroups'];
}

export function observeNodeGroups(
  context: ObserveContext,
  defaultRouteOf: ReadonlyMap<string, InventoryResource>,
): ObservedNodeGroups {
  const { graph } = context;
  const groups = graph.ofKind('eks-node-group');
  const nodeRoleResource = groups
    .map((group) => graph.targets(group, F.nodeGroup.role, 'iam-role')[0])
    .find(Boolean);
  const nodeRole = observeRole(context, nodeRoleResource, 'nodeRole');

  const launchTemplateOf = (group: InventoryResource, name: string): ObservedLaunchTemplate | null => {
    const [template] = graph.targets(group, F.nodeGroup.launchTemplate, 'launch-template');
    if (!template) return null;
    context.claim(template, `launchTemplate[${name}]`);
    const devices = read(template, F.launchTemplate.devices);
    const device = Array.isArray(devices) ? devices[0] : undefined;
    const ebs = block(field(device, 'Ebs', 'ebs', template.dialect));
    return {
      httpTokens: asString(read(template, F.launchTemplate.tokens), 'optional'),
      httpPutResponseHopLimit: asNumber(read(template, F.launchTemplate.hops), 1),
      volume:
        device === undefined
          ? null
          : {
              deviceName: asString(field(device, 'DeviceName', 'device_name', template.dialect)),
              sizeGiB: asNumber(field(ebs, 'VolumeSize', 'volume_size', template.dialect)),
              type: asString(field(ebs, 'VolumeType', 'volume_type', template.dialect)),
              encrypted: asBoolean(field(ebs, 'Encrypted', 'encrypted', template.dialect), false),
            },
      tagSpecifications: tagSpecificationsOf(template),
    };
  };

  const nodeGroups: Record<string, ObservedInfrastructure['nodeGroups'][string]> = {};
  for (const group of groups) {
    const name = nameOf(group);
    context.claim(group, `nodeGroup[${name}]`);
    const scaling = read(group, F.nodeGroup.scaling);
    const d = group.dialect;
    const taints = read(group, F.nodeGroup.taints);
    const labels = read(group, F.nodeGroup.labels);
    const role = graph.targets(group, F.nodeGroup.role, 'iam-role')[0];
    const subnets = graph.targets(group, F.nodeGroup.subnets, 'subnet');
    // The nodes' way out: their subnets' default routes, or without any, the VPC endpoints.
    const routes = subnets.flatMap((subnet) => {
      const carrier = defaultRouteOf.get(subnet.address);
      return carrier ? [carrier] : [];
    });
    const egress = routes.length > 0 ? routes : graph.ofKind('vpc-endpoint');
    nodeGroups[name] = {
      instanceTypes:
        read(group, F.nodeGroup.instanceTypes) === undefined
          ? ['t3.medium']
          : asStringList(read(group, F.nodeGroup.instanceTypes)),
      capacityType: asString(read(group, F.nodeGroup.capacity), 'ON_DEMAND'),
      scaling: isUnknown(block(scaling))
        ? (block(scaling) as Unknown)
        : {
            minSize: asNumber(field(scaling, 'MinSize', 'min_size', d)),
            desiredSize: asNumber(field(scaling, 'DesiredSize', 'desired_size', d)),
            maxSize: asNumber(field(scaling, 'MaxSize', 'max_size', d)),
          },
      amiType: asString(read(group, F.nodeGroup.ami)),
      labels: labels === undefined || labels === null ? {} : labels,
      taints: isUnknown(taints)
        ? taints
        : (Array.isArray(taints) ? taints : [])
            .map((taint) => ({
              key: field(taint, 'Key', 'key', d) ?? null,
              value: asString(field(taint, 'Value', 'value', d)),
              effect: field(taint, 'Effect', 'effect', d) ?? null,
            }))
            .sort((a, b) =>
              `${String(a.key)}:${String(a.effect)}`.localeCompare(`${String(b.key)}:${String(b.effect)}`),
            ),
      subnets: context.keysOf(subnets),
      usesNodeRole: role !== undefined && role.address === nodeRoleResource?.address,
      launchTemplate: launchTemplateOf(group, name),
      update: updateOf(group),
      desiredSizeDrift: desiredSizeDriftOf(group),
      replacement: replacementOf(group),
      waitsForPrivateEgress: egress.length > 0 && egress.every((resource) => graph.reaches(group, resource)),
      tags: tagsOf(group),
    };
  }
  return { nodeRole, nodeGroups };
}
