/**
 * The normalized execution history that both sources produce (Step Functions' GetExecutionHistory on AWS, the
 * local stack's event log locally), so the timeline and the report are computed by one pure core.
 * Timestamps are epoch milliseconds.
 */
export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/**
 * What happened to a state:
 * - `entered` / `exited`: the state started and completed normally;
 * - `failed`: one attempt of the state failed (a task error or timeout, a Parallel whose branch failed);
 * - `retried`: a Retrier started another attempt after a failure;
 * - `caught`: a Catcher took the failure and moved on to `next`;
 * - `aborted`: the state was cancelled (the other Parallel branch failed, or the execution stopped).
 */
export type StateEventKind = 'entered' | 'exited' | 'failed' | 'retried' | 'caught' | 'aborted';

export interface StateEvent {
  kind: StateEventKind;
  state: string;
  /** Task, Pass, Choice, Parallel, Fail, Succeed, Wait, Map — when the source tells. */
  stateType?: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  /** For `retried`: the attempt that is starting (2 for the first retry). */
  attempt?: number;
  /** For `caught`: the state the Catcher moves to. */
  next?: string;
}

export interface ExecutionSummary {
  executionArn: string;
  /** Execution name; the order id, since executions are named after their order. */
  name: string;
  orderId: string;
  status: ExecutionStatus;
  startedAt: number;
  stoppedAt?: number;
}

export interface ExecutionHistory extends ExecutionSummary {
  input?: unknown;
  output?: unknown;
  /** The execution's own error and cause, when it did not succeed. */
  error?: string;
  cause?: string;
  /** In the order they happened. */
  events: StateEvent[];
}

export const isExecutionStatus = (value: unknown): value is ExecutionStatus =>
  EXECUTION_STATUSES.some((status) => status === value);

export const isFinished = (summary: Pick<ExecutionSummary, 'status'>): boolean => summary.status !== 'RUNNING';

/** The order id carried by the workflow input, else the execution name (executions are named after the order). */
export const orderIdOf = (input: unknown, name: string): string => {
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).orderId : undefined;
  return typeof value === 'string' && value !== '' ? value : name;
};

/** Parses JSON text from a history event; anything that is not JSON is returned as it came. */
export const parseData = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};
