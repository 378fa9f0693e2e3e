/**
 * The fact matrix: every fact of the target in every implementation, with filters — only the
 * differences, one section, some tools, a text search. Filtering hides rows and columns; nothing is
 * drawn twice.
 */
import type { Cell } from '../../../compare/compare.js';
import type { Value } from '../../../model/value.js';
import type { CompareReport } from '../../model.js';
import type { PageData } from '../page-model.js';
import { h, section } from './dom.js';

const SYMBOL: Readonly<Record<Cell['status'], string>> = {
  equal: '✓',
  differs: '✗',
  missing: '–',
  unexpected: '+',
  unknown: '?',
  'outside-envelope': '○',
  failed: '!',
};

const DIFFERENT: ReadonlySet<Cell['status']> = new Set([
  'differs',
  'missing',
  'unexpected',
  'unknown',
  'failed',
]);

/** A value in a cell: text as it is, unknowns named, anything else as compact JSON, cut long. */
export function valueText(value: Value | null | undefined, max = 60): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object' && !Array.isArray(value) && '$unknown' in value)
    return '(unknown until deploy)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function cellOf(cell: Cell | undefined, expected: Value | null): HTMLTableCellElement {
  if (!cell) return h('td', { class: 'cell st-none' }, '');
  const detail =
    cell.status === 'differs'
      ? `${valueText(cell.actual, 400)} (the target: ${valueText(expected, 400)})`
      : cell.status === 'unexpected'
        ? `${valueText(cell.actual, 400)}, not in the target`
        : cell.status === 'unknown' || cell.status === 'outside-envelope'
          ? cell.why
          : cell.status === 'failed'
            ? cell.why
            : cell.status;
  const shown = cell.status === 'differs' || cell.status === 'unexpected' ? valueText(cell.actual, 40) : '';
  return h(
    'td',
    { class: `cell st-${cell.status}`, title: detail, 'data-status': cell.status },
    h('span', { class: 'symbol' }, SYMBOL[cell.status]),
    shown ? h('span', { class: 'actual' }, ` ${shown}`) : null,
  );
}

export function matrixSection(data: PageData): HTMLElement | null {
  const report = data.report as CompareReport;
  if (!report.comparison) return null;
  const ids = report.comparison.implementations;
  const groups = [...new Set(report.comparison.rows.map((row) => row.group))];
  const only = h('input', { type: 'checkbox', id: 'filter-differences' });
  const sectionSelect = h(
    'select',
    { id: 'filter-section' },
    h('option', { value: '' }, 'every section'),
    groups.map((group) => h('option', { value: group }, group)),
  );
  const search = h('input', {
    type: 'search',
    id: 'filter-text',
    placeholder: 'fact contains…',
    'aria-label': 'fact contains',
  });
  const tools = ids.map((id) =>
    h('input', { type: 'checkbox', checked: true, 'data-impl': id, id: `filter-tool-${id}` }),
  );
  const count = h('output', { id: 'matrix-count' });
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'fact'),
    h('th', { scope: 'col' }, 'target'),
    ids.map((id) => h('th', { scope: 'col', 'data-impl': id }, id)),
  );
  const bodies = groups.map((group) => {
    const rows = report.comparison.rows.filter((row) => row.group === group);
    return h(
      'tbody',
      { 'data-section': group },
      h('tr', { class: 'group' }, h('th', { colspan: ids.length + 2, scope: 'rowgroup' }, group)),
      rows.map((row) =>
        h(
          'tr',
          { class: 'fact', 'data-key': row.key, 'data-section': group },
          h('th', { scope: 'row' }, h('code', {}, row.key)),
          h(
            'td',
            { class: 'expected', title: row.inTarget ? valueText(row.expected, 400) : 'not in the target' },
            row.inTarget ? valueText(row.expected, 40) : '(not in the target)',
          ),
          ids.map((id) => {
            const cell = cellOf(row.cells[id], row.expected);
            cell.dataset.impl = id;
            return cell;
          }),
        ),
      ),
    );
  });
  const matrix = h('table', { class: 'matrix', id: 'matrix' }, h('thead', {}, head), bodies);
  const apply = () => {
    const shown = new Set(tools.filter((box) => box.checked).map((box) => box.dataset.impl!));
    const wanted = sectionSelect.value;
    const text = search.value.trim().toLowerCase();
    let visible = 0;
    for (const cell of matrix.querySelectorAll<HTMLElement>('[data-impl]'))
      cell.hidden = !shown.has(cell.dataset.impl!);
    for (const body of bodies) {
      let any = false;
      for (const row of body.querySelectorAll<HTMLTableRowElement>('tr.fact')) {
        const differs = [...row.querySelectorAll<HTMLElement>('td.cell')].some(
          (cell) => shown.has(cell.dataset.impl!) && DIFFERENT.has(cell.dataset.status as Cell['status']),
        );
        const show =
          (!wanted || row.dataset.section === wanted) &&
          (!text || row.dataset.key!.toLowerCase().includes(text)) &&
          (!only.checked || differs);
        row.hidden = !show;
        if (show) {
          visible++;
          any = true;
        }
      }
      body.hidden = !any;
    }
    count.value = `showing ${visible} of ${report.comparison.rows.length} facts`;
    empty.hidden = visible > 0;
  };
  const empty = h(
    'p',
    { class: 'empty', id: 'matrix-empty', hidden: true },
    'No fact matches these filters.',
  );
  for (const control of [only, sectionSelect, search, ...tools]) control.addEventListener('input', apply);
  const legend = h(
    'p',
    { class: 'matrix-legend' },
    Object.entries(SYMBOL).map(([status, symbol]) =>
      h('span', { class: `st-${status}` }, `${symbol} ${status.replace('-', ' ')}`),
    ),
  );
  const controls = h(
    'form',
    { class: 'filters', onsubmit: (event: Event) => event.preventDefault() },
    h('label', {}, only, ' only differences'),
    h('label', {}, 'section ', sectionSelect),
    search,
    h(
      'fieldset',
      {},
      h('legend', {}, 'tools'),
      tools.map((box) => h('label', {}, box, ` ${box.dataset.impl}`)),
    ),
    count,
  );
  const part = section(
    'facts',
    'Facts: each of the target, in each implementation',
    controls,
    legend,
    h('div', { class: 'scroll' }, matrix),
    empty,
  );
  apply();
  return part;
}
