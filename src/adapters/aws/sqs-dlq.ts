/**
 * A dead-letter queue seen from the `orders dlq` CLI: list what is in it without consuming it, and move it back
 * to the source queue with `StartMessageMoveTask` (SQS's own redrive, which keeps message attributes).
 */
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface SqsDeadLetterQueueOptions {
  client: SQSClient;
  /** The DLQ. */
  queueUrl: string;
  /** The queue whose redrive policy points at the DLQ; redriven messages go back there. */
  sourceQueueUrl: string;
  /** How long listed messages stay hidden from other readers; short, since listing must not hold them. */
  visibilityTimeoutSeconds?: number;
  /** Long-poll wait per receive; 0 (short polling) may miss messages on a quiet queue. */
  waitTimeSeconds?: number;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  /** How many times the message was received, including its failed attempts on the source queue. */
  receiveCount: number;
  sentAt?: string;
  attributes: Record<string, string>;
}

const MAX_BATCH = 10;

export class SqsDeadLetterQueue {
  private readonly client: SQSClient;
  private readonly queueUrl: string;
  private readonly sourceQueueUrl: string;
  private readonly visibilityTimeoutSeconds: number;
  private readonly waitTimeSeconds: number;

  constructor({ client, queueUrl, sourceQueueUrl, visibilityTimeoutSeconds = 5, waitTimeSeconds = 1 }: SqsDeadLetterQueueOptions) {
    this.client = client;
    this.queueUrl = queueUrl;
    this.sourceQueueUrl = sourceQueueUrl;
    this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
    this.waitTimeSeconds = waitTimeSeconds;
  }

  /** Up to `max` messages, each once; nothing is deleted, so they reappear after the visibility timeout. */
  async list(max = MAX_BATCH): Promise<DeadLetter[]> {
    const seen = new Map<string, DeadLetter>();
    while (seen.size < max) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: Math.min(MAX_BATCH, max - seen.size),
          VisibilityTimeout: this.visibilityTimeoutSeconds,
          WaitTimeSeconds: this.waitTimeSeconds,
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          MessageAttributeNames: ['All'],
        }),
      );
      const fresh = Messages.filter((message) => message.MessageId && !seen.has(message.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        const sent = message.Attributes?.SentTimestamp;
        seen.set(message.MessageId ?? '', {
          messageId: message.MessageId ?? '',
          body: message.Body ?? '',
          receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
          ...(sent && { sentAt: new Date(Number(sent)).toISOString() }),
          attributes: Object.fromEntries(
            Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']),
          ),
        });
      }
    }
    return [...seen.values()];
  }

  /** Messages waiting in the DLQ (approximate, as SQS counts them). */
  async depth(): Promise<number> {
    const { Attributes } = await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
  }

  /** Starts moving every DLQ message back to the source queue; SQS runs the move asynchronously. */
  async redrive(): Promise<{ taskHandle: string }> {
    const [sourceArn, destinationArn] = await Promise.all([this.arnOf(this.queueUrl), this.arnOf(this.sourceQueueUrl)]);
    const { TaskHandle } = await this.client.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }));
    return { taskHandle: TaskHandle ?? '' };
  }

  private async arnOf(queueUrl: string): Promise<string> {
    const { Attributes } = await this.client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    const arn = Attributes?.QueueArn;
    if (!arn) throw new Error(`SQS returned no QueueArn for ${queueUrl}`);
    return arn;
  }
}
