/**
 * Our rules against cdk-nag's AwsSolutions pack (both CDK apps) and AWS's validator (the
 * CloudFormation family, the default target and the SSH mutants), resource by resource on the
 * controls both cover. Every row agrees, or differs for the reason EXPLAINED gives with its source;
 * docs/policy.md holds the table (UPDATE_POLICY_DOC=1 rewrites it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize as synthesizeCloudFormation } from '@iac-compare/cloudformation';
import { docSectionOf, readStackPlan, withSection } from '@iac-compare/harness';
import { loadTarget } from '@iac-compare/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { POLICY_MUTANTS } from '../src/mutation/policy-mutants.js';
import { readMutantArtifact } from '../src/mutation/policy-run.js';
import {
  type CrossCheckRow,
  cdkNagRows,
  EXPLAINED,
  NOTES,
  outcomeOf,
  renderCrossCheckSection,
  synthesizeWithCdkNag,
  validatorFindings,
  validatorRows,
} from '../src/policy-crosscheck.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const DOC = join(REPO_ROOT, 'docs', 'policy.md');
const work = mkdtempSync(join(tmpdir(), 'policy-crosscheck-'));
// Mutant copies live in the repository so they resolve its node_modules (as mutation tests do).
const MUTANT_SCRATCH = join(REPO_ROOT, '.iac-compare', 'policy-crosscheck');
const spec = loadTarget();
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(MUTANT_SCRATCH, { recursive: true, force: true });
});

type Row = CrossCheckRow & { target: string };
const rows: Row[] = [];

describe('cross-checked against cdk-nag and AWS’s validator', () => {
  it('cdk-nag AwsSolutions and the validator on both CDK apps', async () => {
    for (const variant of ['l2', 'l1'] as const) {
      const outdir = join(work, variant);
      const { inventory, violations } = synthesizeWithCdkNag(spec, variant, outdir);
      // cdk-nag ran and reported (it judges tool machinery too: the Lambda roles).
      expect(violations.length).toBeGreaterThan(0);
      rows.push(...cdkNagRows(inventory, violations).map((row) => ({ ...row, target: 'default' })));
      const findings = await validatorFindings(inventory, outdir, spec);
      rows.push(...validatorRows(inventory, findings).map((row) => ({ ...row, target: 'default' })));
    }
  }, 240_000);

  it('the validator on the CloudFormation templates', async () => {
    const dir = join(work, 'cloudformation');
    await synthesizeCloudFormation(spec, dir);
    const inventory = readStackPlan(dir, 'cloudformation');
    rows.push(
      ...validatorRows(inventory, await validatorFindings(inventory, dir, spec)).map((row) => ({
        ...row,
        target: 'default',
      })),
    );
  }, 120_000);

  it('the validator on the SSH mutants of the CloudFormation family', async () => {
    for (const id of ['policy-open-ssh-cdk-l1', 'policy-open-ssh-cloudformation']) {
      const mutant = POLICY_MUTANTS.find((candidate) => candidate.id === id)!;
      const { inventory, path } = await readMutantArtifact(REPO_ROOT, spec, mutant, MUTANT_SCRATCH);
      const findings = await validatorFindings(inventory, path, spec);
      rows.push(
        ...validatorRows(inventory, findings)
          .filter((row) => row.check.rule === 'network-admin-ports-open')
          .map((row) => ({ ...row, target: id })),
      );
    }
  }, 240_000);

  it('every row agrees, or differs for the documented reason; docs/policy.md holds the table', () => {
    // 7 cdk-nag rows per CDK app, W2508 on the three CloudFormation-family implementations and two mutants.
    expect(rows.length).toBe(19);
    const unexplained = rows
      .filter((row) => outcomeOf(row).startsWith('differ'))
      .map((row) => `${row.implementation} ${row.check.rule} ${row.check.theirs}`)
      .filter((key) => !EXPLAINED[key]);
    expect(unexplained).toEqual([]);
    // An explanation whose row now agrees is stale.
    const stale = Object.keys(EXPLAINED).filter(
      (key) =>
        !rows.some(
          (row) =>
            `${row.implementation} ${row.check.rule} ${row.check.theirs}` === key &&
            outcomeOf(row).startsWith('differ'),
        ),
    );
    expect(stale).toEqual([]);
    for (const key of Object.keys(NOTES))
      expect(
        rows.some((row) => `${row.implementation} ${row.check.rule} ${row.check.theirs}` === key),
        key,
      ).toBe(true);
    // Both sides catch the open port in the mutants (not only agree on passing).
    const mutantRows = rows.filter((row) => row.target !== 'default');
    expect(mutantRows.map((row) => [row.target, outcomeOf(row)])).toEqual(
      mutantRows.map((row) => [row.target, 'agree (fail 1)']),
    );
    const section = renderCrossCheckSection(rows);
    if (process.env.UPDATE_POLICY_DOC === '1')
      writeFileSync(DOC, withSection(readFileSync(DOC, 'utf8'), 'cross-check', section));
    expect(docSectionOf(readFileSync(DOC, 'utf8'), 'cross-check')).toBe(section);
  });
});
