/**
 * The local console under `/_local/` (no API key; the server listens on 127.0.0.1 only): health, inventory,
 * executions with their history, queues (depth, in flight, DLQ; redrive, send, pause/resume the event source
 * mapping), notifications, the payments ledger, function statistics and logs.
 */
import type { ApiResponse } from '../emulator/http/rest-api';
import type { LocalServices } from '../services';
import { summarizeStates } from './execution-view';
import { LogsQueryError, readLogs } from './logs-view';

export interface ConsoleRequest {
  method: string;
  url: URL;
  body: Buffer;
}

const json = (status: number, body: unknown): ApiResponse => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body, null, 2),
});

const notFound = (what: string): ApiResponse => json(404, { message: `${what} not found` });

const limitOf = (url: URL, fallback: number): number => {
  const n = Number(url.searchParams.get('limit'));
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10_000) : fallback;
};

export const handleConsole = (services: LocalServices, req: ConsoleRequest): ApiResponse => {
  const parts = req.url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [resource, id, action] = parts;
  const get = req.method === 'GET';
  const post = req.method === 'POST';
  try {
    switch (resource) {
      case 'health':
        if (get) return json(200, health(services));
        break;
      case 'inventory':
        if (get) return json(200, services.inventory.listProducts());
        break;
      case 'executions':
        if (get && !id) {
          const status = req.url.searchParams.get('status') ?? undefined;
          return json(200, services.executions.list({ ...(status ? { status } : {}), limit: limitOf(req.url, 100) }));
        }
        if (get && id && !action) return executionDetail(services, id);
        break;
      case 'queues':
        return queues(services, req, id, action);
      case 'notifications':
        if (get) return json(200, services.sns.list(limitOf(req.url, 100)));
        break;
      case 'payments':
        if (get) return json(200, services.payments.events(req.url.searchParams.get('orderId') ?? undefined));
        break;
      case 'functions':
        if (get) return json(200, { functions: services.lambda.stats(), faults: services.faults.summary() });
        break;
      case 'logs':
        if (get) return json(200, readLogs(services, req.url.searchParams));
        break;
      case 'routes':
        if (get) return json(200, services.api.routes.map((r) => ({ method: r.method, path: r.path, ...(r.functionLogicalId ? { function: r.functionLogicalId } : { integration: `${r.integration?.service}:${r.integration?.action}` }), apiKeyRequired: r.apiKeyRequired })));
        break;
      default:
        return notFound(`/_local/${resource ?? ''}`);
    }
    return json(405, { message: `${req.method} is not supported on ${req.url.pathname}` });
  } catch (error) {
    if (error instanceof Error && error.name === 'QueueDoesNotExist') return json(404, { message: error.message });
    if (error instanceof LogsQueryError) return json(400, { message: error.message });
    throw error;
  }
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

const executionDetail = (s: LocalServices, id: string): ApiResponse => {
  const execution = s.executions.find(id);
  if (!execution) return notFound(`Execution ${id}`);
  const events = s.executions.events(execution.executionArn);
  return json(200, { ...execution, states: summarizeStates(events, execution.status !== 'RUNNING'), events });
};

const queues = (s: LocalServices, req: ConsoleRequest, name: string | undefined, action: string | undefined): ApiResponse => {
  if (req.method === 'GET' && !name) {
    return json(200, s.queues.stats().map((q) => ({ ...q, consumers: s.pollers.filter((p) => p.mapping.queueName === q.name).map(pollerView) })));
  }
  if (!name) return json(405, { message: 'Use GET /_local/queues' });
  const queue = s.queues.find(name);
  if (req.method === 'GET' && !action) {
    const stats = s.queues.stats().find((q) => q.name === queue.name);
    return json(200, { ...stats, messages: s.queues.peek(queue.name) });
  }
  if (req.method !== 'POST') return json(405, { message: `${req.method} is not supported on ${req.url.pathname}` });
  const pollers = s.pollers.filter((p) => p.mapping.queueName === queue.name);
  switch (action) {
    case 'redrive':
      return json(200, s.queues.redrive(queue.name));
    case 'messages': {
      const parsed = req.body.length ? (JSON.parse(req.body.toString('utf8')) as { body?: unknown; messageAttributes?: never }) : {};
      const body = typeof parsed.body === 'string' ? parsed.body : JSON.stringify(parsed.body ?? {});
      return json(200, s.queues.send(queue.name, body, { ...(parsed.messageAttributes ? { messageAttributes: parsed.messageAttributes } : {}) }));
    }
    case 'pause':
      pollers.forEach((p) => p.pause());
      return json(200, { queue: queue.name, consumers: pollers.map(pollerView) });
    case 'resume':
      pollers.forEach((p) => p.resume());
      return json(200, { queue: queue.name, consumers: pollers.map(pollerView) });
    default:
      return notFound(`/_local/queues/${name}/${action ?? ''}`);
  }
};

const pollerView = (p: LocalServices['pollers'][number]) => ({
  function: p.mapping.functionLogicalId,
  batchSize: p.mapping.batchSize,
  reportBatchItemFailures: p.mapping.reportBatchItemFailures,
  paused: p.isPaused,
  ...p.stats,
});
