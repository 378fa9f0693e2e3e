/**
 * HCL and CDKTF are one Terraform configuration written two ways: they must ask for the same AWS
 * provider, or `conforms` would compare plans made with different providers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_PROVIDER_CONSTRAINT } from '@iac-compare/cdktf';
import { describe, expect, it } from 'vitest';

const HCL = join(import.meta.dirname, '..', '..', '..', 'infra-terraform');

function awsConstraint(file: string): string {
  const text = readFileSync(join(HCL, file), 'utf8');
  const block = /aws\s*=\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
  const version = /version\s*=\s*"([^"]+)"/.exec(block)?.[1];
  if (!version) throw new Error(`${file}: no aws provider version constraint`);
  return version;
}

describe('the AWS provider constraint', () => {
  it('is the same in infra-terraform/versions.tf and in the CDKTF stack', () => {
    expect(awsConstraint('versions.tf')).toBe(AWS_PROVIDER_CONSTRAINT);
  });

  it("fits inside the local modules' own ranges (>= 6.0, < 7.0)", () => {
    const [, major, minor] = /^~> (\d+)\.(\d+)$/.exec(AWS_PROVIDER_CONSTRAINT) ?? [];
    expect(Number(major)).toBe(6);
    expect(Number(minor)).toBeGreaterThanOrEqual(0);
    for (const module of ['modules/network/versions.tf', 'modules/eks/versions.tf']) {
      expect(awsConstraint(module), module).toBe('>= 6.0, < 7.0');
    }
  });
});
