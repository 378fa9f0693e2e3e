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
const MIN_COLUMN = 6;

/**
 * Splits a cell into lines of at most `width` visible characters: at spaces, then after `-`, `/`,
 * `.` or `,`, and only then inside a word. Colour codes wrap the whole cell, so a wrapped cell is
 * re-painted line by line.
 */
export function wrapCell(text: string, width: number): string[] {
  const match = PAINTED.exec(text);
  const [open, plain, close] = match ? [match[1]!, match[2]!, match[3]!] : ['', text, ''];
  if (visibleLength(plain) <= width) return [text];
  // Colour inside the cell cannot survive a cut: wrap the plain text.
  const body = plain.replace(ANSI, '');
  const lines: string[] = [];
  let rest = body;
  for (let guard = 0; rest.length > 0 && guard < 10_000; guard++) {
    const chars = [...rest];
    if (chars.length <= width) {
      lines.push(rest);
      break;
    }
    const window = chars.slice(0, width + 1).join('');
    let cut = window.lastIndexOf(' ');
    if (cut <= 0) {
      const soft = Math.max(...['-', '/', '.', ','].map((mark) => window.slice(0, width).lastIndexOf(mark)));
      cut = soft > 0 ? soft + 1 : width;
    }
    lines.push(chars.slice(0, cut).join('').trimEnd());
    rest = chars.slice(cut).join('').trimStart();
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
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...rows.map((row) => visibleLength(row[column] ?? ''))),
  );
  if (options.width !== undefined) {
    const total = () => widths.reduce((sum, width) => sum + width, 0) + GAP * (columns - 1);
    const fixed = new Set(options.fixed ?? []);
    // A column keeps room for its longest word (an id such as infra-terraform), up to 16.
    const floors = Array.from({ length: columns }, (_, column) =>
      Math.max(
        MIN_COLUMN,
        Math.min(
          16,
          Math.max(
            0,
            ...rows.flatMap((row) =>
              (row[column] ?? '')
                .replace(ANSI, '')
                .split(/\s+/)
                .map((word) => [...word].length),
            ),
          ),
        ),
      ),
    );
    for (let guard = 0; total() > options.width && guard < 10_000; guard++) {
      // Narrow the widest column that may still narrow (flexible ones before fixed ones).
      const candidates = widths
        .map((width, column) => ({ width, column }))
        .filter(({ width, column }) => width > floors[column]!)
        .sort((a, b) => Number(fixed.has(a.column)) - Number(fixed.has(b.column)) || b.width - a.width);
      const widest = candidates[0];
      if (!widest) break;
      widths[widest.column]!--;
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
        .join(' '.repeat(GAP))
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
