/**
 * The iac-compare command. Thin: parses flags, runs a command, prints, returns the exit code.
 * Exit codes: 0 success, 1 differences or changes found (or something not covered), 2 bad input
 * or a failed step; `plan` adds 3, a planned change that would fail at deploy. Each command's help says
 * what its codes mean.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPLEMENTATION_IDS, isHarnessError } from '@iac-compare/harness/memo';
import { didYouMean, isSpecError } from '@iac-compare/spec';
import type { runCheck as RunCheck } from './commands/check.js';
import type { runCompare as RunCompare } from './commands/compare.js';
import { EXPORT_KINDS, runExport } from './commands/export.js';
import type { runGuide as RunGuide } from './commands/guide.js';
import type { runPlan as RunPlan } from './commands/plan.js';
import type { runPolicy as RunPolicy } from './commands/policy.js';
import { runSynthCommand } from './commands/synth.js';
import { runValidate } from './commands/validate.js';
import { UsageError } from './errors.js';
import { type Io, processIo } from './io.js';

// Commands that build reports load the harness's pipeline only when they run (start-up: a
// command loads what it needs; see docs/architecture.md, "Start-up").
const runCheck: typeof RunCheck = async (...args) => (await import('./commands/check.js')).runCheck(...args);
const runCompare: typeof RunCompare = async (...args) =>
  (await import('./commands/compare.js')).runCompare(...args);
const runPlan: typeof RunPlan = async (...args) => (await import('./commands/plan.js')).runPlan(...args);
const runGuide: typeof RunGuide = async (...args) => (await import('./commands/guide.js')).runGuide(...args);
const runPolicy: typeof RunPolicy = async (...args) =>
  (await import('./commands/policy.js')).runPolicy(...args);

type Values = Record<string, string | boolean | string[] | undefined>;
type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

interface Command {
  readonly summary: string;
  readonly usage: string;
  /** What the command prints and its exit codes. */
  readonly help: string;
  readonly options: Options;
  /** Positional arguments it takes (export's kind), else none. */
  readonly positionals?: number;
  readonly run: (values: Values, positionals: readonly string[], io: Io) => number | Promise<number>;
}

const SPEC_OPTION =
  '  --spec FILE       the target file (default: $IAC_COMPARE_SPEC, else packages/spec/target.json)';
const ONLY_OPTION = `  --only IDS        implementations to work on, comma-separated or repeated (${IMPLEMENTATION_IDS.join(', ')})`;
const OUT_OPTION =
  '  --out FILE        write to FILE instead of stdout; the format follows its extension (.json, .md, .html, .txt).\n' +
  '                    Refused: a folder, the target file, a file iac-compare did not write. A failed run\n' +
  '                    leaves the previous FILE as it was.';

const WAIVERS_OPTION =
  '  --waivers FILE    policy waivers (YAML or JSON: a `waivers` list of rule, implementation, resource, reason,\n' +
  '                    expires); default: iac-compare-waivers.yaml (or .yml, .json) in the working directory';

/** --only as given once or several times, each comma-separated. */
function only(values: Values): string | undefined {
  const given = values.only;
  if (given === undefined) return undefined;
  return (Array.isArray(given) ? given : [String(given)]).join(',');
}

const str = (value: Values[string]) => (typeof value === 'string' ? value : undefined);

