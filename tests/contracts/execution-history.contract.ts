/**
 * The ExecutionHistory contract: attempts of a state's last visit, and undefined, never an error, when the history
 * does not say (an unknown execution, a state not entered).
 */
import type { ExecutionHistory } from '../../src/domain/ports';
import { caseOf, type Gaps } from './contract-support';

interface ExecutionHistorySubject {
  history: ExecutionHistory;
  /**
   * The ARN of an ended execution of `{ StartAt: 'Prepare', States: { Prepare: Pass → Done: Succeed } }`, run by
   * the implementation's own engine.
   */
  passThroughExecution(): Promise<string>;
  /** An ARN of the right shape that names no execution. */
  unknownExecutionArn: string;
}

export type ExecutionHistoryFactory = () => Promise<ExecutionHistorySubject>;

export const PASS_THROUGH_DEFINITION = {
  StartAt: 'Prepare',
  States: { Prepare: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } },
} as const;

export const executionHistoryContract = (implementation: string, factory: ExecutionHistoryFactory, gaps?: Gaps): void => {
  const test = caseOf(gaps);

  describe(`ExecutionHistory contract: ${implementation}`, () => {
    let subject: ExecutionHistorySubject;

    beforeEach(async () => {
      subject = await factory();
    });

    test('counts one attempt for a state entered once', async () => {
      const executionArn = await subject.passThroughExecution();

      expect(await subject.history.attemptsOf(executionArn, 'Prepare')).toBe(1);
    });

    test('answers undefined for a state the execution never entered', async () => {
      const executionArn = await subject.passThroughExecution();

      expect(await subject.history.attemptsOf(executionArn, 'ReserveInventory')).toBeUndefined();
    });

    test('answers undefined, without an error, for an execution it does not know', async () => {
      expect(await subject.history.attemptsOf(subject.unknownExecutionArn, 'Prepare')).toBeUndefined();
    });
  });
};
