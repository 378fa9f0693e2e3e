/**
 * The network half of observe: the VPC, its default security group, subnets by `tier/az` (tiers
 * assigned per AZ from what each subnet is built with: see subnet-tiers.ts), route
 * tables and routes inline or separate, the internet gateway with `vpc_id` or an attachment, NAT
 * gateways with their EIPs, VPC endpoints and the security group that opens them.
 */
import type { InventoryResource } from '../model/inventory.js';
import { isUnknown, isValueObject, Unknown, type Value } from '../model/value.js';
import { field, type ObserveContext } from './context.js';
import { F } from './fields.js';
import type { ObservedInfrastructure } from './model.js';
import { assignTiers, type Tier, tierCosts } from './subnet-tiers.js';
import { asBoolean, asString, asStringList, effectiveTags, read } from './views.js';

/** Custom resources that strip the default security group's rules (CloudFormation has no resource for it). */
export const RESTRICT_DEFAULT_SG_TYPES = new Set([
  // aws-cdk-lib aws-ec2/lib/vpc.ts, restrictDefaultSecurityGroup (on by @aws-cdk/aws-ec2:restrictDefaultSecurityGroup)
  'Custom::VpcRestrictDefaultSG',
  // packages/cdk (L1) and packages/cloudformation: an inline Lambda that revokes every rule
  'Custom::RestrictDefaultSecurityGroup',
]);

export function tagsOf(resource: InventoryResource): Value {
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
  return Number(from) <= port && port <= Number(to);
}

export interface ObservedNetwork {
  readonly vpc: ObservedInfrastructure['vpc'];
  readonly internetGateway: ObservedInfrastructure['internetGateway'];
  readonly subnets: ObservedInfrastructure['subnets'];
  readonly natGateways: ObservedInfrastructure['natGateways'];
  readonly vpcEndpoints: ObservedInfrastructure['vpcEndpoints'];
  /** subnet address → the resources that give it its default route (a route, or a table with inline routes). */
  readonly defaultRouteOf: ReadonlyMap<string, InventoryResource>;
}

