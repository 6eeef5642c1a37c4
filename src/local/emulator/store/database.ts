/**
 * The embedded store: one SQLite file (Node's built-in `node:sqlite`) in WAL mode. Node runs our code on one
 * thread and this API is synchronous, so a transaction here cannot interleave with another request; that
 * is what makes "reserve every line or none" and "charge at most once" atomic locally.
 *
 * The data directory holds customers' emails, addresses and payment tokens (SQLite, the notifications outbox) and
 * the API key: it and everything in it are for the user who runs the stack only. Modes are set explicitly (not
 * left to the umask), and corrected on a directory or file an older version created readable by others. SQLite
 * gives its -wal and -shm files the mode of the database file, so creating local.db 0600 covers them too.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementSync } from 'node:sqlite';
import { SCHEMA } from './schema';

export const PRIVATE_FILE_MODE = 0o600;

export type Row = Record<string, SQLOutputValue>;
export type Params = Record<string, SQLInputValue>;

export class LocalDatabase {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  /** `schemas`: the application's own tables, created after the emulator's. */
  constructor(readonly dataDir: string, schemas: readonly string[] = []) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    const file = join(dataDir, 'local.db');
    closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
    chmodSync(file, PRIVATE_FILE_MODE);
    // allowUnknownNamedParameters: callers pass one parameter object to queries that use only some of it.
    this.db = new DatabaseSync(file, { timeout: 5000, allowUnknownNamedParameters: true });
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    for (const schema of [SCHEMA, ...schemas]) this.db.exec(schema);
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  run(sql: string, params: Params = {}): { changes: number; lastInsertRowid: number } {
    const result = this.statement(sql).run(params);
    return { changes: Number(result.changes), lastInsertRowid: Number(result.lastInsertRowid) };
  }

  get<T = Row>(sql: string, params: Params = {}): T | undefined {
    return this.statement(sql).get(params) as T | undefined;
  }

  all<T = Row>(sql: string, params: Params = {}): T[] {
    return this.statement(sql).all(params) as T[];
  }

  /** Runs `work` in one transaction; nested calls join the outer one. `work` must be synchronous. */
  transaction<T>(work: () => T): T {
    if (this.db.isTransaction) return work();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}
