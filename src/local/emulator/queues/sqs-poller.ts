/**
 * The SQS event source mapping of a function, as Lambda runs it: pollers receive batches of up to BatchSize
 * messages and invoke the function with an SQS event. On success the batch is deleted, except the records
 * named in `batchItemFailures` when ReportBatchItemFailures is on; on error nothing is deleted. What is not
 * deleted comes back after the visibility timeout, and the queue's redrive policy takes it from there.
 */
import type { SQSRecord } from 'aws-lambda';
import type { LambdaRuntime } from '../lambda/runtime';
import type { LocalLog } from '../log';
import type { SqsEventSourceMapping } from '../template/local-model';
import { LOCAL_REGION } from '../template/physical-ids';
import type { LocalQueues, ReceivedMessage } from './local-queues';

/** Upper bound of an idle poller's sleep, so that messages becoming visible again are noticed. */
const MAX_IDLE_WAIT_MS = 1000;

const toRecord = (m: ReceivedMessage, queueArn: string): SQSRecord => ({
  messageId: m.messageId,
  receiptHandle: m.receiptHandle,
  body: m.body,
  attributes: {
    ApproximateReceiveCount: String(m.receiveCount),
    SentTimestamp: String(m.sentAt),
    SenderId: 'LOCAL',
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
  },
  messageAttributes: Object.fromEntries(
    Object.entries(m.messageAttributes).map(([name, a]) => [
      name,
      { dataType: a.DataType, stringListValues: [], binaryListValues: [], ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}) },
    ]),
  ),
  md5OfBody: m.md5OfBody,
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: LOCAL_REGION,
});

/** Message ids to keep, or `all` when the response makes the whole batch a failure. */
const failedItems = (payload: unknown, batch: readonly ReceivedMessage[]): Set<string> | 'all' => {
  const failures = (payload as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    // Lambda treats an empty or unknown identifier as a failure of the whole batch.
    if (typeof id !== 'string' || !batch.some((m) => m.messageId === id)) return 'all';
    ids.add(id);
  }
  return ids;
};

export class SqsPoller {
  private readonly controller = new AbortController();
  private loops: Promise<void>[] = [];
  /** Set while paused; the loops wait on it. */
  private paused?: PromiseWithResolvers<void>;
  readonly stats = { batches: 0, deleted: 0, returned: 0, failedInvocations: 0 };

  constructor(
    readonly mapping: SqsEventSourceMapping,
    private readonly queues: LocalQueues,
    private readonly lambda: LambdaRuntime,
    private readonly log: LocalLog,
    private readonly timeScale: number,
  ) {
    if (!mapping.enabled) this.pause();
  }

  start(): void {
    const pollers = Math.max(1, this.mapping.maximumConcurrency);
    this.loops = Array.from({ length: pollers }, () => this.loop());
  }

  get isPaused(): boolean {
    return this.paused !== undefined;
  }

  pause(): void {
    this.paused ??= Promise.withResolvers<void>();
  }

  resume(): void {
    this.paused?.resolve();
    this.paused = undefined;
  }

  /** Stops receiving and waits for the batches being processed. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.paused?.resolve();
    await Promise.allSettled(this.loops);
  }

  private async loop(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        if (this.paused) {
          await this.paused.promise;
          continue;
        }
        const batch = await this.receiveBatch(signal);
        if (batch.length === 0) {
          const next = this.queues.nextVisibleAt(this.mapping.queueName);
          const wait = next === undefined ? MAX_IDLE_WAIT_MS : Math.min(MAX_IDLE_WAIT_MS, Math.max(5, next - Date.now()));
          await this.queues.waitForMessage(this.mapping.queueName, wait, signal);
          continue;
        }
        await this.process(batch);
      } catch (error) {
        if (signal.aborted) return;
        this.log.warn(`SQS poller for ${this.mapping.queueName}: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Like Lambda, waits up to MaximumBatchingWindowInSeconds (scaled) to fill a batch that has begun. */
  private async receiveBatch(signal: AbortSignal): Promise<ReceivedMessage[]> {
    const { queueName, batchSize, batchingWindowSeconds } = this.mapping;
    const batch = this.queues.receive(queueName, batchSize);
    if (batch.length === 0 || batch.length >= batchSize || batchingWindowSeconds <= 0) return batch;
    const windowEnds = Date.now() + batchingWindowSeconds * 1000 * this.timeScale;
    while (batch.length < batchSize && !signal.aborted) {
      const left = windowEnds - Date.now();
      if (left <= 0) break;
      await this.queues.waitForMessage(queueName, left, signal);
      batch.push(...this.queues.receive(queueName, batchSize - batch.length));
    }
    return batch;
  }

  private async process(batch: ReceivedMessage[]): Promise<void> {
    const queue = this.queues.find(this.mapping.queueName);
    this.stats.batches++;
    const result = await this.lambda.invoke(this.mapping.functionLogicalId, { Records: batch.map((m) => toRecord(m, queue.arn)) });
    if (!result.ok) this.stats.failedInvocations++;
    const keep = !result.ok ? 'all' : this.mapping.reportBatchItemFailures ? failedItems(result.payload, batch) : new Set<string>();
    for (const message of batch) {
      if (keep === 'all' || keep.has(message.messageId)) this.stats.returned++;
      else if (this.queues.delete(queue.name, message.receiptHandle)) this.stats.deleted++;
    }
  }
}
