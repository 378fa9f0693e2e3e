/**
 * Waivers: a YAML or JSON file with a top-level `waivers` list; each entry names a `rule`, and
 * optionally an `implementation` and a `resource` (its address, display name or model identity),
 * with a `reason` (required) and an `expires` date (`YYYY-MM-DD`, valid through that day). A
 * finding a valid waiver matches is reported as waived; an expired waiver, a malformed date or a
 * missing reason leaves the finding standing, and the finding says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { HarnessError } from '../errors.js';
import type { ImplementationPolicy, PolicyFinding } from './model.js';

export { DEFAULT_WAIVER_FILES } from './defaults.js';

export interface Waiver {
  readonly rule: string;
  readonly implementation?: string;
  readonly resource?: string;
  readonly reason?: string;
  readonly expires?: string;
  /** `file:line` of the entry. */
  readonly source: string;
  /** Why the entry does not hold, if it does not (the finding it matches stands). */
  readonly problem?: string;
}

export interface WaiverSet {
  readonly file: string;
  readonly waivers: readonly Waiver[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const KNOWN_KEYS = new Set(['rule', 'implementation', 'resource', 'reason', 'expires']);

/** Parses a waivers file; a file that is not a `waivers` list is bad input (one error naming file:line). */
export function parseWaivers(text: string, file: string, asOf: string): WaiverSet {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const where = (offset: number | undefined) =>
    `${file}:${offset === undefined ? 1 : lines.linePos(offset).line}`;
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    throw new HarnessError(
      'WAIVERS_INVALID',
      `${where(error.pos[0])}: not YAML or JSON: ${error.message.split('\n')[0]}`,
    );
  }
  const root = document.contents;
  const list = isMap(root) ? root.get('waivers', true) : undefined;
  if (!isMap(root) || !isSeq(list)) {
    throw new HarnessError(
      'WAIVERS_INVALID',
      `${where(root?.range?.[0])}: a waivers file has a top-level \`waivers\` list (entries: rule, implementation, resource, reason, expires)`,
    );
  }
  const waivers = list.items.map((item): Waiver => {
    const source = where(isMap(item) ? item.range?.[0] : undefined);
    if (!isMap(item)) return { rule: '', source, problem: 'the entry is not a map' };
    const entry = item.toJSON() as Record<string, unknown>;
    const text = (key: string) =>
      typeof entry[key] === 'string' ? (entry[key] as string).trim() : undefined;
    const problems: string[] = [];
    const unknownKeys = Object.keys(entry).filter((key) => !KNOWN_KEYS.has(key));
    if (unknownKeys.length > 0) problems.push(`unknown key ${unknownKeys.join(', ')}`);
    const rule = text('rule') ?? '';
    if (!rule) problems.push('no rule');
    const reason = text('reason');
    if (!reason) problems.push('no reason (a waiver must say why)');
    const rawExpires = entry.expires;
    const expires =
      typeof rawExpires === 'string'
        ? rawExpires.trim()
        : rawExpires === undefined
          ? undefined
          : String(rawExpires);
    if (expires !== undefined) {
      if (!validDate(expires)) problems.push(`expires ${JSON.stringify(expires)} is not a YYYY-MM-DD date`);
      else if (expires < asOf) problems.push(`expired on ${expires}`);
    }
    const implementation = text('implementation');
    const resource = text('resource');
    return {
      rule,
      ...(implementation ? { implementation } : {}),
      ...(resource ? { resource } : {}),
      ...(reason ? { reason } : {}),
      ...(expires !== undefined ? { expires } : {}),
      source,
      ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
    };
  });
  return { file, waivers };
}

/** Reads a waivers file; `shown` is how entries name it (relative to where the user is). */
export function readWaivers(file: string, asOf: string, shown = file): WaiverSet {
  if (!existsSync(file)) throw new HarnessError('WAIVERS_INVALID', `${shown}: no such waivers file`);
  return parseWaivers(readFileSync(file, 'utf8'), shown, asOf);
}

function matches(waiver: Waiver, finding: PolicyFinding): boolean {
  if (waiver.rule !== finding.ruleId) return false;
  if (waiver.implementation && waiver.implementation !== finding.implementation) return false;
  if (waiver.resource) {
    const names = [finding.address, finding.displayName, finding.identity];
    if (!names.includes(waiver.resource)) return false;
  }
  return true;
}

/**
 * Findings with their waivers applied, and the entries that matched nothing (a stale waiver is
 * worth knowing about). A valid waiver wins over a broken one that matches the same finding.
 */
export function applyWaivers(
  implementations: readonly ImplementationPolicy[],
  set: WaiverSet,
): { implementations: ImplementationPolicy[]; unused: string[] } {
  const used = new Set<Waiver>();
  const result = implementations.map((implementation) => ({
    ...implementation,
    verdicts: implementation.verdicts.map((verdict) => ({
      ...verdict,
      findings: verdict.findings.map((finding): PolicyFinding => {
        const matching = set.waivers.filter((waiver) => matches(waiver, finding));
        for (const waiver of matching) used.add(waiver);
        const valid = matching.find((waiver) => !waiver.problem);
        if (valid) {
          return {
            ...finding,
            waiver: {
              reason: valid.reason!,
              ...(valid.expires ? { expires: valid.expires } : {}),
              source: valid.source,
            },
          };
        }
        const broken = matching[0];
        return broken
          ? { ...finding, waiverProblem: `waiver at ${broken.source} does not hold: ${broken.problem}` }
          : finding;
      }),
    })),
  }));
  const unused = set.waivers
    .filter((waiver) => !used.has(waiver))
    .map((waiver) =>
      waiver.problem
        ? `waiver at ${waiver.source} (${waiver.rule || 'no rule'}) does not hold: ${waiver.problem}`
        : `waiver at ${waiver.source} (${waiver.rule}) matches no finding`,
    );
  return { implementations: result, unused };
}
