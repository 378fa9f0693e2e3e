/** Plans one scenario in all six implementations, the way `iac-compare plan` does (buildPlanReport). */
import {
  buildPlanReport,
  IMPLEMENTATIONS,
  type ImplementationPlan,
  type Inventory,
  type PlanSide,
} from '@iac-compare/harness';
import { loadTarget, parseTarget, type TargetSpec } from '@iac-compare/spec';
import { type Evaluation, evaluateScenario } from './evaluate.js';
import { ALL_TOOLS, type Edit, type Scenario, type Tool } from './model.js';
import type { CorpusSynthesizer } from './synthesize.js';

const DEFAULT = loadTarget();

/** The default target with an edit, validated (and defaulted) as a target file would be. */
export function specWith(edit: Edit | undefined): TargetSpec {
  const copy = structuredClone(DEFAULT) as TargetSpec & Record<string, unknown>;
  edit?.(copy);
  return parseTarget(JSON.parse(JSON.stringify(copy)));
}

export interface ScenarioRun {
  readonly plans: Map<Tool, ImplementationPlan>;
  readonly inventories: Map<Tool, { before?: Inventory; after?: Inventory }>;
  readonly problems: string[];
  readonly gaps: Evaluation['gaps'];
}

export async function runScenario(scenario: Scenario, synthesizer: CorpusSynthesizer): Promise<ScenarioRun> {
  const beforeSpec = specWith(scenario.before);
  const afterSpec = specWith(scenario.after);
  const [before, after] = await Promise.all([
    synthesizer.inventories(beforeSpec),
    synthesizer.inventories(afterSpec),
  ]);
  const report = buildPlanReport({
    implementations: IMPLEMENTATIONS,
    baseline: {
      source: `scenario ${scenario.id}`,
      targetFile: 'target.json',
      spec: beforeSpec,
      entries: new Map(
        [...before].map(([id, side]) => [
          id,
          side.inventory ? { inventory: side.inventory } : { detail: `outside-envelope: ${side.outside}` },
        ]),
      ),
    },
    current: new Map<string, PlanSide>(
      [...after].map(([id, side]) => [
        id,
        side.inventory ? { inventory: side.inventory } : { outsideEnvelope: side.outside ?? '' },
      ]),
    ),
    targetFile: 'target.json',
    targetName: afterSpec.name,
    currentPlacement: { account: afterSpec.account, region: afterSpec.region },
    currentSpec: afterSpec,
  });
  const plans = new Map<Tool, ImplementationPlan>();
  const inventories = new Map<Tool, { before?: Inventory; after?: Inventory }>();
  for (const plan of report.implementations) {
    const tool = plan.id as Tool;
    if (!ALL_TOOLS.includes(tool)) continue;
    plans.set(tool, plan);
    inventories.set(tool, { before: before.get(tool)?.inventory, after: after.get(tool)?.inventory });
  }
  return { plans, inventories, ...evaluateScenario(scenario, plans, inventories) };
}
