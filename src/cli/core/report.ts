/**
 * The health of the workflow over a window, computed from execution histories alone so that the local stack and
 * AWS give the same answer for the same runs: outcomes, success rate, duration percentiles, failures grouped by
 * failed state and error, retries and compensations. What only one source knows (DLQ depth, CloudWatch sums)
 * comes in as extras.
 */
import { summarize, type Summary } from '../../shared/stats';
import { findFailurePoint } from './failure-point';
import { EXECUTION_STATUSES, isFinished, type ExecutionHistory, type ExecutionStatus } from './history';
import { WorkflowStates } from './workflow-states';

/** An execution's business outcome: Step Functions counts a rejected order as FAILED, people do not. */
export const OUTCOMES = ['COMPLETED', 'REJECTED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'RUNNING'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface FailureGroup {
  state: string;
  error: string;
  count: number;
  /** Of all executions that did not succeed. */
  share: number;
  /** Cause of the most recent occurrence. */
  lastCause: string;
  /** Up to five, most recent first. */
  orderIds: string[];
}

export interface RetryGroup {
  state: string;
  error: string;
  count: number;
}

export interface DlqDepth {
  queue: string;
  depth: number;
}

export interface CloudWatchSums {
  namespace: string;
  /** Metric name → sum over the window. */
  sums: Record<string, number>;
}

export interface ReportExtras {
  /** Where the histories came from (the local stack's URL, or the stack name and region). */
  source: string;
  since?: number;
  until: number;
  dlq?: DlqDepth[];
  cloudWatch?: CloudWatchSums[];
}

export interface Report {
  source: string;
  window: { since?: string; until: string };
  executions: {
    total: number;
    finished: number;
    byStatus: Record<ExecutionStatus, number>;
    byOutcome: Record<Outcome, number>;
  };
  /** SUCCEEDED / finished executions (what the dashboard's metric math shows); null when none finished. */
  successRate: number | null;
  /** Duration of finished executions, in milliseconds; percentiles interpolated linearly (src/shared/stats.ts). */
  durationMs: Summary | null;
  failures: { total: number; groups: FailureGroup[] };
  retries: { total: number; executions: number; groups: RetryGroup[] };
  compensations: { executions: number; failed: number; orderIds: string[] };
  dlq: DlqDepth[];
  cloudWatch: CloudWatchSums[];
}

const MAX_ORDER_IDS = 5;

const countBy = <K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> => {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
};

const entered = (history: ExecutionHistory, state: string): boolean =>
  history.events.some((event) => event.kind === 'entered' && event.state === state);

export const outcomeOf = (history: ExecutionHistory): Outcome => {
  switch (history.status) {
    case 'SUCCEEDED':
      return 'COMPLETED';
    case 'FAILED':
      return entered(history, WorkflowStates.recordRejection) ? 'REJECTED' : 'FAILED';
    default:
      return history.status;
  }
};

const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;

const newestFirst = (a: ExecutionHistory, b: ExecutionHistory): number => b.startedAt - a.startedAt;

const failureGroups = (histories: readonly ExecutionHistory[]): FailureGroup[] => {
  const failed = histories.filter((history) => isFinished(history) && history.status !== 'SUCCEEDED').sort(newestFirst);
  const groups = new Map<string, FailureGroup>();
  for (const history of failed) {
    const failure = findFailurePoint(history) ?? { state: 'Unknown', error: history.error ?? history.status, cause: history.cause ?? '' };
    const key = JSON.stringify([failure.state, failure.error]);
    const group = groups.get(key) ?? { state: failure.state, error: failure.error, count: 0, share: 0, lastCause: failure.cause, orderIds: [] };
    group.count += 1;
    if (group.orderIds.length < MAX_ORDER_IDS) group.orderIds.push(history.orderId);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, share: round(group.count / failed.length) }))
    .sort((a, b) => b.count - a.count || a.state.localeCompare(b.state) || a.error.localeCompare(b.error));
};

const retryGroups = (histories: readonly ExecutionHistory[]): RetryGroup[] => {
  const groups = new Map<string, RetryGroup>();
  for (const history of histories) {
    const lastError = new Map<string, string>();
    for (const event of history.events) {
      if (event.kind === 'failed' && event.error) lastError.set(event.state, event.error);
      if (event.kind !== 'retried') continue;
      const error = lastError.get(event.state) ?? 'Unknown';
      const key = JSON.stringify([event.state, error]);
      const group = groups.get(key) ?? { state: event.state, error, count: 0 };
      group.count += 1;
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.state.localeCompare(b.state));
};

const retriesIn = (history: ExecutionHistory): number => history.events.filter((event) => event.kind === 'retried').length;

export const buildReport = (histories: readonly ExecutionHistory[], extras: ReportExtras): Report => {
  const finished = histories.filter(isFinished);
  const succeeded = finished.filter((history) => history.status === 'SUCCEEDED').length;
  const durations = finished.map((history) => (history.stoppedAt ?? history.startedAt) - history.startedAt);
  const retryGroupsFound = retryGroups(histories);
  const compensated = histories.filter((history) => entered(history, WorkflowStates.compensate)).sort(newestFirst);
  return {
    source: extras.source,
    window: {
      ...(extras.since !== undefined && { since: new Date(extras.since).toISOString() }),
      until: new Date(extras.until).toISOString(),
    },
    executions: {
      total: histories.length,
      finished: finished.length,
      byStatus: countBy(EXECUTION_STATUSES, histories.map((history) => history.status)),
      byOutcome: countBy(OUTCOMES, histories.map(outcomeOf)),
    },
    successRate: finished.length === 0 ? null : round(succeeded / finished.length),
    durationMs: durations.length > 0 ? summarize(durations) : null,
    failures: { total: finished.length - succeeded, groups: failureGroups(histories) },
    retries: {
      total: retryGroupsFound.reduce((sum, group) => sum + group.count, 0),
      executions: histories.filter((history) => retriesIn(history) > 0).length,
      groups: retryGroupsFound,
    },
    compensations: {
      executions: compensated.length,
      failed: compensated.filter((history) => entered(history, WorkflowStates.compensationFailed)).length,
      orderIds: compensated.slice(0, MAX_ORDER_IDS).map((history) => history.orderId),
    },
    dlq: extras.dlq ?? [],
    cloudWatch: extras.cloudWatch ?? [],
  };
};
