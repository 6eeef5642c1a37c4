import { estimateCost, roundUp, type UsagePerOrder } from '../../../src/load/cost-model';
import type { PriceTable } from '../../../src/load/prices';
import { US_EAST_1 } from '../../../src/load/prices';

/** Round prices, so every expected figure below can be checked by hand. */
const PRICES: PriceTable = {
  stepFunctions: { standardPerTransition: 0.00001, expressPerRequest: 0.000001, expressPerGbSecond: 0.00002, expressBillingIncrementMs: 100, expressMemoryIncrementMb: 64 },
  lambda: { perRequest: 0.0000002, perGbSecond: { x86_64: 0.00002, arm64: 0.00001 }, billingIncrementMs: 1 },
  sqsPerRequest: 0.0000004,
  snsPerPublish: 0.0000005,
  dynamoDb: { perWriteRequestUnit: 0.000001, perReadRequestUnit: 0.0000002 },
  apiGatewayRestPerRequest: 0.000003,
};

const USAGE: UsagePerOrder = {
  apiRequests: 2,
  standardTransitions: 8,
  expressRequests: 1,
  expressBilledMsPerRequest: 100,
  expressMemoryMb: 50, // billed as 64 MB
  functions: [
    { functionId: 'A', invocationsPerOrder: 1, billedMsPerInvocation: 100, memoryMb: 1024 },
    { functionId: 'B', invocationsPerOrder: 2, billedMsPerInvocation: 50, memoryMb: 512 },
  ],
  sqsRequests: 1.5,
  snsPublishes: 1,
  readUnits: 4,
  writeUnits: 10,
};

const usdOf = (items: ReturnType<typeof estimateCost>['lines'], item: string) => items.find((l) => l.item === item)?.usd;

describe('estimateCost (per 1,000,000 orders)', () => {
  it('multiplies each use by its price', () => {
    const { lines, totalUsd } = estimateCost(USAGE, 'x86_64', PRICES);

    expect(usdOf(lines, 'REST API calls')).toBeCloseTo(6, 9); // 2M × $3/M
    expect(usdOf(lines, 'Standard state transitions')).toBeCloseTo(80, 9); // 8M × $10/M
    expect(usdOf(lines, 'Express requests (quotes)')).toBeCloseTo(1, 9);
    // 1M × 0.1 s × 0.0625 GB = 6,250 GB-s × $0.00002
    expect(usdOf(lines, 'Express duration (quotes)')).toBeCloseTo(0.125, 9);
    expect(usdOf(lines, 'Requests')).toBeCloseTo(0.6, 9); // 3M invocations × $0.2/M
    // (1 × 0.1 s × 1 GB + 2 × 0.05 s × 0.5 GB) × 1M = 150,000 GB-s × $0.00002
    expect(usdOf(lines, 'Duration')).toBeCloseTo(3, 9);
    expect(usdOf(lines, 'Write request units')).toBeCloseTo(10, 9);
    expect(usdOf(lines, 'Read request units')).toBeCloseTo(0.8, 9);
    expect(totalUsd).toBeCloseTo(6 + 80 + 1 + 0.125 + 0.6 + 3 + 0.6 + 0.5 + 10 + 0.8, 9);
  });

  it('prices Lambda duration by architecture and nothing else', () => {
    const x86 = estimateCost(USAGE, 'x86_64', PRICES);
    const arm = estimateCost(USAGE, 'arm64', PRICES);

    expect(usdOf(arm.lines, 'Duration')).toBeCloseTo(1.5, 9);
    expect(x86.totalUsd - arm.totalUsd).toBeCloseTo(1.5, 9);
  });

  it('reports quantities per million orders', () => {
    const { lines } = estimateCost(USAGE, 'arm64', PRICES);

    expect(lines.find((l) => l.item === 'Standard state transitions')).toMatchObject({ quantity: 8_000_000, unit: 'transitions' });
    expect(lines.find((l) => l.item === 'Duration')?.quantity).toBeCloseTo(150_000, 6);
  });

  it('prices the Standard workflow at $25 per million transitions in us-east-1', () => {
    const eightTransitions = estimateCost({ ...USAGE, standardTransitions: 8 }, 'x86_64', US_EAST_1);

    expect(usdOf(eightTransitions.lines, 'Standard state transitions')).toBeCloseTo(200, 9);
  });
});

describe('roundUp', () => {
  it('bills whole increments, at least one', () => {
    expect(roundUp(0.2, 1)).toBe(1);
    expect(roundUp(101, 100)).toBe(200);
    expect(roundUp(100, 100)).toBe(100);
    expect(roundUp(0, 64)).toBe(64);
  });
});
