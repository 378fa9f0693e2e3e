/**
 * `npm run bench [-- --quick]`: the main job measured side by side with the tools' own CLIs.
 * Every figure is the median of RUNS runs after a warm-up, with min and max; a figure and its
 * reference are measured alternately in the same run, so their ratio holds on a noisy machine.
 * Prints a table and writes bench/results.json (schema: bench/README.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareInfrastructure,
  type Inventory,
  observe,
  readCdktfOutput,
  readStackPlan,
} from '@iac-compare/harness';
import { loadTarget, resolveTarget } from '@iac-compare/spec';
import { runProcess } from './process.js';
import { type Figure, RESULTS_SCHEMA_VERSION, renderTable } from './results.js';
import { writeCloudFormationStack, writeTerraformJsonStack, writeTerraformModuleTree } from './scaling.js';
import { ratio, type Summary, summarize } from './stats.js';
import { watchFigures } from './watch.js';

const QUICK = process.argv.includes('--quick');
/**
 * `--figures one-shot,watch,harness`: the groups to measure (default all). one-shot: the four
 * figures of issues 13 and 23 (cold, warm, edit loop, spec edit then plan; plan --baseline HEAD;
 * the synths against the tools' CLIs; peak memory); watch: the watch figures; harness: scaling
 * and the Terraform evaluator.
 */
const GROUPS = (() => {
  const at = process.argv.indexOf('--figures');
  const given = at >= 0 ? process.argv[at + 1] : undefined;
  return new Set((given ?? 'one-shot,watch,harness').split(','));
})();
const RUNS = QUICK ? 1 : 5;
const MEMORY_RUNS = QUICK ? 1 : 3;
const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = join(BENCH_DIR, '..');
const CLI = join(REPO, 'packages', 'cli', 'bin', 'iac-compare.js');
const TMP = mkdtempSync(join(tmpdir(), 'iac-compare-bench-'));
const NODE = process.execPath;

const figures: Figure[] = [];
const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function time(command: string, args: string[], cwd = REPO, env?: NodeJS.ProcessEnv): Promise<number> {
  return (await runProcess(command, args, { cwd, ...(env ? { env } : {}) })).ms;
}

/** Warm-up once each, then RUNS alternating rounds; one sample list per task. */
async function alternate(label: string, tasks: readonly (() => Promise<number>)[]): Promise<Summary[]> {
  log(`${label}: warm-up`);
  for (const task of tasks) await task();
  const samples = tasks.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) {
    log(`${label}: run ${run + 1}/${RUNS}`);
    for (const [index, task] of tasks.entries()) samples[index]!.push(await task());
  }
  return samples.map(summarize);
}

const cdkSynth = (variant: 'l2' | 'l1') => () =>
  time(
    'npx',
    [
      'cdk',
      'synth',
      '--quiet',
      '--no-notices',
      '-c',
      `variant=${variant}`,
      '-o',
      join(TMP, `cdk-cli-${variant}`),
    ],
    join(REPO, 'packages', 'cdk'),
  );
