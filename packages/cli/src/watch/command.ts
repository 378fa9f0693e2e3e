/**
 * `iac-compare watch [compare|plan] [--spec FILE] [--only IDS] [--baseline DIR|GIT_REF] [--format F]`
 *
 * Watches the target and every implementation's sources and answers after each edit (session.ts).
 */

import { baselineFrom } from '../commands/plan.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { configureMemos } from '../memos.js';
import { formatFor } from '../output-file.js';
import { repoRootFor } from '../repo.js';
import { REPORT_FORMATS } from '../report-inputs.js';
import { selectImplementations } from '../select.js';
import { targetFileFrom } from '../target.js';
import { WatchSession } from './session.js';

export const WATCH_MODES = ['compare', 'plan'] as const;

export interface WatchOptions {
  readonly mode?: string;
  readonly spec?: string;
  readonly only?: string;
  readonly baseline?: string;
  readonly format?: string;
  readonly allFacts?: boolean;
  readonly clear?: boolean;
  readonly debounce?: string;
  readonly timeout?: string;
}

function positiveNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new UsageError(`${flag} needs a number, not "${value}"`);
  return number;
}

/** Exit codes: 0 stopped (Ctrl-C); 2 bad input; 75 restart (the launcher starts it again). */
export async function runWatch(options: WatchOptions, io: Io): Promise<number> {
  const mode = options.mode ?? 'compare';
  if (!(WATCH_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(
      `watch answers with compare or plan, not "${mode}": iac-compare watch [compare|plan]`,
    );
  }
  if (options.baseline !== undefined && mode !== 'plan') {
    throw new UsageError('--baseline goes with watch plan: iac-compare watch plan --baseline DIR|GIT_REF');
  }
  const format = formatFor(options.format, undefined, REPORT_FORMATS) as 'table' | 'markdown' | 'json';
  const repoRoot = repoRootFor(io.env);
  const specFile = targetFileFrom(options.spec, io);
  const implementations = selectImplementations(options.only);
  const debounceMs = positiveNumber(options.debounce, '--debounce', 60);
  const timeoutMs = positiveNumber(options.timeout, '--timeout', 300) * 1000;
  configureMemos(repoRoot, true);
  const baseline =
    options.baseline === undefined
      ? undefined
      : await baselineFrom(options.baseline, { repoRoot, specFile, implementations, io });
  const session = new WatchSession({
    mode: mode as 'compare' | 'plan',
    repoRoot,
    specFile,
    implementations,
    baseline,
    format,
    allFacts: options.allFacts === true,
    clear: options.clear !== false,
    debounceMs,
    timeoutMs,
    holdMs: positiveNumber(io.env.IAC_COMPARE_WATCH_HOLD_MS, 'IAC_COMPARE_WATCH_HOLD_MS', 0),
    io,
  });
  return session.run();
}
