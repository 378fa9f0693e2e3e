/** Which implementations a command works on (--only), with a clear error for an unknown id. */
import { IMPLEMENTATION_IDS, IMPLEMENTATIONS, type ImplementationInfo } from '@iac-compare/harness/memo';
import { didYouMean } from '@iac-compare/spec';
import { UsageError } from './errors.js';

/**
 * What the user may have meant: every id that starts with what they typed (`cdk` → cdk-l2,
 * cdk-l1, cdktf), else the closest id by spelling (`cdk-l3` → cdk-l2).
 */
export function suggestionFor(typed: string): string {
  const prefix = typed.toLowerCase();
  const starting = IMPLEMENTATION_IDS.filter((id) => id.startsWith(prefix));
  if (starting.length === 1) return ` (did you mean "${starting[0]}"?)`;
  if (starting.length > 1) return ` (did you mean ${starting.map((id) => `"${id}"`).join(', ')}?)`;
  return didYouMean(typed, IMPLEMENTATION_IDS);
}

export function selectImplementations(only: string | undefined): ImplementationInfo[] {
  if (only === undefined) return [...IMPLEMENTATIONS];
  const ids = only
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new UsageError('--only needs at least one implementation id');
  for (const id of ids) {
    if (!IMPLEMENTATION_IDS.includes(id)) {
      throw new UsageError(
        `unknown implementation "${id}"${suggestionFor(id)}; the ids are ${IMPLEMENTATION_IDS.join(', ')}`,
      );
    }
  }
  return IMPLEMENTATIONS.filter((implementation) => ids.includes(implementation.id));
}
