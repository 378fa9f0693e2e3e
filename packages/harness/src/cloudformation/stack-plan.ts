/**
 * Source for hand-written templates: packages/cloudformation's out/stacks.json names the stacks in
 * deployment order with their template, parameter list and tag list files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifactJson } from '../artifact-file.js';
import { HarnessError } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import { Exports, evaluateInDeployment } from './deployment.js';
import { readTemplateFile } from './template-file.js';
import { inventoryFromStacks, type StackForInventory } from './to-inventory.js';

interface StackPlanFile {
  schemaVersion: number;
  account: string;
  region: string;
  stacks: { name: string; template: string; source?: string; parameters?: string; tags?: string }[];
}

function keyValueList(file: string, keyName: string, valueName: string): Record<string, string> {
  const list = readArtifactJson(file);
  if (
    !Array.isArray(list) ||
    list.some((item) => typeof item !== 'object' || item === null || typeof item[keyName] !== 'string')
  ) {
    throw new HarnessError('ARTIFACT_CORRUPT', `expected a list of {"${keyName}": …, "${valueName}": …}`, {
      location: { file },
    });
  }
  return Object.fromEntries(
    list.map((item: Record<string, unknown>) => [String(item[keyName]), String(item[valueName] ?? '')]),
  );
}

/** The original template, when it still exists and the copy is byte for byte the same. */
function sourceIfSame(copy: string, source: string | undefined): string | undefined {
  if (!source || !existsSync(source)) return undefined;
  return readFileSync(source).equals(readFileSync(copy)) ? source : undefined;
}

export function readStackPlan(dir: string, implementation: string): Inventory {
  const planFile = join(dir, 'stacks.json');
  const plan = readArtifactJson(planFile) as StackPlanFile;
  if (plan?.schemaVersion !== 1 || !Array.isArray(plan.stacks) || typeof plan.region !== 'string') {
    throw new HarnessError(
      'ARTIFACT_CORRUPT',
      'not a stack plan (schemaVersion 1 with account, region and stacks)',
      {
        location: { file: planFile },
      },
    );
  }
  const evaluate = (stack: StackPlanFile['stacks'][number], exports: Exports): StackForInventory => {
    const parameters = stack.parameters
      ? keyValueList(join(dir, stack.parameters), 'ParameterKey', 'ParameterValue')
      : {};
    const tags = stack.tags ? keyValueList(join(dir, stack.tags), 'Key', 'Value') : {};
    const evaluated = evaluateInDeployment(
      // A copy of a hand-written template points at the original (identical, line for line).
      readTemplateFile(join(dir, stack.template), sourceIfSame(join(dir, stack.template), stack.source)),
      stack.name,
      plan,
      parameters,
      exports,
    );
    return { evaluated, tags };
  };
  let exports = new Exports();
  let stacks: StackForInventory[] = plan.stacks.map((stack) => evaluate(stack, exports));
  // Templates given in any order: a stack that imports what a later stack exports is evaluated
  // again after it — in the order the exports imply, exporters first, once.
  const exporters = new Map<string, string>();
  for (const { evaluated } of stacks)
    for (const output of Object.values(evaluated.outputs))
      if (output.exportName !== undefined) exporters.set(output.exportName, evaluated.stackName);
  const late = [...exports.missing].some(([, names]) => [...names].some((name) => exporters.has(name)));
  if (late) {
    const after = new Map(
      plan.stacks.map((stack) => [
        stack.name,
        [...(exports.missing.get(stack.name) ?? [])].flatMap((name) => exporters.get(name) ?? []),
      ]),
    );
    const ordered: StackPlanFile['stacks'][number][] = [];
    const visit = (stack: StackPlanFile['stacks'][number], path: readonly string[]) => {
      if (ordered.includes(stack) || path.includes(stack.name)) return;
      for (const name of after.get(stack.name) ?? []) {
        const exporter = plan.stacks.find((candidate) => candidate.name === name);
        if (exporter) visit(exporter, [...path, stack.name]);
      }
      ordered.push(stack);
    };
    for (const stack of plan.stacks) visit(stack, []);
    exports = new Exports();
    const byName = new Map(ordered.map((stack) => [stack.name, evaluate(stack, exports)]));
    stacks = plan.stacks.map((stack) => byName.get(stack.name)!);
  }
  return inventoryFromStacks(implementation, 'cloudformation', stacks, [], exports.stackOrder());
}
