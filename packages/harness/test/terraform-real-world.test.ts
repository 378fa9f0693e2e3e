/**
 * Terraform as people write it elsewhere (test/fixtures/terraform/real-world, in the style of
 * public modules): a registry module installed by `terraform init`, a local module for_each over a
 * map of objects calling a nested module, dynamic blocks with an iterator, count conditionals,
 * grouping for-expressions, try/can chains and merged default tags.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HarnessError } from '../src/errors.js';
import type { Inventory } from '../src/model/inventory.js';
import { openConsole } from '../src/terraform/module.js';
import { readTerraformDirectory } from '../src/terraform/source.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'terraform', 'real-world');
const ENV = { region: 'eu-west-1', account: '111122223333' };

/** A copy of the fixture, with the registry module "installed" as terraform init leaves it. */
function initialised(): string {
  const dir = mkdtempSync(join(tmpdir(), 'real-world-'));
  cpSync(FIXTURE, dir, { recursive: true, filter: (source) => !source.includes('/registry') });
  mkdirSync(join(dir, '.terraform', 'modules'), { recursive: true });
  cpSync(join(FIXTURE, 'registry', 'vpc'), join(dir, '.terraform', 'modules', 'vpc'), { recursive: true });
  writeFileSync(
    join(dir, '.terraform', 'modules', 'modules.json'),
    JSON.stringify({
      Modules: [
        { Key: '', Source: '', Dir: '.' },
        {
          Key: 'vpc',
          Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws',
          Version: '5.1.2',
          Dir: '.terraform/modules/vpc',
        },
        { Key: 'service', Source: './modules/service', Dir: 'modules/service' },
        { Key: 'service.alarm', Source: './modules/alarm', Dir: 'modules/service/modules/alarm' },
      ],
    }),
  );
  return dir;
}

function byAddress(inventory: Inventory) {
  return new Map(inventory.resources.map((resource) => [resource.address, resource]));
}

describe('a configuration written elsewhere', () => {
  it('reads the registry module terraform init installed, and every module instance', async () => {
    const resources = byAddress(await readTerraformDirectory(initialised(), 'yours', ENV));
    expect([...resources.keys()].sort()).toEqual([
      'module.service["api"].aws_lb.this[0]',
      'module.service["api"].aws_security_group.this',
      'module.service["api"].module.alarm["cpu"].aws_cloudwatch_metric_alarm.this',
      'module.service["api"].module.alarm["memory"].aws_cloudwatch_metric_alarm.this',
      'module.service["worker"].aws_security_group.this',
      'module.vpc.aws_subnet.private[0]',
      'module.vpc.aws_subnet.private[1]',
      'module.vpc.aws_subnet.public[0]',
      'module.vpc.aws_subnet.public[1]',
      'module.vpc.aws_vpc.this',
    ]);
    expect(resources.get('module.vpc.aws_subnet.private[1]')!.properties.cidr_block).toBe('10.10.32.0/20');
    expect(resources.get('module.vpc.aws_vpc.this')!.properties.tags).toEqual({
      Environment: 'staging',
      ManagedBy: 'terraform',
      Name: 'demo-staging',
    });
    const api = resources.get('module.service["api"].aws_security_group.this')!;
    expect(api.properties.ingress).toEqual([
      { from_port: 8080, to_port: 8080, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] },
    ]);
    expect(api.properties.tags).toEqual({ Environment: 'staging', ManagedBy: 'terraform', Service: 'api' });
    expect(resources.get('module.service["worker"].aws_security_group.this')!.properties.ingress).toEqual([]);
    expect(
      resources.get('module.service["api"].module.alarm["memory"].aws_cloudwatch_metric_alarm.this')!
        .properties,
    ).toMatchObject({ alarm_name: 'api-memory', metric_name: 'MemoryUtilization', threshold: 90 });
  });

  it('evaluates grouping for-expressions and try/can chains as Terraform does', async () => {
    const evaluate = await openConsole(initialised(), { env: ENV, tfvars: false });
    expect(evaluate('local.by_exposure')).toEqual({ private: ['worker'], public: ['api'] });
    expect(evaluate('local.log_level')).toBe('info');
    expect(evaluate('local.level_or_null')).toBeNull();
    expect(evaluate('local.has_alarms')).toBe(true);
    expect(evaluate('local.default_tags')).toEqual({ Environment: 'staging', ManagedBy: 'terraform' });
  });

  it('without terraform init, says first and only what to run, at the module call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-initialised-'));
    cpSync(FIXTURE, dir, { recursive: true, filter: (source) => !source.includes('/registry') });
    const failure = await readTerraformDirectory(dir, 'yours', ENV).then(
      () => undefined,
      (error: unknown) => error as HarnessError,
    );
    expect(failure?.code).toBe('MODULE_NOT_INSTALLED');
    expect(failure?.message).toContain(
      'module "vpc" (source terraform-aws-modules/vpc/aws) is not installed: run `terraform init` (or `tofu init`) in',
    );
    expect(failure?.location).toMatchObject({ file: join(dir, 'main.tf') });
    expect(failure?.location?.line).toBeGreaterThan(0);
  });
});
