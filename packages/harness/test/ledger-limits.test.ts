/**
 * The ledger (claimed / tool default / unaccounted), subnet tier assignment, and the service
 * limits every implementation is checked against — on small inventories built for the purpose.
 */
import { loadTarget } from '@iac-compare/spec';
import { describe, expect, it } from 'vitest';
import { inventoryFromStacks } from '../src/cloudformation/to-inventory.js';
import type { Inventory } from '../src/model/inventory.js';
import { ledgerOf, unaccountedIn } from '../src/observe/ledger.js';
import { observe } from '../src/observe/observe.js';
import { assignTiers, tierCosts } from '../src/observe/subnet-tiers.js';
import type { Finding } from '../src/validate/findings.js';
import { checkServiceLimits } from '../src/validate/validate.js';
import { evaluateText } from './cfn-helpers.js';
import { cloudFormationInventory } from './cfn-target.js';

function inventoryOf(text: string): Inventory {
  return inventoryFromStacks('test', 'cloudformation', [{ evaluated: evaluateText(text), tags: {} }]);
}

const CLUSTER_WITH_GROUP = (groupProperties: string) => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  ControlPlaneSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: EKS control plane
      VpcId: !Ref Vpc
${groupProperties}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: eks.amazonaws.com }, Action: sts:AssumeRole }]
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      Name: demo
      RoleArn: !GetAtt Role.Arn
      ResourcesVpcConfig:
        SubnetIds: [subnet-1, subnet-2]
        SecurityGroupIds: [!GetAtt ControlPlaneSecurityGroup.GroupId]
`;

describe('the ledger', () => {
  it('claims every resource of the hand-written templates', () => {
    const inventory = cloudFormationInventory(loadTarget());
    const ledger = ledgerOf(inventory, observe(inventory));
    expect(ledger).toHaveLength(inventory.resources.length);
    expect(unaccountedIn(ledger)).toEqual([]);
    expect(ledger.find((entry) => entry.nativeType === 'AWS::EKS::Cluster')?.identities).toEqual(['cluster']);
  });

  it('lists a resource nothing reads as unaccounted, saying what it is', () => {
    const base = cloudFormationInventory(loadTarget());
    const stray = inventoryOf('Resources:\n  Stray:\n    Type: AWS::SNS::Topic\n').resources[0]!;
    const inventory = { ...base, resources: [...base.resources, stray] };
    const unaccounted = unaccountedIn(ledgerOf(inventory, observe(inventory)));
    expect(unaccounted.map((entry) => entry.nativeType)).toEqual(['AWS::SNS::Topic']);
    expect(unaccounted[0]!.reason).toContain('not a kind the target has');
  });

  it('names a stray resource of a known kind as a person would ("an IAM role")', () => {
    const base = cloudFormationInventory(loadTarget());
    const stray = inventoryOf(
      'Resources:\n  Stray:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n',
    ).resources[0]!;
    const inventory = { ...base, resources: [...base.resources, stray] };
    const [entry] = unaccountedIn(ledgerOf(inventory, observe(inventory)));
    expect(entry?.reason).toBe(
      'an IAM role the target does not have, or one iac-compare cannot place (it reads no reference to it)',
    );
  });

  it("accepts aws-eks-v2's rule-less control-plane security group as a documented tool default", () => {
    const inventory = inventoryOf(CLUSTER_WITH_GROUP(''));
    const entry = ledgerOf(inventory, observe(inventory)).find(
      (candidate) => candidate.nativeType === 'AWS::EC2::SecurityGroup',
    )!;
    expect(entry.status).toBe('tool-default');
    expect(entry.defaultId).toBe('aws-eks-v2-control-plane-security-group');
    expect(entry.source).toContain('aws-eks-v2');
  });

  it('does not excuse the same group once it opens a port', () => {
    const inventory = inventoryOf(
      CLUSTER_WITH_GROUP(
        '      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }',
      ),
    );
    const entry = ledgerOf(inventory, observe(inventory)).find(
      (candidate) => candidate.nativeType === 'AWS::EC2::SecurityGroup',
    )!;
    expect(entry.status).toBe('unaccounted');
  });
});

describe('subnet tiers', () => {
  const publicSubnet = tierCosts({
    defaultRoute: 'internet-gateway',
    elbTag: true,
    internalElbTag: false,
    runsNodeGroups: false,
    mapsPublicIp: true,
  });
  const privateSubnet = tierCosts({
    defaultRoute: 'nat-gateway/eu-west-1a',
    elbTag: false,
    internalElbTag: true,
    runsNodeGroups: true,
    mapsPublicIp: false,
  });
  const intraSubnet = tierCosts({
    defaultRoute: 'none',
    elbTag: false,
    internalElbTag: false,
    runsNodeGroups: false,
    mapsPublicIp: false,
  });

  it('weighs the default route over the ELB tags, node groups and public IPs', () => {
    expect(publicSubnet).toEqual({ public: 0, private: 13, intra: 13 });
    expect(privateSubnet).toEqual({ public: 14, private: 0, intra: 14 });
    // No default route: not public; intra by a hair over a private tier without NAT.
    expect(intraSubnet).toEqual({ public: 8.5, private: 0.5, intra: 0 });
    // A private subnet that maps public IPs contradicts less as private than as public.
    const mapsIps = tierCosts({
      defaultRoute: 'nat-gateway/eu-west-1a',
      elbTag: false,
      internalElbTag: true,
      runsNodeGroups: false,
      mapsPublicIp: true,
    });
    expect(mapsIps.private).toBeLessThan(mapsIps.public);
  });

  it('keeps a private subnet routed to the internet gateway private when the AZ already has a public one', () => {
    const misrouted = tierCosts({
      defaultRoute: 'internet-gateway',
      elbTag: false,
      internalElbTag: true,
      runsNodeGroups: true,
      mapsPublicIp: false,
    });
    expect(assignTiers([publicSubnet, misrouted, intraSubnet])).toEqual(['public', 'private', 'intra']);
    expect(assignTiers([misrouted, publicSubnet, intraSubnet])).toEqual(['private', 'public', 'intra']);
  });

  it('keeps intra subnets intra when node groups run in them', () => {
    const intraWithNodes = tierCosts({
      defaultRoute: 'none',
      elbTag: false,
      internalElbTag: false,
      runsNodeGroups: true,
      mapsPublicIp: false,
    });
    expect(assignTiers([publicSubnet, intraWithNodes, privateSubnet])).toEqual([
      'public',
      'intra',
      'private',
    ]);
  });

  it('leaves a fourth subnet in one AZ without a tier', () => {
    expect(assignTiers([publicSubnet, privateSubnet, intraSubnet, intraSubnet])).toEqual([
      'public',
      'private',
      'intra',
      undefined,
    ]);
  });
});

describe('service limits', () => {
  const retention = (days: number) =>
    inventoryOf(`Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/eks/demo/cluster
      RetentionInDays: ${days}
