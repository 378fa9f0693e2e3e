import { describe, expect, it } from 'vitest';
import { formatMeasure, renderTable } from '../src/results.js';
import { summarize } from '../src/stats.js';

describe('the results table', () => {
  it('formats milliseconds, seconds and MiB', () => {
    expect(formatMeasure(312.4, 'ms')).toBe('312 ms');
    expect(formatMeasure(4870, 'ms')).toBe('4.87 s');
    expect(formatMeasure(180.6, 'MiB')).toBe('181 MiB');
  });

  it('has a header, a separator and one row per figure with its ratio and verdict', () => {
    const table = renderTable([
      {
        id: 'cold',
        title: 'Cold compare',
        unit: 'ms',
        subject: summarize([4800, 4900, 5000]),
        reference: { label: 'cdk synth', summary: summarize([10_000, 11_000, 12_000]) },
        ratio: 0.45,
        ratioLabel: 'cold / cdk synth',
        target: { text: '≤ 0.5 × cdk synth', met: true },
      },
    ]).split('\n');
    expect(table[1]).toBe('| --- | --- | --- | --- | --- | --- | --- |');
    expect(table[2]).toBe(
      '| Cold compare | 4.90 s | 4.80 s – 5.00 s | cdk synth: 11.00 s | 0.45 (cold / cdk synth) | ≤ 0.5 × cdk synth | yes |',
    );
  });
});