const COMMANDS: Readonly<Record<string, Command>> = {
  compare: {
    summary: 'synthesize what changed, then compare every implementation with the target and each other',
    usage:
      'iac-compare compare [--spec FILE] [--only IDS] [--format table|markdown|json|html] [--out FILE] [--no-cache] [--all-facts]',
    help: [
      SPEC_OPTION,
      ONLY_OPTION,
      '  --format F        table (default), markdown, json (schema: docs/schemas/compare-report.schema.json)',
      '                    or html (one self-contained page with diagrams: report.html)',
      OUT_OPTION,
      '  --no-cache        synthesize and evaluate everything again',
      '  --all-facts       list every fact, warning and machinery resource',
      WAIVERS_OPTION,
      '',
      'The table and Markdown end with the policy section (iac-compare policy --help); it does not change the exit code.',
      'exit codes: 0 every implementation conforms; 1 one does not, or the target is outside an',
      "            implementation's envelope; 2 bad input, or an implementation failed to build, synthesize or be read",
    ].join('\n'),
    options: {
      spec: { type: 'string' },
      only: { type: 'string', multiple: true },
      format: { type: 'string' },
      out: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'all-facts': { type: 'boolean' },
      waivers: { type: 'string' },
    },
    run: (values, _, io) =>
      runCompare(
        {
          spec: str(values.spec),
          only: only(values),
          format: str(values.format),
          out: str(values.out),
          noCache: values['no-cache'] === true,
          allFacts: values['all-facts'] === true,
          waivers: str(values.waivers),
        },
        io,
      ),
  },
  plan: {
    summary: 'what a change does in each tool: create, update, replace, delete, and why',
    usage: [
      'iac-compare plan --baseline DIR|GIT_REF [--spec FILE] [--only IDS] [--format F] [--out FILE]',
      '       iac-compare plan --base GIT_REF [--head GIT_REF] [--spec FILE] [--only IDS] [--format F] [--out FILE]',
      '       iac-compare plan --save-baseline DIR [--spec FILE] [--only IDS]',
    ].join('\n'),
    help: [
      '  --baseline DIR    a folder saved with --save-baseline: the inventories then, against the target now',
      "  --baseline REF    a git commit, branch or tag: that commit's code and target, built in a temporary",
      '                    worktree, against this working tree (so a change of code shows, not only of the target)',
      '  --base REF --head REF   two commits against each other (--head defaults to the working tree)',
      "  --save-baseline DIR     save every implementation's inventory; DIR must be new, empty or a baseline",
      SPEC_OPTION,
      ONLY_OPTION,
      '  --format F        table (default), markdown, json (schema: docs/schemas/plan.schema.json)',
      "                    or html (one self-contained page, each implementation's diagram coloured by action)",
      OUT_OPTION,
      '',
      'exit codes: 0 every implementation was planned and none changes anything; 1 changes, or an',
      '            implementation could not be planned (no baseline, outside its envelope, refused);',
      '            2 bad input or a failed implementation; 3 a planned change would fail at deploy',
    ].join('\n'),
    options: {
      baseline: { type: 'string' },
      base: { type: 'string' },
      head: { type: 'string' },
      'save-baseline': { type: 'string' },
      spec: { type: 'string' },
      only: { type: 'string', multiple: true },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    run: (values, _, io) =>
      runPlan(
        {
          baseline: str(values.baseline),
          base: str(values.base),
          head: str(values.head),
          saveBaseline: str(values['save-baseline']),
          spec: str(values.spec),
          only: only(values),
          format: str(values.format),
          out: str(values.out),
        },
        io,
      ),
  },
  check: {
    summary: 'judge code written anywhere against the target, as compare judges the six',
    usage: [
      'iac-compare check (--terraform DIR [--var-file F]… [--var K=V]…',
      '       | --cloudformation [STACK=]TEMPLATE… [--parameters FILE]… [--parameter K=V]… [--tags FILE]',
      '       | --cdk-out DIR | --cdk-app DIR | --cdktf-out DIR | --pulumi DIR [--stack NAME])',
      '       [--sections LIST] [--spec FILE] [--against IDS] [--format F] [--out FILE] [--timeout SECONDS]',
    ].join('\n'),
    help: [
      '  --terraform DIR            a root module (reads .terraform/modules/modules.json after terraform init);',
      '                             --var-file and --var as terraform plan takes them',
      '  --cloudformation T…        templates (or STACK=TEMPLATE), one stack each, in deployment order;',
      '                             --parameters FILE… (lists of {ParameterKey, ParameterValue}, or objects) and',
      '                             --parameter K=V; a parameter with no value and no default is given at deploy;',
      '                             --tags FILE: stack tags for every stack ([{Key, Value}] or an object)',
      '  --cdk-out DIR              a cloud assembly (cdk synth wrote it)',
      "  --cdk-app DIR              a CDK app: runs cdk.json's app command, offline — this runs your code",
      "  --cdktf-out DIR            cdktf synth's output folder",
      '  --pulumi DIR               a Pulumi program: runs it under mocks, offline — this runs your code',
      '  --sections LIST            judge only these sections of the target: network, cluster, nodeGroups,',
      '                             workloads (comma-separated); without it, a section your code builds',
      '                             nothing of is reported once as not built by this code',
      '  --against IDS              set it beside reference implementations (comma-separated or repeated)',
      '  --timeout SECONDS          the limit for your program (default 300)',
      '  --stack NAME               the Pulumi stack whose Pulumi.<stack>.yaml config to use',
      SPEC_OPTION,
      '  --format F        table (default), markdown, json or html',
      OUT_OPTION,
      WAIVERS_OPTION,
      '',
      'The table and Markdown end with the policy rules run on your code (iac-compare policy --help); they do not change the exit code.',
      'exit codes: 0 your code conforms (and the references, with --against); 1 it does not; 2 bad input,',
      '            code that cannot be read, or a program that throws or runs past its time limit',
    ].join('\n'),
    options: {
      spec: { type: 'string' },
      against: { type: 'string', multiple: true },
      format: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      stack: { type: 'string' },
      sections: { type: 'string' },
      terraform: { type: 'string' },
      'var-file': { type: 'string', multiple: true },
      var: { type: 'string', multiple: true },
      cloudformation: { type: 'string', multiple: true },
      parameters: { type: 'string', multiple: true },
      parameter: { type: 'string', multiple: true },
      tags: { type: 'string' },
      'cdk-out': { type: 'string' },
      'cdk-app': { type: 'string' },
      'cdktf-out': { type: 'string' },
      pulumi: { type: 'string' },
      waivers: { type: 'string' },
    },
    positionals: Number.POSITIVE_INFINITY,
    run: (values, positionals, io) => {
      const list = (value: Values[string]) =>
        Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      return runCheck(
        {
          spec: str(values.spec),
          against: values.against === undefined ? undefined : list(values.against).join(','),
          format: str(values.format),
          out: str(values.out),
          timeout: str(values.timeout),
          stack: str(values.stack),
          sections: str(values.sections),
          terraform: str(values.terraform),
          varFiles: list(values['var-file']),
          vars: list(values.var),
          // --cloudformation a.yaml b.yaml: the templates after the first come as positionals.
          cloudformation:
            values.cloudformation === undefined ? [] : [...list(values.cloudformation), ...positionals],
          parameters: list(values.parameters),
          parameterValues: list(values.parameter),
          tags: str(values.tags),
          cdkOut: str(values['cdk-out']),
          cdkApp: str(values['cdk-app']),
          cdktfOut: str(values['cdktf-out']),
          pulumi: str(values.pulumi),
          waivers: str(values.waivers),
        },
        io,
      );
    },
  },
  policy: {
    summary: 'one rule set over all six: the same verdict in every tool, SARIF for code scanning',
    usage:
      'iac-compare policy [--spec FILE] [--only IDS] [--format table|markdown|json|sarif|html] [--out FILE] [--fail-on SEVERITY]\n' +
      '       [--waivers FILE] [--rules FILE] [--rules-timeout SECONDS] [--as-of YYYY-MM-DD] [--no-cache]',
    help: [
      SPEC_OPTION,
      ONLY_OPTION,
      '  --format F        table (default), markdown, json, sarif (SARIF 2.1.0: one run per implementation) or html',
      OUT_OPTION.replace('(.json, .md, .html, .txt)', '(.json, .md, .html, .txt, .sarif)'),
      '  --fail-on S       exit 1 when an unwaived finding at or above S remains: critical, high, medium, low (default)',
      WAIVERS_OPTION,
      '  --rules FILE      your own rules (a TypeScript or JavaScript module exporting `rules`, same shape as the',
      '                    built-in ones); run in a child process — this runs your code — for at most',
      '                    --rules-timeout SECONDS (default 60)',
      '  --as-of DATE      judge dates (EKS support calendar, waiver expiry) on this day instead of today',
      '  --no-cache        synthesize and evaluate everything again',
      '',
      'Rules, their equivalents in Checkov, Trivy, KICS and cdk-nag, and each fix: docs/policy.md.',
      'exit codes: 0 no unwaived finding at or above --fail-on; 1 one remains; 2 bad input (a waivers file that',
      '            is not a waivers list, rules that do not load), or an implementation failed',
    ].join('\n'),
    options: {
      spec: { type: 'string' },
      only: { type: 'string', multiple: true },
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      waivers: { type: 'string' },
      rules: { type: 'string' },
      'rules-timeout': { type: 'string' },
      'as-of': { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
    run: (values, _, io) =>
      runPolicy(
        {
          spec: str(values.spec),
          only: only(values),
          format: str(values.format),
          out: str(values.out),
          failOn: str(values['fail-on']),
          waivers: str(values.waivers),
          rules: str(values.rules),
          rulesTimeout: str(values['rules-timeout']),
          asOf: str(values['as-of']),
          noCache: values['no-cache'] === true,
        },
        io,
      ),
  },
  guide: {
    summary: 'write the tool-selection guide (docs/choosing-a-tool.md) from measured data, with its charts',
    usage: 'iac-compare guide --out FILE [--spec FILE] [--bench FILE] [--as-of YYYY-MM-DD] [--no-cache]',
    help: [
      '  --out FILE        the guide (Markdown); its SVG charts go to a folder beside it named after it',
      SPEC_OPTION,
      '  --bench FILE      synth medians from a benchmark run (bench/results.json); without it the guide says',
      '                    "not measured" (one compare run\'s synth times change from run to run)',
      '  --as-of DATE      judge dates (EKS support calendar, waiver expiry) on this day instead of today',
      '  --no-cache        synthesize and evaluate everything again',
      '',
      'Lines of code, resources, tool machinery, who waits, replacement order and workloads come from one',
      'compare run over all six; policy verdicts from the same rules as iac-compare policy, with the',
      "repository's iac-compare-waivers.yaml; npm packages per tool from package-lock.json.",
      'exit codes: 0 written; 2 bad input or a failed implementation (nothing written)',
    ].join('\n'),
    options: {
      out: { type: 'string' },
      spec: { type: 'string' },
      bench: { type: 'string' },
      'as-of': { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
    run: (values, _, io) =>
      runGuide(
        {
          out: str(values.out),
          spec: str(values.spec),
          bench: str(values.bench),
          asOf: str(values['as-of']),
          noCache: values['no-cache'] === true,
        },
        io,
      ),
  },
  synth: {
    summary: 'synthesize the implementations side by side (unchanged ones are cached)',
    usage: 'iac-compare synth [--spec FILE] [--only IDS] [--force]',
    help: [
      SPEC_OPTION,
      ONLY_OPTION,
      '  --force           synthesize even what is unchanged',
      '',
      "Each artifact goes to its package's out/ folder, never into a folder you deploy from.",
      'exit codes: 0 all synthesized; 2 bad input or a failed implementation',
    ].join('\n'),
    options: {
      spec: { type: 'string' },
      only: { type: 'string', multiple: true },
      force: { type: 'boolean' },
    },
    run: (values, _, io) =>
      runSynthCommand({ spec: str(values.spec), only: only(values), force: values.force === true }, io),
  },
  export: {
    summary: 'write the target in the form a tool deploys with',
    usage: [
      'iac-compare export tfvars --out FILE.tfvars|FILE.tfvars.json [--spec FILE]',
      '       iac-compare export cloudformation-parameters --out DIR [--spec FILE]',
      '       iac-compare export kubernetes --out DIR [--spec FILE]',
    ].join('\n'),
    help: [
      "  tfvars                     the root module's variables, for terraform plan/apply in infra-terraform/",
      '  cloudformation-parameters  the parameter and tag files of both stacks, for aws cloudformation create-stack',
      '  kubernetes                 the workloads as plain manifests and Helm values files, for kubectl apply -f DIR/',
      SPEC_OPTION,
      '  --out                      where; an existing file or folder is replaced only if iac-compare wrote it',
      '',
      'exit codes: 0 written; 2 bad input or a refused --out',
    ].join('\n'),
    options: { spec: { type: 'string' }, out: { type: 'string' } },
    positionals: 1,
    run: (values, positionals, io) =>
      runExport({ kind: positionals[0], spec: str(values.spec), out: str(values.out) }, io),
  },
  watch: {
    summary: 'answer again after every edit of the target or an implementation: compare (default) or plan',
    usage:
      'iac-compare watch [compare|plan] [--spec FILE] [--only IDS] [--baseline DIR|GIT_REF] [--format F] [--no-clear]',
    help: [
      '  compare           the comparison after every edit (default)',
      '  plan              what the edits do in each tool, against --baseline, else against the first answer',
      SPEC_OPTION,
      ONLY_OPTION,
      '  --baseline DIR|GIT_REF  with plan: a saved baseline folder or a git ref, as plan --baseline takes them',
      '  --format F        table (default), markdown, or json: one JSON object per answer and line',
      '  --all-facts       list every fact in the table, not only the groups',
      '  --no-clear        keep the earlier answers on the terminal',
      '  --debounce MS     wait for this long without an edit before answering (default 60)',
      '  --timeout SECONDS the limit for one synth (default 300)',
      '',
      'Each answer names the inputs it reflects (the target and each package, by content digest) and opens',
      'with what changed since the previous one. An answer out of date before it is printed is not printed.',
      "An edit that does not parse or compile fails its own column; an edit of iac-compare's own code",
      'restarts the watch on its new build.',
      'exit codes: 0 stopped with Ctrl-C; 2 bad input',
    ].join('\n'),
    options: {
      spec: { type: 'string' },
      only: { type: 'string', multiple: true },
      baseline: { type: 'string' },
      format: { type: 'string' },
      'all-facts': { type: 'boolean' },
      'no-clear': { type: 'boolean' },
      debounce: { type: 'string' },
      timeout: { type: 'string' },
    },
    positionals: 1,
    run: async (values, positionals, io) => {
      const { runWatch } = await import('./watch/command.js');
      return runWatch(
        {
          mode: positionals[0],
          spec: str(values.spec),
          only: only(values),
          baseline: str(values.baseline),
          format: str(values.format),
          allFacts: values['all-facts'] === true,
          clear: values['no-clear'] !== true,
          debounce: str(values.debounce),
          timeout: str(values.timeout),
        },
        io,
      );
    },
  },
  validate: {
    summary: 'check a target file; print the resolved infrastructure with --resolved',
    usage: 'iac-compare validate [--spec FILE] [--resolved]',
    help: [
      SPEC_OPTION,
      '  --resolved        print the explicit infrastructure the target describes',
      '',
      'exit codes: 0 valid; 2 invalid',
    ].join('\n'),
    options: { spec: { type: 'string' }, resolved: { type: 'boolean' } },
    run: (values, _, io) => runValidate({ spec: str(values.spec), resolved: values.resolved === true }, io),
  },
};

const NAMES = Object.keys(COMMANDS);

function usage(): string {
  const width = Math.max(...NAMES.map((name) => name.length));
  return [
    'usage: iac-compare <command> [options]',
    '',
    'commands:',
    ...NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`),
    '',
    `implementations: ${IMPLEMENTATION_IDS.join(', ')}`,
    '',
    "iac-compare <command> --help   the command's options and exit codes",
    'iac-compare --version          the version',
    '',
  ].join('\n');
}

function commandHelp(name: string): string {
  const command = COMMANDS[name]!;
  return `usage: ${command.usage}\n\n${command.summary}\n\n${command.help}\n`;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `iac-compare ${manifest.version} (node ${process.version})\n`;
}

/** parseArgs's message, made into the one thing that is wrong, with a suggestion. */
function usageProblem(error: Error, name: string, command: Command): UsageError {
  const flags = Object.keys(command.options ?? {}).map((flag) => `--${flag}`);
  const unknown = /Unknown option '(--?[^']+)'/.exec(error.message)?.[1];
  if (unknown) {
    const bare = unknown.split('=')[0]!;
    return new UsageError(`unknown option ${bare}${didYouMean(bare, flags)}; see iac-compare ${name} --help`);
  }
  const missing = /Option '(--[^ ']+)[^']*' argument missing/.exec(error.message)?.[1];
  if (missing) return new UsageError(`${missing} needs a value; see iac-compare ${name} --help`);
  const positional = /Unexpected argument '([^']+)'/.exec(error.message)?.[1];
  if (positional)
    return new UsageError(`unexpected argument "${positional}"; see iac-compare ${name} --help`);
  return new UsageError(`${error.message.split('\n')[0]}; see iac-compare ${name} --help`);
}

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
  if (name === undefined) {
    io.err(usage());
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    const topic = rest[0];
    io.out(topic && COMMANDS[topic] ? commandHelp(topic) : usage());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(version());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(
      `iac-compare: unknown command "${name}"${didYouMean(name, NAMES)}; the commands are ${NAMES.join(', ')} (iac-compare --help)\n`,
    );
    return 2;
  }
  try {
    let values: Values;
    let positionals: string[];
    try {
      const parsed = parseArgs({
        args: [...rest],
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: (command.positionals ?? 0) > 0,
      });
      values = parsed.values as Values;
      positionals = parsed.positionals;
    } catch (error) {
      throw usageProblem(error as Error, name, command);
    }
    if (values.help) {
      io.out(commandHelp(name));
      return 0;
    }
    if (name === 'check' && positionals.length > 0 && values.cloudformation === undefined) {
      throw new UsageError(`unexpected argument "${positionals[0]}"; see iac-compare check --help`);
    }
    if (positionals.length > (command.positionals ?? 0)) {
      throw new UsageError(`unexpected argument "${positionals.at(-1)}"; see iac-compare ${name} --help`);
    }
    if (
      name === 'export' &&
      positionals[0] &&
      !(EXPORT_KINDS as readonly string[]).includes(positionals[0])
    ) {
      throw new UsageError(
        `cannot export "${positionals[0]}"${didYouMean(positionals[0], EXPORT_KINDS)}; export ${EXPORT_KINDS.join(' or ')}`,
      );
    }
    return await command.run(values, positionals, io);
  } catch (error) {
    io.err(`iac-compare ${name}: ${describeFailure(error, io)}\n`);
    return 2;
  }
}