`);

  it('rejects a retention CloudWatch Logs does not offer, naming the API', () => {
    const findings = checkServiceLimits(retention(45), []);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      source: 'service-limit',
      rule: 'aws.logs.log-group.retention',
      property: 'RetentionInDays',
    });
    expect(findings[0]!.message).toContain('45 is not one of');
    expect(findings[0]!.ruleSource).toContain('PutRetentionPolicy');
  });

  it('accepts every retention the spec allows', () => {
    expect(checkServiceLimits(retention(1096), [])).toEqual([]);
  });

  it('does not repeat what the schema validator reported for the same property', () => {
    const reported: Finding[] = [
      {
        severity: 'error',
        source: 'cloudformation-validate',
        rule: 'E3030',
        message: 'not allowed',
        subject: 'Logs',
        property: 'Properties.RetentionInDays',
        ruleSource: 'validator',
      },
    ];
    expect(checkServiceLimits(retention(45), reported)).toEqual([]);
  });

  it('checks names: a cluster name EKS refuses', () => {
    const inventory = inventoryOf(CLUSTER_WITH_GROUP('').replace('Name: demo', `Name: ${'x'.repeat(101)}`));
    expect(checkServiceLimits(inventory, []).map((finding) => finding.rule)).toEqual([
      'aws.eks.cluster.name',
    ]);
  });
});

describe('subnet tiers at scale', () => {
  it('assigns thousands of subnets in one AZ without an exponential search', () => {
    const subnet = { public: 0, private: 13, intra: 13 };
    // An exponential search would never return (the test would time out); speed itself is bench/'s.
    const tiers = assignTiers(Array.from({ length: 3000 }, () => subnet));
    expect(tiers.filter((tier) => tier !== undefined)).toHaveLength(3);
    expect(tiers.slice(0, 3)).toEqual(['public', 'private', 'intra']);
  });
});
