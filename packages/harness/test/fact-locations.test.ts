/**
 * The line to fix: the resource that holds a fact's value, and the attribute's own line where the
 * source form has one (HCL, CloudFormation YAML, CDKTF's JSON); TypeScript sources keep the
 * resource's line, which is all CDK and Pulumi record.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE, type InventoryResource } from '../src/model/inventory.js';
import { attributeLineIn } from '../src/report/attribute-lines.js';
import { locateFact } from '../src/report/fact-locations.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'locations');
const TF = join(FIXTURES, 'main.tf');
const YAML = join(FIXTURES, 'template.yaml');
const JSON_FILE = join(FIXTURES, 'cdk.tf.json');

describe('attribute lines', () => {
  it('finds an HCL attribute inside nested blocks, past strings with braces and heredocs', () => {
    expect(attributeLineIn(TF, 9, ['metadata_options', 'http_tokens'])).toEqual({
      line: 26,
      found: 'attribute',
    });
    expect(attributeLineIn(TF, 9, ['block_device_mappings', 'ebs', 'volume_size'])).toEqual({
      line: 20,
      found: 'attribute',
    });
    expect(attributeLineIn(TF, 9, ['lifecycle', 'create_before_destroy'])).toEqual({
      line: 30,
      found: 'attribute',
    });
    expect(attributeLineIn(TF, 33, ['retention_in_days'])).toEqual({ line: 35, found: 'attribute' });
    // Not written: the block it belongs in; not even that: the declaration itself.
    expect(attributeLineIn(TF, 9, ['metadata_options', 'instance_metadata_tags'])).toEqual({
      line: 24,
      found: 'block',
    });
    expect(attributeLineIn(TF, 33, ['kms_key_id'])).toEqual({ line: 33, found: 'block' });
  });

  it('finds a CloudFormation property under Properties, and resource-level keys beside it', () => {
    expect(
      attributeLineIn(YAML, 8, ['LaunchTemplateData', 'MetadataOptions', 'HttpTokens'], 'Properties'),
    ).toEqual({ line: 14, found: 'attribute' });
    expect(attributeLineIn(YAML, 8, ['DeletionPolicy'])).toEqual({ line: 10, found: 'attribute' });
    expect(attributeLineIn(YAML, 3, ['ManagedPolicyArns'], 'Properties')).toEqual({
      line: 6,
      found: 'attribute',
    });
  });

  it('finds an attribute in CDKTF JSON from the resource key', () => {
    expect(attributeLineIn(JSON_FILE, 4, ['metadata_options', 'http_tokens'])).toEqual({
      line: 7,
      found: 'attribute',
    });
  });

  it('has no attribute line for TypeScript (a construct is one line)', () => {
    expect(attributeLineIn(join(import.meta.dirname, 'glance.test.ts'), 1, ['x'])).toBeUndefined();
  });
});

function resource(
  address: string,
  kind: string,
  properties: Record<string, unknown>,
  location: InventoryResource['location'],
  dialect: InventoryResource['dialect'] = 'terraform',
): InventoryResource {
  return {
    address,
    displayName: address,
    nativeType: kind,
    kind,
    dialect,
    role: 'core',
    properties: properties as InventoryResource['properties'],
    references: [],
    dependsOn: [],
    lifecycle: DEFAULT_LIFECYCLE.terraform,
    ...(location ? { location } : {}),
  };
}

describe('locating a fact', () => {
  const nodeGroup = resource(
    'aws_eks_node_group.this["system"]',
    'eks-node-group',
    {},
    { file: TF, line: 2 },
  );
  const template = resource(
    'aws_launch_template.node["system"]',
    'launch-template',
    {},
    { file: TF, line: 9 },
  );
  const role = resource('aws_iam_role.node', 'iam-role', {}, { file: TF, line: 1 });
  const attachments = ['AmazonEKSWorkerNodePolicy', 'AdministratorAccess'].map((policy) =>
    resource(
      `aws_iam_role_policy_attachment.node["${policy}"]`,
      'iam-role-policy-attachment',
      { policy_arn: `arn:aws:iam::aws:policy/${policy}` },
      { file: TF, line: 2 },
    ),
  );
  const resources = [nodeGroup, template, role, ...attachments];
  const byAddress = new Map(resources.map((item) => [item.address, item]));
  const claims = [
    { address: nodeGroup.address, identity: 'nodeGroup[system]' },
    { address: template.address, identity: 'launchTemplate[system]' },
    { address: role.address, identity: 'nodeRole' },
    ...attachments.map((item) => ({ address: item.address, identity: 'nodeRole', part: true as const })),
  ];

  it("names the launch template's HttpTokens line, not the node group", () => {
    expect(
      locateFact('nodeGroup[system].launchTemplate.httpTokens', 'required', 'optional', claims, byAddress),
    ).toEqual({ location: `${TF}:26`, scope: 'attribute' });
  });

  it('names the policy attachment that adds a policy, not the role', () => {
    expect(
      locateFact(
        'nodeRole.managedPolicyArns',
        ['arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy'],
        ['arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy', 'arn:aws:iam::aws:policy/AdministratorAccess'],
        claims,
        byAddress,
      ),
    ).toEqual({ location: `${TF}:6`, scope: 'attribute' });
  });

  it('keeps the resource line where the source is TypeScript, and says so', () => {
    const construct = resource(
      'Stack/LaunchTemplate',
      'launch-template',
      {},
      { file: join(import.meta.dirname, 'glance.test.ts'), line: 40, column: 5 },
      'cloudformation',
    );
    expect(
      locateFact(
        'nodeGroup[system].launchTemplate.httpTokens',
        'required',
        'optional',
        [{ address: construct.address, identity: 'launchTemplate[system]' }],
        new Map([[construct.address, construct]]),
      ),
    ).toEqual({ location: `${join(import.meta.dirname, 'glance.test.ts')}:40:5`, scope: 'resource' });
  });
});
