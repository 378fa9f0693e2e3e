import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster/index.js';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { loadTarget, resolveTarget, type TargetSpec } from '@iac-compare/spec';
import { arbitraryTarget } from '@iac-compare/spec/arbitraries';
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../src/app.js';
import { EksTargetStack } from '../src/stack.js';

function sampleTarget(predicate: (spec: TargetSpec) => boolean, seed: number): TargetSpec {
  return fc.sample(arbitraryTarget.filter(predicate), { numRuns: 1, seed })[0]!;
}

const TARGETS: [string, TargetSpec][] = [
  ['the default target', loadTarget()],
  [
    'a single-NAT target without intra tier',
    sampleTarget((s) => s.network.natGateways === 'single' && !s.network.subnets.intra, 5),
  ],
  [
    'a no-NAT target with several node groups',
    sampleTarget((s) => s.network.natGateways === 'none' && s.nodeGroups.length > 1, 9),
  ],
];

type Config = {
  resource: Record<string, Record<string, any>>;
  provider: Record<string, any[]>;
  data: Record<string, Record<string, any>>;
  terraform: { required_providers: Record<string, { source: string; version: string }> };
};

/** cdktf's Testing matcher, as a plain assertion (vitest has no jest globals to extend). */
function expectResourceIn(synthesized: string) {
  return (type: { readonly tfResourceType: string }, properties: Record<string, unknown>) =>
    expect(
      Testing.toHaveResourceWithProperties(synthesized, type.tfResourceType, properties),
      `${type.tfResourceType} with ${JSON.stringify(properties)}`,
    ).toBe(true);
}

/** "${aws_nat_gateway.x.id}" → "aws_nat_gateway.x" */
function addressOf(reference: string): string {
  return /^\$\{([a-z0-9_]+\.[^.}]+)\./.exec(reference)![1]!;
}

