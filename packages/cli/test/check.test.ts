/**
 * `iac-compare check` on code written outside the six: a copy of infra-terraform given the
 * exported tfvars conforms, a mistake in it does not, the other kinds of code read the same way,
 * and every kind of bad input is one clear error with exit 2.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const HCL = join(REPO, 'infra-terraform');

/** A team's own copy of the Terraform, with the target handed out by export tfvars. */
function terraformCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-tf-'));
  for (const entry of ['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf', 'modules']) {
    cpSync(join(HCL, entry), join(dir, entry), { recursive: true });
  }
  const exported = runCli(['export', 'tfvars', '--out', join(dir, 'terraform.tfvars')]);
  expect(exported.status, exported.stderr).toBe(0);
  return dir;
}

function json(result: { stdout: string }) {
  return JSON.parse(result.stdout) as {
    implementations: { id: string; conforms: boolean; differences: { fact: string }[] }[];
    resourceDiff: { implementations: string[] };
  };
}

describe('check: code written elsewhere', () => {
  it('a copy of infra-terraform, with the exported tfvars, conforms', () => {
    const result = runCli(['check', '--terraform', terraformCopy(), '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const report = json(result);
    expect(
      report.implementations.map((implementation) => [implementation.id, implementation.conforms]),
    ).toEqual([['yours', true]]);
  });

  it('a mistake in that copy is a difference, and exit 1', () => {
    const dir = terraformCopy();
    const file = join(dir, 'modules', 'eks', 'main.tf');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'http_put_response_hop_limit = 2',
        'http_put_response_hop_limit = 1',
      ),
    );
    const result = runCli(['check', '--terraform', dir, '--format', 'json']);
    expect(result.status).toBe(1);
    expect(
      json(result)
        .implementations[0]!.differences.map((difference) => difference.fact)
        .sort(),
    ).toEqual([
      'nodeGroup[general].launchTemplate.httpPutResponseHopLimit',
      'nodeGroup[system].launchTemplate.httpPutResponseHopLimit',
    ]);
  });

  it('takes variables as terraform plan does: -var-file, then -var, last wins', () => {
    const dir = terraformCopy();
    const vars = join(dir, 'other.tfvars');
    writeFileSync(vars, 'tags = { project = "from-file", environment = "demo", owner = "platform-team" }\n');
    const fromFile = runCli(['check', '--terraform', dir, '--var-file', vars, '--format', 'json']);
    expect(fromFile.status).toBe(1);
    const vpc = (result: { stdout: string }) =>
      (
        JSON.parse(result.stdout) as {
          implementations: { differences: { fact: string; actual: Record<string, string> }[] }[];
        }
      ).implementations[0]!.differences.find((difference) => difference.fact === 'vpc.tags')?.actual;
    expect(vpc(fromFile)).toEqual({ project: 'from-file', environment: 'demo', owner: 'platform-team' });
    const fromVar = runCli([
      'check',
      '--terraform',
      dir,
      '--var-file',
      vars,
      '--var',
      'tags={ project = "from-var", environment = "demo", owner = "platform-team" }',
      '--format',
      'json',
    ]);
    expect(vpc(fromVar)).toEqual({ project: 'from-var', environment: 'demo', owner: 'platform-team' });
  });

  it('sets it beside reference implementations with --against', () => {
    const result = runCli([
      'check',
      '--terraform',
      terraformCopy(),
      '--against',
      'cdktf',
      '--format',
      'json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(json(result).resourceDiff.implementations).toEqual(['yours', 'cdktf']);
  }, 120_000);

  it('reads templates as stacks, with parameters and tags as aws cloudformation takes them', () => {
    const params = join(mkdtempSync(join(tmpdir(), 'check-cfn-')), 'params');
    expect(runCli(['export', 'cloudformation-parameters', '--out', params]).status).toBe(0);
    const templates = join(REPO, 'packages', 'cloudformation', 'templates');
    const result = runCli([
      'check',
      '--cloudformation',
      `iac-compare-demo-network=${join(templates, 'network.yaml')}`,
      `iac-compare-demo-cluster=${join(templates, 'cluster.yaml')}`,
      '--parameters',
      join(params, 'network.parameters.json'),
      '--parameters',
      join(params, 'cluster.parameters.json'),
      '--tags',
      join(params, 'tags.json'),
    ]);
    expect(result.status, result.stderr + result.stdout.slice(-400)).toBe(0);
  });

  it('reads a CDK assembly and CDKTF output as they are', () => {
    // The artifacts are what `synth` writes; a clean checkout has none yet.
    const synth = runCli(['synth', '--only', 'cdk-l1,cdktf']);
    expect(synth.status, synth.stderr).toBe(0);
    expect(runCli(['check', '--cdk-out', join(REPO, 'packages', 'cdk', 'out', 'cdk-l1')]).status).toBe(0);
    expect(runCli(['check', '--cdktf-out', join(REPO, 'packages', 'cdktf', 'out')]).status).toBe(0);
  }, 120_000);

  it('runs a Pulumi program under mocks, saying it runs user code', () => {
    const result = runCli(['check', '--pulumi', join(REPO, 'packages', 'pulumi')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('this executes your code');
  }, 120_000);
});

describe('check: bad input is one clear error, exit 2', () => {
  const pulumiProgram = (body: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'check-pulumi-'));
    writeFileSync(join(dir, 'Pulumi.yaml'), 'name: broken\nruntime: nodejs\n');
    writeFileSync(join(dir, 'index.mjs'), body);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'broken', type: 'module', main: 'index.mjs' }),
    );
    return dir;
  };

  it.each([
    [
      'a folder with no .tf files',
      () => ['--terraform', mkdtempSync(join(tmpdir(), 'empty-'))],
      'no .tf or .tf.json files',
    ],
    [
      'a file that is not YAML or JSON',
      () => ['--cloudformation', join(REPO, 'README.md')],
      'README.md:3:1: not valid YAML',
    ],
    [
      'a YAML file that is not a template',
      () => {
        const file = join(mkdtempSync(join(tmpdir(), 'not-template-')), 'config.yaml');
        writeFileSync(file, 'name: demo\nreplicas: 2\n');
        return ['--cloudformation', file];
      },
      'not a CloudFormation template: no Resources section',
    ],
    [
      'a module source that cannot be resolved',
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'missing-module-'));
        writeFileSync(join(dir, 'main.tf'), 'module "net" {\n  source = "./modules/nowhere"\n}\n');
        return ['--terraform', dir];
      },
      'the module directory cannot be read',
    ],
    [
      'a Pulumi program that throws',
      () => ['--pulumi', pulumiProgram("throw new Error('boom in the program');\n")],
      'boom in the program',
    ],
    [
      'a Pulumi program that hangs',
      () => [
        '--pulumi',
        pulumiProgram('await new Promise(() => setInterval(() => {}, 1000));\n'),
        '--timeout',
        '5',
      ],
      'did not finish within 5 s and was stopped',
    ],
    [
      'a CDK app that throws',
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'broken-cdk-'));
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          join(dir, 'cdk.json'),
          JSON.stringify({ app: `node -e "throw new Error('app exploded')"` }),
        );
        return ['--cdk-app', dir];
      },
      'app exploded',
    ],
    [
      'a template that needs a macro',
      () => {
        const file = join(mkdtempSync(join(tmpdir(), 'sam-')), 'template.yaml');
        writeFileSync(
          file,
          'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: . }\n',
        );
        return ['--cloudformation', file];
      },
      'AWS::Serverless-2016-10-31',
    ],
    ['two kinds of code at once', () => ['--terraform', '.', '--cdk-out', '.'], 'check takes one of'],
    ['no code at all', () => [], 'check needs the code to check'],
  ])(
    '%s',
    (_, args, message) => {
      const result = runCli(['check', ...args()]);
      expect(result.status, result.stdout + result.stderr).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
    60_000,
  );
});
