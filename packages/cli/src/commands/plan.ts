/**
 * `iac-compare plan --baseline DIR|GIT_REF [--spec FILE] [--only IDS] [--format table|markdown|json] [--out FILE]`
 * `iac-compare plan --base GIT_REF [--head GIT_REF] …`
 * `iac-compare plan --save-baseline DIR [--spec FILE] [--only IDS]`
 *
 * The baseline is each implementation's Inventory for a target: saved earlier, or built now from
 * a git ref — that commit's code and target file, in a temporary worktree — so a pull request that
 * changes an implementation's code shows what the change does.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  type Baseline,
  buildPlanReport,
  HarnessError,
  harnessBuildId,
  hasChanges,
  type ImplementationInfo,
  type Inventory,
  isBaselineDirectory,
  isSavedBaseline,
  loadBaseline,
  notPlanned,
  type PlanSide,
  type Prepared,
  planSideOf,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanTable,
  saveBaseline,
  timed,
  timedAsync,
} from '@iac-compare/harness';
import {
  assertOwnedDirectory,
  loadTarget,
  parseJsonText,
  parseTarget,
  type TargetSpec,
} from '@iac-compare/spec';
import { UsageError } from '../errors.js';
import { renderPlanHtmlPage, writtenBy } from '../html-report.js';
import type { Io } from '../io.js';
import { configureMemos } from '../memos.js';
import { writeFileAtomic } from '../output-file.js';
import { reportInputs } from '../report-inputs.js';
import { selectImplementations } from '../select.js';
import { synthesizeAndRead } from '../synth-and-read.js';
import { checkoutRef, commitOrThrow } from '../worktree.js';
import { writeTimings } from './compare.js';

export interface PlanOptions {
  readonly baseline?: string;
  readonly base?: string;
  readonly head?: string;
  readonly saveBaseline?: string;
  readonly spec?: string;
  readonly only?: string;
  readonly format?: string;
  readonly out?: string;
}

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

/** Saved baselines of git commits: a commit fixes the code and the target, so its plan input never changes. */
function gitBaselineCacheDir(context: Context, commit: string, path: string): string {
  const key = createHash('sha256')
    .update(
      [
        commit,
        path,
        process.version,
        harnessBuildId(),
        context.implementations.map((info) => info.id).join(','),
      ].join('\u0000'),
    )
    .digest('hex')
    .slice(0, 24);
  return join(context.repoRoot, '.iac-compare', 'cache', 'git-baselines', key);
}

/**
 * One side of a plan at a git ref: that commit's code and target file, built and synthesized in a
 * temporary worktree, read by this checkout's harness. Cached by commit.
 */
async function sideFromGit(context: Context, ref: string, specPath: string): Promise<Baseline> {
  const { repoRoot, io } = context;
  const commit = commitOrThrow(repoRoot, ref);
  // Before any checkout: a ref without the target file fails at once.
  if (spawnSync('git', ['-C', repoRoot, 'cat-file', '-e', `${commit}:${specPath}`]).status !== 0) {
    throw new HarnessError(
      'BASELINE_INVALID',
      `${ref} has no ${specPath}; pick a commit that has the target file`,
      {
        location: { file: ref },
      },
    );
  }
  const cached = gitBaselineCacheDir(context, commit, specPath);
  if (isSavedBaseline(cached)) {
    const baseline = loadBaseline(cached);
    return { ...baseline, source: `git:${ref}` };
  }
  const checkout = checkoutRef(repoRoot, ref, io.err);
  const outRoot = mkdtempSync(join(tmpdir(), 'iac-compare-ref-out-'));
  try {
    const specFile = join(checkout.root, specPath);
    const label = `${ref}:${specPath}`;
    if (!existsSync(specFile)) {
      throw new HarnessError(
        'BASELINE_INVALID',
        `${ref} has no ${specPath}; pick a commit that has the target file`,
        {
          location: { file: ref },
        },
      );
    }
    const spec = parseTarget(parseJsonText(readFileSync(specFile, 'utf8'), label), label);
    io.err(`${ref} (${commit.slice(0, 12)}): building and synthesizing its code and target\n`);
    const { prepared } = await synthesizeAndRead({
      repoRoot: checkout.root,
      spec,
      specFile,
      implementations: context.implementations,
      outRoot,
      io,
    });
    const entries = baselineEntries(prepared);
    // Only a complete answer is kept: a failed build or synth may succeed next time.
    if ([...entries.values()].every((entry) => entry.status !== 'failed')) {
      await saveBaseline(cached, { file: specPath, spec }, entries);
    }
    const read = new Map<string, { inventory?: Inventory; detail?: string }>();
    for (const [id, entry] of entries) {
      read.set(
        id,
        entry.inventory ? { inventory: entry.inventory } : { detail: `${entry.status}: ${entry.detail}` },
      );
    }
    return { source: `git:${ref}`, targetFile: specPath, spec, entries: read };
  } finally {
    checkout.remove();
    rmSync(outRoot, { recursive: true, force: true });
  }
}

