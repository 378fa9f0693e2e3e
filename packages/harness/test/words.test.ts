import { describe, expect, it } from 'vitest';
import { longestUnbreakable, textTable, wrapCell, wrapText } from '../src/report/layout.js';
import { article, listOf, plural, verbFor, withArticle } from '../src/words.js';

describe('words', () => {
  it('counts in the singular and the plural', () => {
    expect(plural(1, 'fact')).toBe('1 fact');
    expect(plural(0, 'fact')).toBe('0 facts');
    expect(plural(2, 'access entry', 'access entries')).toBe('2 access entries');
    expect(`1 fact ${verbFor(1, 'differs', 'differ')}`).toBe('1 fact differs');
  });

  it('puts "an" before a vowel sound and "a" before the rest', () => {
    expect(withArticle('iam-role')).toBe('an iam-role');
    expect(withArticle('eks-cluster')).toBe('an eks-cluster');
    expect(withArticle('object')).toBe('an object');
    expect(withArticle('unknown value')).toBe('an unknown value');
    expect(withArticle('subnet')).toBe('a subnet');
    expect(article('user')).toBe('a');
    expect(article('eu-west-1 subnet')).toBe('a');
  });

  it('lists as a person writes', () => {
    expect(listOf([])).toBe('');
    expect(listOf(['cdk-l1'])).toBe('cdk-l1');
    expect(listOf(['cdk-l1', 'cloudformation'])).toBe('cdk-l1 and cloudformation');
    expect(listOf(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });
});

/** Every piece of every line is a whole word of the text, or one cut after a soft break. */
function brokenWords(lines: readonly string[], text: string): string[] {
  const words = new Set(text.split(/\s+/));
  const pieces = lines.flatMap((line) => line.trim().split(/\s+/)).filter(Boolean);
  return pieces.filter(
    (piece) =>
      !words.has(piece) &&
      // A piece may end after a soft break (the word goes on on the next line) or be the rest of one.
      ![...words].some(
        (word) =>
          (word.startsWith(piece) && /[/.\-,:;]$/.test(piece)) ||
          (word.endsWith(piece) && /[/.\-,:;]$/.test(word.slice(0, word.length - piece.length))),
      ),
  );
}

describe('wrapping never cuts a word', () => {
  it('breaks at spaces first, then after / . - , : ;, and lets a piece with no break run long', () => {
    expect(wrapCell('kubernetes_config_map_v1 kubernetes_pod_disruption_budget_v1', 16)).toEqual([
      'kubernetes_config_map_v1',
      'kubernetes_pod_disruption_budget_v1',
    ]);
    expect(wrapCell('accessEntry[arn:aws:iam::111122223333:role/platform-admin]', 30)).toEqual([
      'accessEntry[arn:aws:iam::',
      '111122223333:role/platform-',
      'admin]',
    ]);
    expect(wrapCell('infra-terraform', 10)).toEqual(['infra-', 'terraform']);
  });

  it('keeps a table column as wide as its longest unbreakable piece', () => {
    expect(longestUnbreakable('other: kubernetes_pod_disruption_budget_v1')).toBe(35);
    const table = textTable(
      [
        ['KIND', 'cdk-l2', 'infra-terraform'],
        ['kubernetes_pod_disruption_budget_v1', '1', '1'],
        ['eks-access-policy-association', '·', '1'],
      ],
      false,
      true,
      { width: 50 },
    );
    const lines = table.split('\n');
    expect(lines.some((line) => line.startsWith('kubernetes_pod_disruption_budget_v1 '))).toBe(true);
    expect(
      brokenWords(
        lines,
        'KIND cdk-l2 infra-terraform kubernetes_pod_disruption_budget_v1 1 · eks-access-policy-association',
      ),
    ).toEqual([]);
  });

  it('wraps prose to the width without cutting a word', () => {
    const text =
      'cdk-l2 15 (kubectl provider 7, custom-resource handlers 6, readiness barrier 1, CDK metadata 1); infra-terraform and cdktf configure the helm and kubernetes providers from the cluster they create';
    for (const width of [30, 45, 60, 80]) {
      const lines = wrapText(text, width, '  ').split('\n');
      expect(lines.every((line) => [...line].length <= width)).toBe(true);
      expect(brokenWords(lines, text)).toEqual([]);
    }
    // The old wrap cut `kubernetes_confi` / `g_map_v1`: the detector sees it.
    expect(brokenWords(['kubernetes_confi', 'g_map_v1'], 'kubernetes_config_map_v1')).toEqual([
      'kubernetes_confi',
      'g_map_v1',
    ]);
  });
});
