/**
 * The diagrams: one per implementation, on the same layout, shown one at a time (switching keeps
 * every node in place, so what differs stands out) or side by side; hovering or focusing a node
 * shows why it has its colour. The SVGs were rendered by Graphviz when the page was written.
 */
import type { PageData } from '../page-model.js';
import { h, section } from './dom.js';

/** The text a node carries (its tooltip: the item, what differs or changes, and where). */
function nodeText(node: Element): string {
  const anchor = node.querySelector('a');
  return (
    anchor?.getAttribute('xlink:title') ??
    anchor?.getAttribute('title') ??
    node.querySelector('title')?.textContent ??
    ''
  );
}

export function diagramsSection(data: PageData): HTMLElement | null {
  const panels = data.diagrams.panels;
  if (panels.length === 0) return null;
  const legend = h(
    'ul',
    { class: 'legend' },
    data.diagrams.legend.map((entry) =>
      h(
        'li',
        { 'data-mark': entry.mark },
        h('span', {
          class: 'swatch',
          style: `background:${entry.fill};border:2px ${entry.dash ?? 'solid'} ${entry.color}`,
        }),
        entry.words,
      ),
    ),
  );
  const detail = h(
    'pre',
    { class: 'node-detail', id: 'node-detail', 'aria-live': 'polite' },
    'Hover over or focus a node to see why it has its colour.',
  );
  const figures = panels.map((panel) => {
    const figure = h(
      'figure',
      { class: 'diagram-panel', 'data-impl': panel.id, id: `diagram-${panel.id}` },
      h('figcaption', {}, h('strong', {}, panel.id), ` · ${panel.label}`),
    );
    if (panel.note) figure.append(h('p', { class: 'empty' }, panel.note));
    else {
      const holder = h('div', { class: 'svg' });
      holder.innerHTML = panel.svg;
      figure.append(holder);
      if (panel.apartSvg) {
        const apart = h('div', { class: 'svg apart' });
        apart.innerHTML = panel.apartSvg;
        figure.append(
          h(
            'details',
            { class: 'apart', open: true },
            h('summary', {}, 'Drawn apart: tool machinery and anything unaccounted for'),
            apart,
          ),
        );
      }
    }
    return figure;
  });
  const show = (id: string | null) => {
    for (const figure of figures) figure.hidden = id !== null && figure.dataset.impl !== id;
    for (const button of buttons)
      button.setAttribute('aria-pressed', String(button.dataset.impl === (id ?? '*')));
  };
  const buttons = [
    ...panels.map((panel) =>
      h('button', { type: 'button', 'data-impl': panel.id, onclick: () => show(panel.id) }, panel.id),
    ),
    h('button', { type: 'button', 'data-impl': '*', onclick: () => show(null) }, 'all, side by side'),
  ];
  const part = section(
    'diagrams',
    data.command === 'plan' ? 'What the plan does, drawn' : 'What each builds, drawn',
    h(
      'p',
      { class: 'aside' },
      'The same nodes at the same places in every implementation’s diagram: switch between them and what differs stands out. Default routes are the arrows; tool machinery is drawn apart below each diagram.',
    ),
    legend,
    h('div', { class: 'tabs', role: 'toolbar', 'aria-label': 'implementation' }, buttons),
    detail,
    h('div', { class: 'diagrams' }, figures),
  );
  for (const node of part.querySelectorAll('g.node')) {
    const anchor = node.querySelector('a');
    if (anchor && !anchor.hasAttribute('xlink:href')) anchor.setAttribute('tabindex', '0');
    const explain = () => {
      detail.textContent = nodeText(node);
    };
    node.addEventListener('mouseenter', explain);
    node.addEventListener('focusin', explain);
  }
  show(panels.find((panel) => !panel.note)?.id ?? panels[0]!.id);
  return part;
}
