/**
 * The network: security groups open to the world (in every form a tool writes a rule in — see
 * input.ts), the default security group, VPC flow logs, public IPs outside the public tier.
 */
import { isUnknown, type Value } from '../../model/value.js';
import type { IngressRule, PolicyInput, PolicyRule, RuleOutcome } from '../model.js';
import { cdkNag, checkov, fail, isWorld, kics, ok, show, trivy, unknown } from './helpers.js';

const ADMIN_PORTS = [22, 3389];

function covers(rule: IngressRule, port: number): boolean {
  if (rule.fromPort === null || rule.toPort === null) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

/** TCP, UDP or every protocol: the ones a port means something for. */
function carriesPorts(rule: IngressRule): boolean {
  return rule.protocol === 'tcp' || rule.protocol === 'udp' || rule.protocol === '-1';
}

function describeRule(rule: IngressRule, cidrs: readonly Value[]): string {
  const ports =
    rule.fromPort === null
      ? 'all ports'
      : rule.fromPort === rule.toPort
        ? `port ${rule.fromPort}`
        : `ports ${rule.fromPort}-${rule.toPort}`;
  const protocol = rule.protocol === '-1' ? 'all protocols' : rule.protocol;
  return `${rule.form} admits ${cidrs.map(show).join(', ')} on ${protocol} ${ports}`;
}

/** The world CIDRs of a rule; undefined when a CIDR is known only after deploy and none is the world. */
function worldCidrs(rule: IngressRule): Value[] | undefined {
  const world = rule.cidrs.filter(isWorld);
  if (world.length > 0) return world;
  return rule.cidrs.some(isUnknown) ? undefined : [];
}

function judgeRules(input: PolicyInput, open: (rule: IngressRule) => boolean): RuleOutcome[] {
  return input.ingressRules.map((rule) => {
    const world = worldCidrs(rule);
    if (world === undefined) return unknown(rule.resource, `${rule.form}: a CIDR is known only after deploy`);
    return world.length > 0 && open(rule)
      ? fail(rule.resource, describeRule(rule, world))
      : ok(rule.resource);
  });
}

export const adminPortsOpen: PolicyRule = {
  id: 'network-admin-ports-open',
  title: 'Security group opens SSH or RDP to the world',
  severity: 'high',
  rationale:
    'Port 22 (SSH) and 3389 (RDP) open to 0.0.0.0/0 or ::/0 invite brute force and exploits from the whole internet. Reach nodes through SSM Session Manager, or open these ports to a known range only.',
  reads: [
    'security-group ingress in every form: inline rules, AWS::EC2::SecurityGroupIngress, aws_security_group_rule, aws_vpc_security_group_ingress_rule',
  ],
  equivalents: {
    checkov: [
      checkov.tf(
        'CKV_AWS_24',
        'SecurityGroupUnrestrictedIngress22.py',
        'Terraform: aws_security_group inline rules only',
      ),
      checkov.tf('CKV_AWS_25', 'SecurityGroupUnrestrictedIngress3389.py'),
      checkov.cfn('CKV_AWS_24', 'SecurityGroupUnrestrictedIngress22.py'),
      checkov.cfn('CKV_AWS_25', 'SecurityGroupUnrestrictedIngress3389.py'),
    ],
    trivy: [trivy('AVD-AWS-0107', 'cloud/aws/ec2/no_public_ingress_sgr.rego')],
    kics: [
      kics(
        '65905cec-d691-4320-b320-2000436cb696',
        'terraform/aws/security_group_with_unrestricted_access_to_ssh',
      ),
      kics('151187cb-0efc-481c-babd-ad24e3c9bc22', 'terraform/aws/remote_desktop_port_open_to_internet'),
    ],
    cdkNag: [
      cdkNag(
        'AwsSolutions-EC23',
        'ec2/EC2RestrictedInbound.ts',
        'broader: any ingress from 0.0.0.0/0 or ::/0, whatever the port',
      ),
    ],
  },
  fix: {
    'cdk-l2':
      'securityGroup.addIngressRule(ec2.Peer.ipv4("203.0.113.0/24"), ec2.Port.tcp(22)) instead of Peer.anyIpv4(); better, SSM Session Manager',
    'cdk-l1': 'CfnSecurityGroup `securityGroupIngress: [{ cidrIp: "203.0.113.0/24", … }]`',
    cloudformation:
      '`SecurityGroupIngress: [{CidrIp: 203.0.113.0/24, FromPort: 22, ToPort: 22, IpProtocol: tcp}]`',
    'infra-terraform':
      '`cidr_ipv4 = "203.0.113.0/24"` (aws_vpc_security_group_ingress_rule) or `cidr_blocks` of the ingress block',
    cdktf: 'VpcSecurityGroupIngressRule `cidrIpv4: "203.0.113.0/24"`',
    pulumi: 'aws.vpc.SecurityGroupIngressRule `cidrIpv4: "203.0.113.0/24"`',
  },
  helpUri: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
  check: (input) =>
    judgeRules(input, (rule) => carriesPorts(rule) && ADMIN_PORTS.some((port) => covers(rule, port))),
};

export const allPortsOpen: PolicyRule = {
  id: 'network-all-ports-open',
  title: 'Security group opens every port to the world',
  severity: 'high',
  rationale:
    'A rule for all protocols, or all 65,536 ports, from 0.0.0.0/0 or ::/0 exposes every service the instances run, including ones nobody meant to publish.',
  reads: ['security-group ingress in every form (as network-admin-ports-open)'],
  equivalents: {
    checkov: [checkov.tf('CKV_AWS_277', 'SecurityGroupUnrestrictedIngressAny.py')],
    trivy: [],
    kics: [
      kics(
        '4728cd65-a20c-49da-8b31-9c08b423e4db',
        'terraform/aws/unrestricted_security_group_ingress',
        'broader: any world ingress',
      ),
    ],
    cdkNag: [
      cdkNag(
        'AwsSolutions-EC23',
        'ec2/EC2RestrictedInbound.ts',
        'broader: any ingress from 0.0.0.0/0 or ::/0',
      ),
    ],
  },
  fix: {
    'cdk-l2': 'name the port: `ec2.Port.tcp(443)` instead of `ec2.Port.allTraffic()`, and a narrower peer',
    'cdk-l1': 'CfnSecurityGroup ingress with `ipProtocol: "tcp"` and one port range',
    cloudformation: '`IpProtocol: tcp` with `FromPort`/`ToPort` instead of `IpProtocol: -1`',
    'infra-terraform': '`ip_protocol = "tcp"` with `from_port`/`to_port` instead of `"-1"`',
    cdktf: 'VpcSecurityGroupIngressRule `ipProtocol: "tcp"`, `fromPort`, `toPort`',
    pulumi: 'aws.vpc.SecurityGroupIngressRule `ipProtocol: "tcp"`, `fromPort`, `toPort`',
  },
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  check: (input) =>
    judgeRules(
      input,
      (rule) =>
        rule.protocol === '-1' ||
        (carriesPorts(rule) &&
          (rule.fromPort === null || (rule.fromPort <= 0 && (rule.toPort ?? 65535) >= 65535))),
    ),
};

export const defaultSecurityGroupRestricted: PolicyRule = {
  id: 'network-default-security-group',
  title: "The VPC's default security group is not restricted",
  severity: 'low',
  rationale:
    "Every VPC's default security group allows all traffic between its members and all egress; anything launched without a group lands in it. Stripping its rules (CIS AWS 5.4) makes that mistake harmless.",
  reads: [
    'vpc.restrictDefaultSecurityGroup (custom resource in the CloudFormation family; aws_default_security_group without rules elsewhere)',
  ],
  equivalents: {
    checkov: [
      checkov.graph('CKV2_AWS_12', 'VPCHasRestrictedSG.yaml', 'Terraform only: aws_default_security_group'),
    ],
    trivy: [trivy('AVD-AWS-0173', 'cloud/aws/ec2/restrict_all_in_default_sg.rego')],
    kics: [
      kics(
        '46883ce1-dc3e-4b17-9195-c6a601624c73',
        'terraform/aws/default_security_groups_with_unrestricted_traffic',
      ),
    ],
    cdkNag: [
      cdkNag(
        'VPCDefaultSecurityGroupClosed',
        'vpc/VPCDefaultSecurityGroupClosed.ts',
        'not in the AwsSolutions pack',
      ),
    ],
  },
  fix: {
    'cdk-l2':
      'ec2.Vpc `restrictDefaultSecurityGroup: true` (the default in aws-cdk-lib 2.x with the feature flag)',
    'cdk-l1':
      "a custom resource that revokes the default group's rules (CloudFormation has no resource for it)",
    cloudformation:
      "a custom resource that revokes the default group's rules, as the reference template does",
    'infra-terraform':
      '`resource "aws_default_security_group" "this" { vpc_id = aws_vpc.this.id }` with no ingress or egress',
    cdktf: 'DefaultSecurityGroup `{ vpcId }` with no ingress or egress',
    pulumi: 'aws.ec2.DefaultSecurityGroup `{ vpcId }` with no ingress or egress',
  },
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  check(input) {
    const vpc = input.observed.vpc;
    const resource = input.resourceFor('defaultSecurityGroup') ?? input.resourceFor('vpc');
    if (!vpc || !resource) return [];
    const restricted = vpc.restrictDefaultSecurityGroup;
    if (restricted === true) return [ok(resource)];
    if (restricted === false) return [fail(resource, 'the default security group keeps its allow-all rules')];
    return [unknown(resource, `restricted ${show(restricted)}`)];
  },
};

const FLOW_LOG_TYPES = new Set(['AWS::EC2::FlowLog', 'aws_flow_log', 'aws:ec2/flowLog:FlowLog']);

export const vpcFlowLogs: PolicyRule = {
  id: 'network-vpc-flow-logs',
  title: 'VPC without flow logs',
  severity: 'medium',
  rationale:
    'Flow logs are the record of which addresses talked to which, accepted or rejected; without them an incident in the VPC leaves no network trail.',
  reads: ['flow-log resources (AWS::EC2::FlowLog, aws_flow_log) pointing at the VPC'],
  equivalents: {
    checkov: [checkov.graph('CKV2_AWS_11', 'VPCHasFlowLog.yaml', 'Terraform only')],
    trivy: [trivy('AVD-AWS-0178', 'cloud/aws/ec2/require_vpc_flow_logs_for_all_vpcs.rego')],
    kics: [kics('f83121ea-03da-434f-9277-9cd247ab3047', 'terraform/aws/vpc_flowlogs_disabled')],
    cdkNag: [cdkNag('AwsSolutions-VPC7', 'vpc/VPCFlowLogsEnabled.ts')],
  },
  fix: {
    'cdk-l2':
      'ec2.Vpc `flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup) } }`',
    'cdk-l1': 'ec2.CfnFlowLog `{ resourceId: vpc.ref, resourceType: "VPC", trafficType: "ALL", … }`',
    cloudformation:
      '`AWS::EC2::FlowLog` with `ResourceId: !Ref Vpc`, `ResourceType: VPC`, `TrafficType: ALL`',
    'infra-terraform':
      '`resource "aws_flow_log" "this" { vpc_id = aws_vpc.this.id, traffic_type = "ALL", … }`',
    cdktf: 'FlowLog `{ vpcId, trafficType: "ALL", … }`',
    pulumi: 'aws.ec2.FlowLog `{ vpcId, trafficType: "ALL", … }`',
  },
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
  check(input) {
    const vpcs = input.resources.filter((resource) => resource.kind === 'vpc');
    const logged = new Set(
      input.inventory.resources
        .filter((resource) => FLOW_LOG_TYPES.has(resource.nativeType))
        .flatMap((resource) => resource.references.map((edge) => edge.target)),
    );
    return vpcs.map((vpc) =>
      logged.has(vpc.address) ? ok(vpc) : fail(vpc, "no flow log records this VPC's traffic"),
    );
  },
};

export const publicIpOutsidePublicTier: PolicyRule = {
  id: 'network-public-ip-on-private-subnet',
  title: 'A subnet outside the public tier assigns public IPs',
  severity: 'medium',
  rationale:
    'Instances launched in a private or isolated subnet that maps public IPs on launch get an internet address they should never have; whether it is reachable then depends on one route table.',
  reads: ['subnet[].mapPublicIpOnLaunch', 'subnet tiers (observe)'],
  equivalents: {
    checkov: [checkov.tf('CKV_AWS_130', 'SubnetPublicIP.py', 'every subnet, the public tier too')],
    trivy: [
      trivy('AVD-AWS-0164', 'cloud/aws/ec2/no_public_ip_subnet.rego', 'every subnet, the public tier too'),
    ],
    kics: [
      kics(
        '52f04a44-6bfa-4c41-b1d3-4ae99a2de05c',
        'terraform/aws/vpc_subnet_assigns_public_ip',
        'every subnet, the public tier too',
      ),
    ],
    cdkNag: [
      cdkNag(
        'VPCSubnetAutoAssignPublicIpDisabled',
        'vpc/VPCSubnetAutoAssignPublicIpDisabled.ts',
        'every subnet; not in the AwsSolutions pack',
      ),
    ],
  },
  fix: {
    'cdk-l2':
      'ec2.Vpc subnetConfiguration: `mapPublicIpOnLaunch: false` on PRIVATE_* and isolated groups (the default)',
    'cdk-l1': 'CfnSubnet `mapPublicIpOnLaunch: false`',
    cloudformation: '`MapPublicIpOnLaunch: false` on the private and intra subnets',
    'infra-terraform': '`map_public_ip_on_launch = false` on private and intra aws_subnet',
    cdktf: 'Subnet `mapPublicIpOnLaunch: false`',
    pulumi: 'aws.ec2.Subnet `mapPublicIpOnLaunch: false`',
  },
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
  check(input) {
    return Object.entries(input.observed.subnets).flatMap(([key, subnet]): RuleOutcome[] => {
      const resource = input.resourceFor(`subnet[${key}]`);
      if (!resource || key.startsWith('public/')) return [];
      const maps = subnet.mapPublicIpOnLaunch;
      if (maps === true) return [fail(resource, `${key} maps public IPs on launch`)];
      if (maps === false || maps === null) return [ok(resource)];
      return [unknown(resource, `mapPublicIpOnLaunch ${show(maps)}`)];
    });
  },
};
