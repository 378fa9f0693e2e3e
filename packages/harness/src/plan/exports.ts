/**
 * Cross-stack references in CloudFormation: a value one stack exports and another imports
 * (Fn::ImportValue) cannot change while it is imported — "You can't modify or remove an output
 * value that is referenced by another stack" (CloudFormation User Guide, Fn::ImportValue,
 * restrictions on cross-stack references); the exporting stack's update fails ("Cannot update export
 * … as it is in use by …"). The harness reads an import as an Unknown that refers to the exporting
 * stack's resources, so a changed value that refers into another stack is a changed export.
 */
import { isUnknown, isValueObject, type Value } from '../model/value.js';
import { sameValue } from './diff.js';
import { addFailure, changing, type PlanContext, stackOf } from './draft.js';

/** The addresses, in other stacks, that the Unknowns in `value` come from. */
function importedFrom(
  value: Value | undefined,
  stack: string,
  out = new Set<string>(),
  depth = 0,
): Set<string> {
  if (value === undefined || value === null || depth > 64) return out;
  if (isUnknown(value)) {
    for (const reference of value.references) {
      const slash = reference.address.indexOf('/');
      if (slash > 0 && reference.address.slice(0, slash) !== stack) out.add(reference.address);
    }
  } else if (Array.isArray(value)) for (const item of value) importedFrom(item, stack, out, depth + 1);
  else if (isValueObject(value))
    for (const item of Object.values(value)) importedFrom(item, stack, out, depth + 1);
  return out;
}

export function applyExportRules(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.dialect !== 'cloudformation' || !draft.before) continue;
    if (draft.action !== 'update' && draft.action !== 'replace') continue;
    const stack = stackOf(draft.resource);
    const exporters = new Set<string>();
    for (const change of draft.changes) {
      const before = change.before ?? undefined;
      const after = change.after ?? undefined;
      const fromBefore = importedFrom(before, stack);
      const fromAfter = importedFrom(after, stack);
      if (fromBefore.size === 0 && fromAfter.size === 0) continue;
      // A cascade keeps the value's text but its source is replaced; a direct change differs.
      const changed =
        change.source === 'cascade'
          ? [...fromAfter].some((address) => context.drafts.get(address)?.action === 'replace')
          : !sameValue(before, after);
      if (!changed) continue;
      for (const address of [...fromBefore, ...fromAfter]) exporters.add(address);
    }
    if (exporters.size === 0) continue;
    const exportingStacks = [
      ...new Set([...exporters].map((address) => address.slice(0, address.indexOf('/')))),
    ];
    addFailure(
      draft,
      `takes values stack ${exportingStacks.join(', ')} exports, which change here: CloudFormation will not change an export another stack imports, so that stack's update fails first ("Cannot update export … as it is in use by ${stack}"); deploy in two steps (stop importing, then change), or export the new values under new names`,
    );
    for (const address of exporters) {
      const exporter = context.drafts.get(address);
      if (exporter && (exporter.action === 'replace' || exporter.action === 'delete')) {
        addFailure(
          exporter,
          `its value is exported to stack ${stack}, which imports it: CloudFormation refuses to change an export in use (Fn::ImportValue restrictions)`,
        );
      }
    }
  }
}
