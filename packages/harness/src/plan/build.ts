/** The plan report: each implementation's baseline inventory against its current one. */
import type { ImplementationInfo } from '../implementations.js';
import type { Prepared } from '../report/build.js';
import type { Baseline } from './baseline.js';
import { type ImplementationPlan, NO_CHANGES, PLAN_SCHEMA_VERSION, type PlanReport } from './model.js';
import { countActions, planInventories } from './plan.js';

export interface BuildPlanInput {
  readonly implementations: readonly ImplementationInfo[];
  readonly baseline: Baseline;
  /** The current target's implementations, read as compare reads them. */
  readonly current: ReadonlyMap<string, Prepared>;
  readonly targetFile: string;
  readonly targetName: string;
}

function notPlanned(
  info: ImplementationInfo,
  status: ImplementationPlan['status'],
  detail: string,
): ImplementationPlan {
  return { id: info.id, label: info.label, status, detail, counts: NO_CHANGES, changes: [] };
}

export function buildPlanReport(input: BuildPlanInput): PlanReport {
  const implementations = input.implementations.map((info): ImplementationPlan => {
    const before = input.baseline.entries.get(info.id);
    const after = input.current.get(info.id);
    if (!before) return notPlanned(info, 'no-baseline', 'the baseline holds nothing for it');
    if (!before.inventory) {
      const outside = before.detail?.startsWith('outside-envelope');
      return notPlanned(info, outside ? 'outside-envelope' : 'failed', `baseline: ${before.detail}`);
    }
    if (!after) return notPlanned(info, 'failed', 'not read');
    if (after.violations.length > 0) {
      return notPlanned(
        info,
        'outside-envelope',
        `current target: ${after.violations.map((v) => `${v.path}: ${v.message}`).join('; ')}`,
      );
    }
    if (!after.inventory) return notPlanned(info, 'failed', after.failure ?? 'not read');
    const changes = planInventories(before.inventory, after.inventory);
    return {
      id: info.id,
      label: info.label,
      status: 'planned',
      detail: null,
      counts: countActions(changes),
      changes,
    };
  });
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    baseline: { source: input.baseline.source, target: input.baseline.targetFile },
    target: { file: input.targetFile, name: input.targetName },
    implementations,
  };
}
