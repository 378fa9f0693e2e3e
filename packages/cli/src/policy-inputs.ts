/**
 * The policy's inputs besides the inventories: the day it judges on and the waivers file. Apart
 * from policy-report.ts so that a compare its memo answers can key what it printed on them
 * without loading the rules.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_WAIVER_FILES, today } from '@iac-compare/harness/memo';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

export function asOfFrom(value: string | undefined, io: Io): string {
  const given = value ?? io.env.IAC_COMPARE_AS_OF;
  if (given === undefined) return today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || Number.isNaN(Date.parse(`${given}T00:00:00Z`)))
    throw new UsageError(`--as-of takes a YYYY-MM-DD date, not "${given}"`);
  return given;
}

export function waiversFile(given: string | undefined, io: Io): string | undefined {
  if (given !== undefined) {
    const file = resolve(io.cwd, given);
    if (!existsSync(file)) throw new UsageError(`--waivers ${given}: no such file`);
    return file;
  }
  return DEFAULT_WAIVER_FILES.map((name) => join(io.cwd, name)).find((file) => existsSync(file));
}