export function observeNetwork(context: ObserveContext): ObservedNetwork {
  const { graph, notes } = context;
  const vpc = context.first('vpc', 'VPC');
  context.claim(vpc, 'vpc');
  const vpcCidr = vpc ? asString(read(vpc, F.vpc.cidr)) : null;

  const tableOfSubnet = new Map<string, InventoryResource>();
  const associationOfSubnet = new Map<string, InventoryResource>();
  for (const association of graph.ofKind('route-table-association')) {
    const [subnet] = graph.targets(association, F.association.subnet, 'subnet');
    const [table] = graph.targets(association, F.association.table, 'route-table');
    if (subnet && table) {
      tableOfSubnet.set(subnet.address, table);
      associationOfSubnet.set(subnet.address, association);
    }
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

  /** The default route of a table: its value, and the resource that carries it. */
  const defaultRouteOfTable = (table: InventoryResource): { value: Value; carrier?: InventoryResource } => {
    for (const route of graph.referrers(table, 'route', F.route.table)) {
      if (asString(read(route, F.route.destination)) !== '0.0.0.0/0') continue;
      const [target] = [...graph.targets(route, F.route.gateway), ...graph.targets(route, F.route.nat)];
      return { value: routeTarget(target), carrier: route };
    }
    const inline = read(table, F.inlineRoutes);
    for (const route of Array.isArray(inline) ? inline : []) {
      const destination = field(route, 'DestinationCidrBlock', 'cidr_block', table.dialect);
      if (destination !== '0.0.0.0/0') continue;
      const targetEdge = table.references.find((edge) =>
        /^(route|routes)(\[\d+\])?\.(gateway_id|nat_gateway_id)/.test(edge.path),
      );
      return {
        value: routeTarget(targetEdge ? graph.byAddress.get(targetEdge.target) : undefined),
        carrier: table,
      };
    }
    return { value: 'none' };
  };

  const nodeGroupSubnets = new Set(
    graph
      .ofKind('eks-node-group')
      .flatMap((group) => graph.targets(group, F.nodeGroup.subnets, 'subnet').map((s) => s.address)),
  );
  const subnets: Record<string, ObservedInfrastructure['subnets'][string]> = {};
  const defaultRouteOf = new Map<string, InventoryResource>();
  interface Candidate {
    readonly subnet: InventoryResource;
    readonly table: InventoryResource | undefined;
    readonly route: { value: Value; carrier?: InventoryResource };
    readonly tags: Value;
    readonly mapPublicIp: boolean | Value;
    readonly costs: Record<Tier, number>;
  }
  const byAz = new Map<string, Candidate[]>();
  for (const subnet of graph.ofKind('subnet')) {
    const az = azOf(subnet);
    if (typeof az !== 'string') {
      // A zone given by ID (euw1-az2) is a different zone name in each account: not placed, said so.
      const zoneId = subnet.properties.AvailabilityZoneId ?? subnet.properties.availability_zone_id;
      notes.push(
        typeof zoneId === 'string'
          ? `subnet ${subnet.displayName}: its zone is given by ID (${zoneId}), which names a different zone in each account, so iac-compare cannot place it in one of the target's zones`
          : `subnet ${subnet.displayName}: its availability zone is ${isUnknown(az) ? az.describe() : 'not set'}`,
      );
      continue;
    }
    const table = tableOfSubnet.get(subnet.address);
    const route = table ? defaultRouteOfTable(table) : { value: 'none' as Value };
    const tags = tagsOf(subnet);
    const tag = (key: string) => isValueObject(tags) && tags[key] !== undefined;
    const mapPublicIp = asBoolean(read(subnet, F.subnet.mapPublicIp), false);
    const costs = tierCosts({
      defaultRoute: route.value,
      elbTag: tag('kubernetes.io/role/elb'),
      internalElbTag: tag('kubernetes.io/role/internal-elb'),
      runsNodeGroups: nodeGroupSubnets.has(subnet.address),
      mapsPublicIp: mapPublicIp === true,
    });
    const list = byAz.get(az) ?? [];
    list.push({ subnet, table, route, tags, mapPublicIp, costs });
    byAz.set(az, list);
  }
  for (const [az, candidates] of byAz) {
    const tiers = assignTiers(candidates.map((candidate) => candidate.costs));
    candidates.forEach(({ subnet, table, route, tags, mapPublicIp }, index) => {
      const tier = tiers[index];
      if (!tier) {
        notes.push(`more subnets in ${az} than tiers (${subnet.displayName} is not compared)`);
        return;
      }
      const key = `${tier}/${az}`;
      context.subnetKeys.set(subnet.address, key);
      context.claim(subnet, `subnet[${key}]`);
      context.claim(table, `routeTable[${key}]`);
      context.claim(associationOfSubnet.get(subnet.address), `routeTableAssociation[${key}]`);
      if (route.carrier && route.carrier !== table) context.claim(route.carrier, `route[${key}]`);
      if (route.carrier) defaultRouteOf.set(subnet.address, route.carrier);
      subnets[key] = {
        cidr: asString(read(subnet, F.subnet.cidr)),
        mapPublicIpOnLaunch: mapPublicIp,
        defaultRoute: route.value,
        tags,
      };
    });
  }

  const igw = context.first('internet-gateway', 'internet gateway');
  context.claim(igw, 'internetGateway');
  const attachments = igw
    ? graph
        .referrers(igw, 'gateway-attachment', F.attachment.gateway)
        .filter((attachment) => graph.targets(attachment, F.attachment.vpc, 'vpc').length > 0)
    : [];
  for (const attachment of attachments) context.claim(attachment, 'internetGateway', true);
  const attached =
    igw !== undefined && (graph.targets(igw, F.igw.vpc, 'vpc').length > 0 || attachments.length > 0);

  const natGateways: Record<string, ObservedInfrastructure['natGateways'][string]> = {};
  for (const nat of graph.ofKind('nat-gateway')) {
    const az = natAz.get(nat.address);
    const [subnet] = graph.targets(nat, F.nat.subnet, 'subnet');
    const [eip] = graph.targets(nat, F.nat.allocation, 'eip');
    context.claim(nat, `natGateway[${String(az)}]`);
    context.claim(eip, `eip[${String(az)}]`);
    natGateways[String(az)] = {
      subnet: subnet ? (context.subnetKeys.get(subnet.address) ?? null) : null,
      tags: tagsOf(nat),
      eipTags: eip ? tagsOf(eip) : null,
    };
  }

  const isVpcCidr = (source: Value | undefined) =>
    (typeof source === 'string' && source === vpcCidr) ||
    (isUnknown(source) &&
      vpc !== undefined &&
      source.references.some((ref) => ref.address === vpc.address && /cidr/i.test(ref.attribute ?? '')));
  const allowsHttpsFromVpc = (endpoint: InventoryResource): Value => {
    let allows = false;
    for (const group of graph.targets(endpoint, F.endpoint.groups, 'security-group')) {
      context.claim(group, 'endpointSecurityGroup');
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
          allows = true;
      }
      for (const rule of graph.referrers(group, 'security-group-ingress', F.ingressRule.group)) {
        const props = rule.properties;
        const cf = rule.dialect === 'cloudformation';
        if (!cf && props.type !== undefined && props.type !== 'ingress') continue;
        context.claim(rule, 'endpointSecurityGroup', true);
        const protocol = cf ? props.IpProtocol : (props.ip_protocol ?? props.protocol);
        const from = cf ? props.FromPort : props.from_port;
        const to = cf ? props.ToPort : props.to_port;
        const source = cf
          ? props.CidrIp
          : (props.cidr_ipv4 ?? (Array.isArray(props.cidr_blocks) ? props.cidr_blocks[0] : undefined));
        if (portsCover(from ?? null, to ?? null, protocol ?? null, 443) && isVpcCidr(source)) allows = true;
      }
    }
    return allows;
  };
  const vpcEndpoints: Record<string, ObservedInfrastructure['vpcEndpoints'][string]> = {};
  for (const endpoint of graph.ofKind('vpc-endpoint')) {
    const service = endpointService(asString(read(endpoint, F.endpoint.service)));
    context.claim(endpoint, `vpcEndpoint[${String(service)}]`);
    const type = asString(read(endpoint, F.endpoint.type), 'Gateway');
    const gatewaySubnets = graph
      .targets(endpoint, F.endpoint.tables, 'route-table')
      .flatMap((table) => graph.referrers(table, 'route-table-association', F.association.table))
      .flatMap((association) => graph.targets(association, F.association.subnet, 'subnet'));
    vpcEndpoints[String(service)] = {
      type,
      subnets:
        type === 'Gateway'
          ? context.keysOf(gatewaySubnets)
          : context.keysOf(graph.targets(endpoint, F.endpoint.subnets, 'subnet')),
      privateDnsEnabled: asBoolean(read(endpoint, F.endpoint.privateDns), false),
      allowsHttpsFromVpc: type === 'Interface' ? allowsHttpsFromVpc(endpoint) : false,
    };
  }

  return {
    vpc: vpc
      ? {
          cidr: vpcCidr,
          enableDnsSupport: asBoolean(read(vpc, F.vpc.dnsSupport), true),
          enableDnsHostnames: asBoolean(read(vpc, F.vpc.dnsHostnames), false),
          restrictDefaultSecurityGroup: restrictsDefaultSecurityGroup(context, vpc),
          tags: tagsOf(vpc),
        }
      : null,
    internetGateway: igw ? { attached, tags: tagsOf(igw) } : null,
    subnets,
    natGateways,
    vpcEndpoints,
    defaultRouteOf,
  };
}

