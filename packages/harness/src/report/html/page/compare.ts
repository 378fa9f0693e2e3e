/** Cards, what to fix, what else differs between the tools, and the validation findings. */
import type { PageData } from '../page-model.js';
import { h, section, sourceLink, table } from './dom.js';

export function cardsSection(data: PageData): HTMLElement {
  return section(
    'implementations',
    data.command === 'plan' ? 'Each implementation’s plan' : 'Each implementation',
    h(
      'div',
      { class: 'cards' },
      data.cards.map((card) =>
        h(
          'article',
          { class: `card tone-${card.tone}`, 'data-impl': card.id },
          h('h3', {}, card.id, h('span', { class: 'badge' }, card.badge)),
          card.label === card.id ? null : h('p', { class: 'label' }, card.label),
          h(
            'dl',
            {},
            card.facts.map((fact) => [
              h('dt', {}, fact.label),
              h('dd', fact.title ? { title: fact.title } : {}, fact.value),
            ]),
          ),
          card.notes.length > 0
            ? h(
                'ul',
                { class: 'notes' },
                card.notes.map((note) =>
                  h(
                    'li',
                    {},
                    note.detail ? h('details', {}, h('summary', {}, note.text), note.detail) : note.text,
                  ),
                ),
              )
            : null,
        ),
      ),
    ),
    data.command === 'plan'
      ? null
      : h(
          'p',
          { class: 'aside' },
          'Synth times are left out of this page: they change on every run. The terminal report prints them; docs/choosing-a-tool.md has measured medians.',
        ),
  );
}

export function fixesSection(data: PageData): HTMLElement {
  if (data.fixes.length === 0)
    return section(
      'fix',
      'What to fix',
      h(
        'p',
        { class: 'empty' },
        'Nothing: no fact differs, none is unknown, every resource is accounted for and nothing would be rejected.',
      ),
    );
  return section(
    'fix',
    'What to fix',
    table(
      'fixes',
      ['implementation', 'what', '', 'where'],
      data.fixes.map((fix) => [
        h('code', {}, fix.implementation),
        h('code', {}, fix.subject),
        fix.text,
        [sourceLink(fix.location), fix.scope ? h('span', { class: 'scope' }, ` (${fix.scope})`) : null],
      ]),
    ),
  );
}

export function otherDifferencesSection(data: PageData): HTMLElement | null {
  if (data.otherDifferences.length === 0) return null;
  return section(
    'other',
    'What else differs between the tools',
    h(
      'p',
      { class: 'aside' },
      'Every property of every item, in CloudFormation’s vocabulary, after documented defaults and naming: not in the target, so never in the verdict.',
    ),
    table(
      'other',
      ['property', 'items', 'values', 'why'],
      data.otherDifferences.map((group) => [
        [h('code', {}, group.path), h('div', { class: 'type' }, group.type)],
        h(
          'details',
          {},
          h('summary', {}, `${group.items.length} ${group.items.length === 1 ? 'item' : 'items'}`),
          h(
            'ul',
            {},
            group.items.map((item) => h('li', {}, h('code', {}, item))),
          ),
        ),
        h(
          'ul',
          { class: 'variants' },
          group.variants.map((variant) =>
            h(
              'li',
              {},
              h('code', {}, variant.value),
              ': ',
              variant.implementations.map((id, index) => [
                index > 0 ? ', ' : '',
                id,
                ' ',
                sourceLink(group.locations[id]),
              ]),
            ),
          ),
        ),
        group.why ?? '',
      ]),
    ),
  );
}

export function findingsSection(data: PageData): HTMLElement | null {
  if (data.findings.length === 0) return null;
  const errors = data.findings.filter(
    (finding) => finding.severity === 'error' && !finding.acknowledged,
  ).length;
  return section(
    'findings',
    'What AWS or a provider would say',
    h(
      'details',
      errors > 0 ? { open: true } : {},
      h('summary', {}, `${data.findings.length} findings (${errors} errors); warnings are accepted by AWS`),
      table(
        'findings',
        ['implementation', 'severity', 'rule', 'finding', 'where'],
        data.findings.map((finding) => [
          h('code', {}, finding.implementation),
          finding.acknowledged
            ? `${finding.severity} (acknowledged: ${finding.acknowledged})`
            : finding.severity,
          h('code', {}, finding.rule),
          finding.text,
          sourceLink(finding.location),
        ]),
      ),
    ),
  );
}
