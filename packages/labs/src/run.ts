/**
 * Running the workshop: every section (a lab, then its solutions) in order, in one scratch copy of
 * the repository, each section in a fresh terminal session that starts at the repository's root.
 * A section's blocks run in page order; a failed step skips the rest of its section (the steps
 * after it assume it worked), as the EKS Workshop's runner does. After each section, what it left
 * is checked — its cleanup must leave the repository as it found it — and the scratch is reset,
 * so each lab can also be run alone (`--lab N`) with the same result.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchExcerpt, outputLines, regenerateExcerpt, shapeOf, stablePaths } from './excerpt.js';
import { type Block, gatherWorkshop, hookPath, notRunBlocks, type Section, type Workshop } from './gather.js';
import { checkIncludes, type IncludeProblem, regenerateInclude } from './includes.js';
import type { LineEdit } from './rewrite.js';
import { createScratch, type Scratch } from './scratch.js';
import { type CommandResult, runCommand, type ShellState, startSession } from './shell.js';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepOutcome {
  readonly block: Block;
  readonly command: string;
  readonly line: number;
  readonly status: StepStatus;
  readonly exitCode?: number;
  readonly durationMs: number;
  /** Why it failed: the exit code, the excerpt's difference, the hook's complaint. */
  readonly message?: string;
  /** The output (paths made stable), kept for failures. */
  readonly output?: string;
}

export interface SectionOutcome {
  readonly section: Section;
  readonly steps: readonly StepOutcome[];
  /** Problems found after the section: what its cleanup left, a failing suite hook. */
  readonly problems: readonly string[];
  readonly durationMs: number;
  readonly passed: boolean;
}

export interface RunOptions {
  readonly checkout: string;
  /** Lab numbers to run (their solutions included); all when empty. */
  readonly labs: readonly number[];
  /** Rewrite excerpts and included code from what the run saw, instead of failing on them. */
  readonly update: boolean;
  /** Keep the scratch copy afterwards (its path is printed). */
  readonly keep: boolean;
  /** The environment a learner's terminal would have; see `learnerEnvironment`. */
  readonly env: NodeJS.ProcessEnv;
  /** Where progress goes (a line at a time). */
  readonly print: (line: string) => void;
  readonly scratchParent?: string;
}

export interface RunOutcome {
  readonly workshop: Workshop;
  readonly sections: readonly SectionOutcome[];
  readonly includeProblems: readonly IncludeProblem[];
  readonly notRun: readonly Block[];
  readonly edits: readonly LineEdit[];
  readonly scratchRoot?: string;
  readonly durationMs: number;
  readonly passed: boolean;
}

/** Ignored paths a section may leave: the tools' own caches and build outputs, made again on demand. */
const ALLOWED_LEFTOVERS = [/^\.iac-compare\/$/, /(^|\/)dist\/$/, /(^|\/)\.turbo\/$/, /(^|\/)out\/$/];

/**
 * The environment of a learner's fresh terminal: the runner's own, without what npm, CI or
 * iac-compare itself set for this process (npm_* would change how a nested `npm` behaves;
 * IAC_COMPARE_* would point commands at other targets), without AWS credentials (the labs run
 * offline, and user code must never see any), at 80 columns without colour.
 */
export function learnerEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (
      /^(npm_|INIT_CWD$|IAC_COMPARE_|AWS_|VITEST|TURBO_|CI$|FORCE_COLOR$|NO_COLOR$|COLUMNS$|LINES$)/.test(key)
    ) {
      continue;
    }
    clean[key] = value;
  }
  return { ...clean, COLUMNS: '80', NO_COLOR: '1', TERM: 'dumb' };
}

const tail = (text: string, count: number): string =>
  outputLines(text)
    .slice(-count)
    .map((line) => `      | ${line}`)
    .join('\n');

function describeExit(expected: number | 'error'): string {
  return expected === 'error' ? 'a non-zero exit code' : `exit code ${expected}`;
}

