/**
 * What one invocation of each function consumes of DynamoDB, SQS and SNS, read from the AWS adapters in
 * src/adapters/aws (the calls each handler's main path makes). DynamoDB on-demand rules applied:
 * - a write costs 1 WRU per KB of item (orders are `orderKb` KB; products and idempotency records < 1 KB),
 *   twice that inside TransactWriteItems; a strongly consistent read costs 1 RRU per 4 KB;
 * - OrdersTable's `byStatus` index projects ALL attributes, so every order write also writes the index
 *   entry (+1 write), and a write that changes `status`, the index key, deletes and re-puts it (+2 writes).
 * Compensation steps are counted as if they had something to undo (an upper bound), and conditional
 * failures on retried steps are left out: they are rare in a run and cost one unit each.
 * `sdkCalls` counts the AWS requests an invocation waits for (DynamoDB, SNS, Step Functions callbacks and
 * StartExecution): locally they take microseconds, on AWS milliseconds each, which the cost model adds.
 */
export interface OrderShape {
  /** Size of the order item, rounded up to whole KB. */
  orderKb: number;
  /** Distinct products on the order. */
  lines: number;
  /** Whether POST /orders carried an Idempotency-Key (one more write). */
  idempotencyKey: boolean;
}

export interface ServiceUse {
  readUnits: number;
  writeUnits: number;
  sqsRequests: number;
  snsPublishes: number;
  sdkCalls: number;
}

const NONE: ServiceUse = { readUnits: 0, writeUnits: 0, sqsRequests: 0, snsPublishes: 0, sdkCalls: 0 };

/** Per invocation of each function (ProcessPayment: per message; its batches add SQS requests, see sqsPerPayment). */
export const usePerInvocation = (functionId: string, { orderKb: kb, lines, idempotencyKey }: OrderShape): ServiceUse => {
  const orderWrite = 2 * kb; // item + index entry
  const statusChange = 3 * kb; // item + index delete + index put
  const transactOrder = 2 * kb + kb; // transactional item write + index entry
  const transactProducts = 2 * lines;
  const use = (sdkCalls: number, readUnits: number, writeUnits: number, extra: Partial<ServiceUse> = {}): ServiceUse => ({
    ...NONE,
    sdkCalls,
    readUnits,
    writeUnits,
    ...extra,
  });
  switch (functionId) {
    case 'CreateOrderFunction': // claim key, read (miss), put, StartExecution, set execution ARN
      return use((idempotencyKey ? 1 : 0) + 4, 1, (idempotencyKey ? 1 : 0) + orderWrite + orderWrite);
    case 'ValidateOrderFunction': // batch-get products, status → VALIDATED
      return use(2, lines, statusChange);
    case 'ReserveInventoryFunction': // status → PROCESSING, transaction: reservation on order + each product
      return use(2, 0, statusChange + transactOrder + transactProducts);
    case 'ProcessPaymentFunction': // heartbeat, read the token, write the charge, SendTaskSuccess
      return use(4, 1, orderWrite);
    case 'FulfillOrderFunction': // read the order and its reservation, one transaction (SOLD and COMPLETED on the order, each product), read back
      return use(4, 3, 2 * kb + 2 * kb + transactProducts);
    case 'RecordOutcomeFunction': // status → REJECTED / FAILED; on FAILED a refund attempt for a late charge (upper bound)
      return use(3, 1, statusChange + kb);
    case 'RefundPaymentFunction': // read the order, conditional refund of the charge (a read when there was none)
      return use(3, 2, orderWrite);
    case 'ReleaseInventoryFunction': // read the order and its reservation, transaction: RELEASED + each product
      return use(3, 2, transactOrder + transactProducts);
    case 'NotifyFunction': // read the order (the email stays out of the history), publish
      return use(2, 1, 0, { snsPublishes: 1 });
    case 'QuoteCartFunction': // batch-get products
      return use(1, lines, 0);
    case 'GetOrderFunction':
      return use(1, 1, 0);
    default:
      return NONE;
  }
};

/**
 * SQS requests per payment message: SendMessage by the state machine, then the event source mapping's
 * ReceiveMessage and DeleteMessageBatch, each shared by the messages of one batch. (Idle long polls are a
 * fixed cost per poller, not per order, and are left out.)
 */
export const sqsPerPayment = (averageBatchSize: number): number => 1 + 2 / Math.max(1, averageBatchSize);
