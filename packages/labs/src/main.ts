/**
 * `iac-labs`: the workshop's command.
 *
 *   iac-labs run [--lab N]… [--update] [--keep]   every lab's commands, checked (npm run labs)
 *   iac-labs list [--lab N]…                      the labs, their steps, and what is not run here
 *   iac-labs set FILE PATH=VALUE…                 edit a JSON file (the labs' way to change the target)
 *   iac-labs tree ASSEMBLY [--depth N]            a CDK app's construct tree with each construct's level (lab 3)
 *   iac-labs plant --tool T --out DIR [--pick N]  a copy of one implementation with a planted mistake (lab 7)
 *
 * Exit codes: 0 every step passed; 1 a step failed, an excerpt or shown code no longer matches,
 * or a cleanup left something; 2 a lab that cannot be read (file:line first) or bad usage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LabError } from './errors.js';
import { gatherWorkshop, notRunBlocks } from './gather.js';
import { plantCommand } from './plant.js';
import { findRepoRoot } from './repo.js';
import { applyEdits } from './rewrite.js';
import { describeNotRun, formatDuration, learnerEnvironment, runWorkshop } from './run.js';
import { setJsonValues } from './set-json.js';
import { treeCommand } from './tree.js';

const USAGE = `usage: iac-labs run [--lab N]… [--update] [--keep]
       iac-labs list [--lab N]…
       iac-labs set FILE PATH=VALUE…
       iac-labs tree ASSEMBLY_DIR [--depth N]
       iac-labs plant --tool infra-terraform|cloudformation --out DIR [--pick N] | --reveal DIR

  run        run every lab's bash blocks in order, in a scratch copy of this repository, and check
             each step: its exit code, the output the lab shows (an excerpt: "…" skips lines),
             its hooks, and that the lab's cleanup leaves the repository as it found it
  --lab N    only lab N and its solutions (repeat, or N,M)
  --update   rewrite the excerpts and the code shown from files with what the run saw
  --keep     keep the scratch copy (its path is printed)
  list       the labs and the blocks not run here, with their reasons, without running anything
  set        set values in a JSON file: PATH is dotted (network.natGateways, nodeGroups.0.instanceTypes),
             VALUE is JSON when it parses as JSON, else a string
  tree       a CDK cloud assembly's construct tree: each construct's level (L1, L2, L3)
  plant      copy one implementation's code to DIR with a mistake from the mutation suite planted in
             it; --pick chooses which (a facilitator gives each group its own); --reveal DIR names it

exit codes: 0 every step passed; 1 a step failed or a lab no longer matches what the tools print;
            2 a lab that cannot be read, or bad usage`;

function labNumbers(values: readonly string[]): number[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => {
      const number = Number(value.trim());
      if (value.trim() === '' || !Number.isInteger(number) || number < 0) {
        throw new LabError('LAB_USAGE', `--lab takes a lab number (0, 1 … 10), not "${value}"`);
      }
      return number;
    });
}

function checkSelection(repoRoot: string, labs: readonly number[]): void {
  const known = new Set(gatherWorkshop(repoRoot).sections.map((section) => section.lab));
  const unknown = labs.filter((lab) => !known.has(lab));
  if (unknown.length > 0) {
    throw new LabError(
      'LAB_USAGE',
      `no lab ${unknown.join(', ')} in docs/workshop (there are: ${[...known].sort((a, b) => a - b).join(', ')})`,
    );
  }
}

/**
 * The labs begin where a learner begins after `npm ci && npm run build`: every package built from
 * its current sources. What is stale by its build stamp (scripts/build-stamp.mjs) is built in the
 * checkout, dependencies first; the scratch copy then takes the dist/ folders with their stamps.
 * (Not `turbo run build`: turbo restores a dist/ from its cache when the package's own inputs are
 * unchanged, though its stamp also covers the lockfile and the shared tsconfig.)
 */
async function buildCheckout(repoRoot: string, out: (line: string) => void): Promise<void> {
  const started = Date.now();
  const stamps = (await import(
    pathToFileURL(join(repoRoot, 'scripts', 'build-stamp.mjs')).href
  )) as BuildStamps;
  const built: string[] = [];
  for (const folder of workspaceFoldersInBuildOrder(repoRoot)) {
    const packageDir = join(repoRoot, folder);
    if (!existsSync(join(packageDir, 'src')) || !stamps.staleness(packageDir, repoRoot)) continue;
    const failure = stamps.buildPackage(packageDir, repoRoot);
    if (failure)
      throw new LabError('LAB_SCRATCH', `${folder} does not compile, so no lab can run: ${failure}`);
    built.push(folder);
  }
  out(
    built.length === 0
      ? 'iac-labs: every package of the checkout is built from its sources'
      : `iac-labs: built ${built.join(', ')} in ${formatDuration(Date.now() - started)}`,
  );
}

