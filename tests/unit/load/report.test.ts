import { estimateCost } from '../../../src/load/cost-model';
import { US_EAST_1 } from '../../../src/load/prices';
import { renderReport, type LoadReport } from '../../../src/load/report';

const usage = {
  apiRequests: 2,
  standardTransitions: 8,
  expressRequests: 1,
  expressBilledMsPerRequest: 100,
  expressMemoryMb: 64,
  functions: [{ functionId: 'CreateOrderFunction', invocationsPerOrder: 1, billedMsPerInvocation: 40, memoryMb: 512 }],
  sqsRequests: 1.2,
  snsPublishes: 1,
  readUnits: 3,
  writeUnits: 20,
};

const report: LoadReport = {
  target: 'local stack',
  startedAt: '2026-11-22T00:00:00.000Z',
  machine: { node: 'v24.21.0', cpus: 2, platform: 'linux x64' },
  options: { orders: 4, concurrency: 2, mix: { success: 0.5, invalid: 0.5 }, seed: 1, quotes: 2, timeScale: 0.01 },
  requests: { sent: 4, accepted: 4, byStatusCode: { '202': 4 }, acceptedPerSecond: 250, postLatencyMs: { count: 4, p50: 5, p95: 9, p99: 9.8, mean: 6, max: 10 } },
  terminal: { reached: 4, notReached: 0, perSecond: 120, timeToTerminalMs: { count: 4, p50: 200, p95: 1500, p99: 1500, mean: 500, max: 1500 }, wallSeconds: 0.05 },
  outcomes: { byStatus: { COMPLETED: 2, REJECTED: 2 }, byError: { ValidationError: 2 }, byScenario: { success: { COMPLETED: 2 }, invalid: { 'REJECTED ValidationError': 2 } } },
  transitions: { meanPerOrder: 6.5, byStatus: { COMPLETED: { mean: 8, min: 8, max: 8 }, REJECTED: { mean: 5, min: 5, max: 5 } } },
  quotes: { sent: 2, byStatusCode: { '200': 1, '400': 1 } },
  localStack: {
    cpuMsPerOrderUnderLoad: 4,
    handlerWallMsPerOrderUnderLoad: 5,
    calibrationOrders: 4,
    cpuMsPerOrder: 3,
    handlerMsPerOrder: 1,
    overheadMsPerOrder: 2,
    functions: { CreateOrderFunction: { invocations: 4, meanMs: 0.25 } },
  },
  cost: {
    region: 'us-east-1',
    pricesReadOn: '2026-11-22',
    assumptions: { quotesPerOrder: 1, awsMsPerCall: 8, expressMemoryMb: 64, orderKb: 2, linesPerOrder: 1.5, durations: 'measured in the local stack' },
    usagePerOrder: usage,
    profiles: [
      { profile: 'standard', ...estimateCost(usage, 'x86_64', US_EAST_1) },
      { profile: 'arm-min', ...estimateCost(usage, 'arm64', US_EAST_1) },
    ],
  },
};

describe('renderReport', () => {
  const text = renderReport(report);

  it('shows rates, latencies in ms and s, outcomes and transitions', () => {
    expect(text).toContain('250.0 orders/s accepted');
    expect(text).toContain('POST latency  p50 5.0 ms  p95 9.0 ms  p99 9.8 ms');
    expect(text).toContain('To terminal   p50 200.0 ms  p95 1.50 s');
    expect(text).toContain('120.0 orders/s reaching a terminal state');
    expect(text).toContain('Outcomes      COMPLETED 2, REJECTED 2');
    expect(text).toContain('  invalid   REJECTED ValidationError 2');
    expect(text).toContain('  COMPLETED  mean 8.00  min 8  max 8');
    expect(text).toContain('Quotes        2 sent (200 1, 400 1)   n/a');
    expect(text).toContain('one at a time (4 orders): 3.00 ms CPU per order = handlers 1.00 ms + local stack and client 2.00 ms (67 %)');
  });

  it('prints one cost column per build profile, with the total', () => {
    expect(text).toMatch(/\| Service +\| Item +\| +Quantity \| standard \(x86_64\) \| arm-min \(arm64\) \|/);
    expect(text).toMatch(/\| Step Functions \| Standard state transitions \| +8,000,000 transitions \| +\$200\.00 \| +\$200\.00 \|/);
    const total = text.split('\n').find((l) => l.startsWith('| Total'));
    expect(total).toContain(`$${report.cost.profiles[0]?.totalUsd.toFixed(2)}`);
    expect(total).toContain(`$${report.cost.profiles[1]?.totalUsd.toFixed(2)}`);
  });
});
