import { rememberBounded } from '../../src/bounded';

describe('rememberBounded', () => {
  it('holds the map to its limit, forgetting the entry least recently remembered', () => {
    const map = new Map<string, number>();
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) rememberBounded(map, k, v, 3);
    rememberBounded(map, 'a', 10, 3); // 'a' is remembered again: now the newest
    rememberBounded(map, 'd', 4, 3); // full: 'b', the oldest, goes
    expect([...map]).toEqual([['c', 3], ['a', 10], ['d', 4]]);
  });
});
