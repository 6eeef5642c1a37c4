/**
 * No payment message lost. Precisely, for every execution that entered ProcessPayment, read from its history
 * and the payment queues once the stack is quiet:
 * - each ProcessPayment task attempt that was submitted (a `TaskSubmitted` event naming the SQS message id)
 *   was closed: answered by the consumer (`TaskSucceeded`/`TaskFailed`), timed out (`TaskTimedOut`, no
 *   callback in time), or cancelled with its Parallel branch (`TaskCancelled`); a task never closed is a
 *   workflow waiting forever;
 * - its message left the payment queue: deleted by the consumer (processed, late or not) or moved to the
 *   dead-letter queue; a message still in the queue (visible, in flight or delayed) is stuck;
 * - a `TaskSucceeded` answer names the charge that the ledger holds for the order (no payment id out of thin air).
 * Messages that are not the workflow's (poison messages a run injected) must be in the dead-letter queue.
 */
import { InvariantBuilder, type InvariantResult } from './invariant-result';
import type { HistoryEvent, SnapshotExecution, SystemSnapshot } from './snapshot';

const STATE = 'ProcessPayment';

const of = (execution: SnapshotExecution, type: string): HistoryEvent[] => execution.events.filter((e) => e.type === type && e.stateName === STATE);

const orderIdOf = (body: string): string | undefined => {
  try {
    const parsed = JSON.parse(body) as { orderId?: unknown } | null;
    return typeof parsed?.orderId === 'string' ? parsed.orderId : undefined;
  } catch {
    return undefined;
  }
};

export const checkPaymentMessages = (s: SystemSnapshot, poisonMessageIds: readonly string[] = []): InvariantResult => {
  const check = new InvariantBuilder(
    'payment-messages-accounted',
    'Every ProcessPayment task was answered, timed out or cancelled with its branch, and its message was processed or dead-lettered; poison messages are in the DLQ.',
    ['enteredProcessPayment', 'messagesSent', 'answeredSuccess', 'answeredFailure', 'timedOut', 'cancelled', 'deadLettered', 'lateCallbacksRefused', 'stillQueued'],
  );
  const queued = new Set(s.paymentQueue.messages.map((m) => m.messageId));
  const deadLettered = new Set(s.deadLetterQueue.messages.map((m) => m.messageId));
  const chargeOf = new Map(s.ledger.filter((e) => e.type === 'CHARGE').map((e) => [e.orderId, e.paymentId]));
  const workflowMessages = new Set<string>();

  for (const execution of s.executions.values()) {
    if (!execution.events.some((e) => e.type === 'StateEntered' && e.stateName === STATE)) continue;
    const orderId = execution.name;
    check.count('enteredProcessPayment');
    const sent = of(execution, 'TaskSubmitted').map((e) => String(e.messageId));
    const succeeded = of(execution, 'TaskSucceeded');
    const closures = {
      answeredSuccess: succeeded.length,
      answeredFailure: of(execution, 'TaskFailed').length,
      timedOut: of(execution, 'TaskTimedOut').length,
      cancelled: of(execution, 'TaskCancelled').length,
    };
    for (const [name, n] of Object.entries(closures)) check.count(name, n);
    check.count('messagesSent', sent.length).count('lateCallbacksRefused', of(execution, 'TaskCallbackRejected').length);
    const closed = Object.values(closures).reduce((a, b) => a + b, 0);
    if (closed < sent.length) check.violate({ orderId, message: `${sent.length} payment task(s) submitted, ${closed} closed: a task still waits for its callback` });
    for (const messageId of sent) {
      workflowMessages.add(messageId);
      if (deadLettered.has(messageId)) check.count('deadLettered');
      if (queued.has(messageId)) {
        check.count('stillQueued').violate({ orderId, messageId, message: 'payment message still in the payment queue after the stack went quiet' });
      }
    }
    for (const e of succeeded) {
      const paymentId = (e.output as { paymentId?: unknown } | undefined)?.paymentId;
      if (paymentId !== chargeOf.get(orderId)) check.violate({ orderId, message: `payment task answered with ${String(paymentId)}, ledger charge is ${chargeOf.get(orderId) ?? 'none'}` });
    }
  }
  checkForeignMessages(s, workflowMessages, new Set(poisonMessageIds), check);
  return check.result();
};

/** Messages no execution sent: injected poison must be dead-lettered; nothing unknown may sit in the queue. */
const checkForeignMessages = (s: SystemSnapshot, workflow: ReadonlySet<string>, poison: ReadonlySet<string>, check: InvariantBuilder): void => {
  check.set('poisonInjected', poison.size).set('poisonDeadLettered', 0);
  const inDlq = new Set(s.deadLetterQueue.messages.map((m) => m.messageId));
  for (const id of poison) {
    if (inDlq.has(id)) check.count('poisonDeadLettered');
    else check.violate({ messageId: id, message: 'poison message is not in the dead-letter queue' });
  }
  for (const m of s.paymentQueue.messages) {
    if (workflow.has(m.messageId)) continue;
    check.violate({ messageId: m.messageId, message: `message${orderIdOf(m.body) ? ` for order ${orderIdOf(m.body)}` : ''} from no known task still in the payment queue` });
  }
};
