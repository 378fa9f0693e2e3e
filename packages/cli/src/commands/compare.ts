/** `iac-compare compare [--spec FILE] [--only IDS] [--format table|markdown|json] [--out FILE] [--no-cache] [--all-facts]` */
import { relative, resolve } from 'node:path';
import { buildReport, renderJson, renderMarkdown, renderTable } from '@iac-compare/harness';
import { loadTarget } from '@iac-compare/spec';
import { UsageError } from '../errors.js';
import { type Io, writeFileAtomic } from '../io.js';
import { repoRootFor } from '../repo.js';
import { selectImplementations } from '../select.js';
import { synthesizeAndRead } from '../synth-and-read.js';
import { targetFileFrom } from '../target.js';

export interface CompareOptions {
  readonly spec?: string;
  readonly only?: string;
  readonly format?: string;
  readonly out?: string;
  readonly noCache?: boolean;
  readonly allFacts?: boolean;
}

const FORMATS = ['table', 'markdown', 'json'] as const;

/**
 * Exit codes: 0 every implementation inside its envelope conforms; 1 differences exist; 2 bad input
 * or an implementation that failed to synthesize or could not be read.
 */
export async function runCompare(options: CompareOptions, io: Io): Promise<number> {
  const format = options.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const repoRoot = repoRootFor(io.env);
  const specFile = targetFileFrom(options.spec, io);
  const spec = loadTarget(specFile);
  const implementations = selectImplementations(options.only);
  const { synth, prepared } = await synthesizeAndRead({
    repoRoot,
    spec,
    specFile,
    implementations,
    cache: !options.noCache,
    io,
  });
  const report = await buildReport({
    repoRoot,
    spec,
    specFile: relative(repoRoot, specFile) || specFile,
    implementations,
    synth,
    prepared,
    cache: !options.noCache,
  });
  const text =
    format === 'json'
      ? renderJson(report)
      : format === 'markdown'
        ? renderMarkdown(report, { relativeTo: repoRoot })
        : renderTable(report, {
            color: io.isTty && options.out === undefined,
            allFacts: options.allFacts,
            width: io.columns,
            relativeTo: repoRoot,
          });
  if (options.out !== undefined) {
    const file = resolve(io.cwd, options.out);
    writeFileAtomic(file, text);
    io.err(`wrote ${relative(io.cwd, file) || file}\n`);
  } else io.out(text);
  const failed = report.implementations.some((implementation) => implementation.status === 'failed');
  const differing = report.implementations.some(
    (implementation) => implementation.status === 'compared' && !implementation.conforms,
  );
  return failed ? 2 : differing ? 1 : 0;
}
