/**
 * The workshop as the runner walks it: `docs/workshop/NN-slug/` is lab NN, its pages (`*.md`)
 * ordered by their front matter's `weight`; `docs/workshop/solutions/NN-slug/` (or `NN-slug.md`)
 * holds lab NN's solutions, run after the lab in a session of their own. Pages at the top of
 * docs/workshop (the index, the facilitator guide) are read too: a command there must be marked
 * test=false with its reason, because it belongs to no lab.
 *
 * Every block of every page is read before anything runs, so an authoring mistake anywhere stops
 * the run at once with its file and line (exit 2), not after ten minutes of labs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type Annotations, parseAnnotations } from './annotations.js';
import { type Step, splitSteps } from './commands.js';
import { LabError } from './errors.js';
import { type CodeBlock, type Page, parsePage } from './markdown.js';

export const WORKSHOP_DIR = 'docs/workshop';
export const SOLUTIONS_DIR = 'solutions';

/** Languages whose blocks show code: they must come from a repository file (file=), never retyped. */
export const CODE_LANGUAGES = new Set([
  'hcl',
  'terraform',
  'tf',
  'yaml',
  'yml',
  'json',
  'ts',
  'typescript',
  'js',
  'javascript',
  'python',
  'py',
]);

/** Shell-looking fences that the runner does not run: a `$ ` command in one would escape the tests. */
const SHELL_LIKE = new Set(['sh', 'shell', 'console', 'zsh', 'shell-session', 'shellsession']);

export interface Block {
  readonly page: Page;
  readonly code: CodeBlock;
  readonly annotations: Annotations;
  /** The commands, for a bash block. */
  readonly steps: readonly Step[];
}

export interface Section {
  /** `0`…`10`, the lab's number. */
  readonly lab: number;
  readonly kind: 'lab' | 'solutions';
  /** Repository-relative folder (or file, for a one-page solutions section). */
  readonly path: string;
  /** The folder whose tests/ holds the section's hooks. */
  readonly hooksDir: string;
  readonly title: string;
  readonly pages: readonly Page[];
  readonly blocks: readonly Block[];
}

export interface Workshop {
  readonly sections: readonly Section[];
  /** Pages outside any lab (index, facilitator guide): read and checked, never run. */
  readonly otherPages: readonly Page[];
  readonly otherBlocks: readonly Block[];
}

/** A block's hook script: `tests/hook-NAME.sh` beside its page (the EKS Workshop's convention). */
export function hookPath(page: Page, name: string): string {
  return join(dirname(page.file), 'tests', `hook-${name}.sh`);
}

function readBlocks(repoRoot: string, page: Page): Block[] {
  return page.blocks.map((code) => {
    const where = { file: page.file, line: code.line };
    const annotations = parseAnnotations(code.meta, code.lang, where);
    if (annotations.hook && !existsSync(join(repoRoot, hookPath(page, annotations.hook)))) {
      throw new LabError(
        'LAB_INVALID',
        `hook=${annotations.hook}: there is no ${hookPath(page, annotations.hook)}`,
        where,
      );
    }
    if (annotations.file && !existsSync(join(repoRoot, annotations.file))) {
      throw new LabError('LAB_INVALID', `file=${annotations.file}: no such file in the repository`, where);
    }
    if (code.lang && SHELL_LIKE.has(code.lang) && /^\$ /m.test(code.value)) {
      throw new LabError(
        'LAB_INVALID',
        `a \`${code.lang}\` block with "$ " commands: write it as \`bash\` so the runner runs it (or bash test=false with a reason)`,
        where,
      );
    }
    if (code.lang === undefined && /^\$ /m.test(code.value)) {
      throw new LabError(
        'LAB_INVALID',
        'a block without a language holding "$ " commands: write it as `bash` so the runner runs it',
        where,
      );
    }
    if (code.lang && CODE_LANGUAGES.has(code.lang) && annotations.file === undefined) {
      throw new LabError(
        'LAB_INVALID',
        `a \`${code.lang}\` block without file=: code shown in a lab is taken from the repository file it is in (file=PATH), never retyped`,
        where,
      );
    }
    const steps =
      code.lang === 'bash' && annotations.test
        ? splitSteps(code.value, { file: page.file, firstLine: code.line + 1 })
        : [];
    if (code.lang === 'bash' && annotations.test && steps.length === 0) {
      throw new LabError('LAB_INVALID', 'a bash block with no "$ " command', where);
    }
    if (annotations.exit !== 0 && steps.length !== 1) {
      throw new LabError(
        'LAB_INVALID',
        `expectError/exitCode apply to a block of exactly one command (this one has ${steps.length}): split the block`,
        where,
      );
    }
    return { page, code, annotations, steps };
  });
}

