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
import type { LocalServices } from '../services';
import { summarizeStates } from './execution-view';
import { invokeFunction } from './invoke';
import { readLogs } from './logs-view';
import { jsonResponse, type ApiResponse } from '../emulator/http/messages';
import { badRequest, DevApiProblem, methodNotAllowed, notFound, problemResponse } from './problems';
import { listQueues, redrive, sendMessage, setPaused, showQueue } from './queues';
import { bodySchema, expectNoBody, readJsonBody, wholeNumber, type DevApiRequest } from './request-body';
import { readSampleEvents } from './sample-events';
import { loadTemplate } from '../emulator/template/load-template';
import { openApiDocument } from '../../openapi/openapi-document';

export type { DevApiRequest } from './request-body';

export interface DevApiOptions {
  /** Where the sample events live (`events/` of the project). */
  eventsDir: string;
}

export type DevApi = (req: DevApiRequest) => Promise<ApiResponse>;

type Answer = (req: DevApiRequest, ...params: string[]) => unknown;

/** An endpoint: its path below `/_local/`, where a `:` segment matches any one segment and is passed to `answer`. */
interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  answer: Answer;
}

const get = (path: string, answer: Answer): Endpoint => ({ method: 'GET', path, answer });
const post = (path: string, answer: Answer): Endpoint => ({ method: 'POST', path, answer });

/** An action that takes no input (redrive, pause, resume): the body must be empty, or `{}`, not ignored. */
const action = (path: string, act: (...params: string[]) => unknown): Endpoint =>
  post(path, (req, ...params) => {
    expectNoBody(req);
    return act(...params);
  });

/** How many histories one request may ask for: a report's window is read in batches of this size. */
const MAX_HISTORIES_PER_REQUEST = 500;

/** The path below `/_local/`, decoded segment by segment; a malformed percent-encoding is the caller's error. */
const segmentsOf = (url: URL): string[] =>
  url.pathname.split('/').filter(Boolean).slice(1).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw badRequest(`The path ${url.pathname} has a malformed percent-encoding`, [{ field: 'path', message: `"${segment}" does not decode` }]);
    }
  });

const limitOf = (url: URL): number => wholeNumber(url.searchParams, 'limit', { min: 1, max: 10_000, fallback: 100 });

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

const historiesBody = bodySchema<{ executionArns: string[] }>({
  type: 'object',
  properties: { executionArns: { type: 'array', minItems: 1, maxItems: MAX_HISTORIES_PER_REQUEST, items: { type: 'string', minLength: 1, maxLength: 2048 } } },
  required: ['executionArns'],
  additionalProperties: false,
});

const endpoints = (s: LocalServices, options: DevApiOptions): Endpoint[] => [
  get('health', () => health(s)),
  // The REST API's description, servers relative to this stack (docs/openapi.json is the committed copy).
  get('openapi.json', () => openApiDocument(loadTemplate(s.model.templatePath), { servers: [{ url: '/' }] })),
  get('inventory', () => s.inventory.listProducts()),
  get('notifications', (req) => s.sns.list(limitOf(req.url))),
  get('payments', (req) => s.payments.events(req.url.searchParams.get('orderId') ?? undefined)),
  get('logs', (req) => readLogs(s, req.url.searchParams)),
  get('routes', () => routes(s)),
  get('sample-events', () => readSampleEvents(options.eventsDir, s.model.functions)),
  get('executions', (req) => executions(s, req.url)),
  get('executions/:id', (_, id) => execution(s, id)),
  // Many executions with their events (as GET executions/{id}, without the per-state summary); unknown ARNs are
  // left out. A read, but a POST because a report's window names hundreds of executions.
  post('histories', (req) => ({ histories: s.executions.withEvents(readJsonBody(req, historiesBody, 1024 * 1024).executionArns) })),
  get('queues', () => listQueues(s)),
  get('queues/:name', (_, name) => showQueue(s, name)),
  post('queues/:name/messages', (req, name) => sendMessage(s, name, req)),
  action('queues/:name/redrive', (name) => redrive(s, name)),
  action('queues/:name/pause', (name) => setPaused(s, name, true)),
  action('queues/:name/resume', (name) => setPaused(s, name, false)),
  get('functions', () => ({ functions: s.lambda.stats(), faults: s.faults.summary() })),
  post('functions/:id/invoke', (req, id) => invokeFunction(s, id, req)),
];

const fits = (endpoint: Endpoint, segments: readonly string[]): boolean => {
  const parts = endpoint.path.split('/');
  return parts.length === segments.length && parts.every((part, i) => part.startsWith(':') || part === segments[i]);
};

export const createDevApi = (services: LocalServices, options: DevApiOptions): DevApi => {
  const table = endpoints(services, options);
  return async (req) => {
    try {
      const segments = segmentsOf(req.url);
      const matching = table.filter((e) => fits(e, segments));
      if (matching.length === 0) throw notFound(req.url.pathname);
      const chosen = matching.find((e) => e.method === req.method);
      if (!chosen) throw methodNotAllowed(req.method, req.url.pathname, matching.map((e) => e.method));
      const params = segments.filter((_, i) => chosen.path.split('/')[i]?.startsWith(':'));
      return jsonResponse(200, await chosen.answer(req, ...params));
    } catch (error) {
      if (error instanceof DevApiProblem) return problemResponse(error);
      if (error instanceof Error && error.name === 'QueueDoesNotExist') return problemResponse(new DevApiProblem(404, error.message));
      throw error;
    }
  };
};

const executions = (s: LocalServices, url: URL): unknown => {
  const status = url.searchParams.get('status') ?? undefined;
  const after = afterOf(url);
  return s.executions.list({ ...(status ? { status } : {}), ...(after ? { after } : {}), limit: limitOf(url) });
};

const execution = (s: LocalServices, id: string): unknown => {
  const found = s.executions.find(id);
  if (!found) throw notFound(`Execution ${id}`);
  const events = s.executions.events(found.executionArn);
  return { ...found, states: summarizeStates(events, found.status !== 'RUNNING'), events };
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
