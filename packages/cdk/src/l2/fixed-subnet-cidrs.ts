import type {
  AllocateCidrRequest,
  IIpAddresses,
  SubnetIpamOptions,
  VpcIpamOptions,
} from 'aws-cdk-lib/aws-ec2';

/**
 * An `ec2.IIpAddresses` that gives every subnet a CIDR chosen in advance, by subnet group name and
 * AZ. `ec2.Vpc` otherwise packs subnets in the order it creates them, which moves existing subnets
 * when an AZ or a tier is added; a platform that plans its address space keeps control here.
 */
export class FixedSubnetCidrs implements IIpAddresses {
  /**
   * @param vpcCidr the VPC block
   * @param subnetCidrs subnet group name → availability zone → CIDR
   */
  constructor(
    private readonly vpcCidr: string,
    private readonly subnetCidrs: Readonly<Record<string, Readonly<Record<string, string>>>>,
  ) {}

  allocateVpcCidr(): VpcIpamOptions {
    return { cidrBlock: this.vpcCidr };
  }

  allocateSubnetsCidr(input: AllocateCidrRequest): SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((request) => {
        const cidr = this.subnetCidrs[request.configuration.name]?.[request.availabilityZone];
        if (cidr === undefined) {
          throw new Error(
            `FixedSubnetCidrs has no CIDR for subnet group "${request.configuration.name}" in ${request.availabilityZone}`,
          );
        }
        return { cidr };
      }),
    };
  }
}
