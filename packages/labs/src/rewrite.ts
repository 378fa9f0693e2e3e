/**
 * `--update`: lines of a page replaced in place (an excerpt regenerated from the real output, code
 * taken from its file again). Edits are applied from the bottom of the page up, so each keeps its
 * line numbers; each edit's lines get the block's indentation back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LineEdit {
  /** Repository-relative page. */
  readonly file: string;
  /** 1-based first line replaced. */
  readonly from: number;
  /** 1-based last line replaced (from - 1 to insert before `from`). */
  readonly to: number;
  readonly lines: readonly string[];
  readonly indent: string;
}

/** Applies edits to the pages; returns the pages changed. */
export function applyEdits(repoRoot: string, edits: readonly LineEdit[]): string[] {
  const byFile = new Map<string, LineEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const changed: string[] = [];
  for (const [file, list] of byFile) {
    const path = join(repoRoot, file);
    const before = readFileSync(path, 'utf8');
    const lines = before.split('\n');
    for (const edit of [...list].sort((a, b) => b.from - a.from)) {
      const replacement = edit.lines.map((line) => (line === '' ? '' : edit.indent + line));
      lines.splice(edit.from - 1, edit.to - edit.from + 1, ...replacement);
    }
    const after = lines.join('\n');
    if (after !== before) {
      writeFileSync(path, after);
      changed.push(file);
    }
  }
  return changed;
}
