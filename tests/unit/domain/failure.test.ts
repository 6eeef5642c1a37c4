import { failureFromCaught, readableCause } from '../../../src/domain/failure';
import { events } from '../../support/events';

/** What a Lambda error looks like in a Catch: the runtime's JSON payload as a string. */
const lambdaCause = (errorType: string, errorMessage: string) =>
  JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at handler (/var/task/index.mjs:1:1)'] });

/** What the ASL's tagging Pass states produce: States.JsonToString(States.Array(state, error, cause)). */
const tagged = (state: string, error: string, cause: unknown) => JSON.stringify([state, error, cause]);

describe('failureFromCaught', () => {
  it('reads the failed state, error and Lambda error message from the sample RecordFailure input', () => {
    const { caught } = events.recordOutcomeFailed();

    expect(failureFromCaught(caught)).toEqual({
      state: 'ReserveInventory',
      error: 'OutOfStockError',
      cause: 'Product sold-out-lamp is out of stock: 1 requested, 0 available',
    });
  });

  it('keeps a plain-text cause (a SendTaskFailure reason) as it is', () => {
    const caught = { Error: 'PaymentDeclinedError', Cause: tagged('ProcessPayment', 'PaymentDeclinedError', 'Insufficient funds') };

    expect(failureFromCaught(caught)).toEqual({ state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' });
  });

  it('reads the timeout that PaymentTimedOut tags', () => {
    const caught = { Error: 'PaymentTimeoutError', Cause: tagged('ProcessPayment', 'PaymentTimeoutError', 'No payment callback before States.Timeout') };

    expect(failureFromCaught(caught)).toEqual({ state: 'ProcessPayment', error: 'PaymentTimeoutError', cause: 'No payment callback before States.Timeout' });
  });

  it('accepts the tagged array as an array, not only as its JSON text', () => {
    const caught = { Error: 'States.TaskFailed', Cause: ['FulfillOrder', 'InvalidTransitionError', lambdaCause('InvalidTransitionError', 'bad move')] };

    expect(failureFromCaught(caught)).toEqual({ state: 'FulfillOrder', error: 'InvalidTransitionError', cause: 'bad move' });
  });

  it("falls back to the catch's Error when the tag's error is empty", () => {
    const caught = { Error: 'States.TaskFailed', Cause: JSON.stringify(['ValidateOrder', null, 'boom']) };

    expect(failureFromCaught(caught)).toEqual({ state: 'ValidateOrder', error: 'States.TaskFailed', cause: 'boom' });
  });

  it('shows a nested cause that is neither text nor a Lambda payload as JSON', () => {
    const caught = { Error: 'X', Cause: JSON.stringify(['ReserveInventory', 'X', { detail: 42 }]) };

    expect(failureFromCaught(caught).cause).toBe('{"detail":42}');
  });

  it('reads an untagged Lambda cause, with the state unknown', () => {
    const caught = { Error: 'OutOfStockError', Cause: lambdaCause('OutOfStockError', 'Product gadget-pro is out of stock') };

    expect(failureFromCaught(caught)).toEqual({ state: 'Unknown', error: 'OutOfStockError', cause: 'Product gadget-pro is out of stock' });
  });

  it('keeps an untagged plain-string cause', () => {
    expect(failureFromCaught({ Error: 'States.Timeout', Cause: 'Task timed out' })).toEqual({ state: 'Unknown', error: 'States.Timeout', cause: 'Task timed out' });
  });

  it.each([
    ['an empty catch', {}, { state: 'Unknown', error: 'States.Runtime', cause: '' }],
    ['a null cause', { Error: 'E', Cause: null }, { state: 'Unknown', error: 'E', cause: '' }],
    ['truncated JSON', { Error: 'E', Cause: '["ReserveInventory","E",' }, { state: 'Unknown', error: 'E', cause: '["ReserveInventory","E",' }],
    ['an array of the wrong length', { Error: 'E', Cause: '["ReserveInventory","E"]' }, { state: 'Unknown', error: 'E', cause: '["ReserveInventory","E"]' }],
    ['a tag whose state is not text', { Error: 'E', Cause: '[1,"E","x"]' }, { state: 'Unknown', error: 'E', cause: '[1,"E","x"]' }],
    ['a number', { Error: 'E', Cause: 42 }, { state: 'Unknown', error: 'E', cause: '42' }],
    ['an object without errorMessage', { Error: 'E', Cause: { errorType: 'E' } }, { state: 'Unknown', error: 'E', cause: '{"errorType":"E"}' }],
    ['binary garbage', { Error: 'E', Cause: '\u0000\uffff\ud800' }, { state: 'Unknown', error: 'E', cause: '\u0000\uffff\ud800' }],
  ])('survives %s', (_, caught, expected) => {
    expect(failureFromCaught(caught)).toEqual(expected);
  });
});

describe('readableCause', () => {
  it('takes errorMessage from a Lambda payload, as text or as an object', () => {
    expect(readableCause(lambdaCause('E', 'the message'))).toBe('the message');
    expect(readableCause({ errorType: 'E', errorMessage: 'the message' })).toBe('the message');
  });

  it('keeps text that merely parses as JSON but is no payload', () => {
    expect(readableCause('"quoted"')).toBe('"quoted"');
    expect(readableCause('{"errorMessage": 7}')).toBe('{"errorMessage": 7}');
  });

  it('is empty for nothing', () => {
    expect(readableCause(undefined)).toBe('');
    expect(readableCause(null)).toBe('');
  });
});
