/**
 * What every command needs from where the orders run. Two implementations: the local stack over HTTP
 * (local-source.ts) and a deployed stack through the AWS SDK (aws-source.ts). Both hand back normalized
 * histories, so the timeline and the report never know which one they read.
 */
import type { ExecutionHistory, ExecutionStatus, ExecutionSummary } from '../core/history';
import type { CloudWatchSums, DlqDepth } from '../core/report';
import type { Progress } from '../../shared/progress';

export interface ListQuery {
  status?: ExecutionStatus;
  /** Epoch ms; executions started before are left out. */
  since?: number;
  /** Stop after this many (the newest); all of them otherwise. */
  max?: number;
}

export interface DeadLetterMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt?: string;
  /** The queue the message was moved from, when the source tells. */
  sourceQueue?: string;
}

export interface DeadLetterQueueView {
  queue: string;
  /** Where a redrive sends the messages. */
  sourceQueue?: string;
  depth: number;
  messages: DeadLetterMessage[];
}

export interface RedriveResult {
  queue: string;
  /** Messages moved (local: all at once; AWS: when waited for). */
  moved?: number;
  /** AWS StartMessageMoveTask handle. */
  taskHandle?: string;
  status: string;
}

export interface LogLine {
  /** Unique within the source, to drop duplicates while tailing. */
  id: string;
  timestamp: number;
  /** The function (or log group) short name, e.g. ProcessPayment. */
  source: string;
  /** The raw line, usually Powertools JSON. */
  message: string;
}

export interface LogQuery {
  /** Short names to read; all functions when empty. */
  functions: string[];
  since: number;
  /** Only lines mentioning this text (an order id, an error name). */
  filter?: string;
}

export interface OrdersSource {
  /** For report headers: the local URL, or stack name and region. */
  readonly description: string;
  listExecutions(query: ListQuery, progress: Progress): Promise<ExecutionSummary[]>;
  /** By order id or execution ARN; throws OrderNotFoundError when there is none. */
  history(ref: string): Promise<ExecutionHistory>;
  histories(executions: readonly ExecutionSummary[], progress: Progress): Promise<ExecutionHistory[]>;
  dlqDepths(): Promise<DlqDepth[]>;
  cloudWatchSums(window: { since: number; until: number }): Promise<CloudWatchSums[]>;
  deadLetters(max: number): Promise<DeadLetterQueueView[]>;
  redrive(options: { wait: boolean }, progress: Progress): Promise<RedriveResult[]>;
  /** Log sources a `--function` may name. */
  logSources(): Promise<string[]>;
  readLogs(query: LogQuery): Promise<LogLine[]>;
}
