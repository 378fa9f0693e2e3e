/** What a benchmark run produces: figures (results.json, schema version 1) and their Markdown table. */
import type { Summary } from './stats.js';

export const RESULTS_SCHEMA_VERSION = 1;

export interface Figure {
  readonly id: string;
  readonly title: string;
  readonly unit: 'ms' | 'MiB';
  readonly subject: Summary;
  readonly reference?: { readonly label: string; readonly summary: Summary };
  /** subject / reference, as `ratioLabel` says. */
  readonly ratio?: number;
  readonly ratioLabel?: string;
  readonly target?: { readonly text: string; readonly met: boolean };
  readonly note?: string;
}

export function formatMeasure(value: number, unit: Figure['unit']): string {
  if (unit === 'MiB') return `${Math.round(value)} MiB`;
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

export function renderTable(figures: readonly Figure[]): string {
  const header = ['Figure', 'Median', 'Range', 'Reference (median)', 'Ratio', 'Target', 'Met'];
  const rows = figures.map((figure) => [
    figure.title,
    formatMeasure(figure.subject.median, figure.unit),
    `${formatMeasure(figure.subject.min, figure.unit)} – ${formatMeasure(figure.subject.max, figure.unit)}`,
    figure.reference
      ? `${figure.reference.label}: ${formatMeasure(figure.reference.summary.median, figure.unit)}`
      : (figure.note ?? ''),
    figure.ratio !== undefined ? `${figure.ratio} (${figure.ratioLabel})` : '',
    figure.target?.text ?? '',
    figure.target ? (figure.target.met ? 'yes' : 'no') : '',
  ]);
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return `${[line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')}\n`;
}
