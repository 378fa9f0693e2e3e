/** The network as a Pulumi component: VPC, subnets, gateways, routes and (without NAT) endpoints. */
import type { Infrastructure, SubnetKey } from '@iac-compare/spec';
import * as ec2 from '@pulumi/aws/ec2/index.js';
import * as awsvpc from '@pulumi/aws/vpc/index.js';
import * as pulumi from '@pulumi/pulumi';

export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly subnetIds = new Map<SubnetKey, pulumi.Output<string>>();
  /** What nodes in the private subnets need before they start: the NAT routes and associations, or the endpoints. */
  readonly privateEgress: pulumi.Resource[] = [];

  constructor(name: string, infra: Infrastructure, opts?: pulumi.ComponentResourceOptions) {
    super('iac-compare:network:Network', name, {}, opts);
    const child = { parent: this };
    const vpc = new ec2.Vpc(
      'vpc',
      {
        cidrBlock: infra.vpc.cidr,
        enableDnsSupport: infra.vpc.enableDnsSupport,
        enableDnsHostnames: infra.vpc.enableDnsHostnames,
        tags: { Name: infra.name },
      },
      child,
    );
    this.vpcId = vpc.id;
    const igw = new ec2.InternetGateway(
      'internet-gateway',
      { vpcId: vpc.id, tags: { Name: infra.name } },
      child,
    );

    if (infra.vpc.restrictDefaultSecurityGroup) {
      // Adopting the default group with no ingress or egress removes its rules (CIS AWS 5.4).
      new ec2.DefaultSecurityGroup(
        'default-security-group',
        { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${infra.name}-default` } },
        child,
      );
    }

    for (const subnet of infra.subnets) {
      const elbTags = Object.fromEntries(
        Object.entries(subnet.tags).filter(([key]) => key.startsWith('kubernetes.io/')),
      );
      const resource = new ec2.Subnet(
        `subnet-${subnet.tier}-${subnet.availabilityZone}`,
        {
          vpcId: vpc.id,
          availabilityZone: subnet.availabilityZone,
          cidrBlock: subnet.cidr,
          mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
          tags: { Name: `${infra.name}-${subnet.tier}-${subnet.availabilityZone}`, ...elbTags },
        },
        child,
      );
      this.subnetIds.set(subnet.key, resource.id);
    }

    const natIds = new Map<string, pulumi.Output<string>>();
    for (const nat of infra.natGateways) {
      const eip = new ec2.Eip(
        `nat-eip-${nat.availabilityZone}`,
        { domain: 'vpc', tags: { Name: `${infra.name}-nat-${nat.availabilityZone}` } },
        { ...child, dependsOn: [igw] },
      );
      const gateway = new ec2.NatGateway(
        `nat-${nat.availabilityZone}`,
        {
          allocationId: eip.id,
          subnetId: this.subnetIds.get(nat.subnet)!,
          tags: { Name: `${infra.name}-nat-${nat.availabilityZone}` },
        },
        { ...child, dependsOn: [igw] },
      );
      natIds.set(nat.availabilityZone, gateway.id);
    }

    // One route table for the public tier, one per AZ for the private tier (its own NAT route), one for intra.
    const tables = new Map<string, ec2.RouteTable>();
    const tableFor = (key: string): ec2.RouteTable => {
      const existing = tables.get(key);
      if (existing) return existing;
      const table = new ec2.RouteTable(
        `route-table-${key}`,
        { vpcId: vpc.id, tags: { Name: `${infra.name}-${key}` } },
        child,
      );
      tables.set(key, table);
      return table;
    };
    new ec2.Route(
      'route-internet',
      { routeTableId: tableFor('public').id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id },
      child,
    );
    const privateTables: pulumi.Output<string>[] = [];
    for (const subnet of infra.subnets) {
      const table = tableFor(subnet.tier === 'private' ? `private-${subnet.availabilityZone}` : subnet.tier);
      if (subnet.tier === 'private') {
        privateTables.push(table.id);
        if (subnet.defaultRoute.target === 'nat-gateway') {
          const route = new ec2.Route(
            `route-nat-${subnet.availabilityZone}`,
            {
              routeTableId: table.id,
              destinationCidrBlock: '0.0.0.0/0',
              natGatewayId: natIds.get(subnet.defaultRoute.availabilityZone)!,
            },
            child,
          );
          this.privateEgress.push(route);
        }
      }
      const association = new ec2.RouteTableAssociation(
        `route-table-association-${subnet.tier}-${subnet.availabilityZone}`,
        { subnetId: this.subnetIds.get(subnet.key)!, routeTableId: table.id },
        child,
      );
      if (subnet.tier === 'private') this.privateEgress.push(association);
    }

    if (infra.vpcEndpoints.length > 0) {
      const endpointGroup = new ec2.SecurityGroup(
        'endpoints',
        { description: 'HTTPS from the VPC to the interface endpoints', vpcId: vpc.id },
        child,
      );
      new awsvpc.SecurityGroupIngressRule(
        'endpoints-https',
        {
          securityGroupId: endpointGroup.id,
          description: 'HTTPS from the VPC',
          cidrIpv4: infra.vpc.cidr,
          ipProtocol: 'tcp',
          fromPort: 443,
          toPort: 443,
        },
        child,
      );
      for (const endpoint of infra.vpcEndpoints) {
        const resource = new ec2.VpcEndpoint(
          `endpoint-${endpoint.service}`,
          {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${infra.region}.${endpoint.service}`,
            vpcEndpointType: endpoint.type,
            ...(endpoint.type === 'Gateway'
              ? { routeTableIds: privateTables }
              : {
                  subnetIds: endpoint.subnets.map((key) => this.subnetIds.get(key)!),
                  privateDnsEnabled: endpoint.privateDnsEnabled,
                  securityGroupIds: [endpointGroup.id],
                }),
          },
          child,
        );
        this.privateEgress.push(resource);
      }
    }
    this.registerOutputs({ vpcId: this.vpcId });
  }
}
