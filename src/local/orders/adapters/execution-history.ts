/**
 * ExecutionHistory on the local stack's execution store. The store keeps, per state, the interpreter's
 * StateEntered and StateRetried events and the stack's own LambdaFunctionScheduled per Lambda attempt (a service
 * integration such as ProcessPayment's sqs:sendMessage has only the retries); the count reads them all.
 */
import type { ExecutionHistory } from '../../../domain/ports';
import { attemptsOfLastVisit, type StateAttemptEvent, type StateAttemptEventKind } from '../../../domain/state-attempts';
import type { ExecutionStore } from '../../emulator/state-machine/execution-store';

const KIND_OF: Readonly<Record<string, StateAttemptEventKind>> = {
  StateEntered: 'entered',
  LambdaFunctionScheduled: 'scheduled',
  StateRetried: 'retried',
};

export class LocalExecutionHistory implements ExecutionHistory {
  constructor(private readonly store: Pick<ExecutionStore, 'events'>) {}

  async attemptsOf(executionArn: string, stateName: string): Promise<number | undefined> {
    const events: StateAttemptEvent[] = this.store.events(executionArn).flatMap(({ type, stateName: state }) => {
      const kind = KIND_OF[type];
      return kind && state !== undefined ? [{ kind, state }] : [];
    });
    return attemptsOfLastVisit(events, stateName);
  }
}
