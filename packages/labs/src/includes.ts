/**
 * Code shown from the repository: a block annotated `file=PATH` must be lines of that file,
 * exactly (trailing blanks aside), in order; a `…` line skips lines of the file. Checked before
 * any lab runs, and `--update` takes the lines from the file again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchExcerpt, outputLines, regenerateExcerpt, sameExact, shapeOf } from './excerpt.js';
import type { Block } from './gather.js';

export interface IncludeProblem {
  readonly block: Block;
  readonly message: string;
}

function linesOf(block: Block): string[] {
  return block.code.value.split('\n');
}

function fileLines(repoRoot: string, file: string): string[] {
  return outputLines(readFileSync(join(repoRoot, file), 'utf8'));
}

/** The blocks whose code is no longer in their file, each with where it parts. */
export function checkIncludes(repoRoot: string, blocks: readonly Block[]): IncludeProblem[] {
  const problems: IncludeProblem[] = [];
  for (const block of blocks) {
    const file = block.annotations.file;
    if (!file) continue;
    const result = matchExcerpt(shapeOf(linesOf(block), false), fileLines(repoRoot, file), sameExact);
    if (!result.ok) {
      problems.push({ block, message: `the code is no longer ${file}'s: ${result.message}` });
    }
  }
  return problems;
}

/** The block's lines taken from its file again (same anchors), or why they cannot be. */
export function regenerateInclude(
  repoRoot: string,
  block: Block,
): { ok: true; lines: readonly string[] } | { ok: false; message: string } {
  const file = block.annotations.file ?? '';
  const lines = linesOf(block);
  const result = regenerateExcerpt(lines, fileLines(repoRoot, file), false, sameExact);
  if (!result.ok) return result;
  // A block without "…" shows a whole run of lines: no ellipsis is added around it.
  const hadEllipsis = lines.some((line) => line.trim() === '…' || line.trim() === '...');
  if (!hadEllipsis) return { ok: true, lines: result.lines.filter((line) => line !== '…') };
  const keepLeading = lines[0]?.trim() === '…' || lines[0]?.trim() === '...';
  const keepTrailing = lines.at(-1)?.trim() === '…' || lines.at(-1)?.trim() === '...';
  const trimmed = [...result.lines];
  if (!keepLeading && trimmed[0] === '…') trimmed.shift();
  if (!keepTrailing && trimmed.at(-1) === '…') trimmed.pop();
  return { ok: true, lines: trimmed };
}
