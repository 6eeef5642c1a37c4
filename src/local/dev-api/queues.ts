/**
 * `/_local/queues[/{name}[/{action}]]`: depth, in-flight and DLQ of every queue with its consumers; one queue
 * with its messages (not consumed); and the actions a developer needs: redrive the DLQ, send a message,
 * pause/resume the event source mapping that consumes it.
 */
import type { MessageAttributeValue } from '../emulator/queues/local-queues';
import type { LocalServices } from '../services';
import { bodySchema, readJsonBody, type DevApiRequest } from './request-body';
import { payloadTooLarge } from './problems';

/** SQS's largest message (body and attributes), 1 MiB. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

interface SendMessageRequest {
  /** A string is sent as is; any other JSON value is sent as its JSON text. */
  body: unknown;
  messageAttributes?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
}

const sendMessageSchema = bodySchema<SendMessageRequest>({
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: {
    body: {},
    messageAttributes: {
      type: 'object',
      maxProperties: 10,
      additionalProperties: {
        type: 'object',
        required: ['DataType'],
        additionalProperties: false,
        properties: { DataType: { type: 'string', pattern: '^(String|Number|Binary)(\\..+)?$' }, StringValue: { type: 'string' }, BinaryValue: { type: 'string' } },
      },
    },
    delaySeconds: { type: 'integer', minimum: 0, maximum: 900 },
  },
});

const messageSize = (body: string, attributes: Record<string, MessageAttributeValue>): number =>
  Buffer.byteLength(body) +
  Object.entries(attributes).reduce((sum, [name, a]) => sum + Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + Buffer.byteLength(a.StringValue ?? a.BinaryValue ?? ''), 0);

const pollerView = (p: LocalServices['pollers'][number]) => ({
  function: p.mapping.functionLogicalId,
  batchSize: p.mapping.batchSize,
  reportBatchItemFailures: p.mapping.reportBatchItemFailures,
  paused: p.isPaused,
  ...p.stats,
});

type QueueServices = Pick<LocalServices, 'queues' | 'pollers'>;

const consumersOf = (s: QueueServices, queue: string) => s.pollers.filter((p) => p.mapping.queueName === queue);

export const listQueues = (s: QueueServices) => s.queues.stats().map((q) => ({ ...q, consumers: consumersOf(s, q.name).map(pollerView) }));

/** One queue's statistics and its messages, peeked (not consumed). */
export const showQueue = (s: QueueServices, name: string) => {
  const queue = s.queues.find(name).name;
  return { ...s.queues.stats().find((q) => q.name === queue), messages: s.queues.peek(queue) };
};

export const redrive = (s: QueueServices, name: string) => s.queues.redrive(s.queues.find(name).name);

/** Pauses or resumes the event source mappings that consume the queue. */
export const setPaused = (s: QueueServices, name: string, paused: boolean) => {
  const queue = s.queues.find(name).name;
  const pollers = consumersOf(s, queue);
  pollers.forEach((p) => (paused ? p.pause() : p.resume()));
  return { queue, consumers: pollers.map(pollerView) };
};

export const sendMessage = (s: QueueServices, name: string, req: DevApiRequest) => {
  const queue = s.queues.find(name).name;
  // The request may carry a little JSON around the message; the message itself is held to SQS's limit below.
  const { body, messageAttributes = {}, delaySeconds } = readJsonBody(req, sendMessageSchema, 2 * MAX_MESSAGE_BYTES);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (messageSize(text, messageAttributes) > MAX_MESSAGE_BYTES) throw payloadTooLarge(MAX_MESSAGE_BYTES);
  return s.queues.send(queue, text, { messageAttributes, ...(delaySeconds !== undefined ? { delaySeconds } : {}) });
};
