/**
 * SQS semantics on SQLite, read from the template: a received message stays in the queue, invisible for the
 * visibility timeout, until it is deleted; every receive counts; once a message has been received
 * maxReceiveCount times, the next receive moves it to the dead-letter queue instead (as SQS does).
 * Visibility timeouts and delays are multiplied by the time scale.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { LocalQueue } from '../template/local-model';
import type { LocalDatabase } from '../store/database';

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, MessageAttributeValue>;
  receiveCount: number;
  sentAt: number;
  firstReceivedAt: number;
}

/** A row of VISIBLE, under the names of ReceivedMessage. */
type VisibleRow = Pick<ReceivedMessage, 'messageId' | 'body' | 'receiveCount' | 'sentAt'> & {
  seq: number;
  messageAttributes: string;
  firstReceivedAt: number | null;
};

export class QueueNotFoundError extends Error {
  constructor(queue: string) {
    super(`The specified queue does not exist: ${queue}`);
    this.name = 'QueueDoesNotExist';
  }
}

const VISIBLE = `SELECT seq, message_id AS messageId, body, message_attributes AS messageAttributes, receive_count AS receiveCount,
  sent_at AS sentAt, first_received_at AS firstReceivedAt FROM queue_messages WHERE queue = $queue AND visible_at <= $now ORDER BY seq LIMIT $n`;
// The receive count is kept, so the DLQ shows how often the message was tried; a redrive resets it.
const TO_DEAD_LETTERS = `UPDATE queue_messages SET queue = $to, source_queue = $from, visible_at = $now, receipt_handle = NULL
  WHERE queue = $from AND visible_at <= $now AND receive_count >= $maxReceiveCount`;
