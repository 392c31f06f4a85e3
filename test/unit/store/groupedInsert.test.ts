import { GroupedInsert } from '../../../src/store/groupedInsert';

describe('grouped insert (group commit)', () => {
  it('writes rows handed in during one turn of the event loop as one statement, and settles each after it', async () => {
    const statements: number[][] = [];
    const grouped = new GroupedInsert<number>(async (rows) => {
      statements.push(rows);
    });
    let settled = 0;
    const all = [1, 2, 3, 4, 5].map((n) => grouped.add(n).then(() => settled++));
    // Nothing is written, and nobody is told "stored", before the loop comes round.
    await Promise.resolve();
    expect(statements).toEqual([]);
    expect(settled).toBe(0);
    await Promise.all(all);
    expect(statements).toEqual([[1, 2, 3, 4, 5]]);
    // A row handed in later goes in a statement of its own.
    await grouped.add(6);
    expect(statements).toEqual([[1, 2, 3, 4, 5], [6]]);
  });

  it('keeps statements to the row limit', async () => {
    const statements: number[][] = [];
    const grouped = new GroupedInsert<number>(async (rows) => {
      statements.push(rows);
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => grouped.add(n)));
    expect(statements).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives each caller its own outcome when a grouped statement fails', async () => {
    const statements: number[][] = [];
    const grouped = new GroupedInsert<number>(async (rows) => {
      statements.push(rows);
      if (rows.includes(3)) throw new Error(`row 3 refused`);
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => grouped.add(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('row 3 refused'));
    // The group first, then each row alone.
    expect(statements).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
  });
});
