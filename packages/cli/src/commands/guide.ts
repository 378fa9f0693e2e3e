/**
 * `iac-compare guide --out docs/choosing-a-tool.md [--spec FILE] [--bench FILE] [--as-of DATE]`
 *
 * The tool-selection guide from measured data: one compare and one policy run over all six, the
 * npm packages each tool's implementation pulls in (package-lock.json), and synth medians only from
 * a benchmark run given with --bench (else the guide says "not measured"). Two SVG charts are
 * written beside the guide, in a folder named after it. Exit codes: 0 written; 2 bad input or a
 * failed implementation (nothing is written then).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import {
  buildReport,
  type DependencyCount,
  renderBarChart,
  renderGuide,
  type SynthTimes,
} from '@iac-compare/harness';
import { loadTarget } from '@iac-compare/spec';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { assertWritableOutput, writeFileAtomic } from '../output-file.js';
import { buildPolicyReport } from '../policy-report.js';
import { reportInputs } from '../report-inputs.js';
import { selectImplementations } from '../select.js';
import { synthesizeAndRead } from '../synth-and-read.js';

export interface GuideOptions {
  readonly spec?: string;
  readonly out?: string;
  readonly bench?: string;
  readonly asOf?: string;
  readonly noCache?: boolean;
}

/** The package each implementation is written in (its runtime dependencies are what a team installs). */
const PACKAGE_OF: Readonly<Record<string, string | null>> = {
  'cdk-l2': 'packages/cdk',
  'cdk-l1': 'packages/cdk',
  cdktf: 'packages/cdktf',
  pulumi: 'packages/pulumi',
  'infra-terraform': null,
  cloudformation: null,
};

interface LockPackage {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly link?: boolean;
}

/** Where npm resolves `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveInLock(
  packages: Readonly<Record<string, LockPackage>>,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  // Bounded: each step drops one node_modules level (or a workspace folder, whose parent is the root).
  for (let depth = 0; depth < 64; depth++) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const index = base.lastIndexOf('/node_modules/');
    base = index >= 0 ? base.slice(0, index) : '';
  }
  return undefined;
}

/** The closure of a workspace package's runtime dependencies in package-lock.json, workspace packages left out. */
export function countDependencies(
  lock: { packages: Readonly<Record<string, LockPackage>> },
  workspace: string,
): DependencyCount {
  const packages = lock.packages;
  const roots = Object.keys(packages[workspace]?.dependencies ?? {}).filter(
    (name) => !name.startsWith('@iac-compare/'),
  );
  const seen = new Set<string>();
  const queue = roots
    .map((name) => resolveInLock(packages, workspace, name))
    .filter((path) => path !== undefined);
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = packages[path]!;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = resolveInLock(packages, path, name);
      if (found && !seen.has(found)) queue.push(found);
    }
  }
  return { packages: seen.size, roots: roots.sort() };
}

