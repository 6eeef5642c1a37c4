/**
 * The console's data from a local stack running in this process. Histories and everything the report reads go
 * through the CLI's LocalSource (its /_local/* requests answered in-process, without a socket), except the two
 * reads that must stay fast with 10,000 executions: the executions list and the histories of a report window are
 * read from SQLite in one query each, then normalized by the same core function LocalSource uses.
 */
import { normalizeLocalHistory, type LocalExecutionRecord } from '../../cli/core/local-history';
import type { ExecutionHistory, ExecutionStatus, ExecutionSummary } from '../../cli/core/history';
import { LocalSource, toLocalSummary } from '../../cli/sources/local-source';
import type { ListQuery } from '../../cli/sources/source';
import type { Progress } from '../../shared/progress';
import { TEST_TOKENS } from '../../domain/payment-simulator';
import type { DevApi } from '../../local/dev-api/routes';
import type { LocalServices } from '../../local/services';
import type { ConsoleMeta, ExecutionPage, ExecutionRow, FunctionFigures, StatusFilter } from '../shared/api';
import type { ConsoleBackend, ExecutionQuery, OrderExtras } from './backend';
import { decodeCursor, encodeCursor } from './cursor';
import { definitionOf } from './definitions';
import { BoundedReportFacts, LayeredReportFacts, type ReportFactStore } from './report-histories';
import { SqliteReportFacts } from './sqlite-report-facts';

export interface LocalBackendOptions {
  services: LocalServices;
  /** The stack's /_local/* handler: LocalSource's requests are answered by it in-process. */
  devApi: DevApi;
  url: string;
  apiKey: string;
}

interface ExecutionRowSql {
  rid: number;
  execution_arn: string;
  name: string;
  state_machine_arn: string;
  status: ExecutionStatus;
  error: string | null;
  cause: string | null;
  input: string;
  output: string | null;
  start_date: string;
  stop_date: string | null;
  order_status: string | null;
  failed_state: string | null;
  failure_error: string | null;
}

/** Status filters that are order outcomes (the order record knows REJECTED; Step Functions says FAILED). */
const STATUS_SQL: Record<StatusFilter, string> = {
  RUNNING: "x.status = 'RUNNING'",
  SUCCEEDED: "x.status = 'SUCCEEDED'",
  COMPLETED: "x.status = 'SUCCEEDED'",
  FAILED: "x.status = 'FAILED' AND (o.status IS NULL OR o.status <> 'REJECTED')",
  REJECTED: "o.status = 'REJECTED'",
  TIMED_OUT: "x.status = 'TIMED_OUT'",
  ABORTED: "x.status = 'ABORTED'",
};

const LIST_SQL = (statusClause: string): string => `
SELECT x.rowid AS rid, x.execution_arn, x.name, x.state_machine_arn, x.status, x.error, x.cause, '' AS input, NULL AS output,
       x.start_date, x.stop_date, o.status AS order_status,
       json_extract(o.item, '$.failure.state') AS failed_state, json_extract(o.item, '$.failure.error') AS failure_error
FROM executions x LEFT JOIN orders o ON o.order_id = x.name
WHERE (${statusClause})
  AND ($failedState IS NULL OR json_extract(o.item, '$.failure.state') = $failedState)
  AND ($error IS NULL OR json_extract(o.item, '$.failure.error') = $error OR x.error = $error)
  AND ($from IS NULL OR x.start_date >= $from) AND ($to IS NULL OR x.start_date < $to)
  AND ($q IS NULL OR instr(x.name, $q) > 0)
  AND ($afterStart IS NULL OR x.start_date < $afterStart OR (x.start_date = $afterStart AND x.rowid < $afterRow))
ORDER BY x.start_date DESC, x.rowid DESC LIMIT $limit`;

const toRecord = (row: Pick<ExecutionRowSql, 'execution_arn' | 'name' | 'status' | 'input' | 'output' | 'error' | 'cause' | 'start_date' | 'stop_date'>): LocalExecutionRecord => ({
  executionArn: row.execution_arn,
  name: row.name,
  status: row.status,
  ...(row.input !== '' && { input: JSON.parse(row.input) as unknown }),
  ...(row.output !== null && { output: JSON.parse(row.output) as unknown }),
  ...(row.error !== null && { error: row.error }),
  ...(row.cause !== null && { cause: row.cause }),
  startDate: row.start_date,
  ...(row.stop_date !== null && { stopDate: row.stop_date }),
});

