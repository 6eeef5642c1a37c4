/**
 * SNS on the local stack: every publish is kept in an outbox (the `notifications` table and
 * `notifications.jsonl` in the data directory), with a delivery recorded, not sent, for every e-mail
 * subscription declared in the template. The template subscribes nothing else, so other protocols (SQS, Lambda,
 * HTTP…) stop the stack at start-up rather than being silently dropped, as filter policies do when the template is
 * loaded.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { LocalDatabase } from '../store/database';
import type { LocalTopic } from '../template/local-model';
import type { MessageAttributeValue } from '../queues/local-queues';

export interface PublishInput {
  message: string;
  subject?: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
}

export interface Delivery {
  subscription: string;
  protocol: string;
  endpoint: string;
  delivered: boolean;
  note?: string;
}

export interface StoredNotification {
  seq: number;
  messageId: string;
  topicArn: string;
  subject?: string;
  message: unknown;
  messageAttributes: Record<string, MessageAttributeValue>;
  deliveries: Delivery[];
  publishedAt: string;
}

export class TopicNotFoundError extends Error {
  constructor(arn: string) {
    super(`Topic does not exist: ${arn}`);
    this.name = 'NotFound';
  }
}

const tryParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export class LocalSns {
  constructor(
    private readonly db: LocalDatabase,
    readonly topics: readonly LocalTopic[],
    private readonly outboxPath: string,
  ) {
    for (const topic of topics) {
      for (const s of topic.subscriptions) {
        const unsupported = s.protocol !== 'email' ? `Protocol ${s.protocol || '(none)'}` : s.rawMessageDelivery ? 'RawMessageDelivery' : undefined;
        if (!unsupported) continue;
        throw new Error(`Subscription ${s.logicalId} of topic ${topic.logicalId} has ${unsupported}, which the local stack does not deliver (only e-mail)`);
      }
    }
  }

  find(ref: string): LocalTopic {
    const topic = this.topics.find((t) => t.arn === ref || t.name === ref || t.logicalId === ref);
    if (!topic) throw new TopicNotFoundError(ref);
    return topic;
  }

  publish(topicRef: string, input: PublishInput): { MessageId: string } {
    const topic = this.find(topicRef);
    const messageId = randomUUID();
    const publishedAt = new Date().toISOString();
    const attributes = input.messageAttributes ?? {};
    const deliveries = topic.subscriptions.map((s): Delivery => ({
      subscription: s.logicalId,
      protocol: s.protocol,
      endpoint: s.endpoint,
      delivered: false,
      note: 'email endpoints are not contacted by the local stack',
    }));
    const stored = { messageId, topicArn: topic.arn, subject: input.subject, message: tryParse(input.message), messageAttributes: attributes, deliveries, publishedAt };
    this.db.run(
      `INSERT INTO notifications (message_id, topic_arn, subject, message, message_attributes, deliveries, published_at)
       VALUES ($id, $topic, $subject, $message, $attrs, $deliveries, $at)`,
      {
        id: messageId,
        topic: topic.arn,
        subject: input.subject ?? null,
        message: input.message,
        attrs: JSON.stringify(attributes),
        deliveries: JSON.stringify(deliveries),
        at: publishedAt,
      },
    );
    appendFileSync(this.outboxPath, `${JSON.stringify(stored)}\n`, { mode: 0o600 }); // holds emails: owner only
    return { MessageId: messageId };
  }

  list(limit = 100): StoredNotification[] {
    type Row = Omit<StoredNotification, 'subject'> & { subject: string | null; message: string; messageAttributes: string; deliveries: string };
    const rows = this.db.all<Row>(
      `SELECT seq, message_id AS messageId, topic_arn AS topicArn, subject, message, message_attributes AS messageAttributes, deliveries,
         published_at AS publishedAt FROM notifications ORDER BY seq DESC LIMIT $limit`,
      { limit },
    );
    return rows.map(({ subject, message, messageAttributes, deliveries, ...row }) => ({
      ...row,
      ...(subject ? { subject } : {}),
      message: tryParse(message),
      messageAttributes: JSON.parse(messageAttributes) as Record<string, MessageAttributeValue>,
      deliveries: JSON.parse(deliveries) as Delivery[],
    }));
  }
}
