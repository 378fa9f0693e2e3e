/**
 * Policy findings: the answer (how many rules fail, whether the tools agree), each rule's verdict
 * per implementation, then each finding with its rule id, its source line and the fix in its tool.
 */
import type { PolicyView } from '../page-model.js';
import { h, section, sourceLink, table } from './dom.js';

const VERDICT_SYMBOL: Readonly<Record<string, string>> = {
  pass: '✓ pass',
  fail: '✗ FAIL',
  waived: 'waived',
  unknown: '? unknown',
  'not-applicable': 'n/a',
  'outside-envelope': '— outside',
};

function findingText(finding: PolicyView['findings'][number]): HTMLElement {
  return h(
    'div',
    {},
    finding.message,
    finding.waived ? h('div', { class: 'waived' }, `waived: ${finding.waived}`) : null,
    finding.waiverProblem
      ? h('div', { class: 'waiver-problem' }, `not waived: ${finding.waiverProblem}`)
      : null,
    finding.fix ? h('div', { class: 'fix' }, h('strong', {}, 'fix: '), finding.fix) : null,
  );
}

export function policySection(policy: PolicyView): HTMLElement {
  const ids = policy.implementations;
  return section(
    'policy',
    'Policy: one rule set for every tool',
    h('p', { class: 'policy-headline', id: 'policy-headline' }, policy.headline),
    h(
      'div',
      { class: 'scroll' },
      table(
        'policy',
        ['rule', 'severity', ...ids],
        policy.rules.map((rule) => [
          [
            h('code', {}, rule.id),
            ' ',
            // A link to the control's documentation: followed only when clicked, never loaded.
            rule.helpUri ? h('a', { href: rule.helpUri, rel: 'noreferrer' }, rule.title) : rule.title,
          ],
          rule.severity,
          ...ids.map((id) => {
            const verdict = policy.verdicts[rule.id]?.[id] ?? '';
            return h(
              'span',
              { class: `verdict-${verdict}`, title: verdict, 'data-verdict': verdict },
              VERDICT_SYMBOL[verdict] ?? verdict,
            );
          }),
        ]),
      ),
    ),
    policy.findings.length === 0
      ? h('p', { class: 'empty' }, 'No findings.')
      : h(
          'div',
          { class: 'scroll' },
          table(
            'policy-findings',
            ['rule', 'severity', 'implementation', 'resource', 'finding', 'where'],
            policy.findings.map((finding) => [
              h('code', {}, finding.ruleId),
              finding.severity,
              h('code', {}, finding.implementation),
              h('code', {}, finding.subject),
              findingText(finding),
              sourceLink(finding.location),
            ]),
          ),
        ),
    policy.notes.length > 0
      ? h(
          'ul',
          { class: 'notes' },
          policy.notes.map((note) => h('li', {}, note)),
        )
      : null,
  );
}
