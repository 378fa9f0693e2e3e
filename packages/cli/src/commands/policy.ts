/**
 * `iac-compare policy [--spec FILE] [--only IDS] [--format table|markdown|json|sarif|html] [--out FILE]
 *  [--fail-on SEVERITY] [--waivers FILE] [--rules FILE] [--rules-timeout S] [--as-of DATE] [--no-cache]`
 *
 * One rule set over every implementation's reconstructed model. Exit codes: 0 no unwaived finding
 * at or above --fail-on (default: low, so any); 1 one remains; 2 bad input, or an implementation
 * failed to build, synthesize or be read.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import {
  failsAt,
  renderPolicyJson,
  renderPolicyMarkdown,
  renderPolicySarif,
  renderPolicyTable,
} from '@iac-compare/harness';
import { loadTarget } from '@iac-compare/spec';
import { renderPolicyHtmlPage, writtenBy } from '../html-report.js';
import type { Io } from '../io.js';
import { writeFileAtomic } from '../output-file.js';
import { buildPolicyReport, failOnFrom, type PolicyInputs } from '../policy-report.js';
import { reportInputs } from '../report-inputs.js';
import { selectImplementations } from '../select.js';
import { synthesizeAndRead } from '../synth-and-read.js';

export const POLICY_FORMATS = ['table', 'markdown', 'json', 'sarif', 'html'] as const;

export interface PolicyOptions extends PolicyInputs {
  readonly spec?: string;
  readonly only?: string;
  readonly format?: string;
  readonly out?: string;
  readonly failOn?: string;
  readonly noCache?: boolean;
}

export async function runPolicy(options: PolicyOptions, io: Io): Promise<number> {
  const failOn = failOnFrom(options.failOn);
  const { format, repoRoot, specFile, outFile } = reportInputs(options, io, POLICY_FORMATS);
  const spec = loadTarget(specFile);
  const implementations = selectImplementations(options.only);
  const { prepared } = await synthesizeAndRead({
    repoRoot,
    spec,
    specFile,
    implementations,
    cache: !options.noCache,
    io,
  });
  const report = await buildPolicyReport(prepared, options, io);
  const relativeTo = repoRoot;
  const target = relative(repoRoot, specFile) || specFile;
  const text =
    format === 'html'
      ? await renderPolicyHtmlPage(
          report,
          target,
          {
            repoRoot,
            outFile,
            writtenBy: writtenBy('policy', {
              spec: options.spec === undefined ? undefined : target,
              only: options.only,
              waivers: options.waivers,
              rules: options.rules,
              'as-of': options.asOf,
            }),
          },
          io,
        )
      : format === 'json'
        ? renderPolicyJson(report)
        : format === 'sarif'
          ? renderPolicySarif(report, { relativeTo, fallbackFile: specFile })
          : format === 'markdown'
            ? `<!-- written by iac-compare policy -->\n${renderPolicyMarkdown(report, { relativeTo }, 1)}`
            : `iac-compare policy · ${target} · fail on ${failOn} and above\n${renderPolicyTable(report, { relativeTo })}`;
  const failed = [...prepared.values()].filter((item) => item.failure !== undefined);
  for (const item of failed) io.err(`${item.info.id} failed: ${item.failure}\n`);
  for (const item of prepared.values())
    if (!item.inventory && item.failure === undefined)
      io.err(`${item.info.id}: the target is outside its envelope; not judged\n`);
  if (outFile !== undefined) {
    const shown = relative(io.cwd, outFile) || outFile;
    if (failed.length > 0) {
      io.err(
        `not written: ${failed.map((item) => item.info.id).join(', ')} failed; ${existsSync(outFile) ? `${shown} is unchanged` : `no ${shown} was written`}\n`,
      );
      io.out(text);
    } else {
      writeFileAtomic(outFile, text);
      io.err(`wrote ${shown}\n`);
    }
  } else io.out(text);
  if (failed.length > 0) return 2;
  return failsAt(report, failOn) ? 1 : 0;
}