/** The head side from a ref: its inventories as the current side of a plan. */
function asCurrent(side: Baseline): Map<string, PlanSide> {
  const current = new Map<string, PlanSide>();
  for (const [id, entry] of side.entries) {
    if (entry.inventory) current.set(id, { inventory: entry.inventory });
    else if (entry.detail?.startsWith('outside-envelope')) current.set(id, { outsideEnvelope: entry.detail });
    else current.set(id, { failure: entry.detail ?? 'not read' });
  }
  return current;
}

/** Where the target file is inside the repository, for reading it at a ref. */
function specPathIn(repoRoot: string, specFile: string): string {
  const path = relative(repoRoot, specFile);
  if (path.startsWith('..') || isAbsolute(path)) {
    throw new HarnessError(
      'BASELINE_INVALID',
      `the target ${specFile} is outside the repository, so it has no version at a git ref`,
      {
        location: { file: specFile },
      },
    );
  }
  return path;
}

/**
 * The baseline a plan is made against: a saved folder, else a git ref (that commit's code and
 * target, built in a temporary worktree and cached by commit). Used by `plan --baseline` and `watch plan`.
 */
export async function baselineFrom(
  given: string,
  options: { repoRoot: string; specFile: string; implementations: readonly ImplementationInfo[]; io: Io },
): Promise<Baseline> {
  const dir = resolve(options.io.cwd, given);
  if (isBaselineDirectory(dir)) return loadBaseline(dir);
  return sideFromGit(
    { repoRoot: options.repoRoot, implementations: options.implementations, io: options.io },
    given,
    specPathIn(options.repoRoot, options.specFile),
  );
}

/**
 * Exit codes: 0 every implementation was planned and none changes anything; 1 changes, or an
 * implementation could not be planned (no baseline, outside its envelope); 2 bad input or a
 * failed implementation.
 */