/**
 * Whether the VPC's default security group allows nothing: Terraform and Pulumi adopt it with
 * `aws_default_security_group` and no rules; the CloudFormation family strips it with a custom
 * resource (there is no CloudFormation resource for the default group). A default group that is
 * managed with rules keeps them.
 */
function restrictsDefaultSecurityGroup(context: ObserveContext, vpc: InventoryResource): Value {
  const { graph } = context;
  let restricted = false;
  for (const group of graph.ofKind('default-security-group')) {
    const own =
      group.dialect === 'terraform'
        ? graph.targets(group, F.securityGroup.vpc, 'vpc')
        : graph.targets(group, F.restrictDefault.group, 'vpc');
    if (!own.some((candidate) => candidate.address === vpc.address)) continue;
    context.claim(group, 'defaultSecurityGroup');
    if (group.dialect === 'cloudformation') {
      restricted = RESTRICT_DEFAULT_SG_TYPES.has(group.nativeType);
      continue;
    }
    const ingress = read(group, F.securityGroup.ingress);
    const egress = read(group, F.securityGroup.egress);
    const empty = (rules: Value | undefined) =>
      rules === undefined || (Array.isArray(rules) && rules.length === 0);
    restricted = empty(ingress) && empty(egress);
  }
  return restricted;
}