/** Synth medians from a bench/results.json; cdk-l2 and cdk-l1 synthesize in one process. */
function readBench(file: string, io: Io): SynthTimes {
  const path = resolve(io.cwd, file);
  if (!existsSync(path))
    throw new UsageError(`--bench ${file}: no such file (npm run bench writes bench/results.json)`);
  let results: { schemaVersion?: unknown; date?: unknown; runs?: unknown; figures?: unknown };
  try {
    results = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--bench ${file}: not JSON (${(error as Error).message})`);
  }
  if (results.schemaVersion !== 1 || !Array.isArray(results.figures))
    throw new UsageError(`--bench ${file}: not a bench results file (schemaVersion 1 with figures)`);
  const median = (id: string) =>
    (results.figures as { id?: unknown; subject?: { median?: unknown } }[]).find((figure) => figure.id === id)
      ?.subject?.median;
  const medians: Record<string, { ms: number; note?: string }> = {};
  for (const [implementation, id, note] of [
    ['cdk-l2', 'synth-cdk', 'L2 and L1 in one process'],
    ['cdk-l1', 'synth-cdk', 'L2 and L1 in one process'],
    ['cdktf', 'synth-cdktf', undefined],
    ['cloudformation', 'synth-cloudformation', undefined],
    ['infra-terraform', 'synth-infra-terraform', undefined],
    ['pulumi', 'synth-pulumi', undefined],
  ] as const) {
    const value = median(id);
    if (typeof value === 'number') medians[implementation] = { ms: value, ...(note ? { note } : {}) };
  }
  const date = typeof results.date === 'string' ? results.date.slice(0, 10) : 'undated';
  return { source: `${relative(io.cwd, path) || path} (${date}, ${String(results.runs)} runs)`, medians };
}

export async function runGuide(options: GuideOptions, io: Io): Promise<number> {
  if (options.out === undefined)
    throw new UsageError(
      'guide needs --out FILE (docs/choosing-a-tool.md): its charts are written beside it',
    );
  const { repoRoot, specFile, outFile } = reportInputs({ ...options, format: 'markdown' }, io, ['markdown']);
  const out = outFile!;
  const chartDir = join(dirname(out), basename(out, extname(out)));
  const chartFiles = {
    linesOfCode: join(chartDir, 'lines-of-code.svg'),
    machinery: join(chartDir, 'machinery.svg'),
  };
  for (const file of Object.values(chartFiles))
    assertWritableOutput(file, { cwd: io.cwd, targetFile: specFile });
  const synthTimes = options.bench === undefined ? null : readBench(options.bench, io);
  const spec = loadTarget(specFile);
  const implementations = selectImplementations(undefined);
  const { synth, prepared } = await synthesizeAndRead({
    repoRoot,
    spec,
    specFile,
    implementations,
    cache: !options.noCache,
    io,
  });
  const compare = await buildReport({
    repoRoot,
    spec,
    specFile: relative(repoRoot, specFile) || specFile,
    implementations,
    synth,
    prepared,
    cache: !options.noCache,
  });
  const failed = compare.implementations.filter((implementation) => implementation.status === 'failed');
  if (failed.length > 0) {
    io.err(`not written: ${failed.map((implementation) => implementation.id).join(', ')} failed\n`);
    return 2;
  }
  // The repository's waivers, whatever the working directory: the guide describes this repository.
  const waivers = join(repoRoot, 'iac-compare-waivers.yaml');
  const policy = await buildPolicyReport(
    prepared,
    { asOf: options.asOf, ...(existsSync(waivers) ? { waivers } : {}) },
    io,
  );
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const dependencies = Object.fromEntries(
    compare.implementations.map((implementation) => {
      const workspace = PACKAGE_OF[implementation.id];
      return [implementation.id, workspace ? countDependencies(lock, workspace) : null];
    }),
  );
  const header = '<!-- written by iac-compare guide: regenerate it rather than edit it -->';
  const compared = compare.implementations.filter((implementation) => implementation.status === 'compared');
  const charts = {
    linesOfCode: renderBarChart(
      'Lines of code (measured)',
      [...compared]
        .sort((a, b) => a.linesOfCode - b.linesOfCode)
        .map((implementation) => ({ label: implementation.id, value: implementation.linesOfCode })),
      header,
    ),
    machinery: renderBarChart(
      'Tool machinery: resources a tool adds to run itself (measured)',
      [...compared]
        .sort((a, b) => a.overhead - b.overhead)
        .map((implementation) => ({ label: implementation.id, value: implementation.overhead })),
      header,
    ),
  };
  const link = (file: string) => relative(dirname(out), file).split('\\').join('/');
  const text = renderGuide({
    compare,
    policy,
    dependencies,
    synth: synthTimes,
    charts: { linesOfCode: link(chartFiles.linesOfCode), machinery: link(chartFiles.machinery) },
    writtenBy: 'iac-compare guide',
  });
  writeFileAtomic(chartFiles.linesOfCode, charts.linesOfCode);
  writeFileAtomic(chartFiles.machinery, charts.machinery);
  writeFileAtomic(out, text);
  io.err(
    `wrote ${relative(io.cwd, out) || out} and its charts in ${relative(io.cwd, chartDir) || chartDir}\n`,
  );
  return 0;
}
