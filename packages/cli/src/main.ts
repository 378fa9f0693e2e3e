/**
 * The iac-compare command. Thin: parses flags, runs a command, prints, returns the exit code.
 * Exit codes: 0 success, 1 differences or changes found, 2 bad input or a failed step.
 */
import { parseArgs } from 'node:util';
import { isHarnessError } from '@iac-compare/harness';
import { isSpecError } from '@iac-compare/spec';
import { runCompare } from './commands/compare.js';
import { runPlan } from './commands/plan.js';
import { runSynthCommand } from './commands/synth.js';
import { runValidate } from './commands/validate.js';
import { UsageError } from './errors.js';
import { type Io, processIo } from './io.js';

const USAGE = `usage: iac-compare <command> [options]

commands:
  compare [--spec FILE] [--only IDS] [--format table|markdown|json] [--out FILE] [--no-cache] [--all-facts]
        synthesize what changed, then compare every implementation with the target and with each other
        exit 0: all conform; 1: differences; 2: bad input or an implementation failed
  plan --baseline DIR|GIT_REF [--spec FILE] [--only IDS] [--format table|markdown|json] [--out FILE]
        what the target's change since the baseline does in each tool: create, update, replace, delete
        exit 0: no changes; 1: changes; 2: bad input or an implementation failed
  plan --save-baseline DIR [--spec FILE] [--only IDS]
        save every implementation's inventory for the target, to plan against later
  synth [--spec FILE] [--only IDS] [--force]
        synthesize the implementations side by side (unchanged ones are cached)
  validate [--spec FILE] [--resolved]
        check a target file; print the resolved infrastructure with --resolved

implementations: cdk-l2, cdk-l1, cloudformation, infra-terraform, cdktf, pulumi

options:
  --spec FILE   the target file (default: $IAC_COMPARE_SPEC, else packages/spec/target.json)
  -h, --help    show this help
`;

interface Command {
  readonly options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  readonly run: (values: Record<string, string | boolean | undefined>, io: Io) => number | Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  compare: {
    options: {
      spec: { type: 'string' },
      only: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'all-facts': { type: 'boolean' },
    },
    run: (values, io) =>
      runCompare(
        {
          spec: values.spec as string | undefined,
          only: values.only as string | undefined,
          format: values.format as string | undefined,
          out: values.out as string | undefined,
          noCache: values['no-cache'] === true,
          allFacts: values['all-facts'] === true,
        },
        io,
      ),
  },
  plan: {
    options: {
      baseline: { type: 'string' },
      'save-baseline': { type: 'string' },
      spec: { type: 'string' },
      only: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    run: (values, io) =>
      runPlan(
        {
          baseline: values.baseline as string | undefined,
          saveBaseline: values['save-baseline'] as string | undefined,
          spec: values.spec as string | undefined,
          only: values.only as string | undefined,
          format: values.format as string | undefined,
          out: values.out as string | undefined,
        },
        io,
      ),
  },
  synth: {
    options: { spec: { type: 'string' }, only: { type: 'string' }, force: { type: 'boolean' } },
    run: (values, io) =>
      runSynthCommand(
        {
          spec: values.spec as string | undefined,
          only: values.only as string | undefined,
          force: values.force === true,
        },
        io,
      ),
  },
  validate: {
    options: { spec: { type: 'string' }, resolved: { type: 'boolean' } },
    run: (values, io) =>
      runValidate({ spec: values.spec as string | undefined, resolved: values.resolved === true }, io),
  },
};

/** Errors the user can act on carry a `code`; anything else is a bug and says so. */
function describeFailure(error: unknown, io: Io): string {
  if (isSpecError(error) || error instanceof UsageError || isHarnessError(error)) return error.message;
  if (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    error.name !== 'Error'
  ) {
    return error.message;
  }
  const detail =
    error instanceof Error
      ? io.env.IAC_COMPARE_DEBUG
        ? (error.stack ?? error.message)
        : error.message
      : String(error);
  return `internal error: ${detail}\n(this is a bug in iac-compare; set IAC_COMPARE_DEBUG=1 for a stack trace)`;
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`iac-compare: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    let values: Record<string, string | boolean | undefined>;
    try {
      const parsed = parseArgs({
        args: [...rest],
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: false,
      });
      values = parsed.values as Record<string, string | boolean | undefined>;
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
    }
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    return await command.run(values, io);
  } catch (error) {
    io.err(`iac-compare ${name}: ${describeFailure(error, io)}\n`);
    return 2;
  }
}
