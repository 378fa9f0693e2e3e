/**
 * The helpers labs 3 and 7 use: `iac-labs tree` (a CDK assembly's construct levels) and
 * `iac-labs plant` (a copy of one implementation with a mutation-suite mistake in it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../src/errors.js';
import { mistakesFor, plantMistake, revealMistake } from '../src/plant.js';
import { findRepoRoot } from '../src/repo.js';
import { levelOf, renderTree } from '../src/tree.js';

const scratch = mkdtempSync(join(tmpdir(), 'iac-labs-helpers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tree', () => {
  const cfn = (id: string, type: string) => ({
    id,
    constructInfo: { fqn: 'aws-cdk-lib.aws_ec2.CfnSubnet' },
    attributes: { 'aws:cdk:cloudformation:type': type },
  });
  const app = {
    id: 'App',
    constructInfo: { fqn: 'aws-cdk-lib.App' },
    children: {
      Stack: {
        id: 'Stack',
        constructInfo: { fqn: 'aws-cdk-lib.Stack' },
        children: {
          Platform: {
            id: 'Platform',
            constructInfo: { fqn: 'constructs.Construct' },
            children: {
              Vpc: {
                id: 'Vpc',
                constructInfo: { fqn: 'aws-cdk-lib.aws_ec2.Vpc' },
                children: {
                  Resource: cfn('Resource', 'AWS::EC2::VPC'),
                  Subnet: cfn('Subnet', 'AWS::EC2::Subnet'),
                },
              },
            },
          },
          BootstrapVersion: { id: 'BootstrapVersion', constructInfo: { fqn: 'aws-cdk-lib.CfnParameter' } },
        },
      },
    },
  };

  it('names each level: Cfn* is L1 with its resource type, a library class L2, the app own construct L3', () => {
    expect(levelOf(cfn('Resource', 'AWS::EC2::VPC'))).toEqual({ level: 'L1', what: 'AWS::EC2::VPC' });
    expect(levelOf({ id: 'Vpc', constructInfo: { fqn: 'aws-cdk-lib.aws_ec2.Vpc' } })).toEqual({
      level: 'L2',
      what: 'aws_ec2.Vpc',
    });
    expect(levelOf({ id: 'Platform', constructInfo: { fqn: 'constructs.Construct' } }).level).toBe('L3');
    expect(levelOf({ id: 'P', constructInfo: { fqn: 'aws-cdk-lib.CfnParameter' } }).level).toBe('template');
  });

  it('shows the tree to the depth asked and counts every construct, shown or not', () => {
    const shallow = renderTree(app, 1);
    expect(shallow.some((line) => /^ {4}Platform +L3 +the app/.test(line))).toBe(true);
    expect(shallow.some((line) => line.includes('Vpc'))).toBe(false);
    expect(shallow.at(-1)).toBe(
      "2 L1 constructs (one CloudFormation resource each), 1 L2 constructs, 1 L3 constructs of the app's own; 4 shown",
    );
    const deep = renderTree(app, 3);
    expect(deep.some((line) => /^ {8}Resource +L1 +AWS::EC2::VPC$/.test(line))).toBe(true);
  });
});

describe('plant', () => {
  const repoRoot = findRepoRoot();

  it('offers the mutation suite mistakes for a tool on the default target', async () => {
    const mistakes = await mistakesFor('infra-terraform');
    expect(mistakes.length).toBeGreaterThan(5);
    expect(mistakes.every((mutant) => mutant.implementation === 'infra-terraform')).toBe(true);
  });

  it('copies the code with exactly that mistake planted, and reveals it only when asked', async () => {
    const out = join(scratch, 'mistake');
    const said = await plantMistake(repoRoot, 'infra-terraform', out, 1);
    expect(said[0]).toMatch(/^planted mistake 1 of \d+ in .*mistake\/, a copy of infra-terraform's code$/);
    const [mutant] = await mistakesFor('infra-terraform');
    const edit = mutant?.edits[0];
    expect(edit).toBeDefined();
    if (!edit) return;
    const original = readFileSync(join(repoRoot, 'infra-terraform', edit.file), 'utf8');
    const planted = readFileSync(join(out, edit.file), 'utf8');
    expect(planted).not.toBe(original);
    expect(planted).toBe(original.replace(edit.find, edit.replace));
    // Only code is copied: no package.json, tests or build.
    expect(() => readFileSync(join(out, 'package.json'))).toThrow();
    expect(readFileSync(join(out, 'main.tf'), 'utf8')).toBe(
      readFileSync(join(repoRoot, 'infra-terraform/main.tf'), 'utf8'),
    );
    expect(await revealMistake(out)).toContain(`(${mutant?.id}): ${mutant?.description}`);
  });

  it('refuses a folder it did not plant, and a pick out of range', async () => {
    const mine = join(scratch, 'mine');
    writeFileSync(join(scratch, 'keep.txt'), '');
    await expect(plantMistake(repoRoot, 'infra-terraform', scratch, 1)).rejects.toThrow(
      /not a copy iac-labs planted/,
    );
    await expect(plantMistake(repoRoot, 'infra-terraform', mine, 999)).rejects.toBeInstanceOf(LabError);
    await expect(plantMistake(repoRoot, 'pulumi', mine, 1)).rejects.toThrow(/--tool is one of/);
    expect(readFileSync(join(scratch, 'keep.txt'), 'utf8')).toBe('');
  });
});
