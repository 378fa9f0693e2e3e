// Lab 9: the target's network, written by hand with the AWS CDK's ec2.Vpc (an L2 construct).
import { App, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

const app = new App();
const stack = new Stack(app, 'lab9-network', { env: { account: '111122223333', region: 'eu-west-1' } });

const vpc = new ec2.Vpc(stack, 'Vpc', {
  vpcName: 'iac-compare-demo',
  ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16'),
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  natGateways: 3,
  // ec2.Vpc hands out CIDRs in this order: the /19s first, then the /24s, as the spec's plan does.
  subnetConfiguration: [
    { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'intra', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
  ],
  enableDnsSupport: true,
  enableDnsHostnames: true,
  restrictDefaultSecurityGroup: true,
});

// Where load balancers go: internet-facing in the public subnets, internal in the private ones.
// Tags.of() reaches a construct's whole subtree, and each NAT gateway and its EIP live inside their
// public subnet's construct: tag the subnets only.
const subnetsOnly = { includeResourceTypes: ['AWS::EC2::Subnet'] };
for (const subnet of vpc.publicSubnets) Tags.of(subnet).add('kubernetes.io/role/elb', '1', subnetsOnly);
for (const subnet of vpc.privateSubnets)
  Tags.of(subnet).add('kubernetes.io/role/internal-elb', '1', subnetsOnly);

Tags.of(app).add('project', 'iac-compare');
Tags.of(app).add('environment', 'demo');
Tags.of(app).add('owner', 'platform-team');
