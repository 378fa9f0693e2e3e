/**
 * The JSON contracts: docs/schemas/*.schema.json are generated from the harness's zod schemas
 * (stale files fail here), and real outputs of the command — a compare report, a plan, a saved
 * baseline — validate against them with Ajv, a validator independent of the code that wrote them.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CONTRACTS, jsonSchemaOf } from '@iac-compare/harness/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const SCHEMAS = join(REPO, 'docs', 'schemas');

function validator(file: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
}

function expectValid(file: string, value: unknown): void {
  const validate = validator(file);
  const valid = validate(value);
  expect(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
}

describe('docs/schemas', () => {
  it('is what the contracts generate (regenerate with npm run write-schemas -w @iac-compare/harness)', () => {
    for (const file of Object.keys(CONTRACTS) as (keyof typeof CONTRACTS)[]) {
      const committed = readFileSync(join(SCHEMAS, file), 'utf8');
      expect(committed, file).toBe(`${JSON.stringify(jsonSchemaOf(file), null, 2)}\n`);
    }
  });

  it('rejects what breaks the contract (a schema that accepts anything proves nothing)', () => {
    const validate = validator('compare-report.schema.json');
    expect(validate({ schemaVersion: 2 })).toBe(false);
    expect(
      validator('plan.schema.json')({ schemaVersion: 2, baseline: {}, target: {}, implementations: [{}] }),
    ).toBe(false);
  });
});

describe('real outputs validate', () => {
  it('the compare report, and not once a field is renamed', () => {
    const result = runCli(['compare', '--format', 'json', '--only', 'cloudformation,infra-terraform']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expectValid('compare-report.schema.json', report);
    const renamed = { ...report, implementations: [{ ...report.implementations[0], conform: true }] };
    expect(validator('compare-report.schema.json')(renamed)).toBe(false);
  }, 120_000);

  it('a saved baseline (manifest and inventories) and the plan against it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'contracts-')), 'baseline');
    const saved = runCli(['plan', '--save-baseline', dir, '--only', 'cloudformation,pulumi']);
    expect(saved.status, saved.stderr).toBe(0);
    expectValid('baseline.schema.json', JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')));
    const inventories = readdirSync(dir).filter((file) => file.startsWith('inventory-'));
    expect(inventories.sort()).toEqual(['inventory-cloudformation.json', 'inventory-pulumi.json']);
    for (const file of inventories)
      expectValid('inventory.schema.json', JSON.parse(readFileSync(join(dir, file), 'utf8')));
    // A change with creates (their attributes), updates and deletes: one NAT instead of one per
    // AZ, and a third node group.
    const target = JSON.parse(readFileSync(join(REPO, 'packages/spec/target.json'), 'utf8'));
    const specFile = join(dirname(dir), 'changed.json');
    writeFileSync(
      specFile,
      JSON.stringify({
        ...target,
        network: { ...target.network, natGateways: 'single' },
        nodeGroups: [...target.nodeGroups, { ...target.nodeGroups[1], name: 'batch' }],
      }),
    );
    const plan = runCli([
      'plan',
      '--baseline',
      dir,
      '--spec',
      specFile,
      '--format',
      'json',
      '--only',
      'cloudformation,pulumi',
    ]);
    expect(plan.status, plan.stderr).toBe(1);
    const report = JSON.parse(plan.stdout);
    for (const entry of report.implementations as { changes: { action: string; attributes?: object }[] }[]) {
      expect(entry.changes.some((change) => change.action === 'create' && change.attributes)).toBe(true);
      expect(entry.changes.some((change) => change.action === 'delete')).toBe(true);
    }
    expectValid('plan.schema.json', report);
    // A plan with failures, replacement orders and list elements: the private subnets /19 → /20.
    const failing = join(dirname(dir), 'failing.json');
    writeFileSync(
      failing,
      JSON.stringify({
        ...target,
        network: { ...target.network, subnets: { ...target.network.subnets, private: { prefixLength: 20 } } },
      }),
    );
    const failed = runCli([
      'plan',
      '--baseline',
      dir,
      '--spec',
      failing,
      '--format',
      'json',
      '--only',
      'cloudformation,pulumi',
    ]);
    expect(failed.status, failed.stderr).toBe(3);
    const failedReport = JSON.parse(failed.stdout);
    const changes = failedReport.implementations.flatMap((entry: { changes: object[] }) => entry.changes);
    expect(changes.some((change: { fails?: true; failure?: string }) => change.fails && change.failure)).toBe(
      true,
    );
    expect(
      changes.some((change: { replacementOrder?: string }) => change.replacementOrder === 'create-first'),
    ).toBe(true);
    expectValid('plan.schema.json', failedReport);
  }, 300_000);
});
