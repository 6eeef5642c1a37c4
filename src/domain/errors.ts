/**
 * Domain errors. Each `name` is exactly the `Error` that the state machine's `Retry` and `Catch` fields match,
 * so renaming one here means editing `statemachine/order.asl.json` too. The name is a string, not the class's own
 * name, which does not survive a minified bundle.
 */
export class OrderError extends Error {
  override name = 'OrderError';
}

/** The order broke one or more business rules. */
export class ValidationError extends OrderError {
  override name = 'ValidationError';
}

export class OutOfStockError extends OrderError {
  override name = 'OutOfStockError';

  constructor(
    readonly productId: string,
    readonly requested: number,
    readonly available: number,
    options?: { cause?: unknown },
  ) {
    super(`Product ${productId} is out of stock: ${requested} requested, ${available} available`, options);
  }
}

export class PaymentDeclinedError extends OrderError {
  override name = 'PaymentDeclinedError';

  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(reason, options);
  }
}

export class PaymentTimeoutError extends OrderError {
  override name = 'PaymentTimeoutError';

  constructor(message = 'No payment callback before the task timed out', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A failure worth retrying (the payment gateway hiccuped); the message goes back to the queue. */
export class TransientPaymentError extends OrderError {
  override name = 'TransientPaymentError';
}

/** A payment message that can never be processed; it is left to the queue's redrive policy (the DLQ). */
export class MalformedMessageError extends OrderError {
  override name = 'MalformedMessageError';
}

export class OrderNotFoundError extends OrderError {
  override name = 'OrderNotFoundError';

  constructor(readonly orderId: string, options?: { cause?: unknown }) {
    super(`Order ${orderId} not found`, options);
  }
}

/** The same Idempotency-Key came with a different body. */
export class IdempotencyConflictError extends OrderError {
  override name = 'IdempotencyConflictError';

  constructor(readonly key: string, options?: { cause?: unknown }) {
    super(`Idempotency-Key ${key} was already used with a different request body`, options);
  }
}

/** The task token is no longer valid: the task timed out, was cancelled, or the execution ended. */
export class TaskNoLongerActiveError extends OrderError {
  override name = 'TaskNoLongerActiveError';
}

/** An order status change that the lifecycle does not allow (e.g. COMPLETED → PROCESSING). */
export class InvalidTransitionError extends OrderError {
  override name = 'InvalidTransitionError';
}

/** A pagination cursor that this API did not issue (or that was tampered with). */
export class InvalidCursorError extends OrderError {
  override name = 'InvalidCursorError';

  constructor(options?: { cause?: unknown }) {
    super('The cursor is not valid', options);
  }
}

/**
 * An execution with this name already exists and the start cannot be answered with it: it was started with
 * another input, or it has ended (Step Functions' `ExecutionAlreadyExists`). Names are unique per order, so the
 * existing execution is that order's workflow; `executionArn` names it.
 */
export class ExecutionAlreadyExistsError extends OrderError {
  override name = 'ExecutionAlreadyExistsError';

  constructor(readonly executionArn: string, options?: { cause?: unknown }) {
    super(`Execution ${executionArn} already exists with another input, or has ended`, options);
  }
}

/** An order id that is already stored (a create must not overwrite). */
export class OrderAlreadyExistsError extends OrderError {
  override name = 'OrderAlreadyExistsError';

  constructor(readonly orderId: string, options?: { cause?: unknown }) {
    super(`Order ${orderId} already exists`, options);
  }
}
