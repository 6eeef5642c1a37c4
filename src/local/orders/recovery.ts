/**
 * Restart recovery of orders whose execution was cut short by a stop or a crash.
 *
 * The interpreter's state lives in memory, so an execution RUNNING when the process ended is marked ABORTED
 * (by the clean stop, or by the next start after a crash). Its order was left mid-flight: stock possibly
 * reserved, money possibly charged. At the next start, each such order (ABORTED execution, order not
 * terminal) goes down the workflow's own failure tail, through the same Task states' Parameters and handlers
 * invoked by the local Lambda runtime (so they log, count and take injected faults like any invocation):
 * RefundPayment and ReleaseInventory side by side as Compensate runs them, then RecordFailure (the order
 * becomes FAILED with failure.state = the state the execution was in and error States.Aborted), then
 * NotifyFailure. Each step retries as its Retry says. A step that still fails leaves the order as it was, to be
 * tried again at the next start. The execution stays ABORTED; an `ExecutionRecovered` (or
 * `ExecutionRecoveryFailed`) event in its history says what was done.
 *
 * The execution's task tokens died with the process, so a payment message still queued for it is answered
 * InvalidToken: the consumer charges nothing, and refunds any charge once the order is FAILED.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { TERMINAL_STATUSES } from '../../domain/order';
import type { LocalLog } from '../emulator/log';
import type { StateInfo } from '../emulator/state-machine/definition';
import type { ExecutionRecord, HistoryEvent } from '../emulator/state-machine/execution-store';
import { classifyResource } from '../emulator/state-machine/definition';
import { evaluatePayload } from '../emulator/state-machine/payload';
import type { LocalStateMachineRunner } from '../emulator/state-machine/runner';
import type { LocalServices } from '../services';

export const RECOVERY_ERROR = 'States.Aborted';
export const RECOVERY_CAUSE = 'The local stack stopped while this execution was running; it was compensated at restart';

/** The workflow's failure tail, by state name: compensation (side by side), recording, notification. */
const TAIL = ['RefundPayment', 'ReleaseInventory', 'RecordFailure', 'NotifyFailure'] as const;
const CONCURRENCY = 8;

export interface RecoveredOrder {
  orderId: string;
  executionArn: string;
  /** The state the execution was in when it stopped. */
  state: string;
  refundedAmount: number;
  currency?: string;
  releasedLines: number;
}

type RecoveryServices = Pick<LocalServices, 'db' | 'executions' | 'lambda' | 'runners' | 'timeScale'> & { log: LocalLog };

/** A Task state of the tail and the function it invokes. */
type Step = StateInfo & { functionRef: string };

type Json = Record<string, unknown>;

class RecoveryStepError extends Error {
  constructor(state: string, errorType: string, message: string) {
    super(`${state} failed with ${errorType}: ${message}`);
    this.name = 'RecoveryStepError';
  }
}

const stepOf = (info: StateInfo | undefined): Step | undefined => {
  if (info?.type !== 'Task') return undefined;
  const resource = classifyResource(String(info.definition.Resource));
  return resource.kind === 'lambda-arn' ? { ...info, functionRef: resource.functionRef } : undefined;
};

/** The failure tail of a machine, when it has one (the order workflow does; the quote machine does not). */
const planOf = (runner: LocalStateMachineRunner) => {
  const [refund, release, record, notify] = TAIL.map((state) => stepOf(runner.states.get(state)));
  return refund && release && record ? { compensation: [refund, release], record, notify } : undefined;
};
type Plan = NonNullable<ReturnType<typeof planOf>>;

const candidatesOf = (s: RecoveryServices, stateMachineArn: string): ExecutionRecord[] =>
  s.db
    .all<{ arn: string }>(
      `SELECT e.execution_arn AS arn FROM executions e JOIN orders o ON o.order_id = e.name
       WHERE e.state_machine_arn = $sm AND e.status = 'ABORTED' AND o.status NOT IN (SELECT value FROM json_each($terminal))
       ORDER BY e.start_date`,
      { sm: stateMachineArn, terminal: JSON.stringify(TERMINAL_STATUSES) },
    )
    .flatMap(({ arn }) => s.executions.get(arn) ?? []);

/** The innermost state still open when the execution stopped (a Task rather than the Parallel around it). */
const stateAtStop = (events: readonly HistoryEvent[]): string => {
  const open = new Map<string, boolean>();
  let lastEntered: string | undefined;
  for (const e of events) {
    if (!e.stateName) continue;
    if (e.type === 'StateEntered') {
      open.delete(e.stateName);
      open.set(e.stateName, e.stateType === 'Parallel');
      lastEntered = e.stateName;
    } else if (e.type === 'StateExited' || e.type === 'StateCaught') open.delete(e.stateName);
  }
  const stillOpen = [...open.entries()].reverse();
  return stillOpen.find(([, parallel]) => !parallel)?.[0] ?? stillOpen[0]?.[0] ?? lastEntered ?? 'Unknown';
};

