/**
 * What the terraform console oracle cannot check (answers that depend on the machine, or that
 * are random), and how unknown values flow through functions: an unknown in gives an unknown out,
 * never a crash, and an error names file, line, column and the expression.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '../src/model/value.js';
import { FUNCTIONS } from '../src/terraform/functions.js';
import { openConsole } from '../src/terraform/module.js';
import { errorOf } from './cfn-helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'terraform-oracle');
const ENV = { region: 'eu-west-1', account: '111122223333' };
const evaluate = await openConsole(FIXTURE, { env: ENV, tfvars: false });

describe('functions whose answer depends on the machine or on chance', () => {
  it('abspath and path.cwd resolve against the working directory (the root module folder)', () => {
    expect(evaluate('abspath("files/hello.txt")')).toBe(join(FIXTURE, 'files', 'hello.txt'));
    expect(evaluate('abspath("/etc/../tmp")')).toBe('/tmp');
    expect(evaluate('path.cwd')).toBe(FIXTURE);
  });

  it('pathexpand expands ~ to the home folder only at the start', () => {
    expect(evaluate('pathexpand("~/x")')).toBe(`${homedir()}/x`);
    expect(evaluate('pathexpand("a/~/x")')).toBe('a/~/x');
  });

  it('base64gzip is a gzip of the text (Go may choose other compressed bytes)', () => {
    const encoded = evaluate('base64gzip("hello hello hello")') as string;
    expect(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8')).toBe('hello hello hello');
  });

  it('bcrypt and issensitive are Unknown, saying why', () => {
    const hashed = evaluate('bcrypt("password")');
    expect(isUnknown(hashed) && hashed.describe()).toContain('random salt');
    const sensitive = evaluate('issensitive(sensitive("x"))');
    expect(isUnknown(sensitive) && sensitive.describe()).toContain(
      'does not track which values are sensitive',
    );
  });
});

describe('unknown values through functions', () => {
  // timestamp() is known only at apply: an Unknown to feed every function with.
  const calls = [
    'join(",", [timestamp(), "a"])',
    'contains(["a", timestamp()], "a")',
    'distinct([timestamp(), "a"])',
    'setunion([timestamp()], ["a"])',
    'flatten([[timestamp()], ["b"]])',
    'concat([timestamp()], ["a"])',
    'lookup({ a = timestamp() }, "a")',
    'merge({ a = timestamp() }, { b = 1 })',
    'element([timestamp(), "b"], 0)',
    'keys({ a = timestamp() })',
    'values({ a = timestamp() })',
    'zipmap(["a"], [timestamp()])',
    'coalesce(timestamp(), "x")',
    'compact([timestamp(), ""])',
    'sort([timestamp(), "a"])',
    'format("%s-%s", timestamp(), "x")',
    'formatlist("%s", [timestamp()])',
    'tomap({ a = timestamp() })',
    'toset([timestamp(), "a"])',
    'tolist([timestamp()])',
    'jsonencode({ a = timestamp() })',
    'yamlencode([timestamp()])',
    'upper(timestamp())',
    'replace(timestamp(), "a", "b")',
    'cidrsubnet("10.0.0.0/16", 8, length([timestamp()]))',
    'strcontains(timestamp(), "x")',
    'formatdate("YYYY", timestamp())',
    'timeadd(timestamp(), "1h")',
    'csvdecode(timestamp())',
    'yamldecode(timestamp())',
    'uuidv5("dns", timestamp())',
    'one([timestamp()])',
    'sum([1, length(timestamp())])',
    'matchkeys(["a"], [timestamp()], ["x"])',
    'transpose({ a = [timestamp()] })',
    'setproduct([timestamp()], ["b"])',
    'chunklist([timestamp(), "b"], 1)',
    'slice([timestamp(), "b"], 0, 1)',
    'reverse([timestamp()])',
    'index([timestamp(), "a"], "a")',
    'alltrue([timestamp() == "x"])',
    'anytrue([timestamp() == "x"])',
  ];

  it.each(calls)('%s does not crash', (expression) => {
    expect(() => evaluate(expression)).not.toThrow();
  });

  it('covers functions of every family', () => {
    const called = new Set(calls.map((call) => /^([a-z0-9]+)\(/.exec(call)![1]!));
    expect(called.size).toBeGreaterThanOrEqual(40);
    for (const name of called) expect(Object.keys(FUNCTIONS), name).toContain(name);
  });

  it('keeps what stays known: length of a list with an unknown element', () => {
    expect(evaluate('length([timestamp(), "a"])')).toBe(2);
  });
});

describe('errors', () => {
  it('name file, line and column, and the function', () => {
    const error = errorOf(() => evaluate('formatdate("Q", "2018-01-02T00:00:00Z")'));
    expect(error.code).toBe('FUNCTION_ARGUMENTS');
    expect(error.message).toMatch(/^<console>:1:1: formatdate: invalid date format verb "Q"/);
  });
});
