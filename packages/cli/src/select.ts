/** Which implementations a command works on (--only), with a clear error for an unknown id. */
import { IMPLEMENTATION_IDS, IMPLEMENTATIONS, type ImplementationInfo } from '@iac-compare/harness';
import { didYouMean } from '@iac-compare/spec';
import { UsageError } from './errors.js';

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
        `unknown implementation "${id}"${didYouMean(id, IMPLEMENTATION_IDS)}; the ids are ${IMPLEMENTATION_IDS.join(', ')}`,
      );
    }
  }
  return IMPLEMENTATIONS.filter((implementation) => ids.includes(implementation.id));
}
