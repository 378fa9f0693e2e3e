/** Text layout shared by the compare and plan reports: ANSI colour, aligned columns, Markdown tables. */
import type { Cell } from '../compare/compare.js';

/** One character per comparison cell status, in every rendering. */
export const CELL_SYMBOL: Readonly<Record<Cell['status'], string>> = {
  equal: '✓',
  differs: '✗',
  missing: '–',
  unexpected: '+',
  unknown: '?',
  'outside-envelope': '○',
  failed: '!',
};

export function paint(color: boolean, code: number, text: string): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
/** A cell painted whole: its opening code, its text, the reset. */
const PAINTED = new RegExp(`^(${ESC}\\[[0-9;]*m)(.*?)(${ESC}\\[0m)$`, 's');

function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

const GAP = 2;
/** A column is never squeezed below this, so a word of a header still reads. */
const MIN_COLUMN = 3;

/** A line may break inside a word only after one of these (a path, a dotted key, a hyphenated id). */
const SOFT_BREAKS = new Set(['/', '.', '-', ',', ':', ';']);

/** A word cut after each soft break: `subnet[private/eu-west-1a]` → `subnet[private/`, `eu-`, `west-`, `1a]`. */
function softPieces(word: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of word) {
    current += char;
    if (SOFT_BREAKS.has(char)) {
      pieces.push(current);
      current = '';
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** The longest run of a text that no wrap may cut: a word, or its longest piece between soft breaks. */
export function longestUnbreakable(text: string): number {
  return Math.max(
    0,
    ...text
      .replace(ANSI, '')
      .split(/\s+/)
      .flatMap(softPieces)
      .map((piece) => [...piece].length),
  );
}

/**
 * Where to end a line of `chars` that is longer than `width`: the last space within the width,
 * else after the last soft break within it, else (a piece longer than the width) at the first
 * break after it — the line runs long rather than cut a word in two.
 */
function cutPoint(chars: readonly string[], width: number): number {
  for (let index = Math.min(width, chars.length - 1); index > 0; index--)
    if (chars[index] === ' ') return index;
  for (let index = width - 1; index > 0; index--) if (SOFT_BREAKS.has(chars[index]!)) return index + 1;
  for (let index = width; index < chars.length; index++) {
    if (chars[index] === ' ') return index;
    if (SOFT_BREAKS.has(chars[index]!) && index + 1 < chars.length) return index + 1;
  }
  return chars.length;
}

/**
 * Splits a cell into lines of at most `width` visible characters: at spaces, then after `/`, `.`,
 * `-`, `,`, `:` or `;`, and never inside a word: a piece longer than the width keeps its line.
 * Colour codes wrap the whole cell, so a wrapped cell is re-painted line by line.
 */
export function wrapCell(text: string, width: number): string[] {
  const match = PAINTED.exec(text);
  const [open, plain, close] = match ? [match[1]!, match[2]!, match[3]!] : ['', text, ''];
  if (visibleLength(plain) <= width) return [text];
  // Colour inside the cell cannot survive a cut: wrap the plain text.
  const lines: string[] = [];
  let chars = [...plain.replace(ANSI, '')];
  for (let guard = 0; chars.length > 0 && guard < 10_000; guard++) {
    if (chars.length <= width) {
      lines.push(chars.join(''));
      break;
    }
    const cut = cutPoint(chars, width);
    lines.push(chars.slice(0, cut).join('').trimEnd());
    chars = [...chars.slice(cut).join('').trimStart()];
  }
  return lines.map((line) => `${open}${line}${close}`);
}

export interface TableOptions {
  /** Fit into this many columns by wrapping cells (never by dropping them); unlimited when absent. */
  readonly width?: number;
  /** Columns that keep their width (short status columns); the others wrap first. */
  readonly fixed?: readonly number[];
}

/** Rows as aligned columns; the first row bold when `header`; wrapped to fit `options.width`. */
export function textTable(
  rows: string[][],
  color: boolean,
  header = true,
  options: TableOptions = {},
): string {
  const columns = Math.max(...rows.map((row) => row.length));
  const natural = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...rows.map((row) => visibleLength(row[column] ?? ''))),
  );
  let widths = natural;
  let gap = GAP;
  if (options.width !== undefined) {
    const limit = options.width;
    const fixed = new Set(options.fixed ?? []);
    // A column keeps room for its longest word; only when the table cannot fit so, for its
    // longest piece between soft breaks — never less: no wrap ever cuts a word in two.
    const wordFloors = Array.from({ length: columns }, (_, column) =>
      Math.max(
        MIN_COLUMN,
        ...rows.map((row) =>
          Math.max(
            0,
            ...(row[column] ?? '')
              .replace(ANSI, '')
              .split(/\s+/)
              .map((word) => [...word].length),
          ),
        ),
      ),
    );
    const pieceFloors = Array.from({ length: columns }, (_, column) =>
      Math.max(MIN_COLUMN, ...rows.map((row) => longestUnbreakable(row[column] ?? ''))),
    );
    const heightsAt = (column: number, width: number) =>
      rows.map((row) => wrapCell(row[column] ?? '', width).length);
    /** Narrows columns down to `floors` until the table fits `limit` with `spacing` between columns. */
    const narrow = (floors: readonly number[], spacing: number): number[] => {
      const sized = [...natural];
      const total = () => sized.reduce((sum, width) => sum + width, 0) + spacing * (columns - 1);
      const heights = sized.map((width, column) => heightsAt(column, width));
      for (let guard = 0; total() > limit && guard < 10_000; guard++) {
        // Narrow by one the column that costs the fewest extra lines (a status column that would
        // wrap every row costs more than a long name that wraps once); ties: flexible columns
        // before fixed ones, then the widest.
        let best: { column: number; lines: number; next: number[] } | undefined;
        for (let column = 0; column < columns; column++) {
          if (sized[column]! <= floors[column]!) continue;
          const next = heightsAt(column, sized[column]! - 1);
          const lines = rows.reduce(
            (sum, _, row) =>
              sum +
              Math.max(next[row]!, ...heights.map((other, index) => (index === column ? 0 : other[row]!))),
            0,
          );
          const better =
            !best ||
            lines < best.lines ||
            (lines === best.lines &&
              (Number(fixed.has(column)) - Number(fixed.has(best.column)) ||
                sized[best.column]! - sized[column]!) < 0);
          if (better) best = { column, lines, next };
        }
        if (!best) break;
        sized[best.column]!--;
        heights[best.column] = best.next;
      }
      return sized;
    };
    // Whole words with two spaces between columns; then with one; then pieces between soft
    // breaks: the first that fits, else the narrowest.
    const attempts = [
      [wordFloors, GAP],
      [wordFloors, 1],
      [pieceFloors, 1],
    ] as const;
    for (const [floors, spacing] of attempts) {
      widths = narrow(floors, spacing);
      gap = spacing;
      if (widths.reduce((sum, width) => sum + width, 0) + spacing * (columns - 1) <= limit) break;
    }
  }
  const out: string[] = [];
  rows.forEach((row, index) => {
    const cells = Array.from({ length: columns }, (_, column) =>
      wrapCell(row[column] ?? '', widths[column]!),
    );
    const height = Math.max(...cells.map((lines) => lines.length));
    for (let line = 0; line < height; line++) {
      const text = cells
        .map((lines, column) => pad(lines[line] ?? '', widths[column]!))
        .join(' '.repeat(gap))
        .trimEnd();
      out.push(header && index === 0 ? paint(color, 1, text) : text);
    }
  });
  return out.join('\n');
}

/** Wraps a paragraph (a line of prose) to `width`, indenting continuation lines. */
export function wrapText(text: string, width: number | undefined, indent = ''): string {
  if (width === undefined) return text;
  const lead = /^\s*/.exec(text)![0];
  const lines = wrapCell(text.slice(lead.length), Math.max(20, width - lead.length - indent.length));
  return lines.map((line, index) => (index === 0 ? `${lead}${line}` : `${lead}${indent}${line}`)).join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdownRow(cells: string[]): string {
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

export function markdownTable(header: string[], rows: string[][]): string[] {
  return [markdownRow(header), markdownRow(header.map(() => '---')), ...rows.map(markdownRow)];
}
