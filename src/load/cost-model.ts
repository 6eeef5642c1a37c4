/**
 * Estimated AWS bill per 1,000,000 orders: the measured (or modelled) use of each service per order times the
 * prices in prices.ts. Pure arithmetic, so it is tested on a fixed price table.
 */
import type { Architecture, PriceTable } from './prices';

export interface FunctionUse {
  functionId: string;
  invocationsPerOrder: number;
  /** Mean billed duration of one invocation (each rounded up to the billing increment). */
  billedMsPerInvocation: number;
  memoryMb: number;
}

export interface UsagePerOrder {
  /** REST API calls (POST /orders, POST /orders/quote). */
  apiRequests: number;
  standardTransitions: number;
  expressRequests: number;
  /** Mean billed duration of one Express execution (rounded up to its increment). */
  expressBilledMsPerRequest: number;
  expressMemoryMb: number;
  functions: FunctionUse[];
  sqsRequests: number;
  snsPublishes: number;
  readUnits: number;
  writeUnits: number;
}

export interface CostLine {
  service: string;
  item: string;
  /** Units per 1,000,000 orders. */
  quantity: number;
  unit: string;
  usd: number;
}

export interface CostEstimate {
  architecture: Architecture;
  lines: CostLine[];
  totalUsd: number;
}

export const ORDERS = 1_000_000;

export const estimateCost = (usage: UsagePerOrder, architecture: Architecture, prices: PriceTable): CostEstimate => {
  const line = (service: string, item: string, perOrder: number, unit: string, unitPrice: number): CostLine => ({
    service,
    item,
    quantity: perOrder * ORDERS,
    unit,
    usd: perOrder * ORDERS * unitPrice,
  });
  const gbSeconds = usage.functions.reduce((sum, f) => sum + f.invocationsPerOrder * (f.billedMsPerInvocation / 1000) * (f.memoryMb / 1024), 0);
  const invocations = usage.functions.reduce((sum, f) => sum + f.invocationsPerOrder, 0);
  const expressGb = roundUp(usage.expressMemoryMb, prices.stepFunctions.expressMemoryIncrementMb) / 1024;
  const expressGbSeconds = usage.expressRequests * (usage.expressBilledMsPerRequest / 1000) * expressGb;
  const lines = [
    line('API Gateway', 'REST API calls', usage.apiRequests, 'calls', prices.apiGatewayRestPerRequest),
    line('Step Functions', 'Standard state transitions', usage.standardTransitions, 'transitions', prices.stepFunctions.standardPerTransition),
    line('Step Functions', 'Express requests (quotes)', usage.expressRequests, 'requests', prices.stepFunctions.expressPerRequest),
    line('Step Functions', 'Express duration (quotes)', expressGbSeconds, 'GB-s', prices.stepFunctions.expressPerGbSecond),
    line('Lambda', 'Requests', invocations, 'invocations', prices.lambda.perRequest),
    line('Lambda', 'Duration', gbSeconds, 'GB-s', prices.lambda.perGbSecond[architecture]),
    line('SQS', 'Requests', usage.sqsRequests, 'requests', prices.sqsPerRequest),
    line('SNS', 'Publishes', usage.snsPublishes, 'publishes', prices.snsPerPublish),
    line('DynamoDB', 'Write request units', usage.writeUnits, 'WRU', prices.dynamoDb.perWriteRequestUnit),
    line('DynamoDB', 'Read request units', usage.readUnits, 'RRU', prices.dynamoDb.perReadRequestUnit),
  ];
  return { architecture, lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0) };
};

/** Rounds a duration or size up to the next multiple of the billing increment (at least one increment). */
export const roundUp = (value: number, increment: number): number => Math.max(increment, Math.ceil(value / increment) * increment);

