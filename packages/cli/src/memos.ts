/**
 * The memos a command keeps between runs, in the repository's `.iac-compare/cache/`: the
 * validation memo (what AWS's validator answered, per template and per derived resource) and the
 * report memo (the compare report, by everything it is built from). Both are keyed on content
 * only, so they are shared by every checkout's commands; --no-cache turns both off.
 */
import { join } from 'node:path';
import { configureReportMemo, configureValidationMemo } from '@iac-compare/harness/memo';

export function configureMemos(repoRoot: string, cache: boolean): void {
  const dir = join(repoRoot, '.iac-compare', 'cache');
  configureValidationMemo({ enabled: cache, dir: join(dir, 'validation') });
  configureReportMemo({ enabled: cache, dir: join(dir, 'reports') });
}
