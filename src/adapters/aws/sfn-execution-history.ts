/**
 * ExecutionHistory on Step Functions' GetExecutionHistory. It reads newest first and stops at the last entry of
 * the state asked about, which for RecordFailure is a few dozen events back: one call in practice.
 *
 * Task events (`LambdaFunctionScheduled`, `TaskScheduled`, …) do not name their state: each points through
 * `previousEventId` at the event before it in its state's own chain (the `*StateEntered`, or for a retry the
 * failure of the attempt before). Following that chain keeps the attempts of a state apart from those of a
 * state running beside it in a Parallel: ReserveInventory's Lambda retries from ProcessPayment's `TaskScheduled`
 * (one per sqs:sendMessage attempt; its retriers match only SQS send errors, and the payment consumer's own
 * redeliveries never show in the history).
 */
import { paginateGetExecutionHistory, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import type { ExecutionHistory } from '../../domain/ports';
import { attemptsOfLastVisit, type StateAttemptEvent } from '../../domain/state-attempts';
import { hasErrorName } from './aws-errors';

export interface SfnExecutionHistoryOptions {
  client: SFNClient;
  /** Events per GetExecutionHistory call (the service's default is 100, its maximum 1000). */
  pageSize?: number;
}

const STATE_ENTERED = /StateEntered$/;
const ATTEMPT_STARTED = new Set(['LambdaFunctionScheduled', 'TaskScheduled', 'ActivityScheduled']);

const isEntryOf = (event: HistoryEvent, stateName: string): boolean =>
  STATE_ENTERED.test(event.type ?? '') && event.stateEnteredEventDetails?.name === stateName;

/**
 * One visit of a state as attempt events: `visit` starts with the state's `*StateEntered` and runs, oldest first,
 * to the end of the history. An event belongs to the state when it points at one of the state's events; the next
 * state's `*StateEntered` points at the state's last event too (a Catch, or the exit), and starts a chain of its own.
 */
const attemptEventsOfVisit = (visit: readonly HistoryEvent[], stateName: string): StateAttemptEvent[] => {
  const [entry, ...later] = visit;
  if (!entry || !isEntryOf(entry, stateName)) return [];
  const ownEvents = new Set<number | undefined>([entry.id]);
  const events: StateAttemptEvent[] = [{ kind: 'entered', state: stateName }];
  for (const event of later) {
    const pointsAtOwn = event.previousEventId !== undefined && ownEvents.has(event.previousEventId);
    if (!pointsAtOwn || STATE_ENTERED.test(event.type ?? '')) continue;
    ownEvents.add(event.id);
    if (ATTEMPT_STARTED.has(event.type ?? '')) events.push({ kind: 'scheduled', state: stateName });
  }
  return events;
};

export class SfnExecutionHistory implements ExecutionHistory {
  private readonly client: SFNClient;
  private readonly pageSize: number | undefined;

  constructor({ client, pageSize }: SfnExecutionHistoryOptions) {
    this.client = client;
    this.pageSize = pageSize;
  }

  async attemptsOf(executionArn: string, stateName: string): Promise<number | undefined> {
    const newestFirst: HistoryEvent[] = [];
    const pages = paginateGetExecutionHistory(
      { client: this.client, ...(this.pageSize !== undefined && { pageSize: this.pageSize }) },
      // Names, types and ids are all it needs; inputs and outputs stay out of this function's memory.
      { executionArn, reverseOrder: true, includeExecutionData: false },
    );
    try {
      for await (const page of pages) {
        for (const event of page.events ?? []) {
          newestFirst.push(event);
          if (!isEntryOf(event, stateName)) continue;
          const visit = newestFirst.reverse().sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
          return attemptsOfLastVisit(attemptEventsOfVisit(visit, stateName), stateName);
        }
      }
    } catch (error) {
      // An unknown execution is a history that does not say (the port's contract), not a failure of the caller.
      if (hasErrorName(error, 'ExecutionDoesNotExist', 'InvalidArn')) return undefined;
      throw error;
    }
    return undefined;
  }
}
