/**
 * The ForceNew table against terraform-provider-aws 6.25.0 (canonical/provider-force-new.ts), each
 * fact a correction from the source review (/work/wt/review-forcenew.md): arguments that do and do
 * not replace, replacements under a condition (CustomizeDiff / ModifyPlan), a whole block compared
 * value by value, and updates the provider plans but never applies (plan/provider-rules.ts).
 */
import { describe, expect, it } from 'vitest';
import { AWS_PROVIDER_VERSION, FORCE_NEW } from '../src/canonical/provider-force-new.js';
import { forceNewVerdict } from '../src/canonical/provider-schema.js';
import {
  DEFAULT_LIFECYCLE,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type InventoryResource,
} from '../src/model/inventory.js';
import { Unknown, type ValueObject } from '../src/model/value.js';
import { planInventories } from '../src/plan/plan.js';

function resource(address: string, nativeType: string, properties: ValueObject): InventoryResource {
  return {
    address,
    displayName: address,
    nativeType,
    kind: null,
    dialect: 'terraform',
    role: 'core',
    properties,
    references: [],
    dependsOn: [],
    lifecycle: DEFAULT_LIFECYCLE.terraform,
  };
}

const inventory = (resources: InventoryResource[]): Inventory => ({
  schemaVersion: INVENTORY_SCHEMA_VERSION,
  implementation: 'test',
  source: 'terraform',
  resources,
  diagnostics: [],
});

/** The plan of one resource whose arguments go from `before` to `after`. */
function planOf(type: string, before: ValueObject, after: ValueObject) {
  const [change] = planInventories(
    inventory([resource(`${type}.this`, type, before)]),
    inventory([resource(`${type}.this`, type, after)]),
  );
  return change;
}

describe('the table names the provider version it was read at', () => {
  it('is 6.25.0, and every verdict cites it', () => {
    expect(AWS_PROVIDER_VERSION).toBe('6.25.0');
    expect(forceNewVerdict('aws_vpc', ['cidr_block'])?.source).toContain('@ 6.25.0');
  });
});

describe('arguments the review found wrong', () => {
  it('aws_eks_cluster: remote_network_config is updated in place (since 6.11)', () => {
    expect(
      forceNewVerdict('aws_eks_cluster', ['remote_network_config', 0, 'remote_node_networks', 0, 'cidrs']),
    ).toMatchObject({ replaces: false });
    expect(FORCE_NEW.aws_eks_cluster?.forceNew).not.toContain('remote_network_config');
  });

  it('aws_eks_cluster: outpost_config replaces only through its instance type and placement group', () => {
    expect(forceNewVerdict('aws_eks_cluster', ['outpost_config', 0, 'outpost_arns'])).toMatchObject({
      replaces: false,
    });
    expect(
      forceNewVerdict('aws_eks_cluster', ['outpost_config', 0, 'control_plane_instance_type']),
    ).toMatchObject({ replaces: true });
    expect(
      forceNewVerdict('aws_eks_cluster', ['outpost_config', 0, 'control_plane_placement', 0, 'group_name']),
    ).toMatchObject({ replaces: true });
    // Adding the whole block sets the instance type: that replaces.
    expect(
      forceNewVerdict('aws_eks_cluster', ['outpost_config'], {
        before: [],
        after: [{ control_plane_instance_type: 'm5.large', outpost_arns: ['arn:o'] }],
      }),
    ).toMatchObject({ replaces: true, argument: 'outpost_config.control_plane_instance_type' });
  });

  it('aws_eip: customer_owned_ipv4_pool is not ForceNew', () => {
    expect(forceNewVerdict('aws_eip', ['customer_owned_ipv4_pool'])).toMatchObject({ replaces: false });
    expect(forceNewVerdict('aws_eip', ['public_ipv4_pool'])).toMatchObject({ replaces: true });
  });

  it('aws_nat_gateway: availability_mode and vpc_id replace (6.24 regional NAT)', () => {
    expect(forceNewVerdict('aws_nat_gateway', ['availability_mode'])).toMatchObject({ replaces: true });
    expect(forceNewVerdict('aws_nat_gateway', ['vpc_id'])).toMatchObject({ replaces: true });
    expect(forceNewVerdict('aws_nat_gateway', ['secondary_allocation_ids'])).toMatchObject({
      replaces: false,
    });
  });

  it('aws_ssm_parameter: data_type replaces; value does not', () => {
    expect(forceNewVerdict('aws_ssm_parameter', ['data_type'])).toMatchObject({ replaces: true });
    expect(forceNewVerdict('aws_ssm_parameter', ['value'])).toMatchObject({ replaces: false });
  });

  it('aws_lambda_function: tenancy_config replaces (6.23); capacity_provider_config does not', () => {
    expect(
      forceNewVerdict('aws_lambda_function', ['tenancy_config', 0, 'tenant_isolation_mode']),
    ).toMatchObject({
      replaces: true,
    });
    expect(forceNewVerdict('aws_lambda_function', ['capacity_provider_config'])).toMatchObject({
      replaces: false,
    });
  });
});

