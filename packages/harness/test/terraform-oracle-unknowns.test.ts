/**
 * Unknowns against the real Terraform: a corpus of expressions over values known only after apply
 * (test/fixtures/terraform-oracle-unknowns) is evaluated by `terraform console -plan` — offline:
 * `terraform_data` is built into Terraform and its `output` is unknown until apply — and by our
 * evaluator, and the results must be identical, unknown for unknown: `length([x, "b"])` is 2,
 * `join(",", [x, "b"])` is unknown, `concat([x], ["b"])` is a known list whose first element is not.
 *
 * Terraform's answers are recorded (recorded.json, rewritten only with ORACLE_RECORD=1), so the
 * evaluator is held to them where no binary exists; the live run checks the record is still true.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown, isValueObject, type Value } from '../src/model/value.js';
import { openConsole } from '../src/terraform/module.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'terraform-oracle-unknowns');
const corpus = JSON.parse(readFileSync(join(FIXTURE, 'corpus.json'), 'utf8')) as { expressions: string[] };
const RECORDED = join(FIXTURE, 'recorded.json');
const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as {
  terraformVersion: string;
  results: string[];
};
const ENV = { region: 'eu-west-1', account: '111122223333' };
/** How an unknown prints in the canonical form both sides are brought to. */
const UNKNOWN = '(known after apply)';

/** A value as one canonical line: JSON, keys sorted, an unknown as UNKNOWN (Terraform's words). */
function canonical(value: Value): string {
  const walk = (item: Value): unknown => {
    if (isUnknown(item)) return UNKNOWN;
    if (Array.isArray(item)) return item.map(walk);
    if (isValueObject(item))
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, walk(item[key]!)]),
      );
    return item;
  };
  return JSON.stringify(walk(value));
}

/**
 * `terraform console` prints values in HCL's form: `[ … , ]`, `{ "k" = v }`, `tolist(…)`,
 * `toset(…)`, `tomap(…)`, `(known after apply)`. Parsed back into a value (type wrappers dropped:
 * our evaluator does not tell a list from a tuple), with unknowns as UNKNOWN.
 */
function parseConsole(text: string): unknown {
  let at = 0;
  const skip = () => {
    while (at < text.length && /[\s,]/.test(text[at]!)) at++;
  };
  const value = (): unknown => {
    skip();
    if (text.startsWith(UNKNOWN, at)) {
      at += UNKNOWN.length;
      return UNKNOWN;
    }
    const wrapper = /^(tolist|toset|tomap)\(/.exec(text.slice(at));
    if (wrapper) {
      at += wrapper[0].length;
      const inner = value();
      skip();
      if (text[at] !== ')') throw new Error(`expected ) at ${at}`);
      at++;
      return inner;
    }
    const c = text[at];
    if (c === '[') {
      at++;
      const items: unknown[] = [];
      for (skip(); text[at] !== ']'; skip()) items.push(value());
      at++;
      return items;
    }
    if (c === '{') {
      at++;
      const out: Record<string, unknown> = {};
      for (skip(); text[at] !== '}'; skip()) {
        const key = value();
        skip();
        if (text[at] !== '=') throw new Error(`expected = at ${at}`);
        at++;
        out[String(key)] = value();
      }
      at++;
      return out;
    }
    if (c === '"') {
      let end = at + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const raw = text
        .slice(at, end + 1)
        .replace(/\$\$\{/g, '${')
        .replace(/%%\{/g, '%{');
      at = end + 1;
      return JSON.parse(raw);
    }
    const word = /^(true|false|null|-?[0-9][0-9.e+-]*)/.exec(text.slice(at));
    if (!word) throw new Error(`cannot read console output at ${at}: ${text.slice(at, at + 40)}`);
    at += word[0].length;
    return JSON.parse(word[0]);
  };
  return value();
}

async function ourResults(): Promise<string[]> {
  const evaluate = await openConsole(FIXTURE, { env: ENV, tfvars: false });
  return corpus.expressions.map((expression) => {
    try {
      return canonical(evaluate(expression));
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

/** One `terraform console -plan` run: a local holding every expression, printed and parsed back. */
function terraformResults(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-unknowns-'));
  copyFileSync(join(FIXTURE, 'main.tf'), join(dir, 'main.tf'));
  writeFileSync(
    join(dir, 'oracle.tf'),
    `locals {\n  oracle = [\n${corpus.expressions.map((expression) => `    (${expression}),`).join('\n')}\n  ]\n}\n`,
  );
  const result = spawnSync(FOUND!.name, ['console', '-plan'], {
    cwd: dir,
    input: 'local.oracle\n',
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
  });
  if (result.status !== 0) throw new Error(`terraform console -plan failed: ${result.stderr}`);
  const parsed = parseConsole(result.stdout.trim()) as unknown[];
  return parsed.map((item) => JSON.stringify(sortKeys(item)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  return value;
}

describe('the unknown-value corpus', () => {
  it('covers the functions public modules pass unknowns to, and every operator', () => {
    const text = corpus.expressions.join('\n');
    for (const name of ['element', 'concat', 'compact', 'distinct', 'flatten', 'zipmap', 'coalescelist'])
      expect(text).toContain(`${name}(`);
    for (const name of ['formatlist', 'join', 'cidrsubnet', 'try', 'can', 'length', 'merge', 'lookup'])
      expect(text).toContain(`${name}(`);
    for (const operator of [' == ', ' != ', ' + ', ' || ', ' && ', ' ? ', '!terraform_data', '[for ', '[*]'])
      expect(text).toContain(operator);
    expect(corpus.expressions.length).toBeGreaterThanOrEqual(100);
  });
});

describe.skipIf(!FOUND)(`unknowns: our evaluator against ${FOUND?.name ?? 'terraform'} console -plan`, () => {
  it('gives the same result, unknown for unknown, for every expression of the corpus', async () => {
    const theirs = terraformResults();
    expect(theirs).toHaveLength(corpus.expressions.length);
    if (process.env.ORACLE_RECORD === '1') {
      writeFileSync(
        RECORDED,
        `${JSON.stringify({ terraformVersion: FOUND!.version, results: theirs }, null, 2)}\n`,
      );
    }
    expect(mismatches(await ourResults(), theirs)).toEqual([]);
    if (recorded.terraformVersion === FOUND!.version)
      expect(recorded.results, 'recorded.json is stale: re-record with ORACLE_RECORD=1').toEqual(theirs);
  }, 180_000);
});

describe(`unknowns: our evaluator against ${recorded.terraformVersion}'s recorded answers`, () => {
  it('gives the recorded result for every expression of the corpus', async () => {
    expect(recorded.results, 'the corpus changed: re-record with ORACLE_RECORD=1').toHaveLength(
      corpus.expressions.length,
    );
    expect(mismatches(await ourResults(), recorded.results)).toEqual([]);
  });
});
