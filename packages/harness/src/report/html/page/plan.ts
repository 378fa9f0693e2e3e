/** A plan's changes, per implementation: action, resource, what changes and why, the order, what fails. */
import type { PlanView } from '../page-model.js';
import { h, section } from './dom.js';

export function planSection(plan: PlanView): HTMLElement {
  return section(
    'changes',
    'Changes, resource by resource',
    plan.implementations.map((implementation) =>
      h(
        'details',
        {
          class: 'plan-implementation',
          'data-impl': implementation.id,
          open: implementation.rows.some((row) => row.failure) || undefined,
        },
        h(
          'summary',
          {},
          h('strong', {}, implementation.id),
          ` · ${implementation.label} · ${implementation.rows.length} ${implementation.rows.length === 1 ? 'change' : 'changes'}`,
        ),
        implementation.rows.length === 0
          ? h('p', { class: 'empty' }, 'No changes.')
          : h(
              'table',
              { class: 'plan' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['action', 'resource', 'what changes, and why', 'order', 'fails or note'].map((title) =>
                    h('th', { scope: 'col' }, title),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                implementation.rows.map((row) =>
                  h(
                    'tr',
                    {
                      class: `action-${row.action}${row.failure ? ' fails' : ''}${row.machinery ? ' machinery' : ''}`,
                    },
                    h(
                      'td',
                      {},
                      h('span', { class: `chip m-${row.failure ? 'fails' : row.action}` }, row.action),
                      row.machinery ? h('div', { class: 'type' }, 'machinery') : null,
                    ),
                    h(
                      'td',
                      { title: row.address },
                      h('code', {}, row.resource),
                      h('div', { class: 'type' }, row.type),
                    ),
                    h(
                      'td',
                      {},
                      row.changes.length > 0
                        ? h(
                            'ul',
                            {},
                            row.changes.map((line) => h('li', {}, line)),
                          )
                        : '',
                    ),
                    h('td', {}, row.order ?? ''),
                    h(
                      'td',
                      {},
                      row.failure ? h('strong', { class: 'failure' }, `✗ ${row.failure}`) : (row.note ?? ''),
                    ),
                  ),
                ),
              ),
            ),
      ),
    ),
  );
}
