/** docs/policy.md lists every rule with its equivalents and fixes, generated from the rules themselves. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtInRules,
  docSectionOf,
  metadataOf,
  renderRulesSection,
  withSection,
} from '../src/policy/index.js';

const DOC = join(import.meta.dirname, '..', '..', '..', 'docs', 'policy.md');

describe('docs/policy.md', () => {
  it('holds the generated rules section (UPDATE_POLICY_DOC=1 rewrites it)', () => {
    const text = readFileSync(DOC, 'utf8');
    const expected = renderRulesSection(builtInRules().map(metadataOf));
    if (process.env.UPDATE_POLICY_DOC === '1') writeFileSync(DOC, withSection(text, 'rules', expected));
    expect(docSectionOf(readFileSync(DOC, 'utf8'), 'rules')).toBe(expected);
  });

  it('every rule has an id of its own, a fix for each of the six tools, and equivalents with the file they were read in', () => {
    const rules = builtInRules();
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(Object.keys(rule.fix).sort(), rule.id).toEqual([
        'cdk-l1',
        'cdk-l2',
        'cdktf',
        'cloudformation',
        'infra-terraform',
        'pulumi',
      ]);
      for (const list of Object.values(rule.equivalents))
        for (const equivalent of list)
          expect(equivalent.source, `${rule.id} ${equivalent.id}`).toMatch(/^[\w.-]+\/[\w.-]+ /);
    }
  });
});
