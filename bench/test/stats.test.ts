import { describe, expect, it } from 'vitest';
import { ratio, summarize } from '../src/stats.js';

describe('summarize', () => {
  it('takes the median of odd and even counts, with min and max', () => {
    expect(summarize([5, 1, 3])).toMatchObject({ median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 2])).toMatchObject({ median: 2.5, min: 1, max: 4 });
  });
  it('refuses an empty list and keeps samples in measured order', () => {
    expect(() => summarize([])).toThrow('no samples');
    expect(summarize([2, 1]).samples).toEqual([2, 1]);
  });
  it('gives ratios of medians to two decimals', () => {
    expect(ratio(summarize([1, 2, 3]), summarize([3, 6, 9]))).toBe(0.33);
  });
});
