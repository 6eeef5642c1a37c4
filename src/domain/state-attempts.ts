/**
 * How many times a state was attempted on its last visit (1 + its retries), counted over the few history
 * events that tell. Step Functions writes a `*Scheduled` event for each attempt of a task and no event for the
 * retry itself; the local stack writes both a `LambdaFunctionScheduled` per Lambda attempt and a `StateRetried`
 * per retry (and only the latter for a service integration such as ProcessPayment's `sqs:sendMessage`). Each
 * source tells the whole count, so the count takes whichever says more instead of adding them up.
 */

/**
 * - `entered`: the state started a visit (its first attempt);
 * - `scheduled`: a task attempt started (the first one included);
 * - `retried`: a Retrier started another attempt.
 * Events of other kinds are ignored, so richer normalized histories can be passed as they are.
 */
export type StateAttemptEventKind = 'entered' | 'scheduled' | 'retried';

export interface StateAttemptEvent {
  kind: StateAttemptEventKind | (string & {});
  state: string;
}

/**
 * Attempts made by `state` on its last visit, from events in the order they happened; undefined when the state
 * was never entered. Retry events are counted rather than their attempt numbers read, because a state's Retriers
 * each count their own attempts.
 */
export const attemptsOfLastVisit = (events: Iterable<StateAttemptEvent>, state: string): number | undefined => {
  let visit: { scheduled: number; retried: number } | undefined;
  for (const event of events) {
    if (event.state !== state) continue;
    if (event.kind === 'entered') visit = { scheduled: 0, retried: 0 };
    else if (visit && event.kind === 'scheduled') visit.scheduled += 1;
    else if (visit && event.kind === 'retried') visit.retried += 1;
  }
  return visit && Math.max(1, visit.scheduled, 1 + visit.retried);
};
