/**
 * The local stack's report facts: the part of each finished execution's history that `buildReport` reads
 * (report-histories.ts `forReport`), one row per execution in the stack's SQLite file, written the first time a
 * dashboard needs it and read back by every later one — across restarts, so a start needs no history replay.
 * The table belongs to the console, not to the emulator: what is kept (`caught`, `outcome`) is this workflow's
 * business. A finished history never changes, so a row is never stale; `format` lets a later version of
 * `forReport` ignore rows written by an earlier one (they are rewritten when next needed).
 *
 * A dashboard over 10,000 executions parses every row of its window on each recomputation, so what a row holds is
 * kept small by `forReport` (a few hundred bytes to a few KB as JSON) rather than cached in memory.
 */
import type { ExecutionHistory, ExecutionSummary } from '../../cli/core/history';
import type { LocalDatabase } from '../../local/emulator/store/database';
import type { ReportFactStore } from './report-histories';

/** Bump when `forReport` keeps something else: rows of another format read as missing. */
const FORMAT = 1;

/**
 * Clustered by start time (WITHOUT ROWID): a dashboard reads its window as one sequential range, not 10,000
 * lookups. A finished execution's start time never changes, so (started_at, execution_arn) identifies a row.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS console_report_facts (
  started_at INTEGER NOT NULL,
  execution_arn TEXT NOT NULL,
  format INTEGER NOT NULL,
  facts TEXT NOT NULL,
  PRIMARY KEY (started_at, execution_arn)
) WITHOUT ROWID`;

/**
 * A row holds what the executions list does not: the summary (ARN, name, status, times) is read with the list and
 * is the same for a finished execution, so it is joined back on read rather than stored twice.
 */
type StoredFacts = Omit<ExecutionHistory, keyof ExecutionSummary> & Pick<ExecutionHistory, 'orderId'>;

const storedFacts = ({ executionArn: _arn, name: _name, status: _status, startedAt: _startedAt, stoppedAt: _stoppedAt, ...facts }: ExecutionHistory): StoredFacts => facts;

export class SqliteReportFacts implements ReportFactStore {
  constructor(private readonly db: LocalDatabase) {
    db.run(SCHEMA);
  }

  /** One range read over the executions' start times (the dashboard's window), not one lookup per execution. */
  read(executions: readonly ExecutionSummary[]): Map<string, ExecutionHistory> {
    const found = new Map<string, ExecutionHistory>();
    if (executions.length === 0) return found;
    const wanted = new Map(executions.map((e) => [e.executionArn, e]));
    const from = executions.reduce((min, e) => Math.min(min, e.startedAt), Infinity);
    const to = executions.reduce((max, e) => Math.max(max, e.startedAt), -Infinity);
    const rows = this.db.all<{ execution_arn: string; facts: string }>(
      'SELECT execution_arn, facts FROM console_report_facts WHERE started_at BETWEEN $from AND $to AND format = $format',
      { from, to, format: FORMAT },
    );
    for (const row of rows) {
      const summary = wanted.get(row.execution_arn);
      if (summary) found.set(row.execution_arn, { ...summary, ...(JSON.parse(row.facts) as StoredFacts) });
    }
    return found;
  }

  write(histories: readonly ExecutionHistory[]): void {
    this.db.transaction(() => {
      for (const history of histories) {
        this.db.run('INSERT OR REPLACE INTO console_report_facts (execution_arn, started_at, format, facts) VALUES ($arn, $start, $format, $facts)', {
          arn: history.executionArn,
          start: history.startedAt,
          format: FORMAT,
          facts: JSON.stringify(storedFacts(history)),
        });
      }
    });
  }
}
