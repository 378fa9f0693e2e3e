/**
 * A saved baseline: a folder with `baseline.json` (what it holds and for which target) and one
 * `inventory-<id>.json` per implementation, written atomically so a failed save never leaves half
 * a baseline over a good one. Versioned: a baseline from another schema is refused, with what to do.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactTargetSecrets, replaceOwnedDirectory, type TargetSpec } from '@iac-compare/spec';
import { HarnessError } from '../errors.js';
import { type Inventory, parseInventory, serializeInventory } from '../model/inventory.js';

export const BASELINE_SCHEMA_VERSION = 1;
const MANIFEST = 'baseline.json';

/** Per implementation: its inventory file, or why there is none. */
export type BaselineEntry =
  | { readonly status: 'saved'; readonly file: string }
  | { readonly status: 'outside-envelope' | 'failed'; readonly detail: string };

export interface BaselineManifest {
  readonly schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  readonly kind: 'iac-compare-baseline';
  readonly createdAt: string;
  readonly target: { readonly file: string; readonly name: string; readonly spec: TargetSpec };
  readonly implementations: Readonly<Record<string, BaselineEntry>>;
}

export interface Baseline {
  /** Where it came from, for the report: a folder or `git:<ref>`. */
  readonly source: string;
  readonly targetFile: string;
  readonly spec: TargetSpec;
  readonly entries: ReadonlyMap<string, { readonly inventory?: Inventory; readonly detail?: string }>;
}

export async function saveBaseline(
  dir: string,
  target: { file: string; spec: TargetSpec },
  results: ReadonlyMap<
    string,
    { inventory?: Inventory; status?: 'outside-envelope' | 'failed'; detail?: string }
  >,
): Promise<void> {
  // Only ever replaces a baseline (or an empty or new folder): a folder holding anything else is
  // refused before a byte is written.
  await replaceOwnedDirectory(
    dir,
    'baseline',
    (temporary) => {
      const implementations: Record<string, BaselineEntry> = {};
      for (const [id, result] of results) {
        if (result.inventory) {
          const file = `inventory-${id}.json`;
          writeFileSync(join(temporary, file), serializeInventory(result.inventory));
          implementations[id] = { status: 'saved', file };
        } else {
          implementations[id] = { status: result.status ?? 'failed', detail: result.detail ?? 'not read' };
        }
      }
      const manifest: BaselineManifest = {
        schemaVersion: BASELINE_SCHEMA_VERSION,
        kind: 'iac-compare-baseline',
        createdAt: new Date().toISOString(),
        // Secrets are kept as their hashes, like everything else iac-compare writes.
        target: { file: target.file, name: target.spec.name, spec: redactTargetSecrets(target.spec) },
        implementations,
      };
      writeFileSync(join(temporary, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    isSavedBaseline,
  );
}

function invalid(dir: string, message: string, file = join(dir, MANIFEST)): HarnessError {
  return new HarnessError('BASELINE_INVALID', message, { location: { file } });
}

function readJson(file: string, dir: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw invalid(
      dir,
      'missing; the baseline folder is incomplete — save it again with plan --save-baseline',
      file,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(dir, `not JSON (${(error as Error).message}); save the baseline again`, file);
  }
}

/** A folder that holds a baseline manifest (one saved before folders carried iac-compare's marker too). */
export function isSavedBaseline(dir: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { kind?: unknown }).kind ===
      'iac-compare-baseline'
    );
  } catch {
    return false;
  }
}

export function isBaselineDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

export function loadBaseline(dir: string): Baseline {
  if (!isBaselineDirectory(dir)) {
    throw invalid(dir, 'no baseline here; create one with: iac-compare plan --save-baseline DIR', dir);
  }
  if (!existsSync(join(dir, MANIFEST))) {
    throw invalid(dir, `no ${MANIFEST}: not a baseline folder (create one with plan --save-baseline)`, dir);
  }
  const manifest = readJson(join(dir, MANIFEST), dir) as Partial<BaselineManifest> | null;
  if (manifest?.kind !== 'iac-compare-baseline') throw invalid(dir, 'not an iac-compare baseline manifest');
  if (manifest.schemaVersion !== BASELINE_SCHEMA_VERSION) {
    throw invalid(
      dir,
      `baseline schema version ${JSON.stringify(manifest.schemaVersion)}; this iac-compare reads version ${BASELINE_SCHEMA_VERSION} — save the baseline again with this version`,
    );
  }
  if (!manifest.target?.spec || !manifest.implementations)
    throw invalid(dir, 'the manifest lacks target or implementations');
  const entries = new Map<string, { inventory?: Inventory; detail?: string }>();
  for (const [id, entry] of Object.entries(manifest.implementations)) {
    if (entry.status !== 'saved') {
      entries.set(id, { detail: `${entry.status}: ${entry.detail}` });
      continue;
    }
    const file = join(dir, entry.file);
    try {
      entries.set(id, { inventory: parseInventory(readJson(file, dir)) });
    } catch (error) {
      if (error instanceof HarnessError) throw error;
      throw invalid(dir, `${(error as Error).message}; save the baseline again`, file);
    }
  }
  return { source: dir, targetFile: manifest.target.file, spec: manifest.target.spec, entries };
}
