/**
 * The local stack's own endpoints under `/_local/` (no API key; the server listens on 127.0.0.1 only): health,
 * inventory, executions with their history, queues (depth, in flight, DLQ; redrive, send, pause/resume the
 * event source mapping), notifications, the payments ledger, function statistics and logs, the sample events,
 * and invoking any function. docs/local-api.md describes each one.
 *
 * Every answer is JSON. A request the router cannot serve gets a 4xx that says why (a path that does not
 * decode, an unknown resource or method, a body that is too large, not JSON or of the wrong shape); only a
 * fault of the stack itself is a 5xx.
 */
import type { ApiResponse } from '../emulator/http/rest-api';
import type { LocalServices } from '../services';
import { summarizeStates } from './execution-view';
import { invokeFunction } from './invoke';
import { LogsQueryError, readLogs } from './logs-view';
import { badRequest, DevApiProblem, json, methodNotAllowed, notFound, problemResponse } from './problems';
import { queueRoutes } from './queues';
import { bodySchema, readJsonBody, type DevApiRequest } from './request-body';
import { readSampleEvents } from './sample-events';
import { loadTemplate } from '../emulator/template/load-template';
import { openApiDocument } from '../../openapi/openapi-document';

export type { DevApiRequest } from './request-body';

export interface DevApiOptions {
  /** Where the sample events live (`events/` of the project). */
  eventsDir: string;
}

export type DevApi = (req: DevApiRequest) => Promise<ApiResponse>;

const MAX_LIMIT = 10_000;

/** The path below `/_local/`, decoded segment by segment; a malformed percent-encoding is the caller's error. */
const segmentsOf = (url: URL): string[] =>
  url.pathname
    .split('/')
    .filter(Boolean)
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw badRequest(`The path ${url.pathname} has a malformed percent-encoding`, [{ field: 'path', message: `"${segment}" does not decode` }]);
      }
    });

const limitOf = (url: URL, fallback: number): number => {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw badRequest('Invalid query string', [{ field: 'limit', message: `must be a positive whole number, got "${raw}"` }]);
  return Math.min(n, MAX_LIMIT);
};

/** `?afterStartDate=<ISO date>&afterExecutionArn=<ARN>`: the next page after that execution (the last one seen). */
const afterOf = (url: URL): { startDate: string; executionArn: string } | undefined => {
  const startDate = url.searchParams.get('afterStartDate');
  const executionArn = url.searchParams.get('afterExecutionArn');
  if (startDate === null && executionArn === null) return undefined;
  const errors = [
    ...(startDate === null || Number.isNaN(new Date(startDate).getTime()) ? [{ field: 'afterStartDate', message: `must be an ISO date, got "${startDate ?? ''}"` }] : []),
    ...(!executionArn ? [{ field: 'afterExecutionArn', message: 'must name the last execution of the previous page' }] : []),
  ];
  if (errors.length > 0 || startDate === null || !executionArn) throw badRequest('Invalid query string', errors);
  return { startDate: new Date(startDate).toISOString(), executionArn };
};

export const createDevApi =
  (services: LocalServices, options: DevApiOptions): DevApi =>
  async (req) => {
    try {
      return json(200, await route(services, options, req));
    } catch (error) {
      if (error instanceof DevApiProblem) return problemResponse(error);
      if (error instanceof LogsQueryError) return problemResponse(badRequest(error.message));
      if (error instanceof Error && error.name === 'QueueDoesNotExist') return problemResponse(new DevApiProblem(404, error.message));
      throw error;
    }
  };

