import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetSpecInput } from '../src/schema.js';

/** A fresh copy of the default target file, as a user would have written it. */
export function defaultInput(): TargetSpecInput & Record<string, unknown> {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'target.json'), 'utf8'));
}

/** The default target with one edit applied. */
export function withEdit(edit: (input: ReturnType<typeof defaultInput>) => void): unknown {
  const input = defaultInput();
  edit(input);
  return input;
}
