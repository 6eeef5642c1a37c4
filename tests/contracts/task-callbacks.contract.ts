/**
 * The TaskCallbacks contract: a waiting task is answered once (succeed or fail), kept alive by heartbeats, and
 * every callback on a dead token (never issued, answered, timed out, cancelled) is TaskNoLongerActiveError.
 */
import { TaskNoLongerActiveError } from '../../src/domain/errors';
import type { TaskCallbacks } from '../../src/domain/ports';
import { caseOf, type Gaps } from './contract-support';

export type TaskOutcome = { status: 'waiting' } | { status: 'succeeded'; output: unknown } | { status: 'failed'; error: string; cause?: string };

interface WaitingTask {
  taskToken: string;
  /** How the task stands now (waits until an answered task has settled). */
  outcome(): Promise<TaskOutcome>;
}

interface TaskCallbacksSubject {
  callbacks: TaskCallbacks;
  /** A task waiting for its callback, as ProcessPayment does. */
  waitingTask(): Promise<WaitingTask>;
  /** The token of a task that timed out before any callback. */
  timedOutToken(): Promise<string>;
  /** The token of a task whose execution was stopped (cancelled) while it waited. */
  cancelledToken(): Promise<string>;
}

export type TaskCallbacksFactory = () => Promise<TaskCallbacksSubject>;

type Callback = 'succeed' | 'fail' | 'heartbeat';

const CALLBACKS: readonly Callback[] = ['succeed', 'fail', 'heartbeat'];

const call = (callbacks: TaskCallbacks, callback: Callback, taskToken: string): Promise<void> =>
  callback === 'succeed'
    ? callbacks.succeed(taskToken, { paymentId: 'pay-late' })
    : callback === 'fail'
      ? callbacks.fail(taskToken, 'PaymentDeclinedError', 'late')
      : callbacks.heartbeat(taskToken);

/** Ways a token dies, each with how a case gets such a token. */
const DEATHS: readonly [string, (subject: TaskCallbacksSubject) => Promise<string>][] = [
  ['never issued', async () => 'not-a-token'],
  [
    'answered with succeed',
    async (subject) => {
      const task = await subject.waitingTask();
      await subject.callbacks.succeed(task.taskToken, { paymentId: 'pay-1' });
      await task.outcome();
      return task.taskToken;
    },
  ],
  [
    'answered with fail',
    async (subject) => {
      const task = await subject.waitingTask();
      await subject.callbacks.fail(task.taskToken, 'PaymentDeclinedError', 'Insufficient funds');
      await task.outcome();
      return task.taskToken;
    },
  ],
  ['whose task timed out', (subject) => subject.timedOutToken()],
  ['whose execution was stopped', (subject) => subject.cancelledToken()],
];

/** The name of the case that calls `callback` on a token that died `death`, for listing gaps. */
export const deadTokenCase = (callback: Callback, death: string): string => `${callback} on a token ${death} is TaskNoLongerActiveError`;

export const taskCallbacksContract = (implementation: string, factory: TaskCallbacksFactory, gaps?: Gaps, timeout?: number): void => {
  const test = (name: string, body: () => Promise<void>): void => caseOf(gaps)(name, body, timeout);

  describe(`TaskCallbacks contract: ${implementation}`, () => {
    let subject: TaskCallbacksSubject;

    beforeEach(async () => {
      subject = await factory();
    });

    test('succeed completes the waiting task with the output', async () => {
      const task = await subject.waitingTask();

      await subject.callbacks.succeed(task.taskToken, { paymentId: 'pay-1', amount: 20 });

      expect(await task.outcome()).toEqual({ status: 'succeeded', output: { paymentId: 'pay-1', amount: 20 } });
    });

    test('fail fails the waiting task with the error', async () => {
      const task = await subject.waitingTask();

      await subject.callbacks.fail(task.taskToken, 'PaymentDeclinedError', 'Insufficient funds');

      expect(await task.outcome()).toMatchObject({ status: 'failed', error: 'PaymentDeclinedError' });
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

    for (const [death, deadToken] of DEATHS) {
      for (const callback of CALLBACKS) {
        test(deadTokenCase(callback, death), async () => {
          const taskToken = await deadToken(subject);

          await expect(call(subject.callbacks, callback, taskToken)).rejects.toThrow(TaskNoLongerActiveError);
        });
      }
    }
  });
};
