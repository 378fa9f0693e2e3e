/** Which target file a command works on: --spec, else IAC_COMPARE_SPEC, else packages/spec/target.json. */
import { resolve } from 'node:path';
import { defaultTargetPath } from '@iac-compare/spec';
import type { Io } from './io.js';

export function targetFileFrom(specFlag: string | undefined, io: Io): string {
  if (specFlag !== undefined) return resolve(io.cwd, specFlag);
  const fromEnv = io.env.IAC_COMPARE_SPEC;
  if (fromEnv) return resolve(io.cwd, fromEnv);
  return defaultTargetPath();
}
