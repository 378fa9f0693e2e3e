/**
 * Terraform in the style of the most used public VPC modules (test/fixtures/terraform/public-style,
 * written for these tests): what Terraform plans, iac-compare evaluates — mutually exclusive
 * arguments set through conditionals reach the inventory one at a time (a null argument is not
 * set), a generated IPv6 block cut with cidrsubnet is known after apply (the provider computes it),
 * lists of IDs known only after apply go through element, concat, compact, distinct, flatten,
 * zipmap, coalescelist, formatlist and join, try/can hold over unknowns, and a policy document
 * naming an ARN known after apply is itself known after apply, not a crash.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown, type Unknown, type Value } from '../src/model/value.js';
import { observe } from '../src/observe/observe.js';
import { openConsole } from '../src/terraform/module.js';
import { readTerraformDirectory } from '../src/terraform/source.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'terraform', 'public-style');
const ENV = { region: 'eu-west-1', account: '111122223333' };

const asUnknown = (value: Value | undefined): Unknown => {
  expect(isUnknown(value), JSON.stringify(value)).toBe(true);
  return value as Unknown;
};

describe('a public-style VPC module', () => {
  it('evaluates, setting exactly one of availability_zone and availability_zone_id per subnet', async () => {
    const inventory = await readTerraformDirectory(FIXTURE, 'yours', ENV);
    const subnets = inventory.resources.filter((resource) => resource.nativeType === 'aws_subnet');
    expect(subnets).toHaveLength(6);
    const zones = subnets.map((subnet) => [
      subnet.address,
      subnet.properties.availability_zone ?? null,
      subnet.properties.availability_zone_id ?? null,
    ]);
    expect(zones).toContainEqual(['module.vpc.aws_subnet.public[0]', 'eu-west-1a', null]);
    expect(zones).toContainEqual(['module.vpc.aws_subnet.private[1]', null, 'euw1-az2']);
    // The other argument is not set at all: never present as null.
    for (const subnet of subnets) {
      expect(Object.values(subnet.properties)).not.toContain(null);
      expect(
        Object.hasOwn(subnet.properties, 'availability_zone') !==
          Object.hasOwn(subnet.properties, 'availability_zone_id'),
      ).toBe(true);
    }
    // ipv6_cidr_block = null on the VPC: not set either.
    const vpc = inventory.resources.find((resource) => resource.address === 'module.vpc.aws_vpc.this')!;
    expect(Object.hasOwn(vpc.properties, 'ipv6_cidr_block')).toBe(false);
    // A zone given by ID names a different zone in each account: observe says so, it does not guess.
    expect(observe(inventory).notes).toContain(
      "subnet module.vpc.aws_subnet.private[1]: its zone is given by ID (euw1-az2), which names a different zone in each account, so iac-compare cannot place it in one of the target's zones",
    );
  });

  it('cuts the generated IPv6 block with cidrsubnet: known after apply, saying why', async () => {
    const inventory = await readTerraformDirectory(FIXTURE, 'yours', ENV);
    const subnet = inventory.resources.find(
      (resource) => resource.address === 'module.vpc.aws_subnet.private[2]',
    )!;
    const block = asUnknown(subnet.properties.ipv6_cidr_block);
    expect(block.references).toEqual([{ address: 'module.vpc.aws_vpc.this', attribute: 'ipv6_cidr_block' }]);
    expect(block.detail).toBe(
      "aws_vpc.ipv6_cidr_block is optional and computed in the provider's schema: left unset, the provider chooses it at apply",
    );
    // And the edge to the VPC is recorded, as for any attribute read.
    expect(subnet.references.some((edge) => edge.target === 'module.vpc.aws_vpc.this')).toBe(true);
  });

  it('passes lists known only after apply through the list functions as Terraform does', async () => {
    const evaluate = await openConsole(FIXTURE, { env: ENV });
    const outputs = evaluate('module.vpc') as Record<string, Value>;
    // Known lists of unknown IDs, one per subnet.
    expect(outputs.private_subnets).toHaveLength(3);
    expect((outputs.private_subnets as Value[]).every(isUnknown)).toBe(true);
    // zipmap: known keys, unknown values.
    expect(Object.keys(outputs.subnet_by_az as object).sort()).toEqual([
      'eu-west-1a',
      'eu-west-1c',
      'euw1-az2',
    ]);
    // coalescelist: the first non-empty list, known to have one element (one NAT route table).
    expect(outputs.nat_route_table_ids).toHaveLength(1);
    // distinct and join cannot be known until the IDs are (terraform console -plan agrees).
    expect(asUnknown(outputs.all_subnets).references).toHaveLength(6);
    expect(asUnknown(outputs.subnet_arns_csv).references.map((reference) => reference.attribute)).toEqual([
      'arn',
      'arn',
      'arn',
    ]);
    // try/can over unknowns: unknown, not the fallback.
    expect(asUnknown(outputs.vpc_ipv6_cidr_block).detail).toContain('optional and computed');
    expect(isUnknown(outputs.ipv6_subnets_known_at_plan)).toBe(true);
    expect(asUnknown(outputs.first_nat_ip).references).toEqual([
      { address: 'module.vpc.aws_eip.nat[0]', attribute: 'public_ip' },
    ]);
  });

  it('defers a policy document that names an ARN known after apply, instead of crashing', async () => {
    const inventory = await readTerraformDirectory(FIXTURE, 'yours', ENV);
    const policy = inventory.resources.find(
      (resource) => resource.address === 'module.vpc.aws_iam_role_policy.flow_log[0]',
    )!;
    const document = asUnknown(policy.properties.policy);
    expect(document.detail).toBe('the policy document holds values known only after apply');
    expect(document.references).toContainEqual({
      address: 'module.vpc.aws_cloudwatch_log_group.flow_log[0]',
      attribute: 'arn',
    });
  });
});
