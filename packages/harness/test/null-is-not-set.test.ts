/**
 * A null argument is an argument not set (issue 19): Terraform sends the provider nothing for it,
 * and neither does Pulumi's bridge. So nowhere — the inventory, the derived template that is
 * validated, the Pulumi arguments, the resource diff — does it count as present. The false
 * rejection it used to cause: F3020, AvailabilityZoneId "should not be included with"
 * AvailabilityZone, on a subnet that sets one of them and the other to null.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalResources } from '../src/canonical/resource-view.js';
import { cloudformationViewOf, templateForm } from '../src/canonical/vocabulary.js';
import { observe } from '../src/observe/observe.js';
import { toTerraformArguments } from '../src/pulumi/properties.js';
import { readTerraformDirectory } from '../src/terraform/source.js';

const ENV = { region: 'eu-west-1', account: '111122223333' };

async function subnetWithZoneId() {
  const dir = mkdtempSync(join(tmpdir(), 'null-not-set-'));
  writeFileSync(
    join(dir, 'main.tf'),
    [
      'variable "az" {',
      '  type    = string',
      '  default = "euw1-az1"',
      '}',
      'resource "aws_vpc" "this" {',
      '  cidr_block = "10.0.0.0/16"',
      '}',
      'resource "aws_subnet" "this" {',
      '  vpc_id               = aws_vpc.this.id',
      '  cidr_block           = "10.0.0.0/24"',
      '  availability_zone    = length(regexall("^[a-z]{2}-", var.az)) > 0 ? var.az : null',
      '  availability_zone_id = length(regexall("^[a-z]{2}-", var.az)) == 0 ? var.az : null',
      '  tags                 = { Name = "a", Team = null }',
      '}',
      '',
    ].join('\n'),
  );
  return readTerraformDirectory(dir, 'yours', ENV);
}

describe('null is not set', () => {
  it('in the inventory, nested maps included', async () => {
    const inventory = await subnetWithZoneId();
    const subnet = inventory.resources.find((resource) => resource.address === 'aws_subnet.this')!;
    expect(Object.keys(subnet.properties).sort()).toEqual([
      'availability_zone_id',
      'cidr_block',
      'tags',
      'vpc_id',
    ]);
    expect(subnet.properties.tags).toEqual({ Name: 'a' });
  });

  it('in the derived template that is validated', async () => {
    const inventory = await subnetWithZoneId();
    const subnet = inventory.resources.find((resource) => resource.address === 'aws_subnet.this')!;
    const view = cloudformationViewOf(subnet)!;
    const template = templateForm(view.type, view.properties);
    expect(template.AvailabilityZoneId).toBe('euw1-az1');
    expect(Object.hasOwn(template, 'AvailabilityZone')).toBe(false);
    // Even a view handed a null keeps it out.
    expect(
      Object.hasOwn(
        templateForm('AWS::EC2::Subnet', { AvailabilityZone: null, CidrBlock: '10.0.0.0/24' }),
        'AvailabilityZone',
      ),
    ).toBe(false);
  });

  it('in Pulumi’s arguments', () => {
    const args = toTerraformArguments(
      'aws:ec2/subnet:Subnet',
      {
        availabilityZone: null,
        availabilityZoneId: 'euw1-az1',
        tags: { Name: 'a' },
        privateDnsHostnameTypeOnLaunch: null,
      },
      () => [],
    );
    expect(args).toEqual({ availability_zone_id: 'euw1-az1', tags: { Name: 'a' } });
  });

  it('in the resource diff', async () => {
    const inventory = await subnetWithZoneId();
    const observed = observe(inventory);
    const canonical = canonicalResources(inventory, observed, new Map());
    const text = JSON.stringify(canonical);
    expect(text).not.toContain('"AvailabilityZone"');
    expect(text).not.toContain('null');
  });
});
