/** attemptsOfLastVisit over hand-made event sequences, as each source writes them. */
import { attemptsOfLastVisit, type StateAttemptEvent } from '../../../src/domain/state-attempts';

const entered = (state: string): StateAttemptEvent => ({ kind: 'entered', state });
const scheduled = (state: string): StateAttemptEvent => ({ kind: 'scheduled', state });
const retried = (state: string): StateAttemptEvent => ({ kind: 'retried', state });
const other = (kind: string, state: string): StateAttemptEvent => ({ kind, state });

describe('attemptsOfLastVisit', () => {
  it('counts 1 for a state that ran once', () => {
    expect(attemptsOfLastVisit([entered('ValidateOrder'), scheduled('ValidateOrder'), other('exited', 'ValidateOrder')], 'ValidateOrder')).toBe(1);
  });

  it('counts 1 for a state entered with no task events (a Pass, or a history without them)', () => {
    expect(attemptsOfLastVisit([entered('FulfillOrder')], 'FulfillOrder')).toBe(1);
  });

  it('counts every attempt of a state retried then failed: AWS writes one scheduled event per attempt', () => {
    const events = [
      entered('ReserveInventory'),
      scheduled('ReserveInventory'),
      other('failed', 'ReserveInventory'),
      scheduled('ReserveInventory'),
      other('failed', 'ReserveInventory'),
      scheduled('ReserveInventory'),
      other('failed', 'ReserveInventory'),
    ];

    expect(attemptsOfLastVisit(events, 'ReserveInventory')).toBe(3);
  });

  it('counts a retried-then-caught state from its retry events (the local stack, a service integration)', () => {
    const events = [
      entered('ProcessPayment'),
      other('failed', 'ProcessPayment'),
      retried('ProcessPayment'),
      other('failed', 'ProcessPayment'),
      retried('ProcessPayment'),
      other('failed', 'ProcessPayment'),
      other('caught', 'ProcessPayment'),
    ];

    expect(attemptsOfLastVisit(events, 'ProcessPayment')).toBe(3);
  });

  it('does not add up two sources telling the same attempts (the local stack writes both)', () => {
    const events = [
      entered('ValidateOrder'),
      scheduled('ValidateOrder'),
      retried('ValidateOrder'),
      scheduled('ValidateOrder'),
      retried('ValidateOrder'),
      scheduled('ValidateOrder'),
      other('caught', 'ValidateOrder'),
    ];

    expect(attemptsOfLastVisit(events, 'ValidateOrder')).toBe(3);
  });

  it('ignores the attempts of other states, such as the task running beside it in a Parallel', () => {
    const events = [
      entered('ReserveInventory'),
      entered('ProcessPayment'),
      scheduled('ReserveInventory'),
      scheduled('ProcessPayment'),
      retried('ProcessPayment'),
      scheduled('ProcessPayment'),
      scheduled('ReserveInventory'),
    ];

    expect(attemptsOfLastVisit(events, 'ReserveInventory')).toBe(2);
  });

  it('counts the last visit only', () => {
    const events = [entered('FulfillOrder'), scheduled('FulfillOrder'), scheduled('FulfillOrder'), entered('FulfillOrder'), scheduled('FulfillOrder')];

    expect(attemptsOfLastVisit(events, 'FulfillOrder')).toBe(1);
  });

  it('is undefined for a state that was never entered, whatever else names it', () => {
    expect(attemptsOfLastVisit([entered('ValidateOrder'), scheduled('Unknown'), retried('Unknown')], 'Unknown')).toBeUndefined();
    expect(attemptsOfLastVisit([], 'ReserveInventory')).toBeUndefined();
  });
});
