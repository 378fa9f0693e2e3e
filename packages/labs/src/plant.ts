/**
 * `iac-labs plant --tool T --out DIR [--pick N]` (lab 7): a copy of one implementation with one
 * plausible mistake planted in it, taken from the mutation suite's catalogue
 * (packages/conformance/src/mutation/), so the mistakes a learner hunts are the ones iac-compare is
 * proven to catch. Only the tool's code is copied (the .tf files; the templates), never the
 * package's tests or build, and the copy does not say which mistake it holds: `--reveal DIR` does,
 * for the facilitator.
 *
 * The mistakes offered are the catalogue's entries for that tool that apply to the default target;
 * `--pick N` chooses one of them (1 by default) so a facilitator can give each group another.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { LabError } from './errors.js';
import { findRepoRoot } from './repo.js';

interface MutantEdit {
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

interface Mutant {
  readonly id: string;
  readonly implementation: string;
  readonly description: string;
  readonly edits: readonly MutantEdit[];
  readonly target?: unknown;
}

/** What is copied of each tool, from its folder: its code, nothing else. */
const TOOLS: Record<string, { folder: string; keep: (path: string) => boolean; check: string }> = {
  'infra-terraform': {
    folder: 'infra-terraform',
    keep: (path) => path.endsWith('.tf') && !/(^|\/)(node_modules|out|dist|test|\.terraform)\//.test(path),
    check:
      'npx iac-compare export tfvars --out DIR/terraform.tfvars && npx iac-compare check --terraform DIR',
  },
  cloudformation: {
    folder: 'packages/cloudformation',
    keep: (path) => path.startsWith('templates/') && /\.ya?ml$/.test(path),
    check:
      'npx iac-compare check --cloudformation network=DIR/templates/network.yaml cluster=DIR/templates/cluster.yaml',
  },
};

const MARKER = '.iac-labs-mistake.json';

async function catalogue(): Promise<readonly Mutant[]> {
  const module = (await import('@iac-compare/conformance/dist/mutation/mutants.js')) as {
    MUTANTS: readonly Mutant[];
  };
  return module.MUTANTS;
}

/** The mistakes a group can be given for a tool: the catalogue's, on the default target. */
export async function mistakesFor(tool: string): Promise<Mutant[]> {
  return (await catalogue()).filter(
    (mutant) => mutant.implementation === tool && mutant.target === undefined,
  );
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' });
}

/** Plants mistake `pick` of `tool` in a copy at `out`; returns what to say. */
export async function plantMistake(
  repoRoot: string,
  tool: string,
  out: string,
  pick: number,
): Promise<string[]> {
  const spec = TOOLS[tool];
  if (!spec) {
    throw new LabError('LAB_USAGE', `--tool is one of ${Object.keys(TOOLS).join(', ')}, not "${tool}"`);
  }
  const mistakes = await mistakesFor(tool);
  const mutant = mistakes[pick - 1];
  if (!mutant) {
    throw new LabError('LAB_USAGE', `--pick is 1 to ${mistakes.length} for ${tool}, not ${pick}`);
  }
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER))) {
    throw new LabError('LAB_USAGE', `${out} exists and is not a copy iac-labs planted: choose another --out`);
  }
  rmSync(out, { recursive: true, force: true });
  const source = join(repoRoot, spec.folder);
  for (const path of filesUnder(source).filter(spec.keep)) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    cpSync(join(source, path), join(out, path));
  }
  for (const edit of mutant.edits) {
    const path = join(out, edit.file);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (!text.includes(edit.find)) {
      throw new LabError(
        'LAB_SCRATCH',
        `mistake ${pick} of ${tool} no longer fits ${spec.folder}/${edit.file} (the mutation suite's test would fail too)`,
      );
    }
    writeFileSync(path, text.replace(edit.find, edit.replace));
  }
  writeFileSync(join(out, MARKER), `${JSON.stringify({ tool, pick }, null, 2)}\n`);
  const shown = relative(process.cwd(), out) || '.';
  return [
    `planted mistake ${pick} of ${mistakes.length} in ${shown}/, a copy of ${spec.folder}'s code`,
    `find it: ${spec.check.replaceAll('DIR', shown)}`,
  ];
}

/** What was planted in a copy (for the facilitator). */
export async function revealMistake(out: string): Promise<string> {
  const markerPath = join(out, MARKER);
  if (!existsSync(markerPath)) throw new LabError('LAB_USAGE', `${out} is not a copy iac-labs planted`);
  const { tool, pick } = JSON.parse(readFileSync(markerPath, 'utf8')) as { tool: string; pick: number };
  const mutant = (await mistakesFor(tool))[pick - 1];
  if (!mutant)
    throw new LabError('LAB_USAGE', `${out}: mistake ${pick} of ${tool} is no longer in the catalogue`);
  const files = [...new Set(mutant.edits.map((edit) => edit.file))].join(', ');
  return `mistake ${pick} of ${tool} (${mutant.id}): ${mutant.description}; in ${files}`;
}

export async function plantCommand(args: readonly string[], say: (line: string) => void): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      tool: { type: 'string' },
      out: { type: 'string' },
      pick: { type: 'string', default: '1' },
      reveal: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.reveal) {
    say(await revealMistake(values.reveal));
    return;
  }
  if (!values.tool) throw new LabError('LAB_USAGE', 'plant needs --tool (infra-terraform or cloudformation)');
  if (values.list) {
    const count = (await mistakesFor(values.tool)).length;
    say(`${values.tool}: ${count} mistakes to plant (--pick 1 to ${count})`);
    return;
  }
  if (!values.out)
    throw new LabError('LAB_USAGE', 'plant needs --out DIR: where the copy with the mistake goes');
  const pick = Number(values.pick);
  if (!Number.isInteger(pick) || pick < 1)
    throw new LabError('LAB_USAGE', `--pick is a number from 1, not "${values.pick}"`);
  for (const line of await plantMistake(findRepoRoot(), values.tool, values.out, pick)) say(line);
}
