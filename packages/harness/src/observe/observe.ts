/**
 * observe(inventory) → the infrastructure it would build. Follows references from anchors (the
 * cluster → its role, subnets, key; a subnet → its route table → default route → NAT or IGW; a node
 * group → its launch template) and treats equivalent forms as one fact: managed policies inline or
 * as attachments, access policies inline or as associations, routes inline or separate, security
 * group rules inline or separate, tags as a list or a map, stack tags and provider default tags.
 */
import type { Inventory, InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, Unknown, type Value } from '../model/value.js';
import { ResourceGraph } from './graph.js';
import type { ObservedInfrastructure, ObservedLaunchTemplate, ObservedRole } from './model.js';
import {
  asBoolean,
  asNumber,
  asString,
  asStringList,
  block,
  effectiveTags,
  path,
  read,
  sortedStrings,
  trustedServices,
} from './views.js';

const F = {
  tags: path('Tags', 'tags'),
  vpc: {
    cidr: path('CidrBlock', 'cidr_block'),
    dnsSupport: path('EnableDnsSupport', 'enable_dns_support'),
    dnsHostnames: path('EnableDnsHostnames', 'enable_dns_hostnames'),
  },
  subnet: {
    cidr: path('CidrBlock', 'cidr_block'),
    az: path('AvailabilityZone', 'availability_zone'),
    mapPublicIp: path('MapPublicIpOnLaunch', 'map_public_ip_on_launch'),
  },
  attachment: { vpc: path('VpcId', 'vpc_id'), gateway: path('InternetGatewayId', 'internet_gateway_id') },
  igw: { vpc: path('VpcId', 'vpc_id') },
  nat: { subnet: path('SubnetId', 'subnet_id'), allocation: path('AllocationId', 'allocation_id') },
  association: { subnet: path('SubnetId', 'subnet_id'), table: path('RouteTableId', 'route_table_id') },
  route: {
    table: path('RouteTableId', 'route_table_id'),
    destination: path('DestinationCidrBlock', 'destination_cidr_block'),
    gateway: path('GatewayId', 'gateway_id'),
    nat: path('NatGatewayId', 'nat_gateway_id'),
  },
  inlineRoutes: path('Routes', 'route'),
  endpoint: {
    service: path('ServiceName', 'service_name'),
    type: path('VpcEndpointType', 'vpc_endpoint_type'),
    subnets: path('SubnetIds', 'subnet_ids'),
    tables: path('RouteTableIds', 'route_table_ids'),
    privateDns: path('PrivateDnsEnabled', 'private_dns_enabled'),
    groups: path('SecurityGroupIds', 'security_group_ids'),
  },
  securityGroup: { ingress: path('SecurityGroupIngress', 'ingress') },
  ingressRule: { group: path('GroupId', 'security_group_id') },
  kmsKey: {
    rotation: path('EnableKeyRotation', 'enable_key_rotation'),
    window: path('PendingWindowInDays', 'deletion_window_in_days'),
  },
  alias: { name: path('AliasName', 'name'), target: path('TargetKeyId', 'target_key_id') },
  logGroup: { name: path('LogGroupName', 'name'), retention: path('RetentionInDays', 'retention_in_days') },
  role: {
    trust: path('AssumeRolePolicyDocument', 'assume_role_policy'),
    managed: path('ManagedPolicyArns', 'managed_policy_arns'),
  },
  roleAttachment: { role: path('Roles', 'role'), policy: path('PolicyArn', 'policy_arn') },
  cluster: {
    name: path('Name', 'name'),
    version: path('Version', 'version'),
    role: path('RoleArn', 'role_arn'),
    subnets: path('ResourcesVpcConfig.SubnetIds', 'vpc_config.subnet_ids'),
    privateAccess: path('ResourcesVpcConfig.EndpointPrivateAccess', 'vpc_config.endpoint_private_access'),
    publicAccess: path('ResourcesVpcConfig.EndpointPublicAccess', 'vpc_config.endpoint_public_access'),
    publicCidrs: path('ResourcesVpcConfig.PublicAccessCidrs', 'vpc_config.public_access_cidrs'),
    encryption: path('EncryptionConfig', 'encryption_config'),
    authMode: path('AccessConfig.AuthenticationMode', 'access_config.authentication_mode'),
    creatorAdmin: path(
      'AccessConfig.BootstrapClusterCreatorAdminPermissions',
      'access_config.bootstrap_cluster_creator_admin_permissions',
    ),
    selfManagedAddons: path('BootstrapSelfManagedAddons', 'bootstrap_self_managed_addons'),
  },
  addon: {
    name: path('AddonName', 'addon_name'),
    version: path('AddonVersion', 'addon_version'),
    resolve: path('ResolveConflicts', 'resolve_conflicts_on_create'),
  },
  accessEntry: {
    principal: path('PrincipalArn', 'principal_arn'),
    type: path('Type', 'type'),
    groups: path('KubernetesGroups', 'kubernetes_groups'),
    policies: path('AccessPolicies', 'access_policies'),
  },
  association2: {
    principal: path('PrincipalArn', 'principal_arn'),
    policy: path('PolicyArn', 'policy_arn'),
    scope: path('AccessScope', 'access_scope'),
  },
  launchTemplate: {
    tokens: path('LaunchTemplateData.MetadataOptions.HttpTokens', 'metadata_options.http_tokens'),
    hops: path(
      'LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit',
      'metadata_options.http_put_response_hop_limit',
    ),
    devices: path('LaunchTemplateData.BlockDeviceMappings', 'block_device_mappings'),
  },
  nodeGroup: {
    name: path('NodegroupName', 'node_group_name'),
    role: path('NodeRole', 'node_role_arn'),
    subnets: path('Subnets', 'subnet_ids'),
    instanceTypes: path('InstanceTypes', 'instance_types'),
    capacity: path('CapacityType', 'capacity_type'),
    ami: path('AmiType', 'ami_type'),
    scaling: path('ScalingConfig', 'scaling_config'),
    labels: path('Labels', 'labels'),
    taints: path('Taints', 'taint'),
    launchTemplate: path('LaunchTemplate', 'launch_template'),
  },
};