const route = async (s: LocalServices, options: DevApiOptions, req: DevApiRequest): Promise<unknown> => {
  const [resource, id, action, ...extra] = segmentsOf(req.url);
  const path = req.url.pathname;
  /** A read endpoint without sub-resources. */
  const read = <T>(answer: () => T): T => {
    if (id !== undefined) throw notFound(path);
    if (req.method !== 'GET') throw methodNotAllowed(req.method, path, ['GET']);
    return answer();
  };
  if (extra.length > 0) throw notFound(path);
  switch (resource) {
    case 'health':
      return read(() => health(s));
    case 'openapi.json':
      // The REST API's description, servers relative to this stack (docs/openapi.json is the committed copy).
      return read(() => openApiDocument(loadTemplate(s.model.templatePath), { servers: [{ url: '/' }] }));
    case 'inventory':
      return read(() => s.inventory.listProducts());
    case 'notifications':
      return read(() => s.sns.list(limitOf(req.url, 100)));
    case 'payments':
      return read(() => s.payments.events(req.url.searchParams.get('orderId') ?? undefined));
    case 'logs':
      return read(() => readLogs(s, req.url.searchParams));
    case 'routes':
      return read(() => routes(s));
    case 'sample-events':
      return read(() => readSampleEvents(options.eventsDir, s.model.functions));
    case 'executions':
      return executions(s, req, id, action);
    case 'histories':
      return histories(s, req, id);
    case 'queues':
      return queueRoutes(s, req, id, action);
    case 'functions':
      return functions(s, req, id, action);
    default:
      throw notFound(`/_local/${resource ?? ''}`);
  }
};

const executions = (s: LocalServices, req: DevApiRequest, id: string | undefined, action: string | undefined): unknown => {
  if (action !== undefined) throw notFound(req.url.pathname);
  if (req.method !== 'GET') throw methodNotAllowed(req.method, req.url.pathname, ['GET']);
  if (id === undefined) {
    const status = req.url.searchParams.get('status') ?? undefined;
    const after = afterOf(req.url);
    return s.executions.list({ ...(status ? { status } : {}), ...(after ? { after } : {}), limit: limitOf(req.url, 100) });
  }
  const execution = s.executions.find(id);
  if (!execution) throw notFound(`Execution ${id}`);
  const events = s.executions.events(execution.executionArn);
  return { ...execution, states: summarizeStates(events, execution.status !== 'RUNNING'), events };
};

/** How many histories one request may ask for: a report's window is read in batches of this size. */
export const MAX_HISTORIES_PER_REQUEST = 500;

const historiesBody = bodySchema<{ executionArns: string[] }>({
  type: 'object',
  properties: { executionArns: { type: 'array', minItems: 1, maxItems: MAX_HISTORIES_PER_REQUEST, items: { type: 'string', minLength: 1, maxLength: 2048 } } },
  required: ['executionArns'],
  additionalProperties: false,
});

/**
 * POST /_local/histories `{ executionArns }`: many executions with their events in one answer (the same record
 * and events as GET /_local/executions/{id}, without the per-state summary). A read, but a POST because a
 * report's window names hundreds of executions; unknown ARNs are left out.
 */
const histories = (s: LocalServices, req: DevApiRequest, id: string | undefined): unknown => {
  if (id !== undefined) throw notFound(req.url.pathname);
  if (req.method !== 'POST') throw methodNotAllowed(req.method, req.url.pathname, ['POST']);
  const { executionArns } = readJsonBody(req, historiesBody, 1024 * 1024);
  return { histories: s.executions.withEvents(executionArns) };
};

const functions = (s: LocalServices, req: DevApiRequest, id: string | undefined, action: string | undefined): unknown => {
  const path = req.url.pathname;
  if (id === undefined) {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, path, ['GET']);
    return { functions: s.lambda.stats(), faults: s.faults.summary() };
  }
  if (action !== 'invoke') throw notFound(path);
  if (req.method !== 'POST') throw methodNotAllowed(req.method, path, ['POST']);
  return invokeFunction(s, id, req);
};

const health = (s: LocalServices) => ({
  status: 'ok',
  uptimeSeconds: Math.round((Date.now() - s.startedAt) / 1000),
  timeScale: s.timeScale,
  dataDir: s.dataDir,
  stateMachines: s.runners.map((r) => ({ name: r.machine.name, arn: r.machine.arn, running: r.runningCount() })),
  executions: s.executions.countByStatus(),
  queues: s.queues.stats().map(({ name, depth, inFlight, deadLetterDepth }) => ({ name, depth, inFlight, ...(deadLetterDepth !== undefined ? { deadLetterDepth } : {}) })),
  pendingTaskTokens: s.tokens.pendingTokens().length,
  faults: s.faults.summary(),
});

const routes = (s: LocalServices) =>
  s.api.routes.map((r) => ({
    method: r.method,
    path: r.path,
    ...(r.functionLogicalId ? { function: r.functionLogicalId } : { integration: `${r.integration?.service}:${r.integration?.action}` }),
    apiKeyRequired: r.apiKeyRequired,
  }));