/**
 * LocalSource whose two bulk reads skip the HTTP layer. `histories` reads the requested executions and their
 * events in two queries (the store's `withEvents`, which POST /_local/histories serves too); both still produce
 * their results with toLocalSummary / normalizeLocalHistory.
 */
class InProcessLocalSource extends LocalSource {
  constructor(
    private readonly services: LocalServices,
    devApi: DevApi,
    url: string,
  ) {
    super({ url, fetch: inProcessFetch(devApi) });
  }

  override async listExecutions(query: ListQuery, progress: Progress): Promise<ExecutionSummary[]> {
    progress.start('Listing executions');
    this.services.executions.flush();
    // A summary needs neither the input nor the error and cause (10,000 of them on a dashboard's window).
    const rows = this.services.db.all<Pick<ExecutionRowSql, 'execution_arn' | 'name' | 'status' | 'start_date' | 'stop_date'>>(
      `SELECT execution_arn, name, status, start_date, stop_date FROM executions
       WHERE ($status IS NULL OR status = $status) AND ($since IS NULL OR start_date >= $since)
       ORDER BY start_date DESC, rowid DESC LIMIT $limit`,
      { status: query.status ?? null, since: query.since === undefined ? null : new Date(query.since).toISOString(), limit: query.max ?? -1 },
    );
    progress.done();
    return rows.map((row) =>
      toLocalSummary({ executionArn: row.execution_arn, name: row.name, status: row.status, startDate: row.start_date, ...(row.stop_date !== null && { stopDate: row.stop_date }) }),
    );
  }

  override async histories(executions: readonly ExecutionSummary[], progress: Progress): Promise<ExecutionHistory[]> {
    progress.start('Reading execution histories', executions.length);
    const read = this.services.executions.withEvents(executions.map((e) => e.executionArn));
    progress.done();
    return read.map(({ events, ...record }) => normalizeLocalHistory(record, events));
  }
}

/** A fetch that hands /_local/* requests to the dev API of this process. */
const inProcessFetch =
  (devApi: DevApi): typeof fetch =>
  async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const answer = await devApi({ method: init?.method ?? 'GET', url, rawHeaders: [], body: Buffer.alloc(0), tooLarge: false });
    return new Response(answer.body, { status: answer.status, headers: { 'content-type': 'application/json' } });
  };

/**
 * Report facts also kept in memory (a few hundred bytes to a few KB each), so a dashboard recomputed over 10,000
 * executions does not parse them all again; beyond this many the least recently read are dropped and read from
 * SQLite when next needed.
 */
const KEPT_IN_MEMORY = 20_000;

export class LocalBackend implements ConsoleBackend {
  readonly source: InProcessLocalSource;
  readonly reportFacts: ReportFactStore;
  private readonly services: LocalServices;
  private facetCache: { version: string; facets: { failedStates: string[]; errors: string[] } } | undefined;

  constructor(private readonly options: LocalBackendOptions) {
    this.services = options.services;
    this.source = new InProcessLocalSource(options.services, options.devApi, options.url);
    this.reportFacts = new LayeredReportFacts(new BoundedReportFacts(KEPT_IN_MEMORY), new SqliteReportFacts(options.services.db));
  }

  async meta(): Promise<ConsoleMeta> {
    const s = this.services;
    const create = s.model.apis.flatMap((a) => a.routes).find((r) => r.method === 'POST' && r.requestModel && r.functionLogicalId);
    return {
      mode: 'local',
      readOnly: false,
      source: this.source.description,
      stateMachines: s.model.stateMachines.map((m) => ({ name: m.name, type: m.type, definition: definitionOf(m.definition) })),
      local: {
        apiKey: this.options.apiKey,
        createOrderPath: create?.path ?? '/orders',
        products: s.inventory.listProducts().map((p) => ({ productId: p.productId, name: p.name, unitPrice: p.unitPrice, available: p.available })),
        paymentTokens: Object.keys(TEST_TOKENS),
        queues: s.queues
          .stats()
          .filter((q) => q.deadLetterQueue !== undefined)
          .map((q) => ({
            name: q.name,
            ...(q.deadLetterQueue !== undefined && { deadLetterQueue: q.deadLetterQueue }),
            consumers: s.pollers.filter((p) => p.mapping.queueName === q.name).map((p) => ({ function: p.mapping.functionLogicalId, paused: p.isPaused })),
          })),
        functions: s.model.functions.map((f) => f.logicalId),
      },
    };
  }

