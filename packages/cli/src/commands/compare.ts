/** `iac-compare compare [--spec FILE] [--only IDS] [--format table|markdown|json|html] [--out FILE] [--no-cache] [--all-facts]` */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { CompareReport, Prepared } from '@iac-compare/harness';
import {
  preparedFingerprint,
  type RenderedReport,
  recallRendered,
  recallReport,
  rememberRendered,
  rememberReport,
  renderedKey,
  reportMemoKey,
  stageTimings,
  timed,
  timedAsync,
} from '@iac-compare/harness/memo';
import { renderJson, renderMarkdown, renderTable } from '@iac-compare/harness/render';
import { loadTarget } from '@iac-compare/spec';
import { renderCompareHtmlPage, writtenBy } from '../html-report.js';
import type { Io } from '../io.js';
import { configureMemos } from '../memos.js';
import { writeFileAtomic } from '../output-file.js';
import { asOfFrom, waiversFile } from '../policy-inputs.js';
import { reportInputs } from '../report-inputs.js';
import { selectImplementations } from '../select.js';
import { synthesizeThenRead } from '../synth-and-read.js';

/** What the policy section read besides the inventories: the date it judges on and the waivers. */
function policyMemoInputs(format: string, options: CompareOptions, io: Io): unknown {
  if (format === 'json') return null;
  const file = waiversFile(options.waivers, io);
  return { asOf: asOfFrom(undefined, io), waivers: file ? [file, readFileSync(file, 'utf8')] : null };
}

/** Loaded only when the section is computed, not when the memo answers. */
async function policySection(
  prepared: ReadonlyMap<string, Prepared>,
  format: string,
  options: CompareOptions,
  repoRoot: string,
  io: Io,
): Promise<string> {
  const { buildPolicyReport, renderPolicySection } = await import('../policy-report.js');
  return renderPolicySection(await buildPolicyReport(prepared, { waivers: options.waivers }, io), format, {
    relativeTo: repoRoot,
  });
}

export interface CompareOptions {
  readonly spec?: string;
  readonly only?: string;
  readonly format?: string;
  readonly out?: string;
  readonly noCache?: boolean;
  readonly allFacts?: boolean;
  /** The waivers file for the policy section (default: iac-compare-waivers.yaml here, if any). */
  readonly waivers?: string;
}

/**
 * Exit codes: 0 every implementation conforms; 1 one does not (differences, unknowns, unaccounted
 * resources, a rejected rule) or the target is outside its envelope; 2 bad input, or an
 * implementation that failed to build, synthesize or be read.
 */