/** The wait before retry number `attempt` (from 1) of `errorType`, as the state's Retry says; undefined: give up. */
const retryDelayMs = (retriers: unknown, errorType: string, attempt: number, timeScale: number): number | undefined => {
  const rules = Array.isArray(retriers) ? (retriers as Json[]) : [];
  const rule = rules.find((r) => {
    const names = Array.isArray(r.ErrorEquals) ? (r.ErrorEquals as string[]) : [];
    return names.includes(errorType) || names.includes('States.ALL') || (names.includes('States.TaskFailed') && errorType !== 'States.Timeout');
  });
  if (!rule || attempt > Number(rule.MaxAttempts ?? 3)) return undefined;
  const seconds = Number(rule.IntervalSeconds ?? 1) * Number(rule.BackoffRate ?? 2) ** (attempt - 1);
  return Math.min(seconds, Number(rule.MaxDelaySeconds ?? Infinity)) * timeScale * 1000;
};

const runStep = async (step: Step, data: Json, context: Json, s: RecoveryServices): Promise<Json> => {
  const payload = step.definition.Parameters === undefined ? data : ((await evaluatePayload(step.definition.Parameters, data, context)) as Json);
  for (let attempt = 1; ; attempt++) {
    const result = await s.lambda.invoke(step.functionRef, payload, { aliases: [step.name] });
    if (result.ok) return (result.payload ?? {}) as Json;
    const delay = retryDelayMs(step.definition.Retry, result.error.errorType, attempt, s.timeScale);
    if (delay === undefined) throw new RecoveryStepError(step.name, result.error.errorType, result.error.errorMessage);
    await sleep(delay);
  }
};

const recoverOne = async (plan: Plan, c: ExecutionRecord, s: RecoveryServices): Promise<RecoveredOrder> => {
  const input = c.input as Json;
  const context = { Execution: { Id: c.executionArn, Name: c.name, StartTime: c.startDate, Input: input }, StateMachine: { Id: c.stateMachineArn } };
  const state = stateAtStop(s.executions.events(c.executionArn));
  const [refund = {}, release = {}] = await Promise.all(plan.compensation.map((step) => runStep(step, input, context, s)));
  // What the workflow's Catch and tagging Pass states would have put in $.caught, and Compensate's ResultSelector in $.compensation.
  const caught = { Error: RECOVERY_ERROR, Cause: JSON.stringify([state, RECOVERY_ERROR, RECOVERY_CAUSE]) };
  const recorded = await runStep(plan.record, { ...input, caught, compensation: { refund, release } }, context, s);
  const notified =
    plan.notify &&
    (await runStep(plan.notify, input, context, s).then(
      () => 'sent',
      (error: unknown) => `not sent: ${error instanceof Error ? error.message : String(error)}`,
    ));
  s.executions.append(c.executionArn, 'ExecutionRecovered', undefined, {
    reason: RECOVERY_CAUSE,
    stateAtStop: state,
    compensation: { refund, release },
    failure: recorded.failure,
    ...(notified ? { notification: notified } : {}),
  });
  const currency = (input.order as Json | undefined)?.currency;
  return {
    orderId: typeof input.orderId === 'string' ? input.orderId : c.name,
    executionArn: c.executionArn,
    state,
    refundedAmount: refund.refunded === true ? Number(refund.amount ?? 0) : 0,
    ...(typeof currency === 'string' ? { currency } : {}),
    releasedLines: release.released === true && Array.isArray(release.lines) ? release.lines.length : 0,
  };
};

const summaryLine = (r: RecoveredOrder): string =>
  `Recovered order ${r.orderId}: its execution stopped in ${r.state}; ` +
  `${r.refundedAmount > 0 ? `refunded ${r.refundedAmount} ${r.currency ?? ''}`.trimEnd() : 'nothing to refund'}, ` +
  `${r.releasedLines > 0 ? `released ${r.releasedLines} reserved line(s)` : 'nothing to release'}; order marked FAILED (${RECOVERY_ERROR})`;

/** Recovers every order left mid-flight by an aborted execution; prints one line per order. */
export const recoverAbortedOrders = async (s: RecoveryServices): Promise<RecoveredOrder[]> => {
  const work = s.runners.flatMap((runner) => {
    const plan = planOf(runner);
    return plan ? candidatesOf(s, runner.machine.arn).map((candidate) => ({ plan, candidate })) : [];
  });
  const outcomes = await pLimit(CONCURRENCY).map(work, async ({ plan, candidate }) => {
    try {
      const order = await recoverOne(plan, candidate, s);
      s.log.warn(summaryLine(order));
      return [order];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      s.executions.append(candidate.executionArn, 'ExecutionRecoveryFailed', undefined, { error: message });
      s.log.warn(`Could not recover order ${candidate.name} (it is left as it was; the next start tries again): ${message}`);
      return [];
    }
  });
  return outcomes.flat();
};