describe.each(TARGETS)('the CDKTF stack on %s', (_name, spec) => {
  const stack = new EksTargetStack(Testing.app(), 'test', spec);
  const synthesized = Testing.synth(stack);
  const expectResource = expectResourceIn(synthesized);
  const config = JSON.parse(synthesized) as Config;
  const infra = resolveTarget(spec);
  const resources = (type: string) => Object.entries(config.resource[type] ?? {});

  it('declares the AWS provider with the target tags as default_tags', () => {
    expect(config.provider.aws![0].region).toBe(spec.region);
    expect(config.provider.aws![0].default_tags).toEqual([{ tags: spec.tags }]);
  });

  it('creates each spec subnet with its CIDR, AZ and ELB tag', () => {
    for (const subnet of infra.subnets) {
      expectResource(Subnet, {
        cidr_block: subnet.cidr,
        availability_zone: subnet.availabilityZone,
        map_public_ip_on_launch: subnet.mapPublicIpOnLaunch,
      });
    }
    expect(resources('aws_subnet')).toHaveLength(infra.subnets.length);
    const privateSubnet = resources('aws_subnet').find(
      ([, s]) => s.cidr_block === infra.subnets.find((x) => x.tier === 'private')!.cidr,
    )!;
    expect(privateSubnet[1].tags['kubernetes.io/role/internal-elb']).toBe('1');
  });

  it('routes each private subnet to the NAT gateway the spec names', () => {
    const natAz = new Map(
      resources('aws_nat_gateway').map(([name, nat]) => {
        const subnet = config.resource.aws_subnet![addressOf(nat.subnet_id).split('.')[1]!]!;
        return [`aws_nat_gateway.${name}`, subnet.availability_zone as string];
      }),
    );
    expect([...natAz.values()].sort()).toEqual(infra.natGateways.map((nat) => nat.availabilityZone).sort());
    const routeOfTable = new Map(
      resources('aws_route').map(([, route]) => [
        addressOf(route.route_table_id),
        route.nat_gateway_id ? `nat:${natAz.get(addressOf(route.nat_gateway_id))}` : 'igw',
      ]),
    );
    for (const [, association] of resources('aws_route_table_association')) {
      const subnet = config.resource.aws_subnet![addressOf(association.subnet_id).split('.')[1]!]!;
      const expected = infra.subnets.find((s) => s.cidr === subnet.cidr_block)!.defaultRoute;
      const want =
        expected.target === 'internet-gateway'
          ? 'igw'
          : expected.target === 'nat-gateway'
            ? `nat:${expected.availabilityZone}`
            : undefined;
      expect(routeOfTable.get(addressOf(association.route_table_id))).toBe(want);
    }
  });

  it('configures the cluster from the spec', () => {
    expectResource(EksCluster, {
      name: spec.cluster.name,
      version: spec.cluster.version,
      bootstrap_self_managed_addons: false,
      enabled_cluster_log_types: [...infra.cluster.logging],
      access_config: {
        authentication_mode: infra.cluster.authenticationMode,
        bootstrap_cluster_creator_admin_permissions: infra.cluster.bootstrapClusterCreatorAdminPermissions,
      },
    });
    const [, cluster] = resources('aws_eks_cluster')[0]!;
    expect(cluster.vpc_config.endpoint_public_access).toBe(infra.cluster.endpointPublicAccess);
    expect(cluster.vpc_config.public_access_cidrs).toEqual(
      infra.cluster.endpointPublicAccess ? infra.cluster.publicAccessCidrs : undefined,
    );
    expect(cluster.vpc_config.subnet_ids).toHaveLength(infra.cluster.subnets.length);
    expect(cluster.encryption_config.resources).toEqual(['secrets']);
    expectResource(KmsKey, { enable_key_rotation: infra.kmsKey.enableKeyRotation });
    expect(resources('aws_eks_access_policy_association')).toHaveLength(
      infra.accessEntries.reduce((sum, entry) => sum + entry.policies.length, 0),
    );
  });

  it('creates node groups with scaling, labels, taints and an IMDSv2 launch template', () => {
    for (const group of infra.nodeGroups) {
      expectResource(EksNodeGroup, {
        node_group_name_prefix: `${group.name}-`,
        tags: { Name: group.name },
        instance_types: [...group.instanceTypes],
        capacity_type: group.capacityType,
        ami_type: group.amiType,
        scaling_config: {
          min_size: group.scaling.minSize,
          desired_size: group.scaling.desiredSize,
          max_size: group.scaling.maxSize,
        },
      });
      const [, nodeGroup] = resources('aws_eks_node_group').find(
        ([, ng]) => ng.node_group_name_prefix === `${group.name}-`,
      )!;
      expect(nodeGroup.node_group_name).toBeUndefined();
      // Replaced new-first (a prefix lets the new group exist beside the old), desired size left to the autoscaler.
      expect(nodeGroup.lifecycle).toEqual({
        create_before_destroy: true,
        ignore_changes: group.desiredSizeDrift === 'keep' ? ['scaling_config[0].desired_size'] : [],
      });
      expect(nodeGroup.force_update_version).toBe(group.update.force);
      expect(nodeGroup.labels).toEqual(group.labels);
      expect(nodeGroup.taint ?? []).toEqual(
        group.taints.map((t) => ({ key: t.key, effect: t.effect, ...(t.value ? { value: t.value } : {}) })),
      );
      const template =
        config.resource.aws_launch_template![addressOf(nodeGroup.launch_template.id).split('.')[1]!]!;
      expect(template.metadata_options).toEqual({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 2,
      });
      expect(template.block_device_mappings[0].ebs.volume_size).toBe(group.launchTemplate.volume.sizeGiB);
      expect(template.name_prefix.length).toBeLessThanOrEqual(99);
      expect(template.lifecycle).toEqual({ create_before_destroy: true });
      expect(
        (template.tag_specifications ?? []).map((entry: { resource_type: string }) => entry.resource_type),
      ).toEqual(group.launchTemplate.tagSpecifications.map((entry) => entry.resourceType));
      // Every node group waits for the add-ons nodes need to become Ready.
      const before = infra.addons.filter((a) => a.order === 'before-node-groups').map((a) => a.name);
      const waitsFor = (nodeGroup.depends_on as string[])
        .filter((d) => d.startsWith('aws_eks_addon.'))
        .map((d) => config.resource.aws_eks_addon![d.split('.')[1]!]!.addon_name);
      expect(waitsFor.sort()).toEqual(before.sort());
      // …and for the NAT routes its subnets reach EKS and ECR through.
      const routes = (nodeGroup.depends_on as string[]).filter((d) => d.startsWith('aws_route.'));
      expect(routes).toHaveLength(infra.natGateways.length === 0 ? 0 : infra.availabilityZones.length);
    }
  });

  it('pins the AWS provider with the same constraint as infra-terraform/versions.tf', () => {
    expect(config.terraform.required_providers.aws?.version).toBe('~> 6.25');
  });
});

describe('imports', () => {
  it('take @cdktf/provider-aws by submodule, never the package root (8x slower synth)', () => {
    const dir = join(PACKAGE_DIR, 'src');
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    )) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from '@cdktf\/provider-aws'/);
    }
  });
});

describe('npx cdktf deploy, as the README says (issue 18.5)', () => {
  it('the README tells how to supply every variable without a default, and the synth supplies none from the target', () => {
    const app = Testing.app();
    const stack = new EksTargetStack(app, 'deploy', loadTarget());
    const json = JSON.parse(Testing.synth(stack)) as { variable?: Record<string, { default?: unknown }> };
    const required = Object.entries(json.variable ?? {})
      .filter(([, variable]) => variable.default === undefined)
      .map(([name]) => name);
    expect(required).toEqual(['workload_secrets']);
    const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
    const deploy = readme.slice(0, readme.indexOf('npx cdktf deploy'));
    for (const name of required) expect(deploy, name).toContain(`export TF_VAR_${name}=`);
    // The values never come from the synthesized JSON (only iac-compare's synth writes placeholders beside it).
    const text = JSON.stringify(json);
    for (const value of Object.values(loadTarget().workloads!.app.secrets)) expect(text).not.toContain(value);
  });
});
