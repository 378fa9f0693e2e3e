import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCdktfOutput, readStackPlan } from '@iac-compare/harness';
import { describe, expect, it } from 'vitest';
import { writeCloudFormationStack, writeTerraformJsonStack } from '../src/scaling.js';

describe('generated configurations for the scaling figure', () => {
  it('have exactly N resources, wired by references the harness resolves', async () => {
    const cfn = mkdtempSync(join(tmpdir(), 'scaling-cfn-'));
    writeCloudFormationStack(cfn, 203, 'eu-west-1', '111122223333');
    const fromCfn = readStackPlan(cfn, 'x');
    expect(fromCfn.resources).toHaveLength(203);
    const association = fromCfn.resources.find((r) => r.address === 'big/Association0')!;
    expect(association.references.map((edge) => edge.target).sort()).toEqual(['big/Subnet0', 'big/Table0']);

    const tf = mkdtempSync(join(tmpdir(), 'scaling-tf-'));
    writeTerraformJsonStack(tf, 203, 'eu-west-1');
    const fromTf = await readCdktfOutput(tf, 'x', { region: 'eu-west-1', account: '111122223333' });
    // The 203 resources, and the aws provider's configuration listed as tool machinery.
    expect(fromTf.resources.filter((r) => r.role === 'core')).toHaveLength(203);
    expect(fromTf.resources.filter((r) => r.role === 'overhead').map((r) => r.address)).toEqual([
      'provider.aws',
    ]);
    expect(fromTf.resources.find((r) => r.address === 'aws_subnet.s1')!.properties.cidr_block).toBe(
      '10.0.1.0/24',
    );
  });
});
