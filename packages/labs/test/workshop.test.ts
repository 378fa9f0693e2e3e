/**
 * The repository's own workshop (docs/workshop), read as the runner reads it — without running a
 * command. What this catches in a second, before `npm run labs` spends minutes: a page that does
 * not parse, a lab missing from the issue's list, code shown from a file that has changed, a block
 * left unchecked. That every excerpt matches what the tools print now is `npm run labs`' job (CI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherWorkshop, notRunBlocks } from '../src/gather.js';
import { checkIncludes } from '../src/includes.js';
import { findRepoRoot } from '../src/repo.js';

const repoRoot = findRepoRoot();
const workshop = gatherWorkshop(repoRoot);
const labs = workshop.sections.filter((section) => section.kind === 'lab');
const allBlocks = [...workshop.sections.flatMap((section) => section.blocks), ...workshop.otherBlocks];

describe('docs/workshop', () => {
  it('has labs 0 to 10, each once, in order', () => {
    expect(labs.map((section) => section.lab)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('has a facilitator guide that links every lab', () => {
    const guide = readFileSync(join(repoRoot, 'docs/workshop/README.md'), 'utf8');
    for (const section of labs) {
      expect(guide, section.path).toContain(`(${section.path.split('/').at(-1)}/index.md)`);
    }
  });

  it('gives every lab objectives, a check-yourself step and a cleanup', () => {
    for (const section of labs) {
      const text = section.pages.map((page) => page.text).join('\n');
      expect(text, section.path).toMatch(/^## Objectives$/m);
      expect(text, section.path).toMatch(/^## Check yourself$/m);
      expect(text, section.path).toMatch(/^## Cleanup$/m);
    }
  });

  it('runs at least one command in every lab', () => {
    for (const section of labs) {
      const steps = section.blocks.reduce((count, block) => count + block.steps.length, 0);
      expect(steps, section.path).toBeGreaterThan(0);
    }
  });

  it('shows code that is still in the files it names', () => {
    const shown = allBlocks.filter((block) => block.annotations.file);
    expect(shown.length).toBeGreaterThan(10);
    expect(checkIncludes(repoRoot, allBlocks).map((problem) => problem.message)).toEqual([]);
  });

  it('leaves no authoring placeholder in an excerpt (a lone "x" line is filled by --update)', () => {
    const placeholders = allBlocks.flatMap((block) =>
      block.steps
        .filter((step) => step.expected.some((line) => line.trim() === 'x'))
        .map((step) => `${block.page.file}:${step.line}`),
    );
    expect(placeholders).toEqual([]);
  });

  it('checks what lab 9 asks for: solutions in two tools, each graded by check', () => {
    const solutions = workshop.sections.find((section) => section.kind === 'solutions' && section.lab === 9);
    expect(solutions).toBeDefined();
    const commands = (solutions?.blocks ?? []).flatMap((block) => block.steps.map((step) => step.command));
    expect(commands.some((command) => /check --terraform docs\/workshop\/solutions\//.test(command))).toBe(
      true,
    );
    expect(commands.some((command) => /check --cdk-app docs\/workshop\/solutions\//.test(command))).toBe(
      true,
    );
    for (const tool of ['terraform/main.tf', 'cdk/app.ts']) {
      expect(existsSync(join(repoRoot, 'docs/workshop/solutions/09-write-it-yourself', tool))).toBe(true);
    }
  });

  it('says why each block that does not run here cannot', () => {
    const notRun = notRunBlocks(workshop);
    expect(notRun.length).toBeGreaterThan(0);
    for (const block of notRun) {
      expect(block.annotations.reason, `${block.page.file}:${block.code.line}`).toMatch(
        /cluster|AWS|credentials|internet|registry|interactive|Ctrl-C|your own code|Docker/,
      );
    }
  });
});
