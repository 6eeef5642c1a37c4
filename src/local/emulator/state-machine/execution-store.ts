/** Executions and their event history in SQLite, for `/_local/executions` and for restarts. */
import { BatchedInserts } from '../store/batched-inserts';
import type { LocalDatabase } from '../store/database';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  status: ExecutionStatus;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
}

export type ExecutionOutcome = Pick<ExecutionRecord, 'output' | 'error' | 'cause'> & { status: Exclude<ExecutionStatus, 'RUNNING'> };

export interface HistoryEvent {
  id: number;
  timestamp: string;
  type: string;
  stateName?: string;
  [detail: string]: unknown;
}

/** The columns of `executions` under the names of ExecutionRecord; input and output are JSON text, absent values NULL. */
const RECORD_COLUMNS = `execution_arn AS executionArn, name, state_machine_arn AS stateMachineArn, status, input, output, error, cause,
  start_date AS startDate, stop_date AS stopDate`;
type RecordRow = Record<keyof ExecutionRecord, string | null>;

const toRecord = (row: RecordRow): ExecutionRecord => {
  const present = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as Record<string, string>;
  const output = present.output === undefined ? {} : { output: JSON.parse(present.output) as unknown };
  return { ...present, input: JSON.parse(present.input as string) as unknown, ...output } as ExecutionRecord;
};

const EVENT_COLUMNS = 'execution_arn AS executionArn, seq AS id, timestamp, type, state_name AS stateName, details';
type EventRow = { executionArn: string; id: number; timestamp: number; type: string; stateName: string | null; details: string };

const toEvent = ({ id, timestamp, type, stateName, details }: EventRow): HistoryEvent => ({
  id,
  timestamp: new Date(timestamp).toISOString(),
  type,
  ...(stateName !== null ? { stateName } : {}),
  ...(JSON.parse(details) as Record<string, unknown>),
});

const INSERT_EVENT = 'INSERT INTO execution_events (execution_arn, timestamp, type, state_name, details) VALUES ($arn, $ts, $type, $state, $details)';

export class ExecutionStore {
  /** History events, written in batches; every read of history flushes first. */
  private readonly history: BatchedInserts;

  constructor(private readonly db: LocalDatabase) {
    this.history = new BatchedInserts(db, INSERT_EVENT);
  }

  /** After this, writes are dropped: stragglers of aborted executions must not touch a closed database. */
  close(): void {
    this.history.close();
  }

  /** Writes the buffered history events now. */
  flush(): void {
    this.history.flush();
  }

  create(record: Pick<ExecutionRecord, 'executionArn' | 'name' | 'stateMachineArn' | 'input' | 'startDate'>): void {
    this.db.run(
      `INSERT INTO executions (execution_arn, name, state_machine_arn, status, input, start_date)
       VALUES ($arn, $name, $sm, 'RUNNING', $input, $start)`,
      { arn: record.executionArn, name: record.name, sm: record.stateMachineArn, input: JSON.stringify(record.input), start: record.startDate },
    );
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.one('execution_arn = $id', executionArn);
  }

  /** By ARN, or by name (the order id) across state machines, newest first. */
  find(idOrName: string): ExecutionRecord | undefined {
    return this.one('execution_arn = $id OR name = $id ORDER BY start_date DESC LIMIT 1', idOrName);
  }

  private one(where: string, id: string): ExecutionRecord | undefined {
    const row = this.db.get<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM executions WHERE ${where}`, { id });
    return row ? toRecord(row) : undefined;
  }

  /** Newest first (ties by ARN); `after` pages on from the last execution of the previous page. */
  list(query: { status?: string; limit: number; after?: { startDate: string; executionArn: string } }): ExecutionRecord[] {
    return this.db
      .all<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM executions WHERE ($status IS NULL OR status = $status)
           AND ($start IS NULL OR start_date < $start OR (start_date = $start AND execution_arn < $arn))
         ORDER BY start_date DESC, execution_arn DESC LIMIT $limit`,
        { status: query.status ?? null, start: query.after?.startDate ?? null, arn: query.after?.executionArn ?? null, limit: query.limit },
      )
      .map(toRecord);
  }

  countByStatus(): Record<string, number> {
    const rows = this.db.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM executions GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  finish(executionArn: string, outcome: ExecutionOutcome): void {
    if (this.history.isClosed) return;
    // The history is complete before the status says the execution ended.
    this.flush();
    const { status, output, error = null, cause = null } = outcome;
    this.db.run(
      `UPDATE executions SET status = $status, output = $output, error = $error, cause = $cause, stop_date = $stop
       WHERE execution_arn = $arn AND status = 'RUNNING'`,
      { arn: executionArn, status, output: output === undefined ? null : JSON.stringify(output), error, cause, stop: new Date().toISOString() },
    );
  }

  append(executionArn: string, type: string, stateName: string | undefined, details: Record<string, unknown>, timestamp = Date.now()): void {
    this.history.add({ arn: executionArn, ts: timestamp, type, state: stateName ?? null, details: JSON.stringify(details) });
  }

  events(executionArn: string): HistoryEvent[] {
    this.flush();
    const sql = `SELECT ${EVENT_COLUMNS} FROM execution_events WHERE execution_arn = $arn ORDER BY timestamp, seq`;
    return this.db.all<EventRow>(sql, { arn: executionArn }).map(toEvent);
  }

  /**
   * Several executions with their events, in two queries rather than two per execution: `orders report` reads
   * every history of its window. Unknown ARNs are left out; the order of `executionArns` is kept.
   */
  withEvents(executionArns: readonly string[]): (ExecutionRecord & { events: HistoryEvent[] })[] {
    this.flush();
    const params = { arns: JSON.stringify(executionArns) };
    const where = 'WHERE execution_arn IN (SELECT value FROM json_each($arns))';
    const recordRows = this.db.all<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM executions ${where}`, params);
    const records = new Map(recordRows.map((row) => [row.executionArn, toRecord(row)]));
    const rows = this.db.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM execution_events ${where} ORDER BY timestamp, seq`, params);
    const events = Map.groupBy(rows, (row) => row.executionArn);
    return executionArns.flatMap((arn) => {
      const record = records.get(arn);
      return record ? [{ ...record, events: (events.get(arn) ?? []).map(toEvent) }] : [];
    });
  }

  /** Marks every RUNNING execution ABORTED with an event saying why; returns their ARNs. */
  abortRunning(reason: string): string[] {
    const running = this.db.all<{ execution_arn: string }>(`SELECT execution_arn FROM executions WHERE status = 'RUNNING'`);
    this.db.transaction(() => {
      for (const { execution_arn } of running) {
        this.append(execution_arn, 'ExecutionAborted', undefined, { reason });
        this.finish(execution_arn, { status: 'ABORTED', error: 'States.Aborted', cause: reason });
      }
    });
    return running.map((r) => r.execution_arn);
  }
}
