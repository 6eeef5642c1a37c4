/**
 * The TaskCallbacks contract: a waiting task is answered once (succeed or fail), kept alive by heartbeats, and
 * every callback on a dead token (never issued, answered, timed out, cancelled) is TaskNoLongerActiveError.
 */
import { TaskNoLongerActiveError } from '../../src/domain/errors';
import type { TaskCallbacks } from '../../src/domain/ports';
import { caseOf, type Gaps } from './contract-support';

export type TaskOutcome = { status: 'waiting' } | { status: 'succeeded'; output: unknown } | { status: 'failed'; error: string; cause?: string };

export interface WaitingTask {
  taskToken: string;
  /** How the task stands now (waits until an answered task has settled). */
  outcome(): Promise<TaskOutcome>;
}

export interface TaskCallbacksSubject {
  callbacks: TaskCallbacks;
  /** A task waiting for its callback, as ProcessPayment does. */
  waitingTask(): Promise<WaitingTask>;
  /** The token of a task that timed out before any callback. */
  timedOutToken(): Promise<string>;
  /** The token of a task whose execution was stopped (cancelled) while it waited. */
  cancelledToken(): Promise<string>;
}

export type TaskCallbacksFactory = () => Promise<TaskCallbacksSubject>;

const expectDead = async (callbacks: TaskCallbacks, taskToken: string): Promise<void> => {
  await expect(callbacks.succeed(taskToken, { paymentId: 'pay-late' })).rejects.toThrow(TaskNoLongerActiveError);
  await expect(callbacks.fail(taskToken, 'PaymentDeclinedError', 'late')).rejects.toThrow(TaskNoLongerActiveError);
  await expect(callbacks.heartbeat(taskToken)).rejects.toThrow(TaskNoLongerActiveError);
};

export const taskCallbacksContract = (implementation: string, factory: TaskCallbacksFactory, gaps?: Gaps, timeout?: number): void => {
  const test = (name: string, body: () => Promise<void>): void => caseOf(gaps)(name, body, timeout);

  describe(`TaskCallbacks contract: ${implementation}`, () => {
    let subject: TaskCallbacksSubject;

    beforeEach(async () => {
      subject = await factory();
    });

    test('succeed completes the waiting task with the output, and the token is dead after', async () => {
      const task = await subject.waitingTask();

      await subject.callbacks.succeed(task.taskToken, { paymentId: 'pay-1', amount: 20 });

      expect(await task.outcome()).toEqual({ status: 'succeeded', output: { paymentId: 'pay-1', amount: 20 } });
      await expectDead(subject.callbacks, task.taskToken);
    });

    test('fail fails the waiting task with the error, and the token is dead after', async () => {
      const task = await subject.waitingTask();

      await subject.callbacks.fail(task.taskToken, 'PaymentDeclinedError', 'Insufficient funds');

      expect(await task.outcome()).toMatchObject({ status: 'failed', error: 'PaymentDeclinedError' });
      await expectDead(subject.callbacks, task.taskToken);
    });

    test('fail passes the cause on with the error', async () => {
      const task = await subject.waitingTask();

      await subject.callbacks.fail(task.taskToken, 'PaymentDeclinedError', 'Insufficient funds');

      expect(await task.outcome()).toEqual({ status: 'failed', error: 'PaymentDeclinedError', cause: 'Insufficient funds' });
    });

    test('a heartbeat keeps the task waiting and its token alive', async () => {
      const task = await subject.waitingTask();

      await subject.callbacks.heartbeat(task.taskToken);
      await subject.callbacks.heartbeat(task.taskToken);

      expect(await task.outcome()).toEqual({ status: 'waiting' });
      await subject.callbacks.succeed(task.taskToken, { paymentId: 'pay-1' });
      expect(await task.outcome()).toEqual({ status: 'succeeded', output: { paymentId: 'pay-1' } });
    });

    test('a token never issued is dead for every callback', async () => {
      await expectDead(subject.callbacks, 'not-a-token');
    });

    test('the token of a task that timed out is dead for every callback', async () => {
      await expectDead(subject.callbacks, await subject.timedOutToken());
    });

    test('the token of a task whose execution was stopped is dead for every callback', async () => {
      await expectDead(subject.callbacks, await subject.cancelledToken());
    });
  });
};
