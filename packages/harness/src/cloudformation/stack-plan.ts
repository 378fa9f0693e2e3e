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
  const exports = new Exports();
  const stacks: StackForInventory[] = plan.stacks.map((stack) => {
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
  });
  return inventoryFromStacks(implementation, 'cloudformation', stacks, [], exports.stackOrder());
}
