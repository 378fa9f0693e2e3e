/**
 * The hand-written handler behind Custom::RestrictDefaultSecurityGroup (CDK L1 and raw
 * CloudFormation) keeps restrictDefaultSecurityGroup's promise both ways (issue 18.11): it strips
 * the default group's rules on create and update, and gives AWS's default rules back on delete
 * (the field turned off, or the stack deleted), as aws-cdk-lib's ec2.Vpc handler does.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RESTRICT_DEFAULT_SG_HANDLER } from '../src/l1/stack.js';

const REPO = join(import.meta.dirname, '..', '..', '..');

function templateHandler(): string {
  const text = readFileSync(join(REPO, 'packages', 'cloudformation', 'templates', 'network.yaml'), 'utf8');
  // Short-form tags (!Ref …) are not needed here: read the function's code as plain YAML text.
  const start = text.indexOf('        ZipFile: |\n') + '        ZipFile: |\n'.length;
  const end = text.indexOf('\n  DefaultSecurityGroupRules:');
  return parse(`code: |\n${text.slice(start, end)}\n`).code as string;
}

describe('the restrict-default-security-group handler', () => {
  it('is the same program in CDK L1 and the CloudFormation template', () => {
    expect(templateHandler().trimEnd()).toBe(RESTRICT_DEFAULT_SG_HANDLER.trimEnd());
  });

  it('restores AWS default rules on delete: ingress from the group itself, egress to everywhere', () => {
    const code = RESTRICT_DEFAULT_SG_HANDLER;
    expect(code).toMatch(/"UserIdGroupPairs": \[\{"GroupId": group_id, "UserId": account\}\]/);
    expect(code).toMatch(/"IpRanges": \[\{"CidrIp": "0\.0\.0\.0\/0"\}\]/);
    expect(code).toContain('authorize_security_group_ingress');
    expect(code).toContain('authorize_security_group_egress');
    // A second delete, or a group already gone, is not a failure.
    expect(code).toContain('InvalidPermission.Duplicate');
  });

  it('is valid Python (when a python3 is here)', (context) => {
    const python = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
      input: RESTRICT_DEFAULT_SG_HANDLER,
      encoding: 'utf8',
    });
    if (python.error) {
      console.warn('restrict-default-sg: the Python syntax check skipped: no python3 on the PATH');
      context.skip();
    }
    expect(python.status, python.stderr).toBe(0);
  });
});
