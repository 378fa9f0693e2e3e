/** The network half of the CDKTF stack: VPC, subnets, gateways, routes and (without NAT) endpoints. */
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
import type { Infrastructure, SubnetKey } from '@iac-compare/spec';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export class Network extends Construct {
  readonly vpc: Vpc;
  /** Subnet ID tokens by spec subnet key (tier/az). */
  readonly subnetIds = new Map<SubnetKey, string>();
  /** What nodes in the private subnets need before they start: the NAT routes and associations, or the endpoints. */
  readonly privateEgress: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, infra: Infrastructure) {
    super(scope, id);
    const name = infra.name;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: infra.vpc.cidr,
      enableDnsSupport: infra.vpc.enableDnsSupport,
      enableDnsHostnames: infra.vpc.enableDnsHostnames,
      tags: { Name: name },
    });
    const igw = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: { Name: name } });
    if (infra.vpc.restrictDefaultSecurityGroup) {
      // Adopting the default group with no ingress or egress removes its rules (CIS AWS 5.4).
      new DefaultSecurityGroup(this, 'default-security-group', {
        vpcId: this.vpc.id,
        tags: { Name: `${name}-default` },
      });
    }

    for (const subnet of infra.subnets) {
      const elbTags = Object.fromEntries(
        Object.entries(subnet.tags).filter(([key]) => key.startsWith('kubernetes.io/')),
      );
      const resource = new Subnet(this, `subnet-${subnet.tier}-${subnet.availabilityZone}`, {
        vpcId: this.vpc.id,
        availabilityZone: subnet.availabilityZone,
        cidrBlock: subnet.cidr,
        mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
        tags: { Name: `${name}-${subnet.tier}-${subnet.availabilityZone}`, ...elbTags },
      });
      this.subnetIds.set(subnet.key, resource.id);
    }

    const natIds = new Map<string, string>();
    for (const nat of infra.natGateways) {
      const eip = new Eip(this, `nat-eip-${nat.availabilityZone}`, {
        domain: 'vpc',
        tags: { Name: `${name}-nat-${nat.availabilityZone}` },
        dependsOn: [igw],
      });
      const gateway = new NatGateway(this, `nat-${nat.availabilityZone}`, {
        allocationId: eip.id,
        subnetId: this.subnetIds.get(nat.subnet)!,
        tags: { Name: `${name}-nat-${nat.availabilityZone}` },
        dependsOn: [igw],
      });
      natIds.set(nat.availabilityZone, gateway.id);
    }

    // One route table for the public tier, one per AZ for the private tier (its own NAT route), one for intra.
    const tables = new Map<string, RouteTable>();
    const tableFor = (key: string) => {
      let table = tables.get(key);
      if (!table) {
        table = new RouteTable(this, `route-table-${key}`, {
          vpcId: this.vpc.id,
          tags: { Name: `${name}-${key}` },
        });
        tables.set(key, table);
      }
      return table;
    };
    new Route(this, 'route-internet', {
      routeTableId: tableFor('public').id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });
    const privateTables: string[] = [];
    for (const subnet of infra.subnets) {
      const key = subnet.tier === 'private' ? `private-${subnet.availabilityZone}` : subnet.tier;
      const table = tableFor(key);
      if (subnet.tier === 'private') {
        privateTables.push(table.id);
        if (subnet.defaultRoute.target === 'nat-gateway') {
          const route = new Route(this, `route-nat-${subnet.availabilityZone}`, {
            routeTableId: table.id,
            destinationCidrBlock: '0.0.0.0/0',
            natGatewayId: natIds.get(subnet.defaultRoute.availabilityZone)!,
          });
          this.privateEgress.push(route);
        }
      }
      const association = new RouteTableAssociation(
        this,
        `route-table-association-${subnet.tier}-${subnet.availabilityZone}`,
        { subnetId: this.subnetIds.get(subnet.key)!, routeTableId: table.id },
      );
      if (subnet.tier === 'private') this.privateEgress.push(association);
    }

    if (infra.vpcEndpoints.length > 0) {
      const endpointGroup = new SecurityGroup(this, 'endpoints', {
        namePrefix: `${name}-endpoints-`,
        description: 'HTTPS from the VPC to the interface endpoints',
        vpcId: this.vpc.id,
      });
      new VpcSecurityGroupIngressRule(this, 'endpoints-https', {
        securityGroupId: endpointGroup.id,
        description: 'HTTPS from the VPC',
        cidrIpv4: infra.vpc.cidr,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
      });
      for (const endpoint of infra.vpcEndpoints) {
        const resource = new VpcEndpoint(this, `endpoint-${endpoint.service}`, {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${infra.region}.${endpoint.service}`,
          vpcEndpointType: endpoint.type,
          ...(endpoint.type === 'Gateway'
            ? { routeTableIds: privateTables }
            : {
                subnetIds: endpoint.subnets.map((key) => this.subnetIds.get(key)!),
                privateDnsEnabled: endpoint.privateDnsEnabled,
                securityGroupIds: [endpointGroup.id],
              }),
        });
        this.privateEgress.push(resource);
      }
    }
  }
}
