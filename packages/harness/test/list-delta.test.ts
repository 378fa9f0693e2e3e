import { describe, expect, it } from 'vitest';
import { listDelta } from '../src/report/resource-groups.js';

describe('listDelta: a list-valued difference as what was added and removed', () => {
  it('names the elements, not two cut-off lists', () => {
    expect(listDelta(['api', 'audit', 'scheduler'], ['api', 'audit'])).toEqual({
      added: [],
      removed: ['scheduler'],
    });
    expect(listDelta(['m7i.large'], ['t3.medium'])).toEqual({ added: ['t3.medium'], removed: ['m7i.large'] });
  });

  it('compares elements by value, objects included, and counts repeats', () => {
    expect(listDelta([{ key: 'a', effect: 'NO_SCHEDULE' }], [{ effect: 'NO_SCHEDULE', key: 'a' }])).toEqual({
      added: [],
      removed: [],
    });
    expect(listDelta(['x', 'x'], ['x'])).toEqual({ added: [], removed: ['x'] });
  });

  it('treats a missing list as empty and refuses non-lists', () => {
    expect(listDelta(null, ['a'])).toEqual({ added: ['a'], removed: [] });
    expect(listDelta('a', ['a'])).toBeUndefined();
  });
});
