/**
 * The functions' log lines in SQLite (`logs` table), what CloudWatch Logs holds on AWS: every line a handler
 * writes during an invocation and the runtime's START/END/REPORT lines, per function. Read by
 * `GET /_local/logs` and `orders logs`.
 *
 * This is on the path of every invocation, so lines are written in batches (store/batched-inserts.ts), and only the
 * newest `retain` rows are kept: ids only grow, so pruning is one indexed range delete, run when the oldest kept id
 * has moved by a whole chunk.
 */
import { BatchedInserts } from '../store/batched-inserts';
import type { LocalDatabase } from '../store/database';

export interface FunctionLogLine {
  /** Stable across calls (AUTOINCREMENT: never reused, even after pruning). */
  id: number;
  /** Epoch milliseconds. */
  timestamp: number;
  /** The function's logical id without its `Function` suffix (`ProcessPayment`). */
  function: string;
  /** The raw line: Powertools JSON, or START/END/REPORT. */
  message: string;
}

export interface FunctionLogQuery {
  /** Inclusive, epoch milliseconds. */
  since?: number;
  /** Short names; every function when empty. */
  functions?: readonly string[];
  /** Case-sensitive substring of the message, as `orders logs --filter` matches it. */
  filter?: string;
  limit: number;
}

export const DEFAULT_RETAINED_LINES = 50_000;
const PRUNE_CHUNK = 1_000;

const INSERT = 'INSERT INTO logs (timestamp, function, message) VALUES ($ts, $fn, $message)';
const SELECT = `SELECT id, timestamp, function, message FROM logs
  WHERE timestamp >= $since
    AND ($functions IS NULL OR function IN (SELECT value FROM json_each($functions)))
    AND ($filter IS NULL OR instr(message, $filter) > 0)
  ORDER BY id LIMIT $limit`;

/** `ProcessPaymentFunction` → `ProcessPayment`: the name the CLI shows and `--function` takes. */
export const shortFunctionName = (logicalId: string): string => logicalId.replace(/Function$/, '');

export class FunctionLogStore {
  private readonly lines: BatchedInserts;
  /** Rows with an id at or below this are gone. */
  private prunedThrough = 0;

  constructor(
    private readonly db: LocalDatabase,
    private readonly retain = DEFAULT_RETAINED_LINES,
  ) {
    this.lines = new BatchedInserts(db, INSERT, (lastId) => this.prune(lastId));
    this.prune(this.db.get<{ id: number | null }>('SELECT MAX(id) AS id FROM logs')?.id ?? 0);
  }

  /** Buffers one line of `functionName` (a short name); written at the end of this event-loop turn. */
  append(functionName: string, message: string, timestamp = Date.now()): void {
    this.lines.add({ ts: timestamp, fn: functionName, message });
  }

  flush(): void {
    this.lines.flush();
  }

  query(q: FunctionLogQuery): FunctionLogLine[] {
    this.flush();
    if (q.limit <= 0) return [];
    return this.db.all<FunctionLogLine>(SELECT, {
      since: q.since ?? 0,
      functions: q.functions && q.functions.length > 0 ? JSON.stringify(q.functions) : null,
      filter: q.filter || null,
      limit: q.limit,
    });
  }

  /** Writes what is buffered; later lines are dropped (the database is about to close). */
  close(): void {
    this.lines.close();
  }

  private prune(lastId: number): void {
    const keepFrom = lastId - this.retain;
    if (keepFrom - this.prunedThrough < PRUNE_CHUNK) return;
    this.db.run('DELETE FROM logs WHERE id <= $through', { through: keepFrom });
    this.prunedThrough = keepFrom;
  }
}