describe('replacement under a condition', () => {
  it('aws_vpc instance_tenancy: dedicated → default in place, every other change replaces', () => {
    expect(
      forceNewVerdict('aws_vpc', ['instance_tenancy'], { before: 'dedicated', after: 'default' }),
    ).toMatchObject({ replaces: false });
    expect(
      forceNewVerdict('aws_vpc', ['instance_tenancy'], { before: 'default', after: 'dedicated' }),
    ).toMatchObject({ replaces: true, condition: expect.stringContaining('dedicated → default') });
  });

  it('aws_eks_cluster encryption_config: removing it replaces, adding it does not', () => {
    const config = [{ resources: ['secrets'], provider: [{ key_arn: 'arn:k' }] }];
    expect(
      forceNewVerdict('aws_eks_cluster', ['encryption_config'], { before: config, after: [] }),
    ).toMatchObject({ replaces: true });
    expect(
      forceNewVerdict('aws_eks_cluster', ['encryption_config'], { before: [], after: config }),
    ).toMatchObject({ replaces: false });
  });

  it('aws_ssm_parameter tier: Advanced → Standard replaces, Standard → Advanced does not', () => {
    expect(
      forceNewVerdict('aws_ssm_parameter', ['tier'], { before: 'Advanced', after: 'Standard' }),
    ).toMatchObject({ replaces: true });
    expect(
      forceNewVerdict('aws_ssm_parameter', ['tier'], { before: 'Standard', after: 'Advanced' }),
    ).toMatchObject({ replaces: false });
  });

  it('a security group rule replaces when its kind of source changes, not when the source does', () => {
    for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']) {
      const rule = (source: ValueObject) => ({ security_group_id: 'sg-1', ip_protocol: 'tcp', ...source });
      expect(
        planOf(type, rule({ cidr_ipv4: '10.0.0.0/16' }), rule({ referenced_security_group_id: 'sg-2' })),
      ).toMatchObject({ action: 'replace' });
      expect(
        planOf(type, rule({ cidr_ipv4: '10.0.0.0/16' }), rule({ cidr_ipv4: '10.1.0.0/16' })),
      ).toMatchObject({ action: 'update' });
      expect(
        planOf(
          type,
          rule({ cidr_ipv4: '10.0.0.0/16', from_port: 80 }),
          rule({ cidr_ipv4: '10.0.0.0/16', from_port: 443 }),
        ),
      ).toMatchObject({ action: 'update' });
    }
  });

  it('aws_nat_gateway secondary_private_ip_address_count: replaces a private gateway only', () => {
    const nat = (connectivity: string, count: number) => ({
      connectivity_type: connectivity,
      subnet_id: 'subnet-1',
      secondary_private_ip_address_count: count,
    });
    expect(planOf('aws_nat_gateway', nat('private', 1), nat('private', 2))).toMatchObject({
      action: 'replace',
    });
    expect(planOf('aws_nat_gateway', nat('public', 1), nat('public', 2))).toMatchObject({ action: 'update' });
  });

  it('aws_eks_cluster compute_config.node_role_arn: a changed role replaces, a first role does not', () => {
    const cluster = (role: string | null) => ({
      name: 'c',
      compute_config: [
        { enabled: true, node_pools: ['general-purpose'], ...(role ? { node_role_arn: role } : {}) },
      ],
    });
    expect(planOf('aws_eks_cluster', cluster('arn:a'), cluster('arn:b'))).toMatchObject({
      action: 'replace',
    });
    expect(planOf('aws_eks_cluster', cluster(null), cluster('arn:b'))).toMatchObject({ action: 'update' });
    // Auto mode turned off with the role left unset: no replacement.
    expect(
      planOf('aws_eks_cluster', cluster('arn:a'), { name: 'c', compute_config: [{ enabled: false }] }),
    ).toMatchObject({ action: 'update' });
  });
});

