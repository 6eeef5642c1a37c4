/**
 * The JSON the console server answers under /console/api/*, shared by the server and the browser app so that
 * both sides agree by type. Times are epoch milliseconds.
 */
import type { ExecutionHistory, ExecutionStatus } from '../../cli/core/history';
import type { Report } from '../../cli/core/report';
import type { StateRun } from '../server/state-runs';

export type { ExecutionHistory, ExecutionStatus, Report, StateRun };

export interface StateMachineInfo {
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  /** The ASL after DefinitionSubstitutions. */
  definition: AslDefinition;
}

export interface AslDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, AslState>;
}

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: Record<string, unknown>[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Branches?: AslDefinition[];
  [key: string]: unknown;
}

/** What the action forms of local mode need. */
export interface LocalActions {
  apiKey: string;
  /** The REST API path that creates orders (POST). */
  createOrderPath: string;
  products: { productId: string; name: string; unitPrice: number; available: number }[];
  paymentTokens: string[];
  /** Queues that have a dead-letter queue: the DLQ to redrive and the consumer to pause. */
  queues: { name: string; deadLetterQueue?: string; consumers: { function: string; paused: boolean }[] }[];
  functions: string[];
}

export interface ConsoleMeta {
  mode: 'local' | 'aws';
  readOnly: boolean;
  source: string;
  stateMachines: StateMachineInfo[];
  local?: LocalActions;
}

/** Execution status, or an order outcome (COMPLETED, REJECTED) the list can filter by. */
export type StatusFilter = ExecutionStatus | 'COMPLETED' | 'REJECTED';

export interface ExecutionRow {
  executionArn: string;
  name: string;
  orderId: string;
  stateMachine: string;
  status: ExecutionStatus;
  /** COMPLETED, REJECTED, FAILED… when the order record tells. */
  outcome?: string;
  startedAt: number;
  stoppedAt?: number;
  failedState?: string;
  error?: string;
}

export interface ExecutionPage {
  items: ExecutionRow[];
  /** Pass back as `cursor` for the next (older) page. */
  nextCursor?: string;
  /** Values the failed-state and error filters can take. */
  facets?: { failedStates: string[]; errors: string[] };
}

export interface ExecutionDetail {
  stateMachine?: string;
  /** Where it went wrong, found as `orders list` and `orders report` find it (src/cli/core/failure-point.ts). */
  failure?: { state: string; error: string; cause: string; attempts: number };
  history: ExecutionHistory;
  states: Record<string, StateRun>;
  path: string[];
}

export interface LedgerEntry {
  type: string;
  amount: number;
  currency?: string;
  reason?: string;
  at?: string;
  paymentId?: string;
}

export interface NotificationView {
  subject?: string;
  message: unknown;
  publishedAt: string;
}

export interface LogLineView {
  timestamp: number;
  source: string;
  message: string;
}

export interface OrderPage {
  orderId: string;
  /** The stored order (local), or the workflow input (AWS: the order as submitted). */
  order?: Record<string, unknown>;
  execution?: ExecutionDetail;
  ledger?: LedgerEntry[];
  notifications?: NotificationView[];
  logs: LogLineView[];
}

export interface SeriesPoint {
  t: number;
  started: number;
  succeeded: number;
  failed: number;
}

export interface FunctionFigures {
  name: string;
  invocations: number;
  errors: number;
  /** Mean handler time per invocation, when the source tells. */
  meanDurationMs?: number;
}

export interface DashboardData {
  report: Report;
  series: SeriesPoint[];
  bucketMs: number;
  functions: FunctionFigures[];
}
