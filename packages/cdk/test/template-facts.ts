/**
 * Reads the facts the tests assert from a synthesized template, following Refs and GetAtts the way
 * CloudFormation would: subnets, where each subnet's default route goes, NAT placement, node groups.
 */
import type { Template } from 'aws-cdk-lib/assertions';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties?: Json;
  DependsOn?: string | string[];
}

function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as Json).Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = (value as Json)['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  return undefined;
}

export class TemplateFacts {
  readonly resources: Record<string, Resource>;

  constructor(template: Template) {
    this.resources = (template.toJSON() as { Resources: Record<string, Resource> }).Resources;
  }

  ofType(type: string): [string, Resource][] {
    return Object.entries(this.resources).filter(([, resource]) => resource.Type === type);
  }

  /** "tier/az" is not in the template; subnets are keyed by AZ and CIDR. */
  subnets(): { id: string; az: string; cidr: string; public: boolean; tags: Record<string, string> }[] {
    return this.ofType('AWS::EC2::Subnet').map(([id, resource]) => {
      const props = resource.Properties ?? {};
      const tags = Object.fromEntries(
        ((props.Tags as { Key: string; Value: string }[] | undefined) ?? []).map((tag) => [
          tag.Key,
          tag.Value,
        ]),
      );
      return {
        id,
        az: String(props.AvailabilityZone),
        cidr: String(props.CidrBlock),
        public: props.MapPublicIpOnLaunch === true,
        tags,
      };
    });
  }

  subnetCidrsByAz(): Map<string, string[]> {
    const byAz = new Map<string, string[]>();
    for (const subnet of this.subnets())
      byAz.set(subnet.az, [...(byAz.get(subnet.az) ?? []), subnet.cidr].sort());
    return byAz;
  }

  /** Subnet CIDR → where its default route goes: "igw", "nat:<az>", or "none". */
  defaultRoutes(): Map<string, string> {
    const tableOfSubnet = new Map<string, string>();
    for (const [, association] of this.ofType('AWS::EC2::SubnetRouteTableAssociation')) {
      tableOfSubnet.set(
        refOf(association.Properties?.SubnetId)!,
        refOf(association.Properties?.RouteTableId)!,
      );
    }
    const natAz = new Map<string, string>();
    const subnetAz = new Map(this.subnets().map((subnet) => [subnet.id, subnet.az]));
    for (const [id, nat] of this.ofType('AWS::EC2::NatGateway')) {
      natAz.set(id, subnetAz.get(refOf(nat.Properties?.SubnetId)!)!);
    }
    const routeOfTable = new Map<string, string>();
    for (const [, route] of this.ofType('AWS::EC2::Route')) {
      if (route.Properties?.DestinationCidrBlock !== '0.0.0.0/0') continue;
      const table = refOf(route.Properties.RouteTableId)!;
      const nat = refOf(route.Properties.NatGatewayId);
      routeOfTable.set(
        table,
        nat ? `nat:${natAz.get(nat)}` : refOf(route.Properties.GatewayId) ? 'igw' : 'other',
      );
    }
    return new Map(
      this.subnets().map((subnet) => [
        subnet.cidr,
        routeOfTable.get(tableOfSubnet.get(subnet.id)!) ?? 'none',
      ]),
    );
  }

  natAvailabilityZones(): string[] {
    const subnetAz = new Map(this.subnets().map((subnet) => [subnet.id, subnet.az]));
    return this.ofType('AWS::EC2::NatGateway')
      .map(([, nat]) => subnetAz.get(refOf(nat.Properties?.SubnetId)!)!)
      .sort();
  }

  /** Subnet CIDRs a list of subnet Refs points at. */
  cidrsOf(refs: unknown): string[] {
    const cidrById = new Map(this.subnets().map((subnet) => [subnet.id, subnet.cidr]));
    return (refs as unknown[]).map((ref) => cidrById.get(refOf(ref)!)!).sort();
  }

  dependsOn(id: string): string[] {
    const value = this.resources[id]?.DependsOn;
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  }
}
