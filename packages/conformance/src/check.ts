/**
 * One conformance check: synthesize every implementation whose envelope covers the target, read
 * it back, observe, and compare with resolveTarget(spec). Returns the differences found.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareInfrastructure, type Inventory, observe } from '@iac-compare/harness';
import { checkEnvelope, loadEnvelope, resolveTarget, type TargetSpec } from '@iac-compare/spec';
import { DRIVERS, type Driver } from './drivers.js';

export interface ConformanceFinding {
  readonly implementation: string;
  readonly fact: string;
  readonly detail: string;
}

export interface ConformanceResult {
  /** Implementations compared (inside their envelope). */
  readonly checked: readonly string[];
  readonly findings: readonly ConformanceFinding[];
}

/** Every implementation whose envelope covers `spec`, synthesized into a temporary folder and read. */
export async function inventoriesFor(
  spec: TargetSpec,
  repoRoot: string,
  drivers: readonly Driver[] = DRIVERS,
): Promise<Map<string, Inventory>> {
  const inventories = new Map<string, Inventory>();
  const dir = mkdtempSync(join(tmpdir(), 'inventories-'));
  try {
    for (const driver of drivers) {
      const envelope = loadEnvelope(join(repoRoot, driver.packageDir, 'envelope.json'));
      if (checkEnvelope(spec, envelope).length > 0) continue;
      const read = await driver.synthesizeAndRead(spec, join(dir, driver.packageDir.replace(/\//g, '_')));
      for (const [id, inventory] of read) inventories.set(id, inventory);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return inventories;
}

export async function checkConformance(
  spec: TargetSpec,
  repoRoot: string,
  drivers: readonly Driver[] = DRIVERS,
): Promise<ConformanceResult> {
  const expected = resolveTarget(spec);
  const findings: ConformanceFinding[] = [];
  const checked: string[] = [];
  for (const [id, inventory] of await inventoriesFor(spec, repoRoot, drivers)) {
    checked.push(id);
    const comparison = compareInfrastructure(expected, [{ id, observed: observe(inventory) }]);
    for (const row of comparison.rows) {
      const cell = row.cells[id];
      if (cell && cell.status !== 'equal') {
        findings.push({
          implementation: id,
          fact: row.key,
          detail: `expected ${JSON.stringify(row.expected)}, got ${JSON.stringify(cell)}`,
        });
      }
    }
  }
  return { checked, findings };
}
