/**
 * Turns what a run measured into use per order for the cost model: Lambda invocations and billed time per
 * function, Standard transitions, Express quotes, and the DynamoDB, SQS and SNS use that capacity.ts gives
 * each invocation.
 *
 * Two allowances, stated in the report, bridge local and AWS:
 * - `quotesPerOrder`: how many quotes a shopper asks for per order placed (the run measures one quote's cost);
 * - `awsMsPerCall`: what each AWS request adds to a handler's duration on AWS (a DynamoDB or SNS call takes
 *   milliseconds there and microseconds on SQLite here), so billed Lambda time is not understated.
 */
import { sqsPerPayment, usePerInvocation, type OrderShape, type ServiceUse } from './capacity';
import type { FunctionUse, UsagePerOrder } from './cost-model';

export interface FunctionMeasure {
  invocations: number;
  /** Sum over the invocations of each one's billed duration (rounded up to 1 ms). */
  billedMs: number;
}

export interface RunMeasurements {
  /** Orders that reached a terminal state. */
  orders: number;
  /** Standard state transitions of those orders' executions, all together. */
  transitions: number;
  /** Per function logical id, over the whole run (orders and quotes). */
  functions: Record<string, FunctionMeasure>;
  quotes: number;
  /** Sum of the Express executions' billed durations (each rounded up to 100 ms). */
  quoteBilledMs: number;
  /** ProcessPayment tasks (payment messages sent). */
  paymentMessages: number;
  shape: OrderShape;
  memoryMb: Record<string, number>;
}

export interface UsageAssumptions {
  quotesPerOrder: number;
  awsMsPerCall: number;
  expressMemoryMb: number;
}

export const DEFAULT_ASSUMPTIONS: UsageAssumptions = { quotesPerOrder: 1, awsMsPerCall: 8, expressMemoryMb: 64 };

/** Functions the load tool itself calls to watch the run, or that run at deploy time: not part of an order. */
const NOT_PER_ORDER = new Set(['GetOrderFunction', 'ListOrdersFunction', 'SeedInventoryFunction']);
const QUOTE_FUNCTION = 'QuoteCartFunction';
const PAYMENT_FUNCTION = 'ProcessPaymentFunction';
const DEFAULT_MEMORY_MB = 128;

export const usageFromRun = (m: RunMeasurements, a: UsageAssumptions = DEFAULT_ASSUMPTIONS): UsagePerOrder => {
  const orders = Math.max(1, m.orders);
  const paymentsPerOrder = m.paymentMessages / orders;
  const batches = m.functions[PAYMENT_FUNCTION]?.invocations ?? 0;
  const batchSize = batches > 0 ? m.paymentMessages / batches : 1;
  const functions: FunctionUse[] = [];
  let services: ServiceUse = { readUnits: 0, writeUnits: 0, sqsRequests: 0, snsPublishes: 0, sdkCalls: 0 };
  for (const [functionId, measure] of Object.entries(m.functions)) {
    if (NOT_PER_ORDER.has(functionId) || measure.invocations === 0) continue;
    const use = usePerInvocation(functionId, m.shape);
    const isQuote = functionId === QUOTE_FUNCTION;
    const invocationsPerOrder = isQuote ? (a.quotesPerOrder * measure.invocations) / Math.max(1, m.quotes) : measure.invocations / orders;
    // What one invocation does: one message's work per message of its batch for the payment consumer.
    const unitsPerInvocation = functionId === PAYMENT_FUNCTION ? batchSize : 1;
    functions.push({
      functionId,
      invocationsPerOrder,
      billedMsPerInvocation: measure.billedMs / measure.invocations + a.awsMsPerCall * use.sdkCalls * unitsPerInvocation,
      memoryMb: m.memoryMb[functionId] ?? DEFAULT_MEMORY_MB,
    });
    services = add(services, use, invocationsPerOrder * unitsPerInvocation);
  }
  return {
    apiRequests: 1 + a.quotesPerOrder,
    standardTransitions: m.transitions / orders,
    expressRequests: m.quotes > 0 ? a.quotesPerOrder : 0,
    expressBilledMsPerRequest: m.quotes > 0 ? m.quoteBilledMs / m.quotes : 0,
    expressMemoryMb: a.expressMemoryMb,
    functions,
    sqsRequests: paymentsPerOrder * sqsPerPayment(batchSize),
    snsPublishes: services.snsPublishes,
    readUnits: services.readUnits,
    writeUnits: services.writeUnits,
  };
};

const add = (total: ServiceUse, use: ServiceUse, times: number): ServiceUse => ({
  readUnits: total.readUnits + use.readUnits * times,
  writeUnits: total.writeUnits + use.writeUnits * times,
  sqsRequests: total.sqsRequests + use.sqsRequests * times,
  snsPublishes: total.snsPublishes + use.snsPublishes * times,
  sdkCalls: total.sdkCalls + use.sdkCalls * times,
});
