/**
 * The provider schema the harness knows (canonical/provider-schema.ts): argument flags and types
 * from @pulumi/aws's generated SDK (the Terraform bridge writes Optional+Computed outputs as `T` and
 * Optional-only ones as `T | undefined`), ForceNew from the provider source — and what follows from
 * them in the plan: name_prefix replaces (issue 21.9), an optional+computed argument left unset
 * shows no diff (issue 21.10).
 */
import { describe, expect, it } from 'vitest';
import {
  argumentFlag,
  attributeType,
  forceNewVerdict,
  isOptionalComputed,
  providerSchemaIndex,
} from '../src/canonical/provider-schema.js';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
} from '../src/model/inventory.js';
import { Unknown, type ValueObject } from '../src/model/value.js';
import { planInventories } from '../src/plan/plan.js';
import { verdictFor } from '../src/plan/replacement.js';

function resource(address: string, nativeType: string, properties: ValueObject): InventoryResource {
  const dialect = nativeType.startsWith('AWS::') ? 'cloudformation' : 'terraform';
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
    lifecycle: DEFAULT_LIFECYCLE[dialect],
  };
}

const inventory = (resources: InventoryResource[]): Inventory => ({
  schemaVersion: INVENTORY_SCHEMA_VERSION,
  implementation: 'test',
  source: 'terraform',
  resources,
  diagnostics: [],
});

describe('argument flags from the provider schema as @pulumi/aws ships it', () => {
  it('tells optional+computed and computed-only arguments from the rest', () => {
    expect(providerSchemaIndex().source).toMatch(/^@pulumi\/aws 7\.48\.0/);
    // aws_vpc: ipv6_cidr_block is Optional+Computed (the provider fills it with a generated block).
    expect(argumentFlag('aws_vpc', ['ipv6_cidr_block'])).toBe('oc');
    expect(argumentFlag('aws_vpc', ['cidr_block'])).toBe('oc');
    // Optional only (the provider has a default, not a computed value), and required: no flag.
    expect(argumentFlag('aws_vpc', ['enable_dns_support'])).toBeUndefined();
    expect(argumentFlag('aws_vpc', ['arn'])).toBe('c');
    expect(argumentFlag('aws_iam_role', ['assume_role_policy'])).toBeUndefined();
    expect(argumentFlag('aws_iam_role', ['name_prefix'])).toBe('oc');
    expect(argumentFlag('aws_subnet', ['availability_zone_id'])).toBe('oc');
    // Nested blocks, list indexes ignored; a block's name comes back from Pulumi's plural (routes).
    expect(argumentFlag('aws_route_table', ['route'])).toBe('oc');
    expect(isOptionalComputed('aws_eks_cluster', ['vpc_config', 0, 'public_access_cidrs'])).toBe(true);
    expect(argumentFlag('aws_eks_cluster', ['vpc_config', 'endpoint_private_access'])).toBeUndefined();
    // Computed-only inside a block reads as optional+computed: Pulumi shares one input type between
    // arguments and state, so nested computed fields look optional. Either way the provider fills it.
    expect(argumentFlag('aws_eks_cluster', ['vpc_config', 'cluster_security_group_id'])).toBe('oc');
    // Inside a block the provider computes, everything is computed.
    expect(argumentFlag('aws_eks_cluster', ['identity', 'oidc', 'issuer'])).toBeUndefined();
    expect(argumentFlag('aws_eks_cluster', ['certificate_authority', 'data'])).toBe('c');
  });

  it('knows the coarse type of each attribute, for the unknowns it becomes', () => {
    expect(attributeType('aws_subnet', ['id'])).toBe('string');
    expect(attributeType('aws_vpc', ['enable_dns_hostnames'])).toBe('bool');
    expect(attributeType('aws_eks_node_group', ['instance_types'])).toBe('list');
    expect(attributeType('aws_launch_template', ['latest_version'])).toBe('number');
  });

  it('maps the Terraform types a public VPC or EKS module uses to their Pulumi tokens', () => {
    const { types } = providerSchemaIndex();
    expect(types.aws_instance).toBe('aws:ec2/instance:Instance');
    expect(types.aws_lightsail_instance).toBe('aws:lightsail/instance:Instance');
    expect(types.aws_vpc_ipv4_cidr_block_association).toBe(
      'aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation',
    );
    expect(types.aws_egress_only_internet_gateway).toBe(
      'aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway',
    );
    expect(types.aws_eks_node_group).toBe('aws:eks/nodeGroup:NodeGroup');
    expect(types.aws_cloudwatch_log_group).toBe('aws:cloudwatch/logGroup:LogGroup');
  });
});

