/**
 * The policy rules on hand-written inventories: every form a tool writes a security-group rule in,
 * "not applicable" apart from "compliant", unknowns kept unknown, the version calendar, images.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
  Unknown,
  type Value,
} from '../src/index.js';
import { evaluatePolicy, failsAt } from '../src/policy/index.js';
import { standardSupportEnd } from '../src/policy/rules/eks.js';
import { imageReference } from '../src/policy/rules/workloads.js';

function resource(
  address: string,
  nativeType: string,
  properties: Record<string, Value>,
  dialect: 'cloudformation' | 'terraform' = nativeType.startsWith('AWS::') ? 'cloudformation' : 'terraform',
): InventoryResource {
  return {
    address,
    displayName: address,
    nativeType,
    kind: null,
    dialect,
    role: 'core',
    properties,
    references: [],
    dependsOn: [],
    lifecycle: DEFAULT_LIFECYCLE[dialect === 'cloudformation' ? 'cloudformation' : 'terraform'],
    location: { file: `src/${address}.txt`, line: 7 },
  };
}

function inventory(...resources: InventoryResource[]): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    implementation: 'test',
    source: 'terraform',
    resources,
    diagnostics: [],
  };
}

function verdicts(inv: Inventory, asOf = '2026-12-07') {
  const report = evaluatePolicy(new Map([['test', inv]]), { asOf });
  return Object.fromEntries(report.implementations[0]!.verdicts.map((verdict) => [verdict.ruleId, verdict]));
}

const ADMIN = 'network-admin-ports-open';
const ALL_PORTS = 'network-all-ports-open';

describe('security groups open to the world, in every form a tool writes a rule in', () => {
  const cases: [string, InventoryResource, boolean, boolean][] = [
    [
      'CloudFormation inline SecurityGroupIngress',
      resource('Sg', 'AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
      }),
      true,
      false,
    ],
    [
      'CloudFormation inline, IPv6 ::/0 on 3389',
      resource('Sg6', 'AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv6: '::/0' }],
      }),
      true,
      false,
    ],
    [
      'AWS::EC2::SecurityGroupIngress over a range that covers 22',
      resource('Ingress', 'AWS::EC2::SecurityGroupIngress', {
        GroupId: 'sg-1',
        IpProtocol: '6',
        FromPort: 0,
        ToPort: 1024,
        CidrIp: '0.0.0.0/0',
      }),
      true,
      false,
    ],
    [
      'Terraform inline ingress block',
      resource('aws_security_group.a', 'aws_security_group', {
        ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }],
      }),
      true,
      false,
    ],
    [
      'aws_security_group_rule of type ingress',
      resource('aws_security_group_rule.a', 'aws_security_group_rule', {
        type: 'ingress',
        from_port: 22,
        to_port: 22,
        protocol: 'tcp',
        cidr_blocks: ['0.0.0.0/0'],
        security_group_id: 'sg-1',
      }),
      true,
      false,
    ],
    [
      'aws_vpc_security_group_ingress_rule, every protocol',
      resource('aws_vpc_security_group_ingress_rule.a', 'aws_vpc_security_group_ingress_rule', {
        ip_protocol: '-1',
        cidr_ipv4: '0.0.0.0/0',
        security_group_id: 'sg-1',
      }),
      true,
      true,
    ],
    [
      "Pulumi's SecurityGroupIngressRule (bridged, snake_case)",
      resource(
        'urn:pulumi:s::p::aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::a',
        'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
        {
          ip_protocol: 'tcp',
          from_port: 0,
          to_port: 65535,
          cidr_ipv6: '::/0',
        },
      ),
      true,
      true,
    ],
    [
      'a known range only',
      resource('Sg2', 'AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: [{ IpProtocol: '-1', CidrIp: '10.0.0.0/8' }],
      }),
      false,
      false,
    ],
    [
      'ICMP from the world (no ports)',
      resource('Sg3', 'AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }],
      }),
      false,
      false,
    ],
  ];
  for (const [name, rule, admin, all] of cases) {
    it(name, () => {
      const result = verdicts(inventory(rule));
      expect(result[ADMIN]!.verdict).toBe(admin ? 'fail' : 'pass');
      expect(result[ALL_PORTS]!.verdict).toBe(all ? 'fail' : 'pass');
      if (admin) {
        const finding = result[ADMIN]!.findings[0]!;
        expect(finding.address).toBe(rule.address);
        expect(finding.location).toEqual({ file: `src/${rule.address}.txt`, line: 7 });
      }
    });
  }

  it('reads an egress rule as no ingress at all: not applicable', () => {
    const result = verdicts(
      inventory(
        resource('aws_security_group_rule.b', 'aws_security_group_rule', {
          type: 'egress',
          from_port: 0,
          to_port: 0,
          protocol: '-1',
          cidr_blocks: ['0.0.0.0/0'],
        }),
      ),
    );
    expect(result[ADMIN]!.verdict).toBe('not-applicable');
  });

  it('is not applicable, not compliant, when nothing declares a rule', () => {
    const result = verdicts(
      inventory(resource('aws_kms_key.k', 'aws_kms_key', { enable_key_rotation: true })),
    );
    expect(result[ADMIN]!.verdict).toBe('not-applicable');
    expect(result['kms-key-rotation']!.verdict).toBe('pass');
  });

  it("reads a CIDR given as the VPC's own CidrBlock as that CIDR (CDK's endpoint groups), not as unknown", () => {
    const vpc = resource('stack/Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const group = resource('stack/EndpointSg', 'AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          CidrIp: new Unknown('computed', [{ address: 'stack/Vpc', attribute: 'CidrBlock' }]),
        },
      ],
    });
    expect(verdicts(inventory(vpc, group))[ADMIN]!.verdict).toBe('pass');
  });

  it('stays unknown when a CIDR is known only after deploy', () => {
    const computed = new Unknown('computed', [{ address: 'aws_vpc.v', attribute: 'cidr_block' }]);
    const result = verdicts(
      inventory(
        resource('aws_security_group.c', 'aws_security_group', {
          ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [computed] }],
        }),
      ),
    );
    expect(result[ADMIN]!.verdict).toBe('unknown');
    expect(result[ADMIN]!.findings[0]!.status).toBe('unknown');
  });
});

describe('keys, logs and IAM', () => {
  it('KMS rotation: off or left out fails; an asymmetric key is not applicable', () => {
    expect(verdicts(inventory(resource('K', 'AWS::KMS::Key', {})))['kms-key-rotation']!.verdict).toBe('fail');
    expect(
      verdicts(inventory(resource('K', 'AWS::KMS::Key', { KeySpec: 'RSA_2048' })))['kms-key-rotation']!
        .verdict,
    ).toBe('not-applicable');
  });

  it('IAM wildcards: service:* and non-read actions on * fail; Describe on * is tolerated', () => {
    const role = (statement: Record<string, Value>) =>
      verdicts(
        inventory(
          resource('Role', 'AWS::IAM::Role', {
            AssumeRolePolicyDocument: {
              Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: '*' } }],
            },
            Policies: [
              { PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
            ],
          }),
        ),
      )['iam-wildcard-permissions']!;
    expect(role({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' }).verdict).toBe('fail');
    expect(role({ Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' }).verdict).toBe('fail');
    expect(role({ Effect: 'Allow', Action: ['ec2:DescribeInstances'], Resource: '*' }).verdict).toBe('pass');
    expect(role({ Effect: 'Deny', Action: '*', Resource: '*' }).verdict).toBe('pass');
  });

  it('AdministratorAccess attached as a Terraform attachment fails at the attachment', () => {
    const result = verdicts(
      inventory(
        resource('aws_iam_role_policy_attachment.a', 'aws_iam_role_policy_attachment', {
          role: 'r',
          policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
    )['iam-admin-managed-policy']!;
    expect(result.verdict).toBe('fail');
    expect(result.findings[0]!.address).toBe('aws_iam_role_policy_attachment.a');
  });
});

describe('the EKS support calendar and image references', () => {
  it('dates a version, bounds a newer one by the newest dated, and knows nothing of an older unknown one', () => {
    expect(standardSupportEnd('1.34')).toEqual({ date: '2026-12-02', exact: true });
    expect(standardSupportEnd('1.37')).toEqual({ date: '2027-03-27', exact: false });
    expect(standardSupportEnd('1.20')).toBeUndefined();
  });

  it('parses tags and digests, a registry port not being a tag', () => {
    expect(imageReference('ghcr.io/a/b:1.4.2')).toEqual({ tag: '1.4.2' });
    expect(imageReference('registry:5000/app')).toEqual({});
    expect(imageReference('app@sha256:abc')).toEqual({ digest: 'sha256:abc' });
  });
});

describe('--fail-on', () => {
  it('counts unwaived non-compliant findings at or above the threshold', () => {
    const report = evaluatePolicy(new Map([['test', inventory(resource('K', 'AWS::KMS::Key', {}))]]), {
      asOf: '2026-12-07',
    });
    // kms-key-rotation is medium.
    expect(failsAt(report, 'low')).toBe(true);
    expect(failsAt(report, 'medium')).toBe(true);
    expect(failsAt(report, 'high')).toBe(false);
  });
});
