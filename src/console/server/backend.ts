/**
 * Where the console's data comes from. Two implementations, like the CLI's sources they wrap: the local stack
 * in-process (local-backend.ts) and a deployed stack through the AWS SDK (aws-backend.ts). Histories, reports and
 * logs always go through the CLI's `OrdersSource`, so the console and `orders` read the same things the same way.
 */
import type { OrdersSource } from '../../cli/sources/source';
import type { ReportFactStore } from './report-histories';
import type { ConsoleMeta, ExecutionPage, FunctionFigures, OrderPage, StatusFilter } from '../shared/api';

export interface ExecutionQuery {
  status?: StatusFilter;
  failedState?: string;
  error?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Part of the order id or execution name. */
  q?: string;
  limit: number;
  cursor?: string;
}

export type OrderExtras = Omit<OrderPage, 'orderId' | 'execution'>;

export interface ConsoleBackend {
  readonly source: OrdersSource;
  /** Where the dashboard keeps the part of finished histories that the report reads. */
  readonly reportFacts: ReportFactStore;
  meta(): Promise<ConsoleMeta>;
  executions(query: ExecutionQuery): Promise<ExecutionPage>;
  /** Changes whenever an execution starts, moves on or ends; the console's live updates wait on it. */
  version(): Promise<string>;
  /** The state machine (name) an execution ARN belongs to. */
  stateMachineOf(executionArn: string): string | undefined;
  orderExtras(orderId: string, around: { startedAt?: number }): Promise<OrderExtras>;
  functionFigures(window: { since: number; until: number }): Promise<FunctionFigures[]>;
  /** Releases what the backend holds (timers); the server stops answering after this. */
  close(): void;
}

/** A request the console cannot answer as asked: a 400 with the field named. */
export class ConsoleQueryError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ConsoleQueryError';
  }
}