interface BuildStamps {
  staleness(packageDir: string, repoRoot: string): string | undefined;
  buildPackage(packageDir: string, repoRoot: string): string | undefined;
}

/** The workspace packages' folders, each after the workspace packages it depends on. */
function workspaceFoldersInBuildOrder(repoRoot: string): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces?: string[];
  };
  const folders = (manifest.workspaces ?? []).flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(repoRoot, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
      : [pattern],
  );
  const byName = new Map<string, { folder: string; needs: string[] }>();
  for (const folder of folders) {
    const path = join(repoRoot, folder, 'package.json');
    if (!existsSync(path)) continue;
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const needs = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) =>
      name.startsWith('@iac-compare/'),
    );
    byName.set(pkg.name, { folder, needs });
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (name: string, depth: number) => {
    const entry = byName.get(name);
    if (!entry || placed.has(name) || depth > byName.size) return;
    for (const need of entry.needs) place(need, depth + 1);
    placed.add(name);
    ordered.push(entry.folder);
  };
  for (const name of [...byName.keys()].sort()) place(name, 0);
  return ordered;
}

async function run(args: readonly string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      lab: { type: 'string', multiple: true, default: [] },
      update: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const repoRoot = findRepoRoot();
  const labs = labNumbers(values.lab ?? []);
  checkSelection(repoRoot, labs);
  await buildCheckout(repoRoot, out);
  const outcome = await runWorkshop({
    checkout: repoRoot,
    labs,
    update: values.update ?? false,
    keep: values.keep ?? false,
    env: learnerEnvironment(process.env),
    print: out,
  });
  out('');
  for (const line of describeNotRun(outcome.notRun)) out(line);
  out('');
  if (values.update) {
    const changed = applyEdits(repoRoot, outcome.edits);
    out(
      changed.length === 0
        ? 'iac-labs --update: every excerpt and every code block already matched'
        : `iac-labs --update: rewrote ${outcome.edits.length} excerpt${outcome.edits.length === 1 ? '' : 's'} or code blocks in ${changed.join(', ')} (review the diff)`,
    );
  }
  if (outcome.scratchRoot) out(`iac-labs: the scratch copy is kept at ${outcome.scratchRoot}`);
  const failedSections = outcome.sections.filter((section) => !section.passed);
  const steps = outcome.sections.flatMap((section) => section.steps);
  const passedSteps = steps.filter((step) => step.status === 'passed').length;
  const summary = failedSections.length
    ? `✗ ${failedSections.length} of ${outcome.sections.length} sections failed (${failedSections
        .map((section) => `${section.section.kind === 'lab' ? 'lab' : 'solutions'} ${section.section.lab}`)
        .join(', ')})`
    : `✓ ${outcome.sections.length} of ${outcome.sections.length} sections passed`;
  const includes = outcome.includeProblems.length
    ? `; ${outcome.includeProblems.length} code block${outcome.includeProblems.length === 1 ? '' : 's'} no longer match their files`
    : '';
  out(
    `${summary}${includes}: ${passedSteps} of ${steps.length} steps passed, ${outcome.notRun.length} blocks not run here, in ${formatDuration(outcome.durationMs)}`,
  );
  return outcome.passed ? 0 : 1;
}

function list(args: readonly string[], out: (line: string) => void): number {
  const { values } = parseArgs({
    args: [...args],
    options: { lab: { type: 'string', multiple: true, default: [] } },
    strict: true,
  });
  const repoRoot = findRepoRoot();
  const labs = labNumbers(values.lab ?? []);
  checkSelection(repoRoot, labs);
  const workshop = gatherWorkshop(repoRoot);
  const sections = workshop.sections.filter((section) => labs.length === 0 || labs.includes(section.lab));
  for (const section of sections) {
    const steps = section.blocks.reduce((count, block) => count + block.steps.length, 0);
    const shown = section.blocks.filter((block) => block.annotations.file).length;
    out(
      `${section.kind === 'lab' ? 'lab' : 'solutions to lab'} ${section.lab} · ${section.title} · ${section.path}: ${steps} steps${shown ? `, ${shown} code blocks from files` : ''}`,
    );
  }
  out('');
  for (const line of describeNotRun(notRunBlocks({ ...workshop, sections }))) out(line);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await run(rest, out);
      case 'list':
        return list(rest, out);
      case 'set':
        setJsonValues(rest, (line) => process.stderr.write(`${line}\n`));
        return 0;
      case 'tree':
        treeCommand(rest, out);
        return 0;
      case 'plant':
        await plantCommand(rest, out);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        out(USAGE);
        return 0;
      default:
        process.stderr.write(`${command ? `iac-labs: unknown command "${command}"\n` : ''}${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof LabError) {
      process.stderr.write(`iac-labs: ${error.describe()}\n`);
      return 2;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`iac-labs: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
