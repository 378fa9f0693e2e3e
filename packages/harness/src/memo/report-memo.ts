/**
 * The report memo: when no inventory, target or harness build changed, the compare report is read,
 * not recomputed (observe, compare, resource diff and report model: ≈ 150 ms for the six).
 *
 * Its key is made from what `buildReport` reads, computed before any inventory is read, so a hit
 * reads none of them:
 * - the harness's and spec's builds (any change of the code that builds a report changes it);
 * - the repository, the target file's label, the resolved target, the implementations in order;
 * - per implementation (`preparedFingerprint`): its envelope file, its synth outcome (time,
 *   cached, failure), where its artifact is and the inventory key (the artifact's digest, the
 *   validator's version, the placement), and the files its lines of code are counted from.
 *
 * A report with a failed implementation is never kept (a failure may be passing: a file that could
 * not be read, a process that ran out of memory). A report that is not plain JSON (a Map, a class
 * other than Unknown) is never kept either, so a later change of the report model cannot come back
 * from the memo changed; values are revived (`$unknown` → Unknown) when read.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TargetSpec } from '@iac-compare/spec';
import { harnessBuildId, inventoryKey } from '../artifact-key.js';
import type { ImplementationInfo } from '../implementations.js';
import { isUnknown, reviveValue } from '../model/value.js';
import type { SynthOutcome } from '../report/build.js';
import type { CompareReport } from '../report/model.js';
import { digestOf, MemoStore } from './store.js';

const FORMAT = 'report-memo/1';

let store: MemoStore<unknown> | null = new MemoStore({ memoryEntries: 16 });
let counts = { hits: 0, misses: 0 };

export interface ReportMemoOptions {
  readonly enabled: boolean;
  /** Keep reports in this folder too, for the next command. */
  readonly dir?: string;
}

export function configureReportMemo(options: ReportMemoOptions): void {
  store = options.enabled
    ? new MemoStore({ memoryEntries: 16, ...(options.dir ? { dir: options.dir, diskEntries: 48 } : {}) })
    : null;
}

export function reportMemoCounts(): { readonly hits: number; readonly misses: number } {
  return counts;
}

/** Digest of every file under the given paths (an implementation's sources, for its lines of code). */
function sourcesDigest(repoRoot: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    const full = join(repoRoot, path);
    const stats = statSync(full, { throwIfNoEntry: false });
    if (!stats) {
      hash.update(`${path}\u0000absent\u0000`);
      continue;
    }
    const files = stats.isFile()
      ? [full]
      : readdirSync(full, { recursive: true, encoding: 'utf8' })
          .filter((file) => !/(^|\/)node_modules(\/|$)/.test(file))
          .sort()
          .map((file) => join(full, file));
    for (const file of files) {
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      hash.update(`${relative(repoRoot, file)}\u0000`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

function fileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

export interface FingerprintInput {
  readonly repoRoot: string;
  readonly spec: TargetSpec;
  readonly synth?: ReadonlyMap<string, SynthOutcome>;
  readonly artifactRoot?: string;
}

/**
 * What `prepareImplementation` and the report read for one implementation, as a digest, without
 * evaluating anything: its envelope file, its synth outcome, where its artifact is and its
 * inventory key, and its sources (lines of code).
 */
export function preparedFingerprint(info: ImplementationInfo, input: FingerprintInput): string {
  const synth = input.synth?.get(info.id);
  return digestOf([
    info,
    fileText(join(input.repoRoot, info.envelopeFile)),
    synth ? { ms: synth.ms, cached: synth.cached, failure: synth.failure ?? null } : null,
    input.artifactRoot ?? input.repoRoot,
    synth?.failure
      ? null
      : (inventoryKey(info, {
          repoRoot: input.repoRoot,
          placement: { account: input.spec.account, region: input.spec.region },
          ...(input.artifactRoot ? { artifactRoot: input.artifactRoot } : {}),
        }) ?? 'no artifact'),
    sourcesDigest(input.repoRoot, info.sources),
  ]);
}

export interface ReportKeyInput {
  readonly repoRoot: string;
  readonly spec: TargetSpec;
  readonly specFile: string;
  readonly implementations: readonly ImplementationInfo[];
  /** preparedFingerprint of each implementation, by id. */
  readonly fingerprints: ReadonlyMap<string, string>;
}

export function reportMemoKey(input: ReportKeyInput): string {
  return digestOf([
    FORMAT,
    harnessBuildId(),
    input.repoRoot,
    input.specFile,
    input.spec,
    input.implementations.map((info) => [info.id, input.fingerprints.get(info.id) ?? null]),
  ]);
}

export function recallReport(key: string): CompareReport | undefined {
  const held = store?.get(key);
  if (held === undefined) {
    counts = { ...counts, misses: counts.misses + 1 };
    return undefined;
  }
  counts = { ...counts, hits: counts.hits + 1 };
  // Revived where it is held: idempotent (an Unknown has no "$unknown" key), and nothing changes a report.
  return reviveInPlace(held) as CompareReport;
}

/**
 * `{"$unknown": …}` back into Unknown values, in place: rebuilding every
 * object of a 400 kB report, as reviveValue does, costs a one-shot command ≈ 100 ms.
 */
function reviveInPlace(value: unknown, depth = 0): unknown {
  if (depth > 256 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = reviveInPlace(value[index], depth + 1);
    return value;
  }
  const object = value as Record<string, unknown>;
  const marker = object.$unknown;
  if (marker !== undefined && Object.keys(object).length === 1) return reviveValue(object);
  for (const key in object) object[key] = reviveInPlace(object[key], depth + 1);
  return object;
}

/** What a command printed for a report: the text, and what it decided from the report. */
export interface RenderedReport {
  readonly text: string;
  readonly exitCode: number;
  /** Implementations that failed (a failed run never replaces a good --out file). */
  readonly failed: readonly string[];
}

/**
 * The rendered form of a remembered report, by the report's key and everything the renderer was
 * given (format, width, colour, options) and the renderers' build (in the report key): a warm
 * command neither parses the report nor renders it again.
 */
export function renderedKey(reportKey: string, renderOptions: unknown): string {
  return digestOf([FORMAT, 'rendered', reportKey, renderOptions]);
}

export function recallRendered(key: string): RenderedReport | undefined {
  const held = store?.get(key) as RenderedReport | undefined;
  return held && typeof held.text === 'string' && typeof held.exitCode === 'number' ? held : undefined;
}

export function rememberRendered(key: string, rendered: RenderedReport): void {
  store?.set(key, rendered);
}

/** Keeps a report under its key, unless an implementation failed or the report is not plain JSON. */
export function rememberReport(key: string, report: CompareReport): boolean {
  if (!store) return false;
  if (report.implementations.some((implementation) => implementation.status === 'failed')) return false;
  if (!isPlainJson(report)) return false;
  // Kept as its JSON form (Unknowns as {"$unknown": …}), exactly what is read back.
  store.set(key, JSON.parse(JSON.stringify(report)) as unknown);
  return true;
}

/**
 * Whether JSON round-trips the value unchanged: plain objects, arrays, strings, finite numbers,
 * booleans, null, and Unknown values (which revive); no undefined anywhere.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainJson(item, depth + 1));
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;
    if (Object.hasOwn(value, '$unknown')) return false; // would revive as an Unknown
    // An own property holding undefined would come back absent ('key' in report would change).
    return Object.values(value).every((item) => item !== undefined && isPlainJson(item, depth + 1));
  }
  return false;
}
