/**
 * The `orders` commands against the local stack, through its console endpoints on 127.0.0.1 (no API key):
 * /_local/executions[/{id}], /_local/queues[/{name}/redrive] and /_local/logs.
 */
import { OrderNotFoundError } from '../../domain/errors';
import { isExecutionStatus, type ExecutionHistory, type ExecutionSummary } from '../core/history';
import { normalizeLocalHistory, type LocalExecutionRecord, type LocalHistoryEvent } from '../core/local-history';
import type { CloudWatchSums, DlqDepth } from '../core/report';
import { CliError, SourceError } from '../errors';
import pLimit from 'p-limit';
import type { Progress } from '../../shared/progress';
import type { DeadLetterMessage, DeadLetterQueueView, ListQuery, LogLine, LogQuery, OrdersSource, RedriveResult } from './source';

export const DEFAULT_LOCAL_PORT = 3000;

/** Histories per POST /_local/histories (the stack accepts up to 500). */
const HISTORY_BATCH = 250;

/** The stack answered 404 to POST /_local/histories: it predates the endpoint. */
class BatchEndpointMissing extends Error {}

export interface LocalSourceOptions {
  url: string;
  fetch?: typeof fetch;
  concurrency?: number;
  /** Executions asked for per request (the stack answers at most 10,000). */
  pageSize?: number;
}

/** The fields of the local stack's queue statistics that the CLI reads. */
interface LocalQueueStats {
  name: string;
  url?: string;
  depth: number;
  inFlight?: number;
  delayed?: number;
  deadLetterSourceFor?: string[];
}

interface LocalQueueMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt?: string;
  sourceQueue?: string;
}

interface LocalLogRecord {
  id?: string | number;
  timestamp: string | number;
  function?: string;
  source?: string;
  message?: string;
  line?: string;
}

/** Lists the CLI accepts either bare or wrapped in an object under `key`. */
const listOf = <T>(body: unknown, key: string): T[] => {
  if (Array.isArray(body)) return body as T[];
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? (value as T[]) : [];
};

const toMs = (value: string | number | undefined): number => (typeof value === 'number' ? value : value ? new Date(value).getTime() : 0);

export const toLocalSummary = (record: LocalExecutionRecord): ExecutionSummary => {
  const stoppedAt = record.stopDate === undefined ? undefined : toMs(record.stopDate);
  return {
    executionArn: record.executionArn,
    name: record.name,
    orderId: record.name,
    status: isExecutionStatus(record.status) ? record.status : 'FAILED',
    startedAt: toMs(record.startDate),
    ...(stoppedAt !== undefined && { stoppedAt }),
  };
};

export class LocalSource implements OrdersSource {
  readonly description: string;
  private readonly url: string;
  private readonly fetch: typeof fetch;
  /** At most `concurrency` requests in flight, batches and single histories alike. */
  private readonly limit: ReturnType<typeof pLimit>;
  /** Until a stack says it has no POST /_local/histories. */
  private batchEndpoint = true;
  private readonly pageSize: number;

  constructor({ url, fetch: fetchImpl = fetch, concurrency = 8, pageSize = 5_000 }: LocalSourceOptions) {
    this.pageSize = pageSize;
    this.url = url.replace(/\/+$/, '');
    this.fetch = fetchImpl;
    this.limit = pLimit(concurrency);
    this.description = `local stack ${this.url}`;
  }