export async function runCompare(options: CompareOptions, io: Io): Promise<number> {
  // Refused before any work: a folder, the target file, a file iac-compare did not write.
  const { format, repoRoot, specFile, outFile } = reportInputs(options, io);
  const spec = loadTarget(specFile);
  const implementations = selectImplementations(options.only);
  const cache = !options.noCache;
  configureMemos(repoRoot, cache);
  const { synth, read } = await timedAsync('synth-and-read', () =>
    synthesizeThenRead({ repoRoot, spec, specFile, implementations, cache, io }),
  );
  const specLabel = relative(repoRoot, specFile) || specFile;
  const renderOptions = {
    format,
    color: io.isTty && options.out === undefined,
    allFacts: options.allFacts === true,
    width: io.columns,
    relativeTo: repoRoot,
  };
  const answer = await timedAsync('report', async (): Promise<RenderedReport> => {
    // Nothing the report is built from changed since it was last built: read it, or what was
    // printed for it with these options (memo/report-memo.ts).
    const key = reportMemoKey({
      repoRoot,
      spec,
      specFile: specLabel,
      implementations,
      fingerprints: new Map(
        implementations.map((info) => [info.id, preparedFingerprint(info, { repoRoot, spec, synth })]),
      ),
    });
    // The policy section is printed with the report: its inputs (the date it judges on, the
    // waivers) are part of what was printed.
    // A page names the command that wrote it and links sources from its folder: both are part of it.
    const page =
      format === 'html'
        ? {
            outFile,
            writtenBy: writtenBy('compare', {
              spec: options.spec === undefined ? undefined : specLabel,
              only: options.only,
              waivers: options.waivers,
            }),
          }
        : undefined;
    const printedKey = renderedKey(key, {
      ...renderOptions,
      policy: policyMemoInputs(format, options, io),
      ...(page ? { page: { ...page, cwd: io.cwd } } : {}),
    });
    const printed = cache ? recallRendered(printedKey) : undefined;
    if (printed) return printed;
    let report = cache ? recallReport(key) : undefined;
    let kept = report !== undefined;
    let prepared: ReadonlyMap<string, Prepared> | undefined;
    const readOnce = async () => {
      prepared ??= await timedAsync('read', read);
      return prepared;
    };
    if (!report) {
      // Only now the pipeline that builds a report (observe, compare, resource diff) is loaded.
      const { buildReport } = await import('@iac-compare/harness');
      report = await buildReport({
        repoRoot,
        spec,
        specFile: specLabel,
        implementations,
        synth,
        prepared: await readOnce(),
        cache,
      });
      kept = cache && rememberReport(key, report);
    }
    const rendered: RenderedReport = {
      // The policy section (table and Markdown): the same rules as `iac-compare policy`; it never
      // changes compare's exit code, which answers "does it build the target".
      text: page
        ? await timedAsync('render', async () => {
            const { buildPolicyReport } = await import('../policy-report.js');
            const policy = await buildPolicyReport(await readOnce(), { waivers: options.waivers }, io);
            return renderCompareHtmlPage(report, 'compare', { repoRoot, ...page, policy }, io);
          })
        : timed('render', () => render(report, renderOptions)) +
          (format === 'json' ? '' : await policySection(await readOnce(), format, options, repoRoot, io)),
      exitCode: exitCodeFor(report),
      failed: report.implementations.filter((item) => item.status === 'failed').map((item) => item.id),
    };
    if (kept) rememberRendered(printedKey, rendered);
    return rendered;
  });
  const { text } = answer;
  writeTimings(io);
  const { failed } = answer;
  if (outFile !== undefined) {
    const shown = relative(io.cwd, outFile) || outFile;
    if (failed.length > 0) {
      // A failed run never replaces a good report.
      io.err(
        `not written: ${failed.join(', ')} failed; ${existsSync(outFile) ? `${shown} is unchanged` : `no ${shown} was written`}\n`,
      );
      io.out(text);
    } else {
      writeFileAtomic(outFile, text);
      io.err(`wrote ${shown}\n`);
    }
  } else io.out(text);
  return answer.exitCode;
}

function render(
  report: CompareReport,
  options: { format: string; color: boolean; allFacts: boolean; width: number; relativeTo: string },
): string {
  if (options.format === 'json') return renderJson(report);
  if (options.format === 'markdown') return renderMarkdown(report, { relativeTo: options.relativeTo });
  return renderTable(report, {
    color: options.color,
    allFacts: options.allFacts,
    width: options.width,
    relativeTo: options.relativeTo,
  });
}

/** 2 when an implementation failed; 1 when one is outside its envelope or does not conform; else 0. */
export function exitCodeFor(report: CompareReport): number {
  if (report.implementations.some((implementation) => implementation.status === 'failed')) return 2;
  const notConforming = report.implementations.some(
    (implementation) =>
      implementation.status === 'outside-envelope' ||
      (implementation.status === 'compared' && !implementation.conforms),
  );
  return notConforming ? 1 : 0;
}

/** The stage timings, for bench/: written where IAC_COMPARE_TIMINGS says, when it says. */
export function writeTimings(io: Io): void {
  const file = io.env.IAC_COMPARE_TIMINGS;
  if (file) writeFileSync(file, `${JSON.stringify(stageTimings())}\n`);
}
