/**
 * What every report-writing command (compare, plan, check) settles before any work: the format,
 * the repository, the target file, and the --out file, refused up front if it is a folder, the
 * target itself or a file iac-compare did not write.
 */
import type { Io } from './io.js';
import { assertWritableOutput, formatFor } from './output-file.js';
import { repoRootFor } from './repo.js';
import { targetFileFrom } from './target.js';

export const REPORT_FORMATS = ['table', 'markdown', 'json', 'html'] as const;

export interface ReportInputs {
  readonly format: string;
  readonly repoRoot: string;
  readonly specFile: string;
  /** The resolved --out path, or undefined for stdout. */
  readonly outFile: string | undefined;
}

export function reportInputs(
  options: { readonly format?: string; readonly out?: string; readonly spec?: string },
  io: Io,
  formats: readonly string[] = REPORT_FORMATS,
): ReportInputs {
  const format = formatFor(options.format, options.out, formats);
  const repoRoot = repoRootFor(io.env);
  const specFile = targetFileFrom(options.spec, io);
  const outFile =
    options.out === undefined
      ? undefined
      : assertWritableOutput(options.out, { cwd: io.cwd, targetFile: specFile });
  return { format, repoRoot, specFile, outFile };
}
