/**
 * Group commit for a hot single-row insert (the question log: one row per
 * question asked). Rows handed in while the event loop is busy with other
 * turns are written together by one multi-row INSERT when the loop comes
 * round (setImmediate), and each caller's promise settles only once its own
 * row is committed: nobody is told "stored" early, so durability is what a
 * lone insert gives. Under load one statement carries many rows and its
 * per-statement cost is shared; when the bot is quiet it carries one, a loop
 * tick later.
 *
 * If a grouped statement fails, its rows are written again one by one, so
 * each caller gets the outcome of its own row and one bad row cannot sink
 * the others.
 */
export class GroupedInsert<Row> {
  private queue: Array<{ row: Row; resolve: () => void; reject: (err: unknown) => void }> = [];

  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    /** Rows per statement at most; well under SQLite's and PostgreSQL's bound-parameter limits. */
    private readonly maxRows = 100,
  ) {}

  add(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxRows);
      try {
        await this.write(batch.map((b) => b.row));
        for (const b of batch) b.resolve();
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        for (const b of batch) {
          try {
            await this.write([b.row]);
            b.resolve();
          } catch (own) {
            b.reject(own);
          }
        }
      }
    }
  }
}
