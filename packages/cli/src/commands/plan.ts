/**
 * `iac-compare plan --baseline DIR|GIT_REF [--spec FILE] [--only IDS] [--format table|markdown|json] [--out FILE]`
 * `iac-compare plan --save-baseline DIR [--spec FILE] [--only IDS]`
 *
 * The baseline is each implementation's Inventory for a target: saved earlier, or synthesized now
 * (with this checkout's implementations) from the target file as it was at a git ref.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  type Baseline,
  buildPlanReport,
  HarnessError,
  hasChanges,
  type ImplementationInfo,
  type Inventory,
  isBaselineDirectory,
  loadBaseline,
  type Prepared,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanTable,
  saveBaseline,
} from '@iac-compare/harness';
import { loadTarget, parseJsonText, parseTarget, type TargetSpec } from '@iac-compare/spec';
import { UsageError } from '../errors.js';
import { type Io, writeFileAtomic } from '../io.js';
import { repoRootFor } from '../repo.js';
import { selectImplementations } from '../select.js';
import { synthesizeAndRead } from '../synth-and-read.js';
import { targetFileFrom } from '../target.js';

export interface PlanOptions {
  readonly baseline?: string;
  readonly saveBaseline?: string;
  readonly spec?: string;
  readonly only?: string;
  readonly format?: string;
  readonly out?: string;
}

const FORMATS = ['table', 'markdown', 'json'] as const;

interface Context {
  readonly repoRoot: string;
  readonly implementations: readonly ImplementationInfo[];
  readonly io: Io;
}

/** Synthesize (cached, or into `outRoot`) and read every implementation for one target. */
async function readImplementations(
  context: Context,
  spec: TargetSpec,
  specFile: string,
  outRoot?: string,
): Promise<Map<string, Prepared>> {
  const { prepared } = await synthesizeAndRead({
    repoRoot: context.repoRoot,
    spec,
    specFile,
    implementations: context.implementations,
    ...(outRoot ? { outRoot } : {}),
    io: context.io,
  });
  return prepared;
}

function baselineEntries(prepared: ReadonlyMap<string, Prepared>) {
  const entries = new Map<
    string,
    { inventory?: Inventory; status?: 'outside-envelope' | 'failed'; detail?: string }
  >();
  for (const [id, item] of prepared) {
    if (item.violations.length > 0) {
      entries.set(id, {
        status: 'outside-envelope',
        detail: item.violations.map((v) => `${v.path}: ${v.message}`).join('; '),
      });
    } else if (item.inventory) entries.set(id, { inventory: item.inventory });
    else entries.set(id, { status: 'failed', detail: item.failure ?? 'not read' });
  }
  return entries;
}

function git(repoRoot: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8' });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/** The baseline at a git ref: that commit's target file, synthesized now into a temporary folder. */
async function baselineFromGit(context: Context, ref: string, specFile: string): Promise<Baseline> {
  const { repoRoot, io } = context;
  const notFound = (message: string) =>
    new HarnessError('BASELINE_INVALID', message, { location: { file: ref } });
  if (!git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok) {
    throw notFound(`"${ref}" is neither a baseline folder nor a git commit of ${repoRoot}`);
  }
  const path = relative(repoRoot, specFile);
  if (path.startsWith('..') || isAbsolute(path)) {
    throw notFound(`the target ${specFile} is outside the repository, so it has no version at ${ref}`);
  }
  const shown = git(repoRoot, ['show', `${ref}:${path}`]);
  if (!shown.ok) throw notFound(`${ref} has no ${path}; pick a commit that has the target file`);
  const label = `${ref}:${path}`;
  const spec = parseTarget(parseJsonText(shown.stdout, label), label);
  const dir = mkdtempSync(join(tmpdir(), 'iac-compare-baseline-'));
  try {
    const file = join(dir, 'target.json');
    writeFileSync(file, shown.stdout);
    io.err(`baseline: synthesizing ${label}\n`);
    const prepared = await readImplementations(context, spec, file, join(dir, 'out'));
    const entries = new Map<string, { inventory?: Inventory; detail?: string }>();
    for (const [id, entry] of baselineEntries(prepared)) {
      entries.set(
        id,
        entry.inventory ? { inventory: entry.inventory } : { detail: `${entry.status}: ${entry.detail}` },
      );
    }
    return { source: `git:${ref}`, targetFile: path, spec, entries };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Exit codes: 0 no implementation changes anything; 1 changes; 2 bad input or a failed implementation. */
export async function runPlan(options: PlanOptions, io: Io): Promise<number> {
  const format = options.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  if ((options.baseline === undefined) === (options.saveBaseline === undefined))
    throw new UsageError('plan needs exactly one of --baseline DIR|GIT_REF and --save-baseline DIR');
  const repoRoot = repoRootFor(io.env);
  const specFile = targetFileFrom(options.spec, io);
  const spec = loadTarget(specFile);
  const context: Context = { repoRoot, implementations: selectImplementations(options.only), io };
  const targetLabel = relative(repoRoot, specFile) || specFile;

  if (options.saveBaseline !== undefined) {
    const dir = resolve(io.cwd, options.saveBaseline);
    const prepared = await readImplementations(context, spec, specFile);
    const entries = baselineEntries(prepared);
    await saveBaseline(dir, { file: targetLabel, spec }, entries);
    const failed = [...entries.values()].filter((entry) => entry.status === 'failed').length;
    io.err(
      `saved the baseline of ${[...entries.values()].filter((entry) => entry.inventory).length} implementations for ${targetLabel} to ${relative(io.cwd, dir) || dir}${failed ? ` (${failed} failed)` : ''}\n`,
    );
    return failed > 0 ? 2 : 0;
  }

  const baselineArgument = options.baseline!;
  const baselineDir = resolve(io.cwd, baselineArgument);
  const baseline = isBaselineDirectory(baselineDir)
    ? loadBaseline(baselineDir)
    : await baselineFromGit(context, baselineArgument, specFile);
  const current = await readImplementations(context, spec, specFile);
  const report = buildPlanReport({
    implementations: context.implementations,
    baseline,
    current,
    targetFile: targetLabel,
    targetName: spec.name,
  });
  const text =
    format === 'json'
      ? renderPlanJson(report)
      : format === 'markdown'
        ? renderPlanMarkdown(report)
        : renderPlanTable(report, { color: io.isTty && options.out === undefined });
  if (options.out !== undefined) {
    const file = resolve(io.cwd, options.out);
    writeFileAtomic(file, text);
    io.err(`wrote ${relative(io.cwd, file) || file}\n`);
  } else io.out(text);
  if (report.implementations.some((plan) => plan.status === 'failed')) return 2;
  return hasChanges(report) ? 1 : 0;
}
