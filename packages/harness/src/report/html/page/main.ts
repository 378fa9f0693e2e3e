/**
 * The page's script: reads the page data (the JSON in #iac-compare-data) and draws the report —
 * the verdict first, then the differences at a glance, one card per implementation, what to fix,
 * the diagrams, the fact matrix with its filters, and the details. Bundled by the harness build
 * (src/scripts/bundle-page.ts) into one inline script; it fetches nothing.
 */
import type { PageData } from '../page-model.js';
import { cardsSection, findingsSection, fixesSection, otherDifferencesSection } from './compare.js';
import { diagramsSection } from './diagrams.js';
import { h, section, setLinkRoot } from './dom.js';
import { matrixSection } from './matrix.js';
import { planSection } from './plan.js';
import { policySection } from './policy.js';

function header(data: PageData): HTMLElement {
  const mark = data.verdict.tone === 'ok' ? '✓' : data.verdict.tone === 'bad' ? '✗' : '△';
  return h(
    'header',
    { class: 'top' },
    h('h1', {}, data.title),
    h('p', { class: 'subtitle' }, data.subtitle),
    h(
      'p',
      { class: `verdict tone-${data.verdict.tone}`, id: 'verdict', role: 'status' },
      h('span', { class: 'mark' }, mark),
      ' ',
      data.verdict.text,
    ),
  );
}

function glanceSection(data: PageData): HTMLElement | null {
  if (data.glance.length === 0) return null;
  return section(
    'glance',
    'Differences at a glance',
    h(
      'dl',
      { class: 'glance' },
      data.glance.map((item) => [h('dt', {}, item.title), h('dd', {}, item.text)]),
    ),
  );
}

function contents(sections: readonly HTMLElement[]): HTMLElement {
  return h(
    'nav',
    { class: 'contents', 'aria-label': 'sections' },
    sections.map((part) => h('a', { href: `#${part.id}` }, part.querySelector('h2')?.textContent ?? part.id)),
  );
}

function footer(data: PageData): HTMLElement {
  return h(
    'footer',
    {},
    h('p', {}, 'Written by ', h('code', {}, data.writtenBy), '; regenerate it rather than edit it.'),
    h(
      'p',
      {},
      'The report inside this page is the JSON in its element ',
      h('code', {}, '#iac-compare-data'),
      ' (the same as ',
      h('code', {}, '--format json'),
      data.command === 'compare' || data.command === 'check'
        ? ', without synth times, which change on every run).'
        : ').',
    ),
  );
}

function render(data: PageData): void {
  setLinkRoot(data.linkRoot);
  document.documentElement.dataset.command = data.command;
  const compared = data.command === 'compare' || data.command === 'check';
  const sections = [
    glanceSection(data),
    cardsSection(data),
    compared ? fixesSection(data) : null,
    diagramsSection(data),
    data.plan ? planSection(data.plan) : null,
    compared ? matrixSection(data) : null,
    compared ? otherDifferencesSection(data) : null,
    data.policy ? policySection(data.policy) : null,
    compared ? findingsSection(data) : null,
  ].filter((part): part is HTMLElement => part !== null);
  const app = document.getElementById('app')!;
  app.replaceChildren(header(data), contents(sections), ...sections, footer(data));
  app.dataset.ready = 'true';
}

const element = document.getElementById('iac-compare-data');
if (element?.textContent) render(JSON.parse(element.textContent) as PageData);