function field(
  value: Value | undefined,
  cloudformation: string,
  terraform: string,
  dialect: InventoryResource['dialect'],
): Value | undefined {
  const object = block(value);
  if (!isValueObject(object)) return undefined;
  return object[dialect === 'cloudformation' ? cloudformation : terraform];
}

function tagsOf(resource: InventoryResource): Value {
  return effectiveTags(resource, read(resource, F.tags));
}

/** `com.amazonaws.eu-west-1.ecr.api` → `ecr.api`. */
function endpointService(name: Value): Value {
  if (typeof name !== 'string') return name;
  const match = /^(?:com|cn\.com)\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(name);
  return match ? match[1]! : name;
}

function portsCover(from: Value, to: Value, protocol: Value, port: number): boolean {
  const proto = String(protocol);
  if (proto === '-1' || proto === 'all') return true;
  if (proto !== 'tcp' && proto !== '6') return false;
  const low = Number(from);
  const high = Number(to);
  return low <= port && port <= high;
}

export function observe(inventory: Inventory): ObservedInfrastructure {
  const graph = new ResourceGraph(inventory);
  const notes: string[] = [];
  const first = (kind: string, what: string) => {
    const found = graph.ofKind(kind);
    if (found.length > 1)
      notes.push(
        `${found.length} ${what}s found (${found.map((r) => r.displayName).join(', ')}); the first is compared`,
      );
    return found[0];
  };

  // ---- Network ----------------------------------------------------------------------------
  const vpc = first('vpc', 'VPC');
  const vpcCidr = vpc ? asString(read(vpc, F.vpc.cidr)) : null;

  const tableOfSubnet = new Map<string, InventoryResource>();
  for (const association of graph.ofKind('route-table-association')) {
    const [subnet] = graph.targets(association, F.association.subnet, 'subnet');
    const [table] = graph.targets(association, F.association.table, 'route-table');
    if (subnet && table) tableOfSubnet.set(subnet.address, table);
  }
  const natAz = new Map<string, Value>();
  const azOf = (subnet: InventoryResource) => asString(read(subnet, F.subnet.az));
  for (const nat of graph.ofKind('nat-gateway')) {
    const [subnet] = graph.targets(nat, F.nat.subnet, 'subnet');
    natAz.set(
      nat.address,
      subnet
        ? azOf(subnet)
        : new Unknown('unsupported', [], 'the NAT gateway’s subnet is not in the inventory'),
    );
  }
  const routeTarget = (target: InventoryResource | undefined): Value =>
    !target
      ? 'other'
      : target.kind === 'internet-gateway'
        ? 'internet-gateway'
        : target.kind === 'nat-gateway'
          ? `nat-gateway/${String(natAz.get(target.address))}`
          : `other (${target.nativeType})`;
  const defaultRouteOfTable = (table: InventoryResource): Value => {
    for (const route of graph.referrers(table, 'route', F.route.table)) {
      if (asString(read(route, F.route.destination)) !== '0.0.0.0/0') continue;
      const [target] = [...graph.targets(route, F.route.gateway), ...graph.targets(route, F.route.nat)];
      return routeTarget(target);
    }
    const inline = read(table, F.inlineRoutes);
    for (const route of Array.isArray(inline) ? inline : []) {
      const destination = field(route, 'DestinationCidrBlock', 'cidr_block', table.dialect);
      if (destination !== '0.0.0.0/0') continue;
      const targetEdge = table.references.find((edge) =>
        /^(route|routes)(\[\d+\])?\.(gateway_id|nat_gateway_id)/.test(edge.path),
      );
      return routeTarget(targetEdge ? graph.byAddress.get(targetEdge.target) : undefined);
    }
    return 'none';
  };

  const nodeGroupSubnets = new Set(
    graph
      .ofKind('eks-node-group')
      .flatMap((group) => graph.targets(group, F.nodeGroup.subnets, 'subnet').map((s) => s.address)),
  );
  const subnetKey = new Map<string, string>();
  const subnets: Record<string, ObservedInfrastructure['subnets'][string]> = {};
  for (const subnet of graph.ofKind('subnet')) {
    const table = tableOfSubnet.get(subnet.address);
    const defaultRoute = table ? defaultRouteOfTable(table) : 'none';
    const tags = tagsOf(subnet);
    const tag = (key: string) => isValueObject(tags) && tags[key] !== undefined;
    const mapPublicIp = asBoolean(read(subnet, F.subnet.mapPublicIp), false);
    const route = String(defaultRoute);
    const tier =
      route === 'internet-gateway' || tag('kubernetes.io/role/elb') || mapPublicIp === true
        ? 'public'
        : route.startsWith('nat-gateway') ||
            tag('kubernetes.io/role/internal-elb') ||
            nodeGroupSubnets.has(subnet.address)
          ? 'private'
          : 'intra';
    const az = azOf(subnet);
    if (typeof az !== 'string') {
      notes.push(
        `subnet ${subnet.displayName}: its availability zone is ${isUnknown(az) ? az.describe() : 'not set'}`,
      );
      continue;
    }
    const key = `${tier}/${az}`;
    if (subnets[key]) {
      notes.push(`two ${tier} subnets in ${az} (${subnet.displayName} is not compared)`);
      continue;
    }
    subnetKey.set(subnet.address, key);
    subnets[key] = {
      cidr: asString(read(subnet, F.subnet.cidr)),
      mapPublicIpOnLaunch: mapPublicIp,
      defaultRoute,
      tags,
    };
  }
  const keysOf = (resources: InventoryResource[]): Value =>
    resources.map((resource) => subnetKey.get(resource.address) ?? `?${resource.displayName}`).sort();

  const igw = first('internet-gateway', 'internet gateway');
  const attached =
    igw !== undefined &&
    (graph.targets(igw, F.igw.vpc, 'vpc').length > 0 ||
      graph
        .referrers(igw, 'gateway-attachment', F.attachment.gateway)
        .some((attachment) => graph.targets(attachment, F.attachment.vpc, 'vpc').length > 0));

  const natGateways: Record<string, ObservedInfrastructure['natGateways'][string]> = {};
  for (const nat of graph.ofKind('nat-gateway')) {
    const az = natAz.get(nat.address);
    const [subnet] = graph.targets(nat, F.nat.subnet, 'subnet');
    const [eip] = graph.targets(nat, F.nat.allocation, 'eip');
    natGateways[String(az)] = {
      subnet: subnet ? (subnetKey.get(subnet.address) ?? null) : null,
      tags: tagsOf(nat),
      eipTags: eip ? tagsOf(eip) : null,
    };
  }

  const allowsHttpsFromVpc = (endpoint: InventoryResource): Value => {
    const isVpcCidr = (source: Value | undefined) =>
      (typeof source === 'string' && source === vpcCidr) ||
      (isUnknown(source) &&
        vpc !== undefined &&
        source.references.some((ref) => ref.address === vpc.address && /cidr/i.test(ref.attribute ?? '')));
    for (const group of graph.targets(endpoint, F.endpoint.groups, 'security-group')) {
      const inline = read(group, F.securityGroup.ingress);
      for (const rule of Array.isArray(inline) ? inline : []) {
        const protocol = field(rule, 'IpProtocol', 'protocol', group.dialect);
        const from = field(rule, 'FromPort', 'from_port', group.dialect);
        const to = field(rule, 'ToPort', 'to_port', group.dialect);
        const sources =
          group.dialect === 'cloudformation'
            ? [field(rule, 'CidrIp', 'cidr_blocks', group.dialect)]
            : asStringList(field(rule, 'CidrIp', 'cidr_blocks', group.dialect));
        const sourceList = Array.isArray(sources) ? sources : [sources];
        if (portsCover(from ?? null, to ?? null, protocol ?? null, 443) && sourceList.some(isVpcCidr))
          return true;
      }
      for (const rule of graph.referrers(group, 'security-group-ingress', F.ingressRule.group)) {
        const props = rule.properties;
        const cf = rule.dialect === 'cloudformation';
        if (!cf && props.type !== undefined && props.type !== 'ingress') continue;
        const protocol = cf ? props.IpProtocol : (props.ip_protocol ?? props.protocol);
        const from = cf ? props.FromPort : props.from_port;
        const to = cf ? props.ToPort : props.to_port;
        const source = cf
          ? props.CidrIp
          : (props.cidr_ipv4 ?? (Array.isArray(props.cidr_blocks) ? props.cidr_blocks[0] : undefined));
        if (portsCover(from ?? null, to ?? null, protocol ?? null, 443) && isVpcCidr(source)) return true;
      }
    }
    return false;
  };
  const vpcEndpoints: Record<string, ObservedInfrastructure['vpcEndpoints'][string]> = {};
  for (const endpoint of graph.ofKind('vpc-endpoint')) {
    const service = endpointService(asString(read(endpoint, F.endpoint.service)));
    const type = asString(read(endpoint, F.endpoint.type), 'Gateway');
    const gatewaySubnets = graph
      .targets(endpoint, F.endpoint.tables, 'route-table')
      .flatMap((table) => graph.referrers(table, 'route-table-association', F.association.table))
      .flatMap((association) => graph.targets(association, F.association.subnet, 'subnet'));
    vpcEndpoints[String(service)] = {
      type,
      subnets:
        type === 'Gateway'
          ? keysOf(gatewaySubnets)
          : keysOf(graph.targets(endpoint, F.endpoint.subnets, 'subnet')),
      privateDnsEnabled: asBoolean(read(endpoint, F.endpoint.privateDns), false),
      allowsHttpsFromVpc: type === 'Interface' ? allowsHttpsFromVpc(endpoint) : false,
    };
  }

  // ---- Cluster ----------------------------------------------------------------------------
  const cluster = first('eks-cluster', 'EKS cluster');
  const roleOf = (role: InventoryResource | undefined): ObservedRole | null => {
    if (!role) return null;
    const inline = asStringList(read(role, F.role.managed));
    const attached = graph
      .referrers(role, 'iam-role-policy-attachment', F.roleAttachment.role)
      .map((attachment) => asString(read(attachment, F.roleAttachment.policy)));
    const all = isUnknown(inline) ? inline : [...(inline as Value[]), ...attached];
    return {
      servicePrincipals: trustedServices(read(role, F.role.trust)),
      managedPolicyArns: sortedStrings(all),
      tags: tagsOf(role),
    };
  };

  let clusterView: ObservedInfrastructure['cluster'] = null;
  let kmsKey: ObservedInfrastructure['kmsKey'] = null;
  let logGroup: ObservedInfrastructure['logGroup'] = null;
  let clusterRole: ObservedRole | null = null;
  if (cluster) {
    const publicAccess = asBoolean(read(cluster, F.cluster.publicAccess), true);
    const cidrs = read(cluster, F.cluster.publicCidrs);
    const encryption = block(read(cluster, F.cluster.encryption));
    const encryptedResources = asStringList(field(encryption, 'Resources', 'resources', cluster.dialect));
    const logTypes =
      cluster.dialect === 'cloudformation'
        ? (() => {
            const types = read(
              cluster,
              path('Logging.ClusterLogging.EnabledTypes', 'enabled_cluster_log_types'),
            );
            return Array.isArray(types)
              ? types.map((item) => (isValueObject(item) ? (item.Type ?? null) : item))
              : asStringList(types);
          })()
        : asStringList(read(cluster, path('Logging', 'enabled_cluster_log_types')));
    const name = asString(read(cluster, F.cluster.name));
    clusterView = {
      name,
      version: asString(read(cluster, F.cluster.version)),
      subnets: keysOf(graph.targets(cluster, F.cluster.subnets, 'subnet')),
      endpointPrivateAccess: asBoolean(read(cluster, F.cluster.privateAccess), false),
      endpointPublicAccess: publicAccess,
      publicAccessCidrs:
        publicAccess === true ? sortedStrings(cidrs === undefined ? ['0.0.0.0/0'] : asStringList(cidrs)) : [],
      logging: sortedStrings(logTypes as Value),
      secretsEncryption: encryption === undefined ? [] : sortedStrings(encryptedResources),
      authenticationMode: asString(read(cluster, F.cluster.authMode)),
      bootstrapClusterCreatorAdminPermissions: asBoolean(read(cluster, F.cluster.creatorAdmin), true),
      bootstrapSelfManagedAddons: asBoolean(read(cluster, F.cluster.selfManagedAddons), true),
      tags: tagsOf(cluster),
    };
    const [key] = graph.targets(cluster, F.cluster.encryption, 'kms-key');
    if (key) {
      const [alias] = graph.referrers(key, 'kms-alias', F.alias.target);
      kmsKey = {
        alias: alias ? asString(read(alias, F.alias.name)) : null,
        enableKeyRotation: asBoolean(read(key, F.kmsKey.rotation), false),
        deletionWindowDays: asNumber(read(key, F.kmsKey.window), 30),
        tags: tagsOf(key),
      };
    }
    const groups = graph.ofKind('log-group');
    const wanted = typeof name === 'string' ? `/aws/eks/${name}/cluster` : undefined;
    const group = groups.find((candidate) => asString(read(candidate, F.logGroup.name)) === wanted);
    if (group) {
      const retention = asNumber(read(group, F.logGroup.retention));
      logGroup = {
        name: asString(read(group, F.logGroup.name)),
        retentionDays: retention === 0 ? null : retention,
        tags: tagsOf(group),
      };
    }
    clusterRole = roleOf(graph.targets(cluster, F.cluster.role, 'iam-role')[0]);
  }

  const nodeGroupResources = graph.ofKind('eks-node-group');
  const nodeRoleResource = nodeGroupResources
    .map((group) => graph.targets(group, F.nodeGroup.role, 'iam-role')[0])
    .find(Boolean);

  const launchTemplateOf = (group: InventoryResource): ObservedLaunchTemplate | null => {
    const [template] = graph.targets(group, F.nodeGroup.launchTemplate, 'launch-template');
    if (!template) return null;
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
    };
  };

  const nodeGroups: Record<string, ObservedInfrastructure['nodeGroups'][string]> = {};
  for (const group of nodeGroupResources) {
    const name = asString(read(group, F.nodeGroup.name));
    const key = typeof name === 'string' ? name : group.displayName;
    const scaling = read(group, F.nodeGroup.scaling);
    const d = group.dialect;
    const taints = read(group, F.nodeGroup.taints);
    const labels = read(group, F.nodeGroup.labels);
    const role = graph.targets(group, F.nodeGroup.role, 'iam-role')[0];
    nodeGroups[key] = {
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
      subnets: keysOf(graph.targets(group, F.nodeGroup.subnets, 'subnet')),
      usesNodeRole: role !== undefined && role.address === nodeRoleResource?.address,
      launchTemplate: launchTemplateOf(group),
      tags: tagsOf(group),
    };
  }

  const addons: Record<string, ObservedInfrastructure['addons'][string]> = {};
  for (const addon of graph.ofKind('eks-addon')) {
    const name = String(asString(read(addon, F.addon.name)));
    const before =
      nodeGroupResources.length > 0 && nodeGroupResources.every((group) => graph.reaches(group, addon));
    const after = nodeGroupResources.some((group) => graph.reaches(addon, group));
    addons[name] = {
      version: asString(read(addon, F.addon.version)),
      resolveConflicts: asString(read(addon, F.addon.resolve)),
      order: before ? 'before-node-groups' : after ? 'after-node-groups' : 'any',
      tags: tagsOf(addon),
    };
  }

  const associations = graph.ofKind('eks-access-policy-association');
  const accessEntries: Record<string, ObservedInfrastructure['accessEntries'][string]> = {};
  for (const entry of graph.ofKind('eks-access-entry')) {
    const principal = asString(read(entry, F.accessEntry.principal));
    const d = entry.dialect;
    const inline = read(entry, F.accessEntry.policies);
    const policyOf = (
      arn: Value | undefined,
      scope: Value | undefined,
    ): { policyArn: Value; scope: Value } => {
      const scopeBlock = block(scope);
      const type = field(scopeBlock, 'Type', 'type', d) ?? null;
      const namespaces = field(scopeBlock, 'Namespaces', 'namespaces', d);
      return {
        policyArn: arn ?? null,
        scope:
          type === 'namespace' ? { type, namespaces: sortedStrings(asStringList(namespaces)) } : { type },
      };
    };
    const policies = [
      ...(Array.isArray(inline)
        ? inline.map((policy) =>
            policyOf(
              field(policy, 'PolicyArn', 'policy_arn', d),
              field(policy, 'AccessScope', 'access_scope', d),
            ),
          )
        : []),
      ...associations
        .filter(
          (association) =>
            asString(read(association, F.association2.principal)) === principal ||
            graph
              .targets(association, F.association2.principal, 'eks-access-entry')
              .some((target) => target.address === entry.address),
        )
        .map((association) =>
          policyOf(read(association, F.association2.policy), read(association, F.association2.scope)),
        ),
    ].sort((a, b) => String(a.policyArn).localeCompare(String(b.policyArn)));
    accessEntries[String(principal)] = {
      type: asString(read(entry, F.accessEntry.type), 'STANDARD'),
      kubernetesGroups: sortedStrings(asStringList(read(entry, F.accessEntry.groups))),
      policies,
      tags: tagsOf(entry),
    };
  }

  return {
    vpc: vpc
      ? {
          cidr: vpcCidr,
          enableDnsSupport: asBoolean(read(vpc, F.vpc.dnsSupport), true),
          enableDnsHostnames: asBoolean(read(vpc, F.vpc.dnsHostnames), false),
          tags: tagsOf(vpc),
        }
      : null,
    internetGateway: igw ? { attached, tags: tagsOf(igw) } : null,
    subnets,
    natGateways,
    vpcEndpoints,
    kmsKey,
    logGroup,
    clusterRole,
    nodeRole: roleOf(nodeRoleResource),
    cluster: clusterView,
    addons,
    accessEntries,
    nodeGroups,
    notes,
  };
}
