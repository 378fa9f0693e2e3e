/**
 * Module evaluation on fixture configurations (test/fixtures/terraform): expansion by count,
 * for_each and dynamic blocks, local modules, offline data sources, files and templates, Unknown
 * values — and every kind of bad input, each with its code, file and line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError, type HarnessErrorCode } from '../src/errors.js';
import { isUnknown, type Value } from '../src/model/value.js';
import { readModule } from '../src/terraform/config.js';
import { evaluateConfiguration, type TerraformRun } from '../src/terraform/module.js';
import { readTerraformDirectory } from '../src/terraform/source.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'terraform');
const ENV = { region: 'eu-west-1', account: '111122223333' };

async function run(name: string): Promise<TerraformRun> {
  return evaluateConfiguration(await readModule(join(FIXTURES, name)), { env: ENV });
}

function resource(result: TerraformRun, address: string) {
  const found = result.resources.find((candidate) => candidate.address === address);
  if (!found) throw new Error(`${address} not among ${result.resources.map((r) => r.address).join(', ')}`);
  return found;
}

describe('evaluating the expansion fixture', () => {
  it('expands count, for_each over a map and a set, and module calls, by their keys', async () => {
    const result = await run('expansion');
    expect(result.resources.map((r) => r.address).sort()).toEqual([
      'aws_eip.nat[0]',
      'aws_eip.nat[1]',
      'aws_iam_role.node',
      'aws_security_group.web',
      'aws_subnet.this["a-public"]',
      'aws_subnet.this["b-private"]',
      'aws_vpc.main',
      'module.bucket["assets"].aws_s3_bucket.this',
      'module.bucket["logs"].aws_s3_bucket.this',
    ]);
    expect(resource(result, 'aws_eip.nat[1]').args.tags).toEqual({ Name: 'nat-1' });
    expect(resource(result, 'module.bucket["logs"].aws_s3_bucket.this').args.bucket).toBe('fixture-logs');
  });

  it('converts tfvars to the declared type, filling optional attributes with their defaults', async () => {
    const result = await run('expansion');
    expect(resource(result, 'aws_subnet.this["b-private"]').args.tags).toEqual({
      Name: 'b-private',
      Public: 'false',
    });
    // The zone comes from the offline aws_availability_zones of the configured region.
    expect(resource(result, 'aws_subnet.this["a-public"]').args.availability_zone).toBe('eu-west-1a');
    expect(resource(result, 'aws_subnet.this["b-private"]').args.availability_zone).toBe('eu-west-1b');
  });

  it('renders dynamic blocks with a custom iterator as repeated nested blocks', async () => {
    const ingress = resource(await run('expansion'), 'aws_security_group.web').args.ingress as Value[];
    expect(ingress).toEqual([
      { cidr_blocks: ['0.0.0.0/0'], from_port: 80, protocol: 'tcp', to_port: 80 },
      { cidr_blocks: ['0.0.0.0/0'], from_port: 443, protocol: 'tcp', to_port: 443 },
    ]);
  });

  it('renders aws_iam_policy_document and the identity data sources offline', async () => {
    const role = resource(await run('expansion'), 'aws_iam_role.node');
    expect(JSON.parse(role.args.assume_role_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Assume',
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'ec2.amazonaws.com' },
        },
      ],
    });
    expect(role.args.tags).toMatchObject({ Account: '111122223333', Partition: 'aws' });
  });

  it('reads files and renders templates relative to path.module', async () => {
    const role = resource(await run('expansion'), 'aws_iam_role.node');
    expect(role.args.description).toBe('Public subnets: a-public\n');
    expect((role.args.tags as Record<string, Value>).Note).toBe('written by hand');
  });

  it('leaves computed attributes Unknown, naming what they come from, and records the edge', async () => {
    const result = await run('expansion');
    const subnet = resource(result, 'aws_subnet.this["a-public"]');
    const vpcId = subnet.args.vpc_id;
    expect(isUnknown(vpcId)).toBe(true);
    expect(isUnknown(vpcId) && vpcId.references).toEqual([{ address: 'aws_vpc.main', attribute: 'id' }]);
    expect(subnet.edges).toEqual([{ path: 'vpc_id', target: 'aws_vpc.main' }]);
    // Through a module input, the value keeps its origin.
    const bucket = resource(result, 'module.bucket["assets"].aws_s3_bucket.this');
    const reader = (bucket.args.tags as Record<string, Value>).Reader!;
    expect(isUnknown(reader) && reader.references).toEqual([
      { address: 'aws_iam_role.node', attribute: 'arn' },
    ]);
  });

  it('applies the provider default_tags to every resource, modules included', async () => {
    for (const found of (await run('expansion')).resources)
      expect(found.defaultTags, found.address).toEqual({ Project: 'fixture' });
  });

  it('places each resource at its file and line, module resources in the module file', async () => {
    const result = await run('expansion');
    expect(resource(result, 'aws_vpc.main').location).toEqual({
      file: join(FIXTURES, 'expansion', 'main.tf'),
      line: 54,
    });
    expect(resource(result, 'module.bucket["logs"].aws_s3_bucket.this').location).toEqual({
      file: join(FIXTURES, 'expansion', 'modules', 'bucket', 'main.tf'),
      line: 9,
    });
  });

  it('maps the resources to canonical kinds in the Inventory', async () => {
    const inventory = await readTerraformDirectory(join(FIXTURES, 'expansion'), 'fixture', ENV);
    const kinds = Object.fromEntries(inventory.resources.map((r) => [r.address, r.kind]));
    expect(kinds['aws_vpc.main']).toBe('vpc');
    expect(kinds['aws_subnet.this["a-public"]']).toBe('subnet');
    expect(kinds['aws_iam_role.node']).toBe('iam-role');
  });
});

describe('values only known after apply', () => {
  it('are Unknown with a reason: data sources read at plan time, timestamp(), uuid()', async () => {
    const instance = resource(await run('unknown-values'), 'aws_instance.web');
    const ami = instance.args.ami;
    expect(isUnknown(ami) && ami.references).toEqual([{ address: 'data.aws_ami.al2023', attribute: 'id' }]);
    const tags = instance.args.tags as Record<string, Value>;
    expect(isUnknown(tags.Created) && tags.Created.detail).toContain('timestamp()');
    expect(isUnknown(tags.Id) && tags.Id.detail).toContain('uuid()');
    expect(instance.args.instance_type).toBe('t3.micro');
  });
});

async function failure(name: string): Promise<HarnessError> {
  try {
    await run(name);
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error(`fixture ${name} evaluated without an error`);
}

describe('bad configurations fail with a coded error naming file and line', () => {
  const cases: [string, HarnessErrorCode, string, string][] = [
    ['syntax-error', 'HCL_SYNTAX', 'main.tf:4:17', 'a quoted string cannot span lines; use a heredoc'],
    ['expression-syntax-error', 'HCL_SYNTAX', 'main.tf:3:36', 'expected ":" in the for expression'],
    ['unknown-function', 'UNKNOWN_FUNCTION', 'main.tf:8', 'unknown function shout'],
    ['wrong-argument-type', 'FUNCTION_ARGUMENTS', 'main.tf:3', 'cidrsubnet: newbits: a number is required'],
    ['missing-variable', 'MISSING_VARIABLE', 'main.tf:1', 'variable "cidr" has no value and no default'],
    ['validation-failure', 'VARIABLE_VALIDATION', 'main.tf:5', 'cidr must be an IPv4 CIDR block'],
    ['reference-to-nothing', 'UNRESOLVED_REFERENCE', 'main.tf:6', 'declared: aws_vpc.main'],
    ['cycle', 'CIRCULAR_REFERENCE', 'main.tf:2', 'local.first -> local.second -> local.third -> local.first'],
    [
      'indeterminate-expansion',
      'INDETERMINATE_EXPANSION',
      'main.tf:12',
      'Invalid for_each argument: The "for_each" set includes values derived from resource attributes that cannot be determined until apply',
    ],
  ];
  it.each(cases)('%s → %s at %s', async (name, code, where, message) => {
    const error = await failure(name);
    expect(error.code).toBe(code);
    expect(error.message, error.message).toContain(`${join(FIXTURES, name, where)}`);
    expect(error.message).toContain(message);
    // One line: no stack, no cascade of follow-on diagnostics.
    expect(error.message).not.toContain('\n');
  });
});
