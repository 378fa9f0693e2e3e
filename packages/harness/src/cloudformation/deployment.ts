/** Evaluating several stacks of one deployment in order, so Fn::ImportValue sees earlier exports. */
import { lookupRegion, urlSuffix } from '@iac-compare/spec';
import { HarnessError } from '../errors.js';
import type { Value } from '../model/value.js';
import { type EvaluatedStack, evaluateTemplate, type StackEnvironment } from './evaluate.js';
import type { TemplateFile } from './template-file.js';

export interface Placement {
  readonly account: string;
  readonly region: string;
}

export function environmentFor(
  stackName: string,
  placement: Placement,
): Omit<StackEnvironment, 'parameters' | 'importValue'> {
  const partition = lookupRegion(placement.region)?.partition ?? 'aws';
  return {
    stackName,
    account: placement.account,
    region: placement.region,
    partition,
    urlSuffix: urlSuffix(partition),
  };
}

export class Exports {
  private readonly values = new Map<string, { value: Value; stack: string }>();
  /** Stack → the stacks whose exports it imports (so it is created after them). */
  readonly imports = new Map<string, Set<string>>();

  add(stack: EvaluatedStack): void {
    for (const [name, output] of Object.entries(stack.outputs)) {
      if (output.exportName === undefined) continue;
      const existing = this.values.get(output.exportName);
      if (existing) {
        throw new HarnessError(
          'TEMPLATE_SYNTAX',
          `export ${output.exportName} (output ${name}) is already exported by stack ${existing.stack}; export names are unique per region`,
          { location: { file: stack.file } },
        );
      }
      this.values.set(output.exportName, { value: output.value, stack: stack.stackName });
    }
  }

  /** Export names a stack imported that no stack had exported yet. */
  readonly missing = new Map<string, Set<string>>();

  get(name: string, importer?: string): Value | undefined {
    const found = this.values.get(name);
    if (!found && importer) this.missing.set(importer, (this.missing.get(importer) ?? new Set()).add(name));
    if (found && importer && importer !== found.stack) {
      const from = this.imports.get(importer) ?? new Set<string>();
      from.add(found.stack);
      this.imports.set(importer, from);
    }
    return found?.value;
  }

  /** The stack order the imports imply, as Inventory.stackOrder takes it. */
  stackOrder(): Record<string, string[]> {
    return Object.fromEntries([...this.imports].map(([stack, from]) => [stack, [...from].sort()]));
  }
}

export function evaluateInDeployment(
  file: TemplateFile,
  stackName: string,
  placement: Placement,
  parameters: Readonly<Record<string, string | Value>>,
  exports: Exports,
): EvaluatedStack {
  const stack = evaluateTemplate(file, {
    ...environmentFor(stackName, placement),
    parameters,
    importValue: (name) => exports.get(name, stackName),
  });
  exports.add(stack);
  return stack;
}