describe('a whole block is compared value by value', () => {
  it('adding kubernetes_network_config with only elastic_load_balancing updates the cluster in place', () => {
    expect(
      forceNewVerdict('aws_eks_cluster', ['kubernetes_network_config'], {
        before: [],
        after: [{ elastic_load_balancing: [{ enabled: true }] }],
      }),
    ).toMatchObject({ replaces: false });
    expect(
      forceNewVerdict('aws_eks_cluster', ['kubernetes_network_config'], {
        before: [{ service_ipv4_cidr: '172.20.0.0/16' }],
        after: [{ service_ipv4_cidr: '10.100.0.0/16' }, { service_ipv4_cidr: '10.100.0.0/16' }],
      }),
    ).toMatchObject({ replaces: true, argument: 'kubernetes_network_config.service_ipv4_cidr' });
  });

  it("adding or removing a node group's launch_template replaces it (id is ForceNew)", () => {
    const template = [
      { id: new Unknown('computed', [{ address: 'aws_launch_template.t', attribute: 'id' }]), version: '1' },
    ];
    expect(
      forceNewVerdict('aws_eks_node_group', ['launch_template'], { before: [], after: template }),
    ).toMatchObject({ replaces: true, argument: 'launch_template.id' });
    expect(
      forceNewVerdict('aws_eks_node_group', ['launch_template'], { before: template, after: [] }),
    ).toMatchObject({ replaces: true });
  });

  it('adding access_config with only authentication_mode updates the cluster in place', () => {
    expect(
      planOf(
        'aws_eks_cluster',
        { name: 'c' },
        { name: 'c', access_config: [{ authentication_mode: 'API' }] },
      ),
    ).toMatchObject({ action: 'update' });
  });
});

describe('updates the provider plans but never applies', () => {
  it('an edited encryption_config and an EIP customer-owned pool: in place, said to be ignored', () => {
    const key = (arn: string) => [{ resources: ['secrets'], provider: [{ key_arn: arn }] }];
    const cluster = planOf(
      'aws_eks_cluster',
      { name: 'c', encryption_config: key('arn:a') },
      {
        name: 'c',
        encryption_config: key('arn:b'),
      },
    );
    expect(cluster).toMatchObject({ action: 'update' });
    expect(cluster?.changes[0]?.why).toMatch(/never applies/);
    const eip = planOf(
      'aws_eip',
      { domain: 'vpc', customer_owned_ipv4_pool: 'a' },
      {
        domain: 'vpc',
        customer_owned_ipv4_pool: 'b',
      },
    );
    expect(eip).toMatchObject({ action: 'update' });
    expect(eip?.changes[0]?.why).toMatch(/never applies/);
  });

  it('removing encryption_config from a cluster plans a replacement, with the condition', () => {
    const change = planOf(
      'aws_eks_cluster',
      { name: 'c', encryption_config: [{ resources: ['secrets'], provider: [{ key_arn: 'arn:a' }] }] },
      { name: 'c', encryption_config: [] },
    );
    expect(change).toMatchObject({ action: 'replace' });
    expect(change?.changes[0]?.why).toMatch(
      /encryption_config forces replacement when encryption_config is removed/,
    );
  });
});
