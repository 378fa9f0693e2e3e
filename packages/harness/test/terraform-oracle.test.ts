/**
 * Our evaluator against the real Terraform: a corpus of expressions (test/fixtures/terraform-oracle)
 * — every function, for expressions, splats, templates, heredocs, operators, type conversions — is
 * evaluated by `terraform console` (offline: the fixture has no provider) and by our evaluator, and
 * the results, both passed through jsonencode, must be identical. Expressions that must fail must
 * fail in both. Skipped, saying why, where no terraform/tofu binary exists.
 *
 * Terraform's answers are also recorded (recorded.json, written only by `ORACLE_RECORD=1`), so the
 * evaluator is held to them on machines without a binary — CI among them. The live run checks the
 * record is still what Terraform says.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../src/errors.js';
import { FUNCTIONS, jsonEncode } from '../src/terraform/functions.js';
import { openConsole } from '../src/terraform/module.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'terraform-oracle');
const corpus = JSON.parse(readFileSync(join(FIXTURE, 'corpus.json'), 'utf8')) as {
  expressions: string[];
  errors: string[];
};
const ENV = { region: 'eu-west-1', account: '111122223333' };
const RECORDED = join(FIXTURE, 'recorded.json');
interface Recorded {
  readonly terraformVersion: string;
  readonly results: string[];
}
const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as Recorded;

/** Each corpus expression through our evaluator and jsonencode, or `ERROR message`. */
async function ourResults(): Promise<string[]> {
  const evaluate = await openConsole(FIXTURE, { env: ENV, tfvars: false });
  return corpus.expressions.map((expression) => {
    try {
      return jsonEncode(evaluate(expression));
    } catch (error) {
      return `ERROR ${(error as Error).message}`;
    }
  });
}

function mismatches(ours: readonly string[], theirs: readonly string[]): string[] {
  return corpus.expressions.flatMap((expression, index) =>
    ours[index] === theirs[index]
      ? []
      : [`${expression}\n    terraform: ${theirs[index]}\n    ours:      ${ours[index]}`],
  );
}

function findTerraform(): { name: string; version: string } | undefined {
  for (const name of ['terraform', 'tofu']) {
    const probe = spawnSync(name, ['version', '-json'], {
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
    });
    if (probe.status === 0) {
      const version = (JSON.parse(probe.stdout) as { terraform_version?: string }).terraform_version;
      return { name, version: `${name} ${version ?? 'unknown'}` };
    }
  }
  return undefined;
}
const FOUND = findTerraform();
const TERRAFORM = FOUND?.name;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * `terraform console` evaluates only the last line of piped input, so each run evaluates one line;
 * expressions that span lines (heredocs) go into the configuration as locals.
 */
function terraformConsole(expression: string, extraConfig = ''): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-'));
  copyFileSync(join(FIXTURE, 'main.tf'), join(dir, 'main.tf'));
  cpSync(join(FIXTURE, 'files'), join(dir, 'files'), { recursive: true });
  if (extraConfig) writeFileSync(join(dir, 'oracle.tf'), extraConfig);
  const result = spawnSync(TERRAFORM as string, ['console'], {
    cwd: dir,
    input: `${expression}\n`,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
  });
  const stderr = result.stderr.replace(ANSI, '');
  return { ok: result.status === 0 && !stderr.includes('Error'), output: result.stdout.trim() || stderr };
}

describe('the expression corpus', () => {
  it('has at least 150 expressions, covering every function we implement', () => {
    expect(corpus.expressions.length).toBeGreaterThanOrEqual(150);
    const text = [...corpus.expressions, ...corpus.errors].join('\n');
    // Not comparable with a console run in another folder, or not deterministic: unit tests instead.
    const untested = [
      'timestamp',
      'uuid',
      'plantimestamp',
      'templatefile',
      'abspath',
      'pathexpand',
      'base64gzip',
      'bcrypt',
      'issensitive',
    ];
    const missing = Object.keys(FUNCTIONS).filter(
      (name) => !untested.includes(name) && !new RegExp(`\\b${name}\\(`).test(text),
    );
    expect(missing).toEqual([]);
  });
});

describe.skipIf(!TERRAFORM)(`our evaluator against ${TERRAFORM ?? 'terraform'} console`, () => {
  it('gives identical results for every expression of the corpus', async () => {
    // One console run for the whole corpus: a local holding each result's JSON encoding.
    const local = `locals {\n  oracle = [\n${corpus.expressions.map((expression) => `    jsonencode(\n${expression}\n    ),`).join('\n')}\n  ]\n}\n`;
    const result = terraformConsole('nonsensitive(jsonencode(local.oracle))', local);
    expect(result.ok, result.output).toBe(true);
    const theirs = JSON.parse(JSON.parse(result.output)) as string[];
    expect(theirs).toHaveLength(corpus.expressions.length);
    if (process.env.ORACLE_RECORD === '1') {
      const record: Recorded = { terraformVersion: FOUND!.version, results: theirs };
      writeFileSync(RECORDED, `${JSON.stringify(record, null, 2)}\n`);
    }
    expect(mismatches(await ourResults(), theirs)).toEqual([]);
    if (recorded.terraformVersion === FOUND!.version) {
      expect(recorded.results, 'recorded.json is stale: re-record with ORACLE_RECORD=1').toEqual(theirs);
    } else {
      console.warn(
        `harness: oracle record is from ${recorded.terraformVersion}, this machine has ${FOUND!.version}`,
      );
    }
  }, 180_000);

  it('fails where Terraform fails', async () => {
    const evaluate = await openConsole(FIXTURE, { env: ENV, tfvars: false });
    const disagreements: string[] = [];
    for (const expression of corpus.errors) {
      const theirs = terraformConsole(`jsonencode(${expression})`);
      let oursFailed = false;
      try {
        evaluate(expression);
      } catch (error) {
        oursFailed = isHarnessError(error);
      }
      if (theirs.ok || !oursFailed) {
        disagreements.push(
          `${expression}: terraform ${theirs.ok ? 'succeeded' : 'failed'}, ours ${oursFailed ? 'failed' : 'succeeded'}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
  }, 180_000);
});

describe(`our evaluator against ${recorded.terraformVersion}'s recorded answers`, () => {
  it('gives the recorded result for every expression of the corpus', async () => {
    expect(recorded.results, 'the corpus changed: re-record with ORACLE_RECORD=1').toHaveLength(
      corpus.expressions.length,
    );
    expect(mismatches(await ourResults(), recorded.results)).toEqual([]);
  });
});

describe.runIf(!TERRAFORM)('the terraform console oracle', () => {
  it('is skipped: no terraform or tofu binary on the PATH (install one to run it)', () => {
    console.warn('harness: terraform console oracle skipped: no terraform or tofu binary on the PATH');
  });
});
