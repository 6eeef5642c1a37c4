/**
 * Rows inserted in one transaction per event-loop turn instead of one autocommit INSERT each: a WAL commit per
 * row was the largest CPU cost of a loaded local stack (an order writes about 40 history events and as many log
 * lines). Readers flush first. After `close`, rows are dropped: stragglers of aborted work must not touch a closed
 * database.
 */
import type { LocalDatabase, Params } from './database';

export class BatchedInserts {
  private pending: Params[] = [];
  private scheduled = false;
  private closed = false;

  /** `afterFlush` gets the id of the last row written. */
  constructor(
    private readonly db: LocalDatabase,
    private readonly insert: string,
    private readonly afterFlush: (lastId: number) => void = () => undefined,
  ) {}

  add(row: Params): void {
    if (this.closed) return;
    this.pending.push(row);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.closed || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const ids = this.db.transaction(() => batch.map((row) => this.db.run(this.insert, row).lastInsertRowid));
    this.afterFlush(ids.at(-1) ?? 0);
  }

  close(): void {
    this.flush();
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
