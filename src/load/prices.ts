/**
 * AWS list prices, us-east-1, on-demand, in USD per single unit, as read on 2026-11-22 from the stored copies
 * of the pricing pages named beside each price (the same figures appear on each page's us-east-1 table).
 * Free tiers are left out on purpose: the estimate is for running at scale, where they round to nothing.
 * Prices change: update the table and PRICES_READ_ON together.
 */
export const PRICES_READ_ON = '2026-11-22';
export const PRICE_REGION = 'us-east-1';

export type Architecture = 'x86_64' | 'arm64';

export interface PriceTable {
  stepFunctions: {
    /** https://aws.amazon.com/step-functions/pricing/ — Standard: $0.025 per 1,000 state transitions. */
    standardPerTransition: number;
    /** https://aws.amazon.com/step-functions/pricing/ — Express: $1.00 per 1M requests. */
    expressPerRequest: number;
    /** https://aws.amazon.com/step-functions/pricing/ — Express duration: $0.00001667 per GB-second (first 1,000 hours GB a month). */
    expressPerGbSecond: number;
    /** Express duration is rounded up to the next 100 ms… */
    expressBillingIncrementMs: number;
    /** …and memory to the next 64 MB. */
    expressMemoryIncrementMb: number;
  };
  lambda: {
    /** https://aws.amazon.com/lambda/pricing/ — $0.20 per 1M requests, either architecture. */
    perRequest: number;
    /** https://aws.amazon.com/lambda/pricing/ — first 6 billion (x86) / 7.5 billion (Arm) GB-seconds a month. */
    perGbSecond: Record<Architecture, number>;
    /** Duration is rounded up to the next 1 ms. */
    billingIncrementMs: number;
  };
  /** https://aws.amazon.com/sqs/pricing/ — standard queues: $0.40 per 1M requests (first 100 billion a month); each 64 KB chunk of a payload is one request. */
  sqsPerRequest: number;
  /** https://aws.amazon.com/sns/pricing/ — standard topics: $0.50 per 1M publishes (64 KB chunks); deliveries to SQS and Lambda are free. */
  snsPerPublish: number;
  dynamoDb: {
    /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — $0.625 per 1M write request units (since the November 2024 price cut). */
    perWriteRequestUnit: number;
    /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — $0.125 per 1M read request units. */
    perReadRequestUnit: number;
  };
  /** https://aws.amazon.com/api-gateway/pricing/ — REST APIs: $3.50 per 1M calls (first 333 million a month). */
  apiGatewayRestPerRequest: number;
}

export const US_EAST_1: PriceTable = {
  stepFunctions: {
    standardPerTransition: 0.025 / 1_000,
    expressPerRequest: 1.0 / 1_000_000,
    expressPerGbSecond: 0.00001667,
    expressBillingIncrementMs: 100,
    expressMemoryIncrementMb: 64,
  },
  lambda: {
    perRequest: 0.2 / 1_000_000,
    perGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    billingIncrementMs: 1,
  },
  sqsPerRequest: 0.4 / 1_000_000,
  snsPerPublish: 0.5 / 1_000_000,
  dynamoDb: { perWriteRequestUnit: 0.625 / 1_000_000, perReadRequestUnit: 0.125 / 1_000_000 },
  apiGatewayRestPerRequest: 3.5 / 1_000_000,
};
