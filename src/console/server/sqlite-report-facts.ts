/**
 * The local stack's report facts: the part of each finished execution's history that `buildReport` reads
 * (report-histories.ts `forReport`), one JSON row per execution in the stack's SQLite file, written the first time
 * a dashboard needs it and read back by every later one — across restarts, so a start needs no history replay.
 * The table belongs to the console, not to the emulator: what is kept (`caught`, `outcome`) is this workflow's
 * business. A finished history never changes, so a row is never stale; `format` lets a later version of
 * `forReport` ignore rows written by an earlier one (they are rewritten on the next read of the window).
 */
import type { ExecutionHistory } from '../../cli/core/history';
import type { LocalDatabase } from '../../local/emulator/store/database';
import type { ReportFactStore } from './report-histories';

/** Bump when `forReport` keeps something else: rows of another format are read as missing. */
const FORMAT = 1;

const SCHEMA = `CREATE TABLE IF NOT EXISTS console_report_facts (
  execution_arn TEXT PRIMARY KEY,
  format INTEGER NOT NULL,
  facts TEXT NOT NULL
)`;

export class SqliteReportFacts implements ReportFactStore {
  constructor(private readonly db: LocalDatabase) {
    db.run(SCHEMA);
  }

  read(executionArns: readonly string[]): Map<string, ExecutionHistory> {
    const rows = this.db.all<{ execution_arn: string; facts: string }>(
      'SELECT execution_arn, facts FROM console_report_facts WHERE format = $format AND execution_arn IN (SELECT value FROM json_each($arns))',
      { format: FORMAT, arns: JSON.stringify(executionArns) },
    );
    return new Map(rows.map((row) => [row.execution_arn, JSON.parse(row.facts) as ExecutionHistory]));
  }

  write(histories: readonly ExecutionHistory[]): void {
    this.db.transaction(() => {
      for (const history of histories) {
        this.db.run('INSERT OR REPLACE INTO console_report_facts (execution_arn, format, facts) VALUES ($arn, $format, $facts)', {
          arn: history.executionArn,
          format: FORMAT,
          facts: JSON.stringify(history),
        });
      }
    });
  }
}
