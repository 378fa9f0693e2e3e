/**
 * The Pulumi source on a hand-written resources.json (test/fixtures/pulumi): inputs into the
 * Terraform dialect, user keys kept, Unknowns and edges from property dependencies, dependsOn, the
 * provider's default tags, overhead — and a missing or corrupt artifact.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../src/errors.js';
import type { InventoryResource } from '../src/model/inventory.js';
import { isUnknown } from '../src/model/value.js';
import { snakeCase } from '../src/pulumi/properties.js';
import { readPulumiRegistrations } from '../src/pulumi/source.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'pulumi');
const URN = 'urn:pulumi:dev::fixture::';
const inventory = readPulumiRegistrations(FIXTURE, 'pulumi');

function byName(name: string): InventoryResource {
  const found = inventory.resources.find((resource) => resource.displayName === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('snakeCase', () => {
  it.each([
    ['cidrBlock', 'cidr_block'],
    ['enableDnsHostnames', 'enable_dns_hostnames'],
    ['httpPutResponseHopLimit', 'http_put_response_hop_limit'],
    ['ipv6CidrBlock', 'ipv6_cidr_block'],
    ['arn', 'arn'],
  ])('%s → %s', (camel, snake) => expect(snakeCase(camel)).toBe(snake));
});

describe('reading resources.json', () => {
  it('reads resource options as the lifecycle, and the program line as the location', () => {
    expect(byName('system').lifecycle).toEqual({
      onDelete: 'retain',
      onReplace: 'retain',
      replacementOrder: 'destroy-before-create',
      ignoreChanges: ['scalingConfig.desiredSize'],
      setBy: ['retainOnDelete', 'deleteBeforeReplace', 'ignoreChanges'],
    });
    expect(byName('vpc').lifecycle).toMatchObject({
      onDelete: 'refuse',
      replacementOrder: 'create-before-destroy',
    });
    expect(byName('coredns').lifecycle).toMatchObject({ onDelete: 'delete', setBy: [] });
    expect(byName('system').location).toEqual({ file: '/repo/program/index.ts', line: 42 });
    expect(byName('coredns').location).toEqual({ file: join(FIXTURE, 'resources.json') });
  });

  it('maps type tokens to canonical kinds and keeps the Pulumi name for display', () => {
    expect(byName('vpc')).toMatchObject({ nativeType: 'aws:ec2/vpc:Vpc', kind: 'vpc', role: 'core' });
    expect(byName('system').kind).toBe('eks-node-group');
    expect(byName('vpc').address).toBe(`${URN}fixture:net:Net$aws:ec2/vpc:Vpc::vpc`);
  });

  it('puts inputs in the Terraform dialect, with the bridge renames, keeping tag and label keys', () => {
    expect(byName('vpc').properties).toEqual({
      cidr_block: '10.0.0.0/16',
      enable_dns_hostnames: true,
      tags: { Name: 'fixture', costCenter: '42' },
    });
    const nodeGroup = byName('system').properties;
    expect(nodeGroup.scaling_config).toEqual({ min_size: 1, desired_size: 2, max_size: 3 });
    expect(nodeGroup.labels).toEqual({ nodeRole: 'system' });
    expect(nodeGroup.taint).toEqual([{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }]);
    expect(nodeGroup.taints).toBeUndefined();
  });

  it('keeps policy documents as IAM wrote them, and renames inline policies', () => {
    const role = byName('node-role').properties;
    expect(role.assume_role_policy).toMatchObject({ Version: '2012-10-17' });
    expect(role.inline_policy).toEqual([{ name: 'logs', policy: '{"Statement":[]}' }]);
  });

  it('turns unknown inputs into Unknowns that name the resources they came from, with edges', () => {
    const subnet = byName('subnet-a');
    const vpcId = subnet.properties.vpc_id;
    expect(isUnknown(vpcId) && vpcId.references).toEqual([{ address: byName('vpc').address }]);
    expect(subnet.references).toEqual([{ path: 'vpc_id', target: byName('vpc').address }]);
    const subnets = byName('system').properties.subnet_ids;
    expect(Array.isArray(subnets) && isUnknown(subnets[0])).toBe(true);
  });

  it('unwraps secrets and turns resource references into Unknowns of that resource', () => {
    const attachment = byName('node-role-worker').properties;
    expect(attachment.policy_arn).toBe('arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy');
    expect(isUnknown(attachment.role) && attachment.role.references).toEqual([
      { address: byName('node-role').address },
    ]);
  });

  it('keeps dependencies that are not property dependencies as dependsOn', () => {
    expect(byName('system').dependsOn).toEqual([byName('node-role-worker').address]);
    expect(byName('coredns').dependsOn).toEqual([byName('system').address]);
  });

  it("applies the provider's defaultTags (sent as JSON text) to taggable resources", () => {
    expect(byName('vpc').defaultTags).toEqual({ project: 'fixture' });
    expect(byName('node-role-worker').defaultTags).toBeUndefined();
  });

  it('lists the provider and component resources as overhead, saying why', () => {
    expect(byName('aws')).toMatchObject({ role: 'overhead', overheadReason: 'Pulumi provider (aws)' });
    expect(byName('net').role).toBe('overhead');
    expect(byName('net').overheadReason).toContain('component');
  });
});

describe('a bad artifact', () => {
  const broken = (mutate: (text: string) => string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pulumi-source-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const file = join(dir, 'resources.json');
    writeFileSync(file, mutate(readFileSync(file, 'utf8')));
    return dir;
  };
  const failure = (dir: string): HarnessError => {
    try {
      readPulumiRegistrations(dir, 'pulumi');
    } catch (error) {
      if (error instanceof HarnessError) return error;
      throw error;
    }
    throw new Error('read without an error');
  };

  it('is missing: ARTIFACT_MISSING, saying to run the synth', () => {
    const error = failure(mkdtempSync(join(tmpdir(), 'pulumi-empty-')));
    expect(error.code).toBe('ARTIFACT_MISSING');
    expect(error.message).toContain('run the Pulumi synth');
  });

  it('is not JSON: ARTIFACT_CORRUPT naming the file', () => {
    const dir = broken((text) => text.slice(0, 100));
    const error = failure(dir);
    expect(error.code).toBe('ARTIFACT_CORRUPT');
    expect(error.message).toContain(join(dir, 'resources.json'));
  });

  it('has another schema version or shape: ARTIFACT_CORRUPT naming what is wrong', () => {
    expect(
      failure(broken((text) => text.replace('"schemaVersion": 2', '"schemaVersion": 1'))).message,
    ).toContain('schemaVersion 1 is not the supported 2');
    expect(failure(broken((text) => text.replace('"urn": "urn:pulumi:', '"urn": "x:'))).message).toContain(
      'resources.0.urn',
    );
  });
});
