import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as errors from '../../../src/domain/errors';

const asl = readFileSync(path.resolve(__dirname, '../../../statemachine/order.asl.json'), 'utf8');

const samples: [string, errors.OrderError][] = [
  ['OrderError', new errors.OrderError('x')],
  ['ValidationError', new errors.ValidationError('x')],
  ['OutOfStockError', new errors.OutOfStockError('gadget-pro', 3, 1)],
  ['PaymentDeclinedError', new errors.PaymentDeclinedError('Insufficient funds')],
  ['PaymentTimeoutError', new errors.PaymentTimeoutError()],
  ['TransientPaymentError', new errors.TransientPaymentError('x')],
  ['MalformedMessageError', new errors.MalformedMessageError('x')],
  ['OrderNotFoundError', new errors.OrderNotFoundError('order-0001')],
  ['IdempotencyConflictError', new errors.IdempotencyConflictError('key-1')],
  ['TaskNoLongerActiveError', new errors.TaskNoLongerActiveError('x')],
  ['InvalidTransitionError', new errors.InvalidTransitionError('x')],
  ['InvalidCursorError', new errors.InvalidCursorError()],
  ['ExecutionAlreadyExistsError', new errors.ExecutionAlreadyExistsError('arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:order-0001')],
  ['OrderAlreadyExistsError', new errors.OrderAlreadyExistsError('order-0001')],
];

describe('domain errors', () => {
  it('covers every exported error class', () => {
    expect(samples.map(([name]) => name).sort()).toEqual(Object.keys(errors).sort());
  });

  it.each(samples)('%s sets its name (what Lambda reports as errorType) and is an OrderError', (name, error) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(errors.OrderError);
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps the cause it is given', () => {
    const cause = new Error('ConditionalCheckFailedException');

    expect(new errors.OutOfStockError('gadget-pro', 1, 0, { cause }).cause).toBe(cause);
    expect(new errors.InvalidCursorError({ cause }).cause).toBe(cause);
  });

  it('says what is short, what was asked for and what is left', () => {
    const error = new errors.OutOfStockError('gadget-pro', 3, 1);

    expect(error.message).toBe('Product gadget-pro is out of stock: 3 requested, 1 available');
    expect([error.productId, error.requested, error.available]).toEqual(['gadget-pro', 3, 1]);
  });

  it('uses the decline reason as the message, since it becomes the Cause of SendTaskFailure', () => {
    expect(new errors.PaymentDeclinedError('Card expired').message).toBe('Card expired');
  });

  it('names the error the payment timeout Pass state tags, exactly as the ASL spells it', () => {
    expect(asl).toContain(`"Error": "${new errors.PaymentTimeoutError().name}"`);
  });
});
