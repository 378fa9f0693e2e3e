/** The plan report: each implementation's baseline inventory against its current one. */

import type { TargetSpec } from '@iac-compare/spec';
import type { ImplementationInfo } from '../implementations.js';
import type { Inventory } from '../model/inventory.js';
import type { Prepared } from '../report/build.js';
import type { Baseline } from './baseline.js';
import { cidrPlanNotes } from './cidr-plan-notes.js';
import { planItemsOf } from './items.js';
import { type ImplementationPlan, NO_CHANGES, PLAN_SCHEMA_VERSION, type PlanReport } from './model.js';
import type { Placement } from './placement.js';
import { countActions, planImplementation } from './plan.js';

/** One implementation on the current side of a plan: its inventory, or why there is none. */
export interface PlanSide {
  readonly inventory?: Inventory;
  /** Why the target is outside the implementation's envelope. */
  readonly outsideEnvelope?: string;
  readonly failure?: string;
}

/** An implementation as compare read it, as the current side of a plan. */
export function planSideOf(prepared: Prepared): PlanSide {
  if (prepared.violations.length > 0) {
    return { outsideEnvelope: prepared.violations.map((v) => `${v.path}: ${v.message}`).join('; ') };
  }
  if (prepared.inventory) return { inventory: prepared.inventory };
  return { failure: prepared.failure ?? 'not read' };
}

export interface BuildPlanInput {
  readonly implementations: readonly ImplementationInfo[];
  readonly baseline: Baseline;
  /** The current side's implementations: the working tree as compare reads it, or another ref. */
  readonly current: ReadonlyMap<string, PlanSide>;
  readonly targetFile: string;
  readonly targetName: string;
  /** Where the current target deploys; with the baseline's, a change of region or account is a new deployment. */
  readonly currentPlacement?: Placement;
  /** The current target, for what a change of it means in every tool (cidr-plan-notes.ts). */
  readonly currentSpec?: TargetSpec;
}

function notPlanned(
  info: ImplementationInfo,
  status: ImplementationPlan['status'],
  detail: string,
): ImplementationPlan {
  return {
    id: info.id,
    label: info.label,
    status,
    detail,
    counts: NO_CHANGES,
    machineryCounts: NO_CHANGES,
    changes: [],
  };
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
    if (after.outsideEnvelope !== undefined) {
      return notPlanned(info, 'outside-envelope', `current target: ${after.outsideEnvelope}`);
    }
    if (!after.inventory) return notPlanned(info, 'failed', after.failure ?? 'not read');
    const placement = input.currentPlacement
      ? {
          before: { account: input.baseline.spec.account, region: input.baseline.spec.region },
          after: input.currentPlacement,
        }
      : undefined;
    const plan = planImplementation(before.inventory, after.inventory, placement ? { placement } : {});
    if (plan.placement.kind === 'refused') return notPlanned(info, 'refused', plan.placement.detail);
    const layout = planItemsOf(before.inventory, after.inventory);
    const changes = layout
      ? plan.changes.map((change) => {
          const item = layout.itemOf.get(change.address);
          return item ? { ...change, item } : change;
        })
      : plan.changes;
    const notes = [
      ...(plan.placement.kind === 'same' ? [] : plan.placement.notes),
      ...(input.currentSpec && changes.length > 0
        ? cidrPlanNotes(input.baseline.spec, input.currentSpec)
        : []),
    ];
    return {
      id: info.id,
      label: info.label,
      status: 'planned',
      detail: null,
      counts: countActions(changes),
      machineryCounts: countActions(changes, 'overhead'),
      changes,
      ...(changes.some((change) => change.fails) ? { fails: true as const } : {}),
      ...(notes.length > 0 ? { notes } : {}),
      ...(layout ? { items: layout.items, routes: layout.routes } : {}),
    };
  });
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    baseline: { source: input.baseline.source, target: input.baseline.targetFile },
    target: { file: input.targetFile, name: input.targetName },
    implementations,
  };
}