  async listExecutions(query: ListQuery, progress: Progress): Promise<ExecutionSummary[]> {
    progress.start('Listing executions');
    const executions = (await this.allExecutions(query))
      .map(toLocalSummary)
      .filter((execution) => (!query.status || execution.status === query.status) && (query.since === undefined || execution.startedAt >= query.since))
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, query.max);
    progress.tick(executions.length);
    progress.done();
    return executions;
  }

  /**
   * Every execution the query can want, newest first, page by page: the stack caps a page, and a report over a
   * silently truncated list would be wrong. Stops at `since` or `max`.
   */
  private async allExecutions(query: ListQuery): Promise<LocalExecutionRecord[]> {
    const all: LocalExecutionRecord[] = [];
    for (let last: LocalExecutionRecord | undefined; ; ) {
      const params = new URLSearchParams({ limit: String(this.pageSize) });
      if (query.status) params.set('status', query.status);
      if (last) params.set('afterStartDate', new Date(toMs(last.startDate)).toISOString());
      if (last) params.set('afterExecutionArn', last.executionArn);
      const page = listOf<LocalExecutionRecord>(await this.request(`/_local/executions?${params}`), 'executions');
      all.push(...page);
      last = page.at(-1);
      const reachedSince = last !== undefined && query.since !== undefined && toMs(last.startDate) < query.since;
      const enough = query.max !== undefined && all.length >= query.max;
      if (page.length < this.pageSize || reachedSince || enough || last === undefined) return all;
    }
  }

  async history(ref: string): Promise<ExecutionHistory> {
    const body = await this.request(`/_local/executions/${encodeURIComponent(ref)}`, { notFound: () => new OrderNotFoundError(ref) });
    return this.toHistory(body, ref);
  }

  /**
   * Batches of HISTORY_BATCH histories per request (POST /_local/histories), so a report over 10,000 executions
   * makes 20 requests, not 10,000. A stack from before that endpoint (404) is read one history at a time.
   */
  async histories(executions: readonly ExecutionSummary[], progress: Progress): Promise<ExecutionHistory[]> {
    progress.start('Reading execution histories', executions.length);
    const batches: ExecutionSummary[][] = [];
    for (let i = 0; i < executions.length; i += HISTORY_BATCH) batches.push(executions.slice(i, i + HISTORY_BATCH));
    const read = await Promise.all(
      batches.map(async (batch) => {
        const histories = await this.historyBatch(batch);
        progress.tick(batch.length);
        return histories;
      }),
    );
    progress.done();
    return read.flat();
  }

  private async historyBatch(batch: readonly ExecutionSummary[]): Promise<ExecutionHistory[]> {
    if (this.batchEndpoint) {
      const executionArns = batch.map((execution) => execution.executionArn);
      const body = await this.limit(() =>
        this.request('/_local/histories', { method: 'POST', body: { executionArns }, notFound: () => new BatchEndpointMissing() }),
      ).catch((error: unknown) => {
        if (!(error instanceof BatchEndpointMissing)) throw error;
        this.batchEndpoint = false;
        return undefined;
      });
      if (body !== undefined) {
        const found = new Map(listOf<{ executionArn?: string }>(body, 'histories').map((record) => [record.executionArn, record]));
        return batch.flatMap((execution) => {
          const record = found.get(execution.executionArn);
          return record ? [this.toHistory(record, execution.executionArn)] : [];
        });
      }
    }
    return Promise.all(batch.map((execution) => this.limit(() => this.history(execution.executionArn))));
  }

  async dlqDepths(): Promise<DlqDepth[]> {
    return (await this.deadLetterQueues()).map((queue) => ({ queue: queue.name, depth: messagesIn(queue) }));
  }

  async cloudWatchSums(): Promise<CloudWatchSums[]> {
    // The local stack prints EMF metrics but does not aggregate them; the report's figures come from the histories.
    return [];
  }

  async deadLetters(max: number): Promise<DeadLetterQueueView[]> {
    const queues = await this.deadLetterQueues();
    return Promise.all(
      queues.map(async (queue) => {
        const body = await this.request(`/_local/queues/${encodeURIComponent(queue.name)}`);
        const messages = listOf<LocalQueueMessage>(body, 'messages')
          .slice(0, max)
          .map(
            (message): DeadLetterMessage => ({
              messageId: message.messageId,
              body: message.body,
              receiveCount: message.receiveCount,
              ...(message.sentAt && { sentAt: message.sentAt }),
              ...(message.sourceQueue && { sourceQueue: message.sourceQueue }),
            }),
          );
        return { queue: queue.name, ...(queue.deadLetterSourceFor?.[0] && { sourceQueue: queue.deadLetterSourceFor[0] }), depth: messagesIn(queue), messages };
      }),
    );
  }

  async redrive(_options: { wait: boolean }, progress: Progress): Promise<RedriveResult[]> {
    const queues = await this.deadLetterQueues();
    const results: RedriveResult[] = [];
    for (const queue of queues) {
      progress.note(`Redriving ${queue.name}`);
      const body = (await this.request(`/_local/queues/${encodeURIComponent(queue.name)}/redrive`, { method: 'POST' })) as { moved?: number };
      results.push({ queue: queue.name, moved: Number(body?.moved ?? 0), status: 'COMPLETED' });
    }
    return results;
  }

  async logSources(): Promise<string[]> {
    const body = await this.request('/_local/logs?limit=0', { notFound: () => missingLogs(this.url) });
    const functions = typeof body === 'object' && body !== null ? (body as { functions?: unknown }).functions : undefined;
    return Array.isArray(functions) ? functions.map(String) : [];
  }

  async readLogs({ functions, since, filter }: LogQuery): Promise<LogLine[]> {
    const params = new URLSearchParams({ since: String(since) });
    for (const name of functions) params.append('function', name);
    if (filter) params.set('filter', filter);
    const body = await this.request(`/_local/logs?${params}`, { notFound: () => missingLogs(this.url) });
    return listOf<LocalLogRecord>(body, 'logs')
      .map((record, index) => {
        const timestamp = toMs(record.timestamp);
        const source = record.function ?? record.source ?? 'local';
        const message = record.message ?? record.line ?? '';
        return { id: String(record.id ?? `${source}:${timestamp}:${index}:${message.length}`), timestamp, source, message };
      })
      .filter((line) => line.timestamp >= since && (functions.length === 0 || functions.includes(line.source)))
      .filter((line) => !filter || line.message.includes(filter))
      .sort((a, b) => a.timestamp - b.timestamp);
  }

  private async deadLetterQueues(): Promise<LocalQueueStats[]> {
    const queues = listOf<LocalQueueStats>(await this.request('/_local/queues'), 'queues');
    return queues.filter((queue) => (queue.deadLetterSourceFor ?? []).length > 0);
  }

  private toHistory(body: unknown, ref: string): ExecutionHistory {
    const record = body as Partial<LocalExecutionRecord> & { execution?: LocalExecutionRecord; events?: LocalHistoryEvent[]; history?: LocalHistoryEvent[] };
    const execution = record.execution ?? (record as LocalExecutionRecord);
    if (!execution.executionArn) throw new SourceError(`The local stack's answer for ${ref} has no executionArn`);
    return normalizeLocalHistory(execution, record.events ?? record.history ?? []);
  }

  private async request(path: string, { method = 'GET', notFound, body }: { method?: string; notFound?: () => Error; body?: unknown } = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetch(`${this.url}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new CliError(
        `No local stack answers at ${this.url} (${(error as Error).message}). Start it with \`npm start\`, pass --url, or use --stack-name for a deployed stack.`,
        { cause: error },
      );
    }
    const text = await response.text();
    if (response.status === 404 && notFound) throw notFound();
    if (!response.ok) throw new SourceError(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    try {
      return text === '' ? {} : (JSON.parse(text) as unknown);
    } catch (error) {
      throw new SourceError(`${method} ${path} did not answer JSON`, { cause: error });
    }
  }
}

const messagesIn = (queue: LocalQueueStats): number => queue.depth + (queue.inFlight ?? 0) + (queue.delayed ?? 0);

const missingLogs = (url: string): CliError =>
  new CliError(`The local stack at ${url} does not serve /_local/logs; restart it with a version that keeps function logs.`);
