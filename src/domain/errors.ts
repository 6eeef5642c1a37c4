/**
 * Domain errors. Each `name` is exactly the `Error` that the state machine's `Retry` and `Catch` fields match,
 * so renaming a class here means editing `statemachine/order.asl.json` too.
 */
export class OrderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OrderError';
  }
}

/** The order broke one or more business rules. */
export class ValidationError extends OrderError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValidationError';
  }
}

export class OutOfStockError extends OrderError {
  constructor(
    readonly productId: string,
    readonly requested: number,
    readonly available: number,
    options?: { cause?: unknown },
  ) {
    super(`Product ${productId} is out of stock: ${requested} requested, ${available} available`, options);
    this.name = 'OutOfStockError';
  }
}

export class PaymentDeclinedError extends OrderError {
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'PaymentDeclinedError';
  }
}

export class PaymentTimeoutError extends OrderError {
  constructor(message = 'No payment callback before the task timed out', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentTimeoutError';
  }
}

/** A failure worth retrying (the payment gateway hiccuped); the message goes back to the queue. */
export class TransientPaymentError extends OrderError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientPaymentError';
  }
}

/** A payment message that can never be processed; it is left to the queue's redrive policy (the DLQ). */
export class MalformedMessageError extends OrderError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedMessageError';
  }
}

export class OrderNotFoundError extends OrderError {
  constructor(readonly orderId: string, options?: { cause?: unknown }) {
    super(`Order ${orderId} not found`, options);
    this.name = 'OrderNotFoundError';
  }
}

/** The same Idempotency-Key came with a different body. */
export class IdempotencyConflictError extends OrderError {
  constructor(readonly key: string, options?: { cause?: unknown }) {
    super(`Idempotency-Key ${key} was already used with a different request body`, options);
    this.name = 'IdempotencyConflictError';
  }
}

/** The task token is no longer valid: the task timed out, was cancelled, or the execution ended. */
export class TaskNoLongerActiveError extends OrderError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TaskNoLongerActiveError';
  }
}

/** An order status change that the lifecycle does not allow (e.g. COMPLETED → PROCESSING). */
export class InvalidTransitionError extends OrderError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidTransitionError';
  }
}

/** A pagination cursor that this API did not issue (or that was tampered with). */
export class InvalidCursorError extends OrderError {
  constructor(options?: { cause?: unknown }) {
    super('The cursor is not valid', options);
    this.name = 'InvalidCursorError';
  }
}

/**
 * An execution with this name already exists and the start cannot be answered with it: it was started with
 * another input, or it has ended (Step Functions' `ExecutionAlreadyExists`). Names are unique per order, so the
 * existing execution is that order's workflow; `executionArn` names it.
 */
export class ExecutionAlreadyExistsError extends OrderError {
  constructor(readonly executionArn: string, options?: { cause?: unknown }) {
    super(`Execution ${executionArn} already exists with another input, or has ended`, options);
    this.name = 'ExecutionAlreadyExistsError';
  }
}

/** An order id that is already stored (a create must not overwrite). */
export class OrderAlreadyExistsError extends OrderError {
  constructor(readonly orderId: string, options?: { cause?: unknown }) {
    super(`Order ${orderId} already exists`, options);
    this.name = 'OrderAlreadyExistsError';
  }
}
