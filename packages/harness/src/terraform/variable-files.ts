/**
 * Variable values from outside the configuration, as Terraform takes them: terraform.tfvars and
 * *.auto.tfvars in the root (in Terraform's order), `-var-file` files (HCL or JSON), and `-var
 * NAME=VALUE`. Their expressions are evaluated without files or templates, as Terraform's are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../errors.js';
import type { Value } from '../model/value.js';
import { isObject, parseHclFile, type Raw } from './config.js';
import { evaluateExpression } from './evaluate-expression.js';
import { FunctionError } from './function-args.js';
import type { FunctionContext } from './functions.js';
import { parseExpression, parseTemplate } from './parser.js';

/** Root variable values from terraform.tfvars(.json) and *.auto.tfvars(.json), in Terraform's order. */
export async function readTfvars(dir: string): Promise<Record<string, Value>> {
  const names = readdirSync(dir);
  const files = [
    ...names.filter((file) => file === 'terraform.tfvars' || file === 'terraform.tfvars.json'),
    ...names.filter((file) => /\.auto\.tfvars(\.json)?$/.test(file)).sort(),
  ];
  const values: Record<string, Value> = {};
  for (const name of files) Object.assign(values, await readTfvarsFile(join(dir, name)));
  return values;
}

/** A tfvars value from either syntax: strings are expressions (HCL) or templates, inside objects too. */
function tfvarsValue(raw: Raw, file: string): Value {
  if (typeof raw === 'string') {
    return evaluateExpression(parseTemplate(raw, { file, line: 1, column: 1 }), {
      source: { file, line: 1, column: 1, text: raw },
      context: NO_FILES,
      lookup: () => undefined,
    });
  }
  if (Array.isArray(raw)) return raw.map((item) => tfvarsValue(item, file));
  if (isObject(raw)) {
    return Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, tfvarsValue(item, file)]));
  }
  return raw as Value;
}

/** One variable definitions file (`-var-file`): `.tfvars` (HCL) or `.tfvars.json`. */
export async function readTfvarsFile(file: string): Promise<Record<string, Value>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new HarnessError('ARTIFACT_MISSING', 'the variable file cannot be read', { location: { file } });
  }
  if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new HarnessError('ARTIFACT_CORRUPT', `not valid JSON: ${(error as Error).message}`, {
        location: { file },
      });
    }
    if (!isObject(parsed as Raw))
      throw new HarnessError('ARTIFACT_CORRUPT', 'a .tfvars.json file is an object of variable values', {
        location: { file },
      });
    return parsed as Record<string, Value>;
  }
  const parsed = await parseHclFile(file, text);
  return Object.fromEntries(Object.entries(parsed).map(([key, raw]) => [key, tfvarsValue(raw, file)]));
}

/**
 * A `-var NAME=VALUE` value: HCL for what reads as an expression (a list, an object, a number, a
 * quoted string, true/false/null), the text itself otherwise — as Terraform takes a string variable.
 */
export function commandLineVariable(text: string): Value {
  if (!/^\s*([[{"]|-?\d|true\b|false\b|null\b)/.test(text)) return text;
  const source = { file: '-var', line: 1, column: 1, text };
  return evaluateExpression(parseExpression(text, source), {
    source,
    context: NO_FILES,
    lookup: () => undefined,
  });
}

const NO_FILES: FunctionContext = {
  readFile: () => {
    throw new FunctionError('files cannot be read in a .tfvars file');
  },
  renderTemplate: () => {
    throw new FunctionError('templates cannot be rendered in a .tfvars file');
  },
};