function readPage(repoRoot: string, path: string): Page {
  return parsePage(readFileSync(join(repoRoot, path), 'utf8'), path);
}

function markdownFilesIn(repoRoot: string, folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.md') && !entry.split('/').includes('node_modules'))
    .map((entry) => join(folder, entry))
    .sort();
}

function sectionOf(repoRoot: string, path: string, kind: Section['kind']): Section | undefined {
  const name = path.split('/').at(-1) ?? '';
  const match = /^(\d{2})-[\w-]+(\.md)?$/.exec(name);
  if (!match) return undefined;
  const isFile = match[2] !== undefined;
  const pages = (isFile ? [path] : markdownFilesIn(repoRoot, path))
    .map((file) => readPage(repoRoot, file))
    .sort((a, b) => a.weight - b.weight || a.file.localeCompare(b.file));
  if (pages.length === 0) return undefined;
  const weights = new Map<number, string>();
  for (const page of pages) {
    const other = weights.get(page.weight);
    if (other) {
      throw new LabError(
        'LAB_INVALID',
        `weight ${page.weight} is also ${other}'s: the order would be a guess`,
        {
          file: page.file,
          line: 1,
        },
      );
    }
    weights.set(page.weight, page.file);
  }
  return {
    lab: Number(match[1]),
    kind,
    path,
    hooksDir: isFile ? join(path, '..') : path,
    title: pages[0]?.title ?? name,
    pages,
    blocks: pages.flatMap((page) => readBlocks(repoRoot, page)),
  };
}

/** Reads the whole workshop (every page, every block) and checks how it is written. */
export function gatherWorkshop(repoRoot: string): Workshop {
  const base = WORKSHOP_DIR;
  if (!existsSync(join(repoRoot, base))) {
    throw new LabError('LAB_INVALID', `no ${base} folder in ${repoRoot}`);
  }
  const sections: Section[] = [];
  const otherPages: Page[] = [];
  const covered = new Set<string>();
  const entries = readdirSync(join(repoRoot, base)).sort();
  for (const entry of entries) {
    const path = join(base, entry);
    if (entry === SOLUTIONS_DIR && statSync(join(repoRoot, path)).isDirectory()) {
      for (const solution of readdirSync(join(repoRoot, path)).sort()) {
        const section = sectionOf(repoRoot, join(path, solution), 'solutions');
        if (section) {
          sections.push(section);
          for (const page of section.pages) covered.add(page.file);
        }
      }
      continue;
    }
    if (statSync(join(repoRoot, path)).isDirectory()) {
      const section = sectionOf(repoRoot, path, 'lab');
      if (section) {
        sections.push(section);
        for (const page of section.pages) covered.add(page.file);
      }
    }
  }
  for (const file of markdownFilesIn(repoRoot, base)) {
    if (!covered.has(file)) otherPages.push(readPage(repoRoot, file));
  }
  const otherBlocks = otherPages.flatMap((page) => readBlocks(repoRoot, page));
  for (const block of otherBlocks) {
    if (block.code.lang === 'bash' && block.annotations.test) {
      throw new LabError(
        'LAB_INVALID',
        `a runnable bash block outside a lab (${relative(base, block.page.file)} belongs to no NN-slug folder): move it into a lab, or mark it test=false with a reason`,
        { file: block.page.file, line: block.code.line },
      );
    }
  }
  sections.sort((a, b) => a.lab - b.lab || (a.kind === 'lab' ? -1 : 1));
  const seen = new Map<string, string>();
  for (const section of sections) {
    const key = `${section.kind}:${section.lab}`;
    const other = seen.get(key);
    if (other) {
      throw new LabError(
        'LAB_INVALID',
        `lab ${section.lab} has two ${section.kind} folders: ${other} and ${section.path}`,
        {
          file: section.path,
        },
      );
    }
    seen.set(key, section.path);
  }
  return { sections, otherPages, otherBlocks };
}

/** Blocks that are not run, with their reasons (the list CI prints). */
export function notRunBlocks(workshop: Workshop): Block[] {
  const all = [...workshop.sections.flatMap((section) => section.blocks), ...workshop.otherBlocks];
  return all.filter((block) => block.code.lang === 'bash' && !block.annotations.test);
}
