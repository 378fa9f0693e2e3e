import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../src/synthesize.js';
import { runTerraform, skipReason, TERRAFORM } from './terraform-binary.js';

type Blocks = Record<string, any>;

async function parseFile(file: string): Promise<Blocks> {
  return (await parse(file, readFileSync(file, 'utf8'))) as Blocks;
}

const MODULE_DIRS = [
  PACKAGE_DIR,
  join(PACKAGE_DIR, 'modules', 'network'),
  join(PACKAGE_DIR, 'modules', 'eks'),
];

describe('the Terraform configuration', () => {
  it.each(MODULE_DIRS)('%s has main.tf, variables.tf, outputs.tf and versions.tf', (dir) => {
    const files = readdirSync(dir);
    for (const name of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'])
      expect(files).toContain(name);
  });

  it.each(MODULE_DIRS)('%s types and describes every variable and output', async (dir) => {
    const variables = (await parseFile(join(dir, 'variables.tf'))).variable as Record<string, Blocks[]>;
    expect(Object.keys(variables).length).toBeGreaterThan(0);
    for (const [name, [block]] of Object.entries(variables)) {
      expect(block!.type, `variable ${name} type`).toBeDefined();
      expect(String(block!.description ?? ''), `variable ${name} description`).not.toBe('');
    }
    const outputs = (await parseFile(join(dir, 'outputs.tf'))).output as Record<string, Blocks[]>;
    for (const [name, [block]] of Object.entries(outputs)) {
      expect(String(block!.description ?? ''), `output ${name} description`).not.toBe('');
    }
  });

  it('pins Terraform/OpenTofu >= 1.6 and the AWS provider to 6.25 or a later 6.x (CDKTF takes the same)', async () => {
    const [terraform] = (await parseFile(join(PACKAGE_DIR, 'versions.tf'))).terraform as Blocks[];
    expect(terraform!.required_version).toBe('>= 1.6');
    expect(terraform!.required_providers[0].aws).toEqual({ source: 'hashicorp/aws', version: '~> 6.25' });
  });

  it('replaces node groups and launch templates new-first, with name prefixes the provider accepts', async () => {
    const eks = (await parseFile(join(PACKAGE_DIR, 'modules', 'eks', 'main.tf'))).resource as Blocks;
    const group = eks.aws_eks_node_group.this[0];
    expect(group.node_group_name).toBeUndefined();
    expect(group.node_group_name_prefix).toBe('${each.key}-');
    expect(group.lifecycle[0].create_before_destroy).toBe(true);
    expect(group.lifecycle[0].ignore_changes).toEqual(['${scaling_config[0].desired_size}']);
    const template = eks.aws_launch_template.node[0];
    // At most 99 characters (ValidLaunchTemplateName): 98 of cluster and group name, and the dash.
    expect(template.name_prefix).toBe('${substr("${var.cluster.name}-${each.key}", 0, 98)}-');
    expect(template.lifecycle[0].create_before_destroy).toBe(true);
    expect(template.dynamic.tag_specifications).toBeDefined();
  });

  it('makes node groups wait for the private default routes or the endpoints through the network module output', async () => {
    const outputs = (await parseFile(join(PACKAGE_DIR, 'modules', 'network', 'outputs.tf'))).output as Blocks;
    expect(outputs.private_subnet_ids[0].depends_on).toEqual([
      '${aws_route.nat}',
      '${aws_route_table_association.this}',
      '${aws_vpc_endpoint.s3}',
      '${aws_vpc_endpoint.interface}',
    ]);
  });

  it('keys every repeated resource by a stable name with for_each, never count over a list', async () => {
    const network = (await parseFile(join(PACKAGE_DIR, 'modules', 'network', 'main.tf'))).resource as Blocks;
    const eks = (await parseFile(join(PACKAGE_DIR, 'modules', 'eks', 'main.tf'))).resource as Blocks;
    for (const [type, name] of [
      ['aws_subnet', 'this'],
      ['aws_nat_gateway', 'this'],
      ['aws_eip', 'nat'],
      ['aws_route_table', 'this'],
      ['aws_route', 'nat'],
      ['aws_route_table_association', 'this'],
    ] as const) {
      expect(network[type][name][0].for_each, `${type}.${name}`).toBeDefined();
      expect(network[type][name][0].count, `${type}.${name}`).toBeUndefined();
    }
    for (const [type, name] of [
      ['aws_eks_node_group', 'this'],
      ['aws_launch_template', 'node'],
      ['aws_eks_addon', 'before_nodes'],
      ['aws_eks_access_entry', 'this'],
    ] as const) {
      expect(eks[type][name][0].for_each, `${type}.${name}`).toBeDefined();
    }
    // count appears only on the 0-or-1 singletons of the private-cluster mode.
    const counted = Object.entries(network).flatMap(([type, byName]) =>
      Object.entries(byName as Blocks).flatMap(([name, [block]]) =>
        (block as Blocks).count ? [`${type}.${name}`] : [],
      ),
    );
    expect(counted.sort()).toEqual([
      'aws_default_security_group.this',
      'aws_security_group.endpoints',
      'aws_vpc_endpoint.s3',
      'aws_vpc_security_group_ingress_rule.endpoints_https',
    ]);
  });

  it('needs no remote modules and no data source that calls AWS at plan time', async () => {
    const roots = await Promise.all(MODULE_DIRS.map((dir) => parseFile(join(dir, 'main.tf'))));
    for (const blocks of roots) {
      for (const [, [call]] of Object.entries((blocks.module ?? {}) as Record<string, Blocks[]>)) {
        expect(String(call!.source)).toMatch(/^\.\//);
      }
      const dataTypes = Object.keys(blocks.data ?? {});
      for (const type of dataTypes)
        expect(['aws_partition', 'aws_iam_policy_document', 'aws_region']).toContain(type);
    }
  });

  it.skipIf(!TERRAFORM)('is formatted: terraform fmt -check -recursive', () => {
    const result = runTerraform(['fmt', '-check', '-recursive', '-diff'], PACKAGE_DIR);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it.runIf(!TERRAFORM)(`skips the terraform fmt check: ${skipReason()}`, () => {
    console.warn(`infra-terraform: terraform fmt check skipped: ${skipReason()}`);
  });
});