export async function runPlan(options: PlanOptions, io: Io): Promise<number> {
  const modes = [options.baseline, options.saveBaseline, options.base].filter((value) => value !== undefined);
  if (modes.length !== 1) {
    throw new UsageError(
      'plan needs one of --baseline DIR|GIT_REF, --base GIT_REF [--head GIT_REF], or --save-baseline DIR',
    );
  }
  if (options.head !== undefined && options.base === undefined) {
    throw new UsageError('--head goes with --base: plan --base REF --head REF');
  }
  // Refused before any work: a folder, the target file, a file iac-compare did not write.
  const { format, repoRoot, specFile, outFile } = reportInputs(options, io);
  configureMemos(repoRoot, true);
  const context: Context = { repoRoot, implementations: selectImplementations(options.only), io };
  const targetLabel = relative(repoRoot, specFile) || specFile;

  if (options.saveBaseline !== undefined) {
    const dir = resolve(io.cwd, options.saveBaseline);
    // Refused before any work: a folder that is neither empty nor a baseline.
    assertOwnedDirectory(dir, isSavedBaseline);
    const spec = loadTarget(specFile);
    const prepared = await readImplementations(context, spec, specFile);
    const entries = baselineEntries(prepared);
    await saveBaseline(dir, { file: targetLabel, spec }, entries);
    const failed = [...entries.values()].filter((entry) => entry.status === 'failed').length;
    const savedCount = [...entries.values()].filter((entry) => entry.inventory).length;
    io.err(
      `saved the baseline of ${savedCount} ${savedCount === 1 ? 'implementation' : 'implementations'} for ${targetLabel} to ${relative(io.cwd, dir) || dir}${failed ? ` (${failed} failed)` : ''}\n`,
    );
    return failed > 0 ? 2 : 0;
  }

  let baseline: Baseline;
  if (options.base !== undefined)
    baseline = await sideFromGit(context, options.base, specPathIn(repoRoot, specFile));
  else {
    const baselineDir = resolve(io.cwd, options.baseline!);
    baseline = isBaselineDirectory(baselineDir)
      ? loadBaseline(baselineDir)
      : await sideFromGit(context, options.baseline!, specPathIn(repoRoot, specFile));
  }
  let current: Map<string, PlanSide>;
  let currentLabel: string;
  let currentName: string;
  let currentPlacement: { account: string; region: string };
  let currentSpec: TargetSpec;
  if (options.head !== undefined) {
    const head = await sideFromGit(context, options.head, specPathIn(repoRoot, specFile));
    current = asCurrent(head);
    currentLabel = `git:${options.head}:${head.targetFile}`;
    currentName = head.spec.name;
    currentPlacement = { account: head.spec.account, region: head.spec.region };
    currentSpec = head.spec;
  } else {
    const spec = loadTarget(specFile);
    const prepared = await timedAsync('synth-and-read', () => readImplementations(context, spec, specFile));
    current = new Map([...prepared].map(([id, item]) => [id, planSideOf(item)]));
    currentLabel = targetLabel;
    currentName = spec.name;
    currentPlacement = { account: spec.account, region: spec.region };
    currentSpec = spec;
  }
  const report = timed('plan', () =>
    buildPlanReport({
      implementations: context.implementations,
      baseline,
      current,
      targetFile: currentLabel,
      targetName: currentName,
      currentPlacement,
      currentSpec,
    }),
  );
  writeTimings(io);
  const text =
    format === 'html'
      ? await renderPlanHtmlPage(
          report,
          {
            repoRoot,
            outFile,
            writtenBy: writtenBy('plan', {
              baseline: options.baseline,
              base: options.base,
              head: options.head,
              spec: options.spec === undefined ? undefined : relative(repoRoot, specFile) || specFile,
              only: options.only,
            }),
          },
          io,
        )
      : format === 'json'
        ? renderPlanJson(report)
        : format === 'markdown'
          ? renderPlanMarkdown(report)
          : renderPlanTable(report, { color: io.isTty && options.out === undefined, width: io.columns });
  const failed = report.implementations.filter((plan) => plan.status === 'failed');
  if (outFile !== undefined) {
    const shown = relative(io.cwd, outFile) || outFile;
    if (failed.length > 0) {
      io.err(
        `not written: ${failed.map((plan) => plan.id).join(', ')} failed; ${existsSync(outFile) ? `${shown} is unchanged` : `no ${shown} was written`}\n`,
      );
      io.out(text);
    } else {
      writeFileAtomic(outFile, text);
      io.err(`wrote ${shown}\n`);
    }
  } else io.out(text);
  if (failed.length > 0) return 2;
  // A plan that would fail at deploy is not "changes": it says so with its own code.
  if (report.implementations.some((plan) => plan.fails)) return 3;
  return hasChanges(report) || notPlanned(report).length > 0 ? 1 : 0;
}