describe('ForceNew from the provider source', () => {
  it('name_prefix replaces IAM roles and launch templates; a launch template update does not', () => {
    expect(forceNewVerdict('aws_iam_role', ['name_prefix'])).toMatchObject({ replaces: true });
    expect(forceNewVerdict('aws_launch_template', ['name_prefix'])).toMatchObject({ replaces: true });
    expect(forceNewVerdict('aws_launch_template', ['metadata_options', 0, 'http_tokens'])).toMatchObject({
      replaces: false,
    });
    expect(forceNewVerdict('aws_eks_node_group', ['launch_template', 0, 'id'])).toMatchObject({
      replaces: true,
    });
    expect(forceNewVerdict('aws_made_up', ['x'])).toBeUndefined();
  });

  it('plans a name_prefix change as a replacement the role attachments follow (issue 21.9)', () => {
    const role = (prefix: string) => resource('aws_iam_role.node', 'aws_iam_role', { name_prefix: prefix });
    const attachment = resource('aws_iam_role_policy_attachment.node', 'aws_iam_role_policy_attachment', {
      role: new Unknown('computed', [{ address: 'aws_iam_role.node', attribute: 'name' }]),
      policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
    });
    const changes = planInventories(
      inventory([role('node-'), attachment]),
      inventory([role('nodes-'), attachment]),
    );
    const roleChange = changes.find((change) => change.address === 'aws_iam_role.node');
    expect(roleChange).toMatchObject({ action: 'replace' });
    expect(roleChange?.changes[0]).toMatchObject({ path: 'name_prefix', replaces: true, source: 'provider' });
    expect(roleChange?.changes[0]?.why).toContain('internal/service/iam/role.go');
    expect(changes.find((change) => change.address === 'aws_iam_role_policy_attachment.node')).toMatchObject({
      action: 'replace',
    });
    // The launch template the same way.
    const template = (prefix: string) =>
      resource('aws_launch_template.this', 'aws_launch_template', { name_prefix: prefix });
    expect(planInventories(inventory([template('a-')]), inventory([template('b-')]))[0]).toMatchObject({
      action: 'replace',
    });
    expect(verdictFor(role('x'), ['name_prefix'], 'a', 'b').why).not.toContain('not determined');
  });
});

describe('optional+computed arguments left unset (issue 21.10)', () => {
  const cluster = (vpcConfig: ValueObject, type = 'aws_eks_cluster', address = 'aws_eks_cluster.this') =>
    resource(address, type, { name: 'demo', vpc_config: [vpcConfig] });
  const publicOn = { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] };
  const publicOff = { endpoint_public_access: false };

  it('shows no diff where Terraform keeps the value the provider read', () => {
    const [change] = planInventories(inventory([cluster(publicOn)]), inventory([cluster(publicOff)]));
    expect(change).toMatchObject({ action: 'update' });
    expect(change?.changes.map((item) => item.path)).toEqual(['vpc_config[0].endpoint_public_access']);
  });

  it('the same for Pulumi, whose AWS provider is bridged from Terraform’s', () => {
    const pulumi = (vpcConfig: ValueObject) =>
      resource('urn:pulumi:s::p::aws:eks/cluster:Cluster::c', 'aws:eks/cluster:Cluster', {
        name: 'demo',
        vpc_config: vpcConfig,
      });
    const [change] = planInventories(inventory([pulumi(publicOn)]), inventory([pulumi(publicOff)]));
    expect(change?.changes.map((item) => item.path)).toEqual(['vpcConfig.endpointPublicAccess']);
  });

  it('still shows an optional argument that is not computed going away, and a computed one being set', () => {
    const before = cluster({ endpoint_public_access: true, endpoint_private_access: true });
    const after = cluster({ endpoint_public_access: true, public_access_cidrs: ['10.0.0.0/8'] });
    const [change] = planInventories(inventory([before]), inventory([after]));
    expect(change?.changes.map((item) => item.path).sort()).toEqual([
      'vpc_config[0].endpoint_private_access',
      'vpc_config[0].public_access_cidrs',
    ]);
  });
});