  async executions(query: ExecutionQuery): Promise<ExecutionPage> {
    const db = this.services.db;
    this.services.executions.flush();
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = db.all<ExecutionRowSql>(LIST_SQL(query.status ? STATUS_SQL[query.status] : '1 = 1'), {
      failedState: query.failedState ?? null,
      error: query.error ?? null,
      from: query.from === undefined ? null : new Date(query.from).toISOString(),
      to: query.to === undefined ? null : new Date(query.to).toISOString(),
      q: query.q ?? null,
      afterStart: after?.startedAt ?? null,
      afterRow: after ? Number(after.key) : null,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => this.toRow(row)),
      ...(rows.length > query.limit && last && { nextCursor: encodeCursor({ startedAt: last.start_date, key: String(last.rid) }) }),
      ...(!query.cursor && { facets: await this.facets() }),
    };
  }

  async version(): Promise<string> {
    this.services.executions.flush();
    const row = this.services.db.get<{ events: number | null; executions: number; running: number }>(
      `SELECT (SELECT MAX(seq) FROM execution_events) AS events, (SELECT COUNT(*) FROM executions) AS executions,
              (SELECT COUNT(*) FROM executions WHERE status = 'RUNNING') AS running`,
    );
    return `${row?.events ?? 0}.${row?.executions ?? 0}.${row?.running ?? 0}`;
  }

  stateMachineOf(executionArn: string): string | undefined {
    return this.services.model.stateMachines.find((m) => executionArn.startsWith(m.arn.replace(':stateMachine:', ':execution:')))?.name;
  }

  async orderExtras(orderId: string): Promise<OrderExtras> {
    const s = this.services;
    const order = await s.orders.get(orderId);
    const notifications = s.db
      .all<{ subject: string | null; message: string; published_at: string }>(
        'SELECT subject, message, published_at FROM notifications WHERE instr(message, $id) > 0 ORDER BY seq',
        { id: orderId },
      )
      .map((n) => ({ ...(n.subject !== null && { subject: n.subject }), message: parseJson(n.message), publishedAt: n.published_at }));
    const logs = s.logs.query({ filter: orderId, limit: 1000 }).map((l) => ({ timestamp: l.timestamp, source: l.function, message: l.message }));
    return {
      ...(order && { order: order as unknown as Record<string, unknown> }),
      ledger: s.payments.events(orderId).map((e) => ({ ...e })),
      notifications,
      logs,
    };
  }

  async functionFigures(): Promise<FunctionFigures[]> {
    return Object.entries(this.services.lambda.stats()).map(([name, stats]) => ({
      name,
      invocations: stats.invocations,
      errors: stats.errors,
      ...(stats.durationMs !== undefined && stats.invocations > 0 && { meanDurationMs: Math.round((stats.durationMs / stats.invocations) * 10) / 10 }),
    }));
  }

  close(): void {}

  private toRow(row: ExecutionRowSql): ExecutionRow {
    const summary = toLocalSummary(toRecord(row));
    return {
      ...summary,
      stateMachine: this.stateMachineOf(row.execution_arn) ?? row.state_machine_arn,
      ...(row.order_status !== null && { outcome: row.order_status }),
      ...(row.failed_state !== null && { failedState: row.failed_state }),
      ...((row.failure_error ?? row.error) !== null && { error: row.failure_error ?? row.error ?? '' }),
    };
  }

  /** Recomputed only when executions changed: a scan of every order. */
  private async facets(): Promise<{ failedStates: string[]; errors: string[] }> {
    const version = await this.version();
    if (this.facetCache?.version === version) return this.facetCache.facets;
    const rows = this.services.db.all<{ state: string | null; error: string | null }>(
      `SELECT DISTINCT json_extract(item, '$.failure.state') AS state, json_extract(item, '$.failure.error') AS error FROM orders WHERE json_extract(item, '$.failure') IS NOT NULL`,
    );
    const distinct = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null))].sort();
    const facets = { failedStates: distinct(rows.map((r) => r.state)), errors: distinct(rows.map((r) => r.error)) };
    this.facetCache = { version, facets };
    return facets;
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
