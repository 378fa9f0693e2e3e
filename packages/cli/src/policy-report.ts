/**
 * The policy report from what compare, check and policy already read: every implementation's
 * inventory, the sections it declares outside its envelope, the waivers file (given, or the
 * documented default in the working directory), and the user's rules when asked.
 */
import { relative } from 'node:path';
import {
  builtInRules,
  evaluatePolicy,
  type FixTool,
  type Inventory,
  isSeverity,
  type PolicyReport,
  type Prepared,
  readWaivers,
  renderPolicyMarkdown,
  renderPolicyTable,
  SEVERITIES,
  type Severity,
} from '@iac-compare/harness';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { asOfFrom, waiversFile } from './policy-inputs.js';
import { runUserRules } from './user-rules.js';

export interface PolicyInputs {
  readonly waivers?: string;
  readonly rules?: string;
  /** Seconds a --rules module may take. */
  readonly rulesTimeout?: string;
  /** Judge dates (support calendar, waiver expiry) on this day: for reproducible reports and tests. */
  readonly asOf?: string;
}

export { asOfFrom, waiversFile };

const DEFAULT_RULES_TIMEOUT_S = 60;

export function failOnFrom(value: string | undefined): Severity {
  if (value === undefined) return 'low';
  if (!isSeverity(value))
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${value}"`);
  return value;
}

/** The waivers file: --waivers, else the first default file in the working directory, else none. */
export async function buildPolicyReport(
  prepared: ReadonlyMap<string, Prepared>,
  inputs: PolicyInputs,
  io: Io,
): Promise<PolicyReport> {
  const asOf = asOfFrom(inputs.asOf, io);
  const inventories = new Map<string, Inventory>();
  const sectionsOutside = new Map<string, Set<string>>();
  for (const [id, item] of prepared) {
    if (!item.inventory) continue;
    inventories.set(id, item.inventory);
    sectionsOutside.set(id, new Set((item.gaps ?? []).map((gap) => gap.section)));
  }
  const file = waiversFile(inputs.waivers, io);
  const shown = file ? readWaivers(file, asOf, relative(io.cwd, file) || file) : undefined;
  let extra: NonNullable<Parameters<typeof evaluatePolicy>[1]>['extra'];
  if (inputs.rules !== undefined) {
    const seconds = inputs.rulesTimeout === undefined ? DEFAULT_RULES_TIMEOUT_S : Number(inputs.rulesTimeout);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new UsageError(`--rules-timeout takes a number of seconds, not "${inputs.rulesTimeout}"`);
    const builtIn = new Set(builtInRules().map((rule) => rule.id));
    extra = await runUserRules(inputs.rules, inventories, builtIn, seconds * 1000, io);
  }
  return evaluatePolicy(inventories, {
    asOf,
    sectionsOutside,
    ...(shown ? { waivers: shown } : {}),
    ...(extra ? { extra } : {}),
  });
}

/** The policy section compare and check append to their table or Markdown report. */
export function renderPolicySection(
  report: PolicyReport,
  format: string,
  options: { relativeTo: string; fixToolFor?: Record<string, FixTool> },
): string {
  if (format === 'markdown') return `\n${renderPolicyMarkdown(report, options)}`;
  return `\n${renderPolicyTable(report, options)}`;
}
