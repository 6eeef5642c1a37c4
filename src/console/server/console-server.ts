/**
 * The console under /console/: the browser app's files, its deep links (every other /console/* path answers the
 * app's page, so a reload works) and the read endpoints under /console/api/*. Mounted by the local stack and by
 * `orders console`; both hand in a backend. Requests and answers use the stack's own shapes (ApiRequest-like in,
 * ApiResponse out) so the same handler runs behind either server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseSince } from '../../cli/args';
import { UsageError } from '../../cli/errors';
import { OrderNotFoundError } from '../../domain/errors';
import { findFailurePoint } from '../../cli/core/failure-point';
import { EXECUTION_STATUSES } from '../../cli/core/history';
import type { ApiResponse } from '../../local/emulator/http/messages';
import type { DashboardData, ExecutionDetail, OrderPage, StatusFilter } from '../shared/api';
import { ConsoleQueryError, type ConsoleBackend, type ExecutionQuery } from './backend';
import { ChangeFeed } from './changes';
import { ReportHistories } from './report-histories';
import { buildDashboard } from './dashboard';
import { viewExecution } from './state-runs';

const CONSOLE_PATH = '/console';

export interface ConsoleRequest {
  method: string;
  url: URL;
}

export interface ConsoleServerOptions {
  backend: ConsoleBackend;
  /** dist/console: app.js and app.css from `node scripts/build.mjs --console`. */
  assetsDir: string;
  now?: () => number;
  onError?: (error: unknown) => void;
}

const STATUS_FILTERS: readonly StatusFilter[] = [...EXECUTION_STATUSES, 'COMPLETED', 'REJECTED'];
const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const DEFAULT_WINDOW = '24h';

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