async function runHook(
  session: ShellState,
  script: string,
  phase: 'before' | 'after',
  env: NodeJS.ProcessEnv,
  timeoutS: number,
): Promise<CommandResult> {
  return runCommand(session, `bash ${JSON.stringify(script)} ${phase}`, {
    timeoutMs: timeoutS * 1000,
    env,
    carry: false,
  });
}

interface SectionContext {
  readonly scratch: Scratch;
  readonly options: RunOptions;
  readonly stateRoot: string;
  readonly edits: LineEdit[];
}

async function runBlock(
  block: Block,
  session: ShellState,
  context: SectionContext,
  record: (step: StepOutcome) => void,
): Promise<boolean> {
  const { scratch, options } = context;
  const { annotations } = block;
  const hookEnv = { ...options.env, LAB_REPO: scratch.root };
  const hook = annotations.hook ? join(scratch.root, hookPath(block.page, annotations.hook)) : undefined;
  const failBlock = (message: string, output?: string) =>
    record({
      block,
      command: block.steps[0]?.command ?? '',
      line: block.steps[0]?.line ?? block.code.line,
      status: 'failed',
      durationMs: 0,
      message,
      ...(output === undefined ? {} : { output }),
    });
  if (hook) {
    const before = await runHook(session, hook, 'before', hookEnv, annotations.hookTimeout);
    if (before.exitCode !== 0 || before.timedOut) {
      failBlock(
        `its hook (${annotations.hook}) failed before the block: ${before.timedOut ? 'timed out' : `exit ${before.exitCode}`}`,
        before.output,
      );
      return false;
    }
  }
  const deadline = Date.now() + annotations.timeout * 1000;
  const outputs: string[] = [];
  let lastExit = 0;
  for (const step of block.steps) {
    const remaining = deadline - Date.now();
    const result = await runCommand(session, step.command, {
      timeoutMs: Math.max(remaining, 1),
      env: options.env,
    });
    const output = stablePaths(result.output, scratch.root, tmpdir());
    outputs.push(result.output);
    lastExit = result.exitCode;
    const base = { block, command: step.command, line: step.line, exitCode: result.exitCode };
    const fail = (message: string) => {
      record({ ...base, status: 'failed', durationMs: result.durationMs, message, output });
      return false;
    };
    if (result.timedOut) {
      return fail(
        `it ran past the block's timeout (${annotations.timeout} s; set timeout=SECONDS if it must take longer)`,
      );
    }
    const expected = annotations.exit;
    const exitOk =
      expected === 'error'
        ? result.exitCode !== 0
        : result.exitCode === (block.steps.length === 1 ? expected : 0);
    if (!exitOk) {
      return fail(
        `it exited with ${result.exitCode}; the lab expects ${describeExit(block.steps.length === 1 ? expected : 0)}`,
      );
    }
    if (step.expected.length > 0) {
      const actual = outputLines(output);
      const match = matchExcerpt(shapeOf(step.expected, true), actual);
      if (!match.ok) {
        if (!options.update) return fail(`what the lab shows is not what it printed: ${match.message}`);
        const regenerated = regenerateExcerpt(step.expected, actual, true);
        if (!regenerated.ok) return fail(regenerated.message);
        if (regenerated.lines.some((line) => /^\s*(```|~~~)/.test(line))) {
          return fail('cannot show this output in the lab: a line of it would close the code block');
        }
        context.edits.push({
          file: block.page.file,
          from: step.expectedFrom,
          to: step.expectedTo,
          lines: regenerated.lines,
          indent: block.code.indent,
        });
      }
    }
    record({ ...base, status: 'passed', durationMs: result.durationMs });
  }
  if (hook) {
    const outputFile = join(context.stateRoot, 'test-output.txt');
    const combined = outputs.join('');
    writeFileSync(outputFile, combined);
    const env: NodeJS.ProcessEnv = {
      ...hookEnv,
      TEST_OUTPUT_FILE: outputFile,
      TEST_EXIT_CODE: String(lastExit),
      // The EKS Workshop's variable, when it fits in an environment variable (128 KiB on Linux).
      ...(Buffer.byteLength(combined) < 100_000 ? { TEST_OUTPUT: combined } : {}),
    };
    const after = await runHook(session, hook, 'after', env, annotations.hookTimeout);
    if (after.exitCode !== 0 || after.timedOut) {
      failBlock(
        `its hook (${annotations.hook}) rejected the output: ${after.timedOut ? 'timed out' : `exit ${after.exitCode}`}`,
        stablePaths(after.output, scratch.root, tmpdir()),
      );
      return false;
    }
  }
  return true;
}

async function runSection(section: Section, context: SectionContext): Promise<SectionOutcome> {
  const { scratch, options } = context;
  const started = Date.now();
  const steps: StepOutcome[] = [];
  const problems: string[] = [];
  const sessionDir = join(context.stateRoot, `${section.kind}-${String(section.lab).padStart(2, '0')}`);
  const session = startSession(sessionDir, scratch.root);
  const ignoredBefore = scratch.ignored();
  const suiteHook = join(scratch.root, section.hooksDir, 'tests', 'hook-suite.sh');
  const hasSuiteHook = section.kind === 'lab' && existsSync(suiteHook);
  const hookEnv = { ...options.env, LAB_REPO: scratch.root };
  const record = (step: StepOutcome) => {
    steps.push(step);
    printStep(step, options.print);
  };
  options.print('');
  options.print(
    `${section.kind === 'lab' ? 'lab' : 'solutions to lab'} ${section.lab} · ${section.title} · ${section.path}`,
  );
  let failed = false;
  if (hasSuiteHook) {
    const before = await runHook(session, suiteHook, 'before', hookEnv, 300);
    if (before.exitCode !== 0) {
      problems.push(
        `tests/hook-suite.sh before failed (exit ${before.exitCode}):\n${tail(before.output, 20)}`,
      );
      failed = true;
    }
  }
  for (const block of section.blocks) {
    if (block.code.lang !== 'bash' || !block.annotations.test) continue;
    if (failed) {
      for (const step of block.steps) {
        record({ block, command: step.command, line: step.line, status: 'skipped', durationMs: 0 });
      }
      continue;
    }
    if (!(await runBlock(block, session, context, record))) failed = true;
  }
  if (hasSuiteHook) {
    const after = await runHook(session, suiteHook, 'after', hookEnv, 300);
    if (after.exitCode !== 0) {
      problems.push(`tests/hook-suite.sh after failed (exit ${after.exitCode}):\n${tail(after.output, 20)}`);
    }
  }
  const changes = scratch.changes();
  if (changes.length > 0 && !failed) {
    problems.push(
      `its cleanup left the repository changed (git status):\n${changes.map((change) => `      ${change}`).join('\n')}`,
    );
  }
  const leftovers = [...scratch.ignored()].filter(
    (path) => !ignoredBefore.has(path) && !ALLOWED_LEFTOVERS.some((allowed) => allowed.test(path)),
  );
  if (leftovers.length > 0 && !failed) {
    problems.push(
      `its cleanup left ignored files behind:\n${leftovers.map((path) => `      ${path}`).join('\n')}`,
    );
  }
  for (const path of leftovers) rmSync(join(scratch.root, path), { recursive: true, force: true });
  scratch.reset();
  for (const problem of problems) options.print(`  ✗ ${problem}`);
  const passed = !failed && problems.length === 0;
  const durationMs = Date.now() - started;
  const ran = steps.filter((step) => step.status !== 'skipped').length;
  options.print(
    `  ${passed ? 'passed' : 'FAILED'}: ${ran} of ${steps.length} steps run in ${formatDuration(durationMs)}`,
  );
  return { section, steps, problems, durationMs, passed };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

const COMMAND_WIDTH = 52;

function printStep(step: StepOutcome, print: (line: string) => void): void {
  const mark = { passed: '✓', failed: '✗', skipped: '-' }[step.status];
  const file = step.block.page.file.split('/').at(-1) ?? step.block.page.file;
  const firstLine = step.command.split('\n')[0] ?? '';
  const command = firstLine.length > COMMAND_WIDTH ? `${firstLine.slice(0, COMMAND_WIDTH - 1)}…` : firstLine;
  const where = `${file}:${step.line}`.padEnd(14);
  const after =
    step.status === 'skipped'
      ? 'skipped: an earlier step failed'
      : `${step.exitCode !== undefined && step.exitCode !== 0 ? `exit ${step.exitCode} · ` : ''}${formatDuration(step.durationMs)}`;
  print(`  ${mark} ${where} ${command.padEnd(COMMAND_WIDTH)} ${after}`);
  if (step.status === 'failed') {
    if (step.message) for (const line of step.message.split('\n')) print(`      ${line}`);
    if (step.output !== undefined) {
      print('      the output (last 30 lines):');
      print(tail(step.output, 30));
    }
  }
}

/** The list of blocks not run here, with their reasons (printed by every run, and by CI). */
export function describeNotRun(blocks: readonly Block[]): string[] {
  if (blocks.length === 0) return ['Not run here: none (every command of the workshop runs).'];
  const lines = [`Not run here (${blocks.length} blocks, each with its reason):`];
  for (const block of blocks) {
    const command = (
      /^\$ (.*)$/m.exec(block.code.value)?.[1] ??
      block.code.value.split('\n')[0] ??
      ''
    ).trim();
    lines.push(`  ${block.page.file}:${block.code.line}  ${command}`);
    lines.push(`      ${block.annotations.reason}`);
  }
  return lines;
}

/** Runs the selected labs; never throws for a failing lab (only for a workshop that cannot be read). */
export async function runWorkshop(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const workshop = gatherWorkshop(options.checkout);
  const wanted = new Set(options.labs);
  const sections = workshop.sections.filter((section) => wanted.size === 0 || wanted.has(section.lab));
  const allBlocks = [...workshop.sections.flatMap((section) => section.blocks), ...workshop.otherBlocks];
  const edits: LineEdit[] = [];
  let includeProblems = checkIncludes(options.checkout, allBlocks);
  if (options.update) {
    const unresolved: IncludeProblem[] = [];
    for (const problem of includeProblems) {
      const regenerated = regenerateInclude(options.checkout, problem.block);
      if (!regenerated.ok) unresolved.push({ block: problem.block, message: regenerated.message });
      else {
        edits.push({
          file: problem.block.page.file,
          from: problem.block.code.line + 1,
          to: problem.block.code.endLine - 1,
          lines: regenerated.lines,
          indent: problem.block.code.indent,
        });
      }
    }
    includeProblems = unresolved;
  }
  for (const problem of includeProblems) {
    options.print(`✗ ${problem.block.page.file}:${problem.block.code.line}: ${problem.message}`);
  }
  const scratchStarted = Date.now();
  const scratch = createScratch(
    options.checkout,
    options.scratchParent ? { parent: options.scratchParent } : {},
  );
  const stateRoot = mkdtempSync(join(tmpdir(), 'iac-labs-state-'));
  const labCount = new Set(sections.map((section) => section.lab)).size;
  options.print(
    `iac-labs: ${labCount} lab${labCount === 1 ? '' : 's'} (${sections.length} sections) in a scratch copy of ${options.checkout} at ${scratch.commit.slice(0, 7)}, made in ${formatDuration(Date.now() - scratchStarted)}`,
  );
  const outcomes: SectionOutcome[] = [];
  try {
    mkdirSync(stateRoot, { recursive: true });
    const context: SectionContext = { scratch, options, stateRoot, edits };
    for (const section of sections) outcomes.push(await runSection(section, context));
  } finally {
    rmSync(stateRoot, { recursive: true, force: true });
    if (!options.keep) scratch.remove();
  }
  const notRun = notRunBlocks({
    ...workshop,
    sections,
    otherBlocks: wanted.size === 0 ? workshop.otherBlocks : [],
  });
  return {
    workshop,
    sections: outcomes,
    includeProblems,
    notRun,
    edits,
    ...(options.keep ? { scratchRoot: scratch.root } : {}),
    durationMs: Date.now() - started,
    passed: includeProblems.length === 0 && outcomes.every((outcome) => outcome.passed),
  };
}