const ownSynth = (packageDir: string) => () =>
  time(NODE, [
    join(REPO, packageDir, 'dist', 'bin', 'synth.js'),
    '--out',
    join(TMP, packageDir.replace(/\//g, '_')),
  ]);

/** Stage timings (IAC_COMPARE_TIMINGS) of each figure's runs, by figure id, then stage. */
const stagesByFigure = new Map<string, Map<string, number[]>>();

/** Runs the command with IAC_COMPARE_TIMINGS and keeps its stages under `figure`. */
async function withStages(figure: string, args: string[]): Promise<number> {
  const file = join(TMP, 'timings.json');
  rmSync(file, { force: true });
  const ms = await time(NODE, [CLI, ...args], REPO, { IAC_COMPARE_TIMINGS: file });
  const samples = stagesByFigure.get(figure) ?? new Map<string, number[]>();
  stagesByFigure.set(figure, samples);
  try {
    for (const [stage, value] of Object.entries(
      JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>,
    )) {
      samples.set(stage, [...(samples.get(stage) ?? []), value]);
    }
  } catch {
    // this command wrote no stages
  }
  return ms;
}

/** The stages of `figure`, as figures of their own (after the warm-up, so RUNS samples each). */
function pushStages(id: string, title: string): void {
  for (const [stage, samples] of stagesByFigure.get(id) ?? []) {
    figures.push({
      id: `${id}-stage-${stage}`,
      title: `${title}, stage: ${stage}`,
      unit: 'ms',
      subject: summarize(samples.slice(-RUNS)),
      note: STAGE_NOTES[stage] ?? '',
    });
  }
}

const coldCompareWithStages = () =>
  withStages('cold-compare', [
    'compare',
    '--no-cache',
    '--format',
    'json',
    '--out',
    join(TMP, 'report.json'),
  ]);

async function coldCompare(): Promise<Summary> {
  const [cdk, cold] = await alternate('cold compare vs npx cdk synth', [
    cdkSynth('l2'),
    coldCompareWithStages,
  ]);
  figures.push({
    id: 'cold-compare',
    title: 'Cold compare (six implementations, every cache off)',
    unit: 'ms',
    subject: cold!,
    reference: { label: 'npx cdk synth (CDK L2 app)', summary: cdk! },
    ratio: ratio(cold!, cdk!),
    ratioLabel: 'cold / cdk synth',
    target: { text: '≤ 0.5 × cdk synth', met: ratio(cold!, cdk!) <= 0.5 },
  });
  // Each stage of the cold compare, summed over the six (stages of different implementations
  // overlap in time: these are work, not slices of the wall time).
  pushStages('cold-compare', 'Cold compare');
  return cold!;
}

const STAGE_NOTES: Readonly<Record<string, string>> = {
  'synth-and-read': 'wall time from the first synth to the last artifact read and validated',
  evaluate: 'artifacts → inventories, summed over the six',
  validate: "AWS's validator and the derived checks, summed over the six (includes waiting for its worker)",
  observe: 'inventories → observed infrastructure, ledger',
  compare: 'facts against the target',
  'resource-diff': 'every property of every item across the six',
  report: 'observe + compare + resource diff + report model, or the report memo when nothing changed',
  read: 'implementations read from their inventory cache (not needed when the report memo answers)',
  render: 'the JSON text',
  plan: 'baseline against current, every implementation',
};

async function warmCompare(cold: Summary): Promise<void> {
  const [warm] = await alternate('warm compare', [
    () => withStages('warm-compare', ['compare', '--format', 'json', '--out', join(TMP, 'report.json')]),
  ]);
  const r = ratio(warm!, cold);
  figures.push({
    id: 'warm-compare',
    title: 'Warm compare (nothing changed)',
    unit: 'ms',
    subject: warm!,
    reference: { label: 'cold compare (above)', summary: cold },
    ratio: r,
    ratioLabel: 'warm / cold',
    target: { text: '≤ 300 ms', met: warm!.median <= 300 },
  });
  pushStages('warm-compare', 'Warm compare');
}

async function incrementalCompare(): Promise<void> {
  const file = join(REPO, 'packages', 'cdktf', 'src', 'network.ts');
  const original = readFileSync(file, 'utf8');
  let touch = 0;
  const restore = () => writeFileSync(file, original);
  process.once('SIGINT', () => {
    restore();
    process.exit(130);
  });
  try {
    const touched = async () => {
      writeFileSync(file, `${original}\n// bench: touched ${++touch}\n`);
      return withStages('incremental-compare', [
        'compare',
        '--format',
        'json',
        '--out',
        join(TMP, 'report.json'),
      ]);
    };
    const [incremental, synth] = await alternate('edit loop (cdktf TypeScript changed)', [
      touched,
      ownSynth('packages/cdktf'),
    ]);
    const r = ratio(incremental!, synth!);
    figures.push({
      id: 'incremental-compare',
      title: 'Edit loop: cdktf TypeScript changed, then compare (its build included)',
      unit: 'ms',
      subject: incremental!,
      reference: { label: "cdktf's own synth (in process)", summary: synth! },
      ratio: r,
      ratioLabel: 'edit loop / cdktf synth',
      target: { text: '≤ 1.5 × cdktf synth', met: r <= 1.5 },
    });
    pushStages('incremental-compare', 'Edit loop');
  } finally {
    restore();
  }
}

async function implementationSynths(cdkL2Cli: Summary): Promise<void> {
  const [cdk, cdkL1Cli] = await alternate('cdk synth (in process vs CLI)', [
    ownSynth('packages/cdk'),
    cdkSynth('l1'),
  ]);
  figures.push({
    id: 'synth-cdk',
    title: 'Synth: cdk-l2 + cdk-l1 (one process)',
    unit: 'ms',
    subject: cdk!,
    reference: {
      label: 'npx cdk synth, L2 + L1 (medians added)',
      summary: summarize([cdkL2Cli.median + cdkL1Cli!.median]),
    },
    ratio: Math.round((cdk!.median / (cdkL2Cli.median + cdkL1Cli!.median)) * 100) / 100,
    ratioLabel: 'in process / CLI',
    note: 'aws-cdk-lib validates templates in cdk synth (cdk.json); the synth script does not',
  });
  const [cdktf, cdktfCli] = await alternate('cdktf synth (in process vs CLI)', [
    ownSynth('packages/cdktf'),
    () =>
      time('npx', ['cdktf', 'synth', '--output', join(TMP, 'cdktf-cli')], join(REPO, 'packages', 'cdktf'), {
        CHECKPOINT_DISABLE: '1',
        CI: 'true',
      }),
  ]);
  figures.push({
    id: 'synth-cdktf',
    title: 'Synth: cdktf',
    unit: 'ms',
    subject: cdktf!,
    reference: { label: 'npx cdktf synth', summary: cdktfCli! },
    ratio: ratio(cdktf!, cdktfCli!),
    ratioLabel: 'in process / CLI',
  });
  const noCli: Record<string, string> = {
    'packages/cloudformation': 'the templates are the artifact (aws cloudformation needs AWS)',
    'infra-terraform': 'terraform plan needs the AWS provider, which cannot be downloaded here',
    'packages/pulumi': 'pulumi preview needs the Pulumi engine and plugins, not installed here',
  };
  for (const [packageDir, why] of Object.entries(noCli)) {
    const [synth] = await alternate(`${packageDir} synth`, [ownSynth(packageDir)]);
    figures.push({
      id: `synth-${packageDir.split('/').at(-1)}`,
      title: `Synth: ${packageDir.split('/').at(-1)}`,
      unit: 'ms',
      subject: synth!,
      note: `own CLI not measured: ${why}`,
    });
  }
}

async function harnessScaling(): Promise<void> {
  const spec = loadTarget();
  const expected = resolveTarget(spec);
  const placement = { region: spec.region, account: spec.account };
  const kinds = {
    cloudformation: {
      write: (dir: string, n: number) => writeCloudFormationStack(dir, n, spec.region, spec.account),
      read: async (dir: string): Promise<Inventory> => readStackPlan(dir, 'scaling'),
    },
    terraform: {
      write: (dir: string, n: number) => writeTerraformJsonStack(dir, n, spec.region),
      read: (dir: string) => readCdktfOutput(dir, 'scaling', placement),
    },
  };
  for (const [name, kind] of Object.entries(kinds)) {
    const summaries: Summary[] = [];
    for (const n of [1000, 10_000]) {
      const dir = join(TMP, `scaling-${name}-${n}`);
      kind.write(dir, n);
      const once = async () => {
        const started = performance.now();
        const inventory = await kind.read(dir);
        // The generated resources; tool machinery (Terraform's provider configuration) aside.
        const core = inventory.resources.filter((resource) => resource.role === 'core').length;
        if (core !== n) throw new Error(`${name}: read ${core} of ${n}`);
        compareInfrastructure(expected, [{ id: 'scaling', observed: observe(inventory) }]);
        return performance.now() - started;
      };
      const [summary] = await alternate(`harness on ${n} ${name} resources`, [once]);
      summaries.push(summary!);
    }
    const [small, large] = summaries as [Summary, Summary];
    figures.push({
      id: `scaling-${name}`,
      title: `Harness on 10,000 resources (${name === 'cloudformation' ? 'CloudFormation template' : 'Terraform JSON'})`,
      unit: 'ms',
      subject: large,
      reference: { label: '1,000 resources', summary: small },
      ratio: ratio(large, small),
      ratioLabel: '10k / 1k',
      target: { text: '≤ 1 s, 10k / 1k ≤ 12', met: large.median <= 1000 && ratio(large, small) <= 12 },
    });
  }
}

async function terraformEvaluator(): Promise<void> {
  const script = join(BENCH_DIR, 'dist', 'terraform-evaluator.js');
  const evaluate = (dir: string) => async () => {
    const output = execFileSync(NODE, [script, dir], { encoding: 'utf8' });
    return (JSON.parse(output) as { ms: number }).ms;
  };
  const tree = join(TMP, 'module-tree');
  writeTerraformModuleTree(tree, 100);
  const [first, hundred] = await alternate('terraform evaluator', [
    evaluate(join(REPO, 'infra-terraform', 'out')),
    evaluate(tree),
  ]);
  figures.push({
    id: 'terraform-evaluator',
    title:
      'Terraform evaluator, first evaluation of infra-terraform (fresh process, our native-syntax parser)',
    unit: 'ms',
    subject: first!,
    target: { text: '≤ 300 ms', met: first!.median <= 300 },
    note: 'hcl2json (Go HCL in WebAssembly) took 703 ms here on 2026-11-28',
  });
  figures.push({
    id: 'terraform-module-tree',
    title: 'Terraform evaluator, a 100-file module tree (fresh process)',
    unit: 'ms',
    subject: hundred!,
    target: { text: '≤ 1 s', met: hundred!.median <= 1000 },
  });
}

/** A spec edit, then plan for all six against a saved baseline; and plan --baseline HEAD. */
async function plans(cdk: Summary): Promise<void> {
  const baseline = join(TMP, 'baseline');
  await time(NODE, [CLI, 'plan', '--save-baseline', baseline]);
  const target = JSON.parse(readFileSync(join(REPO, 'packages', 'spec', 'target.json'), 'utf8'));
  let edit = 0;
  const specEditPlan = () => {
    // A different edit each run, so every implementation synthesizes again.
    const file = join(TMP, `target-${++edit}.json`);
    writeFileSync(file, JSON.stringify({ ...target, tags: { ...target.tags, revision: String(edit) } }));
    return withStages('plan-spec-edit', [
      'plan',
      '--baseline',
      baseline,
      '--spec',
      file,
      '--format',
      'json',
      '--out',
      join(TMP, 'plan.json'),
    ]);
  };
  const [plan] = await alternate('spec edit, then plan for all six', [specEditPlan]);
  figures.push({
    id: 'plan-spec-edit',
    title: 'Spec edit, then plan for all six (against a saved baseline)',
    unit: 'ms',
    subject: plan!,
    reference: { label: 'npx cdk synth (CDK L2 app)', summary: cdk },
    ratio: ratio(plan!, cdk),
    ratioLabel: 'plan / cdk synth',
    target: { text: '≤ 0.5 × cdk synth', met: ratio(plan!, cdk) <= 0.5 },
  });
  pushStages('plan-spec-edit', 'Spec edit, then plan');
  const headPlan = () =>
    time(NODE, [CLI, 'plan', '--baseline', 'HEAD', '--format', 'json', '--out', join(TMP, 'head.json')]);
  const cache = join(REPO, '.iac-compare', 'cache', 'git-baselines');
  rmSync(cache, { recursive: true, force: true });
  log('plan --baseline HEAD, first (worktree, build, synth): 1 run');
  const first = summarize([await headPlan()]);
  const [again] = await alternate('plan --baseline HEAD, again (cached by commit)', [headPlan]);
  figures.push({
    id: 'plan-head',
    title: 'plan --baseline HEAD, first run (worktree, its build and synth of all six)',
    unit: 'ms',
    subject: first,
    note: 'one run: the commit is then cached',
  });
  figures.push({
    id: 'plan-head-cached',
    title: 'plan --baseline HEAD again (the commit’s inventories cached)',
    unit: 'ms',
    subject: again!,
    reference: { label: 'first run', summary: first },
    ratio: ratio(again!, first),
    ratioLabel: 'again / first',
  });
}

async function peakMemory(): Promise<void> {
  const peaks: number[] = [];
  for (let run = 0; run < MEMORY_RUNS; run++) {
    log(`peak memory of a cold compare: run ${run + 1}/${MEMORY_RUNS}`);
    const result = await runProcess(
      NODE,
      [CLI, 'compare', '--no-cache', '--format', 'json', '--out', join(TMP, 'r.json')],
      {
        cwd: REPO,
        sampleMemory: true,
      },
    );
    peaks.push(result.peakMiB!);
  }
  const summary = summarize(peaks);
  figures.push({
    id: 'peak-memory',
    title: 'Peak memory of a cold compare (the process and its synth processes, summed)',
    unit: 'MiB',
    subject: summary,
    target: { text: '≤ 1 GiB', met: summary.max <= 1024 },
  });
}

async function main(): Promise<void> {
  log(`${QUICK ? 'quick run' : 'full run'}: ${RUNS} runs per figure after a warm-up`);
  try {
    if (GROUPS.has('one-shot')) {
      const cold = await coldCompare();
      await warmCompare(cold);
      await incrementalCompare();
      await implementationSynths(figures.find((figure) => figure.id === 'cold-compare')!.reference!.summary);
      await plans(figures.find((figure) => figure.id === 'cold-compare')!.reference!.summary);
    }
    if (GROUPS.has('watch')) {
      figures.push(
        ...(await watchFigures({
          repo: REPO,
          cli: CLI,
          tmp: TMP,
          runs: RUNS,
          log,
          references: { cdkSynth: cdkSynth('l2'), cdktfSynth: ownSynth('packages/cdktf') },
        })),
      );
    }
    if (GROUPS.has('harness')) {
      await harnessScaling();
      await terraformEvaluator();
    }
    if (GROUPS.has('one-shot')) await peakMemory();
  } finally {
    rmSync(TMP, { recursive: true, force: true });
  }
  const results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    date: new Date().toISOString(),
    quick: QUICK,
    runs: RUNS,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    figures,
  };
  writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderTable(figures));
  log('wrote bench/results.json');
}

await main();