const NEXT_VISIBLE = 'SELECT MIN(visible_at) AS at FROM queue_messages WHERE queue = $queue';
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export class LocalQueues {
  /**
   * Pollers waiting for a message, per queue. A new message wakes one of them: waking all (as an event
   * emitter did) sent every idle poller into an empty receive transaction for each message. The one woken is
   * the latest to wait, which is a poller filling its batch during the batching window if there is one, so
   * batches still fill up as Lambda's do.
   */
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly db: LocalDatabase,
    readonly queues: readonly LocalQueue[],
    private readonly timeScale: number,
  ) {}

  private wake(queueName: string, count = Number.POSITIVE_INFINITY): void {
    const waiting = this.waiters.get(queueName) ?? [];
    for (let woken = 0; woken < count && waiting.length > 0; woken++) waiting.pop()?.();
  }

  /** Finds a queue by name, logical id, URL or ARN. */
  find(ref: string): LocalQueue {
    const queue = this.queues.find((q) => q.name === ref || q.logicalId === ref || q.url === ref || q.arn === ref);
    if (!queue) throw new QueueNotFoundError(ref);
    return queue;
  }

  private scaledMs(seconds: number): number {
    return Math.round(seconds * 1000 * this.timeScale);
  }

  send(queueRef: string, body: string, options: { messageAttributes?: Record<string, MessageAttributeValue>; delaySeconds?: number } = {}) {
    const queue = this.find(queueRef);
    const messageId = randomUUID();
    const now = Date.now();
    const attrs = JSON.stringify(options.messageAttributes ?? {});
    const visibleAt = now + this.scaledMs(options.delaySeconds ?? queue.delaySeconds);
    this.db.run(
      `INSERT INTO queue_messages (message_id, queue, body, message_attributes, sent_at, visible_at)
       VALUES ($id, $queue, $body, $attrs, $now, $visibleAt)`,
      { id: messageId, queue: queue.name, body, attrs, now, visibleAt },
    );
    this.wake(queue.name, 1);
    return { MessageId: messageId, MD5OfMessageBody: md5(body) };
  }

  /** Receives up to `max` visible messages, moving those past maxReceiveCount to the DLQ first. */
  receive(queueRef: string, max: number): ReceivedMessage[] {
    const queue = this.find(queueRef);
    const timeout = this.scaledMs(queue.visibilityTimeoutSeconds);
    return this.db.transaction(() => {
      const now = Date.now();
      const { redrive } = queue;
      if (redrive) {
        const to = redrive.deadLetterQueueName;
        const moved = this.db.run(TO_DEAD_LETTERS, { to, from: queue.name, now, maxReceiveCount: redrive.maxReceiveCount }).changes;
        if (moved > 0) this.wake(to, 1);
      }
      return this.db.all<VisibleRow>(VISIBLE, { queue: queue.name, now, n: max }).map((row) => this.markReceived(row, now, timeout));
    });
  }

  private markReceived({ seq, messageAttributes, ...row }: VisibleRow, now: number, timeout: number): ReceivedMessage {
    const receiptHandle = `${row.messageId}#${randomUUID()}`;
    const firstReceivedAt = row.firstReceivedAt ?? now;
    this.db.run(
      `UPDATE queue_messages SET receive_count = receive_count + 1, visible_at = $visibleAt,
         first_received_at = $first, receipt_handle = $handle WHERE seq = $seq`,
      { visibleAt: now + timeout, first: firstReceivedAt, handle: receiptHandle, seq },
    );
    const attributes = JSON.parse(messageAttributes) as Record<string, MessageAttributeValue>;
    return {
      ...row,
      receiptHandle,
      md5OfBody: md5(row.body),
      messageAttributes: attributes,
      receiveCount: row.receiveCount + 1,
      firstReceivedAt,
    };
  }

  /** Deletes a received message; a stale receipt handle (the message was received again since) is ignored. */
  delete(queueRef: string, receiptHandle: string): boolean {
    const queue = this.find(queueRef);
    return this.db.run('DELETE FROM queue_messages WHERE queue = $queue AND receipt_handle = $handle', { queue: queue.name, handle: receiptHandle })
      .changes > 0;
  }

  /**
   * Moves every message of a dead-letter queue back to the queue it came from (StartMessageMoveTask).
   * `queueRef` may name the DLQ or the source queue.
   */
  redrive(queueRef: string): { moved: number; from: string } {
    const named = this.find(queueRef);
    const dlq = named.redrive ? this.find(named.redrive.deadLetterQueueName) : named;
    const fallbackSource = named.redrive ? named.name : this.queues.find((q) => q.redrive?.deadLetterQueueName === dlq.name)?.name;
    const moved = this.db.all<{ queue: string }>(
      `UPDATE queue_messages SET queue = COALESCE(source_queue, $fallback), source_queue = NULL, visible_at = $now, receive_count = 0,
         first_received_at = NULL, receipt_handle = NULL WHERE queue = $dlq AND COALESCE(source_queue, $fallback) IS NOT NULL RETURNING queue`,
      { dlq: dlq.name, fallback: fallbackSource ?? null, now: Date.now() },
    );
    for (const target of new Set(moved.map((row) => row.queue))) this.wake(target);
    return { moved: moved.length, from: dlq.name };
  }

  /** Body and attributes of every message in a queue, without receiving them (for the console). */
  peek(queueRef: string): { messageId: string; body: string; receiveCount: number; sourceQueue?: string; sentAt: string }[] {
    const rows = this.db.all<{ messageId: string; body: string; receiveCount: number; sourceQueue: string | null; sentAt: number }>(
      `SELECT message_id AS messageId, body, receive_count AS receiveCount, source_queue AS sourceQueue, sent_at AS sentAt
       FROM queue_messages WHERE queue = $queue ORDER BY seq`,
      { queue: this.find(queueRef).name },
    );
    return rows.map(({ sourceQueue, sentAt, ...row }) => ({ ...row, ...(sourceQueue ? { sourceQueue } : {}), sentAt: new Date(sentAt).toISOString() }));
  }

  /** What GET /_local/queues shows of each queue. */
  stats() {
    const now = Date.now();
    const count = (queue: string, where: string): number =>
      this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM queue_messages WHERE queue = $queue AND ${where}`, { queue, now })?.n ?? 0;
    return this.queues.map(({ name, logicalId, url, arn, redrive }) => ({
      name,
      logicalId,
      url,
      arn,
      depth: count(name, 'visible_at <= $now'),
      // Received and not yet deleted, invisible until their visibility timeout ends.
      inFlight: count(name, 'visible_at > $now AND receipt_handle IS NOT NULL'),
      // Sent with a delay that has not passed.
      delayed: count(name, 'visible_at > $now AND receipt_handle IS NULL'),
      ...(redrive
        ? {
            deadLetterQueue: redrive.deadLetterQueueName,
            maxReceiveCount: redrive.maxReceiveCount,
            deadLetterDepth: count(redrive.deadLetterQueueName, '1 = 1'),
          }
        : {}),
      deadLetterSourceFor: this.queues.filter((s) => s.redrive?.deadLetterQueueName === name).map((s) => s.name),
    }));
  }

  /** When the next invisible or delayed message of a queue becomes visible, if any. */
  nextVisibleAt(queueRef: string): number | undefined {
    return this.db.get<{ at: number | null }>(NEXT_VISIBLE, { queue: this.find(queueRef).name })?.at ?? undefined;
  }

  /** Resolves when a message is sent to the queue, after `maxWaitMs`, or when `signal` aborts. */
  waitForMessage(queueRef: string, maxWaitMs: number, signal: AbortSignal): Promise<void> {
    const name = this.find(queueRef).name;
    const waiting = this.waiters.get(name) ?? [];
    this.waiters.set(name, waiting);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        const at = waiting.indexOf(done);
        if (at >= 0) waiting.splice(at, 1);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, maxWaitMs));
      waiting.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
