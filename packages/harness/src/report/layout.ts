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

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/** Rows as aligned columns; the first row bold when `header`. */
export function textTable(rows: string[][], color: boolean, header = true): string {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => visibleLength(row[column] ?? ''))),
  );
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, column) => pad(cell, widths[column]!))
        .join('  ')
        .trimEnd();
      return header && index === 0 ? paint(color, 1, line) : line;
    })
    .join('\n');
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
