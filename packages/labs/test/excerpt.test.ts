import { describe, expect, it } from 'vitest';
import {
  matchExcerpt,
  normaliseLine,
  outputLines,
  regenerateExcerpt,
  sameExact,
  shapeOf,
  stablePaths,
} from '../src/excerpt.js';

const output = ['first', 'second', 'third', 'fourth', 'fifth'];

describe('matchExcerpt', () => {
  it('accepts the whole output shown without "…"', () => {
    expect(matchExcerpt(shapeOf(output, true), output).ok).toBe(true);
  });

  it('refuses an excerpt without "…" that shows only part of the output', () => {
    const result = matchExcerpt(shapeOf(['first', 'second'], true), output);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('the output has 5 lines and the excerpt 2');
  });

  it('refuses an excerpt that starts in the middle without a leading "…"', () => {
    const result = matchExcerpt(shapeOf(['third', '…'], true), output);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('at output line 3');
  });

  it('takes "…" (and "...") for any number of lines, segments in order', () => {
    expect(matchExcerpt(shapeOf(['first', '…', 'third', '...', 'fifth'], true), output).ok).toBe(true);
    expect(matchExcerpt(shapeOf(['…', 'second', 'third', '…'], true), output).ok).toBe(true);
    expect(matchExcerpt(shapeOf(['…', 'fourth', '…', 'second', '…'], true), output).ok).toBe(false);
  });

  it('names the line where the excerpt parts from the output', () => {
    const result = matchExcerpt(shapeOf(['…', 'second', 'THIRD', '…'], true), output);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('output line 3');
      expect(result.message).toContain('shown: THIRD');
      expect(result.message).toContain('real:  third');
    }
  });

  it('says when a line is nowhere in the output', () => {
    const result = matchExcerpt(shapeOf(['…', 'sixth', '…'], true), output);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('not in the output:\n    sixth');
  });

  it('compares durations, colour and spacing as equal, and nothing else', () => {
    const shown = ['cdk-l2    yes   32.9 s', 'synth done in 4120 ms'];
    const real = ['cdk-l2 yes 4.8 s*', '\u001b[32msynth done in 380 ms\u001b[0m'];
    expect(matchExcerpt(shapeOf(shown, true), real).ok).toBe(true);
    expect(matchExcerpt(shapeOf(['cdk-l2 yes 68 32.9 s'], true), ['cdk-l2 yes 69 32.9 s']).ok).toBe(false);
  });

  it('code from files is compared exactly', () => {
    expect(matchExcerpt(shapeOf(['a  =  1'], false), ['x', 'a = 1'], sameExact).ok).toBe(false);
    expect(matchExcerpt(shapeOf(['a  =  1'], false), ['x', 'a  =  1  '], sameExact).ok).toBe(true);
  });
});

describe('normaliseLine', () => {
  it('keeps counts, CIDRs and instance names that look like durations', () => {
    expect(normaliseLine('3 AZs, 10.40.0.0/16, m7i.large, 64 resources, 2 subnets')).toBe(
      '3 AZs, 10.40.0.0/16, m7i.large, 64 resources, 2 subnets',
    );
    expect(normaliseLine('in 12.3 s, 340 ms, 2 min 5 s')).toBe(
      'in <duration>, <duration>, <duration> <duration>',
    );
  });
});

describe('stablePaths', () => {
  it('shows the scratch root as ~/iac-compare and mkdtemp suffixes as XXXXXX', () => {
    expect(
      stablePaths(
        'wrote /tmp/iac-labs-a1B2c3/iac-compare/out.json',
        '/tmp/iac-labs-a1B2c3/iac-compare',
        '/tmp',
      ),
    ).toBe('wrote ~/iac-compare/out.json');
    expect(stablePaths('in /tmp/iac-compare-ref-Zy09ab/checkout', undefined, '/tmp')).toBe(
      'in /tmp/iac-compare-ref-XXXXXX/checkout',
    );
  });
});

describe('regenerateExcerpt', () => {
  it('rewrites each part from the output, found again by its first line', () => {
    const real = ['header', 'a', 'b changed', 'c', 'd', 'tail'];
    const result = regenerateExcerpt(['header', '…', 'a', 'b', '…'], real, true);
    expect(result).toEqual({ ok: true, lines: ['header', '…', 'a', 'b changed', '…'] });
    // What it wrote now matches.
    if (result.ok) expect(matchExcerpt(shapeOf(result.lines, true), real).ok).toBe(true);
  });

  it('takes the whole output for an excerpt that showed the whole output', () => {
    expect(regenerateExcerpt(['old'], ['new 1', 'new 2'], true)).toEqual({
      ok: true,
      lines: ['new 1', 'new 2'],
    });
  });

  it('cannot find a part whose first line has gone, and says so', () => {
    const result = regenerateExcerpt(['…', 'gone', '…'], ['x', 'y'], true);
    expect(result.ok).toBe(false);
  });
});

describe('outputLines', () => {
  it('drops the blank lines an output ends with', () => {
    expect(outputLines('a\nb\n\n\n')).toEqual(['a', 'b']);
  });
});