/** Scripts and styles from this origin only: even a rendering mistake cannot run a string as code. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const json = (status: number, body: unknown): ApiResponse => ({
  status,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...SECURITY_HEADERS },
  body: JSON.stringify(body),
});

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Order workflow console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CONSOLE_PATH}/assets/app.css">
<script type="module" src="${CONSOLE_PATH}/assets/app.js"></script>
</head>
<body><div id="app"><main><h1>Order workflow console</h1><p>Loading…</p></main></div></body>
</html>
`;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Console not built</title></head>
<body><main><h1>The console is not built</h1><p>Run <code>node scripts/build.mjs --console</code> (<code>npm start</code> does it), then reload.</p></main></body></html>
`;

const optionalText = (url: URL, name: string): string | undefined => {
  const value = url.searchParams.get(name)?.trim();
  return value ? value : undefined;
};

const timeParam = (url: URL, name: string): number | undefined => {
  const value = optionalText(url, name);
  if (value === undefined) return undefined;
  const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(at)) throw new ConsoleQueryError(`${name} must be an ISO 8601 time or epoch milliseconds, got "${value}"`, name);
  return at;
};

const parseExecutionQuery = (url: URL): ExecutionQuery => {
  const status = optionalText(url, 'status');
  if (status !== undefined && !STATUS_FILTERS.includes(status as StatusFilter)) {
    throw new ConsoleQueryError(`status must be one of ${STATUS_FILTERS.join(', ')}`, 'status');
  }
  const limitText = optionalText(url, 'limit');
  const limit = limitText === undefined ? DEFAULT_PAGE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new ConsoleQueryError(`limit must be an integer from 1 to ${MAX_PAGE}`, 'limit');
  const from = timeParam(url, 'from');
  const to = timeParam(url, 'to');
  const failedState = optionalText(url, 'failedState');
  const error = optionalText(url, 'error');
  const q = optionalText(url, 'q');
  const cursor = optionalText(url, 'cursor');
  return {
    limit,
    ...(status !== undefined && { status: status as StatusFilter }),
    ...(failedState !== undefined && { failedState }),
    ...(error !== undefined && { error }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(q !== undefined && { q }),
    ...(cursor !== undefined && { cursor }),
  };
};

export class ConsoleServer {
  private readonly backend: ConsoleBackend;
  private readonly changes: ChangeFeed;
  private readonly now: () => number;
  /** The last dashboard per window, reused while nothing changed. */
  private dashboardCache: { key: string; data: DashboardData } | undefined;
  private readonly reportHistories: ReportHistories;

  constructor(private readonly options: ConsoleServerOptions) {
    this.backend = options.backend;
    this.now = options.now ?? Date.now;
    this.changes = new ChangeFeed(() => this.backend.version());
    this.reportHistories = new ReportHistories(this.backend.source, this.backend.reportFacts);
  }

  /** True for the paths this server answers. */
  static owns(pathname: string): boolean {
    return pathname === CONSOLE_PATH || pathname.startsWith(`${CONSOLE_PATH}/`);
  }

  async handle(req: ConsoleRequest): Promise<ApiResponse> {
    const path = req.url.pathname;
    if (path.startsWith(`${CONSOLE_PATH}/api/`)) {
      if (req.method !== 'GET') return json(405, { message: `${req.method} is not supported on ${path}; the console's API is read-only` });
      return this.api(path.slice(`${CONSOLE_PATH}/api/`.length), req.url);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { message: `${req.method} is not supported on ${path}` });
    if (path.startsWith(`${CONSOLE_PATH}/assets/`)) return this.asset(path.slice(`${CONSOLE_PATH}/assets/`.length));
    const built = existsSync(join(this.options.assetsDir, 'app.js'));
    return { status: built ? 200 : 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS }, body: built ? PAGE : NOT_BUILT };
  }

  close(): void {
    this.changes.close();
    this.backend.close();
  }

  private async api(route: string, url: URL): Promise<ApiResponse> {
    const [resource, ...rest] = route.split('/');
    const id = rest.length > 0 ? decodeURIComponent(rest.join('/')) : undefined;
    try {
      switch (resource) {
        case 'meta':
          if (!id) return json(200, await this.backend.meta());
          break;
        case 'executions':
          if (!id) return json(200, await this.backend.executions(parseExecutionQuery(url)));
          return json(200, await this.execution(id));
        case 'orders':
          if (id) return json(200, await this.order(id));
          break;
        case 'report':
          if (!id) return json(200, await this.dashboard(url));
          break;
        case 'changes':
          if (!id) return json(200, { version: await this.changes.next(optionalText(url, 'since')) });
          break;
        default:
          break;
      }
      return json(404, { message: `/console/api/${route} not found` });
    } catch (error) {
      if (error instanceof ConsoleQueryError) return json(400, { message: error.message, ...(error.field && { field: error.field }) });
      if (error instanceof UsageError) return json(400, { message: error.message, field: 'since' });
      if (error instanceof OrderNotFoundError) return json(404, { message: `No execution found for ${error.orderId}` });
      this.options.onError?.(error);
      return json(502, { message: `The console could not read its source: ${error instanceof Error ? error.name : 'error'}` });
    }
  }

  private async execution(ref: string): Promise<ExecutionDetail> {
    const history = await this.backend.source.history(ref);
    const stateMachine = this.backend.stateMachineOf(history.executionArn);
    const failure = findFailurePoint(history);
    return { ...(stateMachine && { stateMachine }), ...(failure && { failure }), ...viewExecution(history) };
  }

  private async order(orderId: string): Promise<OrderPage> {
    const execution = await this.execution(orderId).catch((error: unknown) => {
      if (error instanceof OrderNotFoundError) return undefined;
      throw error;
    });
    const extras = await this.backend.orderExtras(orderId, { ...(execution && { startedAt: execution.history.startedAt }) });
    if (!execution && !extras.order) throw new OrderNotFoundError(orderId);
    return { orderId, ...extras, ...(execution && { execution }) };
  }

  private async dashboard(url: URL): Promise<DashboardData> {
    const until = timeParam(url, 'until') ?? this.now();
    const sinceText = optionalText(url, 'since') ?? DEFAULT_WINDOW;
    const since = parseSince(sinceText, until) ?? until;
    const key = `${sinceText}|${url.searchParams.get('until') ?? ''}|${await this.backend.version()}`;
    if (this.dashboardCache?.key === key) return this.dashboardCache.data;
    const data = await buildDashboard(this.backend, this.reportHistories, since, until);
    this.dashboardCache = { key, data };
    return data;
  }

  private asset(name: string): ApiResponse {
    const type = CONTENT_TYPES[extname(name)];
    if (!type || !/^[\w.-]+$/.test(name)) return json(404, { message: `/console/assets/${name} not found` });
    const file = join(this.options.assetsDir, name);
    if (!existsSync(file)) return json(404, { message: `/console/assets/${name} not found` });
    return { status: 200, headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS }, body: readFileSync(file) };
  }
}

