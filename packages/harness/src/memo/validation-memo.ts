/**
 * The validation memo: what AWS's validator answered, kept under a digest of exactly what decides
 * the answer — the request it was given (template text, the file name it was given, parameter and
 * pseudo-parameter values, region, detail level) and the validator's version. For the derived
 * checks of Terraform and Pulumi resources the unit is one resource: its template form, the
 * region and the version, so an unchanged resource is never validated again.
 *
 * Only the validator's raw diagnostics are kept. Everything the harness does with them afterwards
 * (severities, locations, acknowledged rules, the "derived" labels, the service limits) runs every
 * time, so a change of that code never meets an old answer; a change of the validator changes
 * every key. In memory by default; commands that run again later keep it on disk too
 * (`.iac-compare/cache/validation/`, off with --no-cache).
 */
import type { Diagnostic } from '../validate/validator-engine.js';
import { digestOf, MemoStore } from './store.js';

/** Bumped when the shape of what is kept changes. */
const FORMAT = 'validation-memo/1';

let store: MemoStore<Diagnostic[]> | null = new MemoStore({ memoryEntries: 20_000 });
let hits = 0;
let misses = 0;

export interface ValidationMemoOptions {
  /** Off: every template and resource goes to the validator (--no-cache). */
  readonly enabled: boolean;
  /** Keep entries in this folder too, for the next command. */
  readonly dir?: string;
}

export function configureValidationMemo(options: ValidationMemoOptions): void {
  store = options.enabled
    ? new MemoStore({
        memoryEntries: 20_000,
        ...(options.dir ? { dir: options.dir, diskEntries: 20_000 } : {}),
      })
    : null;
}

/** The key of a validator request: its version and every field of the request. */
export function validationKey(version: string, request: unknown): string {
  return digestOf([FORMAT, version, request]);
}

export function recallDiagnostics(key: string): Diagnostic[] | undefined {
  const found = store?.get(key);
  if (found) hits++;
  else misses++;
  return found;
}

export function rememberDiagnostics(key: string, diagnostics: readonly Diagnostic[]): void {
  store?.set(key, [...diagnostics]);
}

/** How often the memo answered since the process started (for the bench's stage notes and tests). */
export function validationMemoCounts(): { readonly hits: number; readonly misses: number } {
  return { hits, misses };
}
