/** The report's arithmetic on hand-made histories whose answers are worked out by hand below. */
import { buildReport, outcomeOf } from '../../../src/cli/core/report';
import { completedRun, failedRun, rejectedRun, runningRun, stoppedRun, T0 } from './support/histories';

const at = (second: number): number => T0 + second * 1000;

// 14 executions: 6 completed (100–600 ms), 1 rejected (700), 4 failed (800–1100), 1 timed out (1200),
// 1 aborted (1300), 1 still running.
const histories = [
  completedRun('c1', at(1), 100),
  completedRun('c2', at(2), 200, [{ state: 'ReserveInventory', error: 'Lambda.ServiceException', times: 2 }]),
  completedRun('c3', at(3), 300, [{ state: 'ValidateOrder', error: 'Lambda.TooManyRequestsException', times: 1 }]),
  completedRun('c4', at(4), 400),
  completedRun('c5', at(5), 500),
  completedRun('c6', at(6), 600),
  rejectedRun('r1', at(7), 700),
  failedRun('f1', at(8), 800, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' }),
  failedRun('f2', at(9), 900, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Card expired' }),
  failedRun('f3', at(10), 1000, { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'Product lamp is out of stock' }),
  failedRun('f4', at(11), 1100, { state: 'FulfillOrder', error: 'Lambda.Unknown', cause: 'Runtime exited', compensationFails: true }),
  stoppedRun('t1', 'TIMED_OUT', at(12), 1200),
  stoppedRun('a1', 'ABORTED', at(13), 1300),
  runningRun('run1', at(14)),
];

const report = buildReport(histories, { source: 'test', since: at(0), until: at(100), dlq: [{ queue: 'payments-dlq', depth: 3 }] });

describe('buildReport', () => {
  test('counts executions by status and by outcome', () => {
    expect(report.executions).toEqual({
      total: 14,
      finished: 13,
      byStatus: { RUNNING: 1, SUCCEEDED: 6, FAILED: 5, TIMED_OUT: 1, ABORTED: 1 },
      byOutcome: { COMPLETED: 6, REJECTED: 1, FAILED: 4, TIMED_OUT: 1, ABORTED: 1, RUNNING: 1 },
    });
  });

  test('the success rate is succeeded over finished executions (running ones are left out)', () => {
    expect(report.successRate).toBe(0.4615); // 6 / 13, to 4 decimals
  });

  test('duration percentiles interpolate linearly between the finished executions\' durations', () => {
    // Sorted durations 100, 200, …, 1300 (13 values). p50: rank 0.5 × 12 = 6 → 700. p90: rank 10.8 →
    // 1100 + 0.8 × 100 = 1180. p99: rank 11.88 → 1200 + 0.88 × 100 = 1288. Mean 700.
    expect(report.durationMs).toEqual({ count: 13, min: 100, max: 1300, mean: 700, p50: 700, p90: 1180, p99: 1288 });
  });

  test('groups failures by failed state and error, most frequent first, with the latest cause', () => {
    expect(report.failures.total).toBe(7);
    expect(report.failures.groups).toEqual([
      { state: 'ProcessPayment', error: 'PaymentDeclinedError', count: 2, share: 0.2857, lastCause: 'Card expired', orderIds: ['f2', 'f1'] },
      { state: 'FulfillOrder', error: 'Lambda.Unknown', count: 1, share: 0.1429, lastCause: 'Runtime exited', orderIds: ['f4'] },
      { state: 'ProcessPayment', error: 'ExecutionAborted', count: 1, share: 0.1429, lastCause: '', orderIds: ['a1'] },
      { state: 'ProcessPayment', error: 'States.Timeout', count: 1, share: 0.1429, lastCause: '', orderIds: ['t1'] },
      { state: 'ReserveInventory', error: 'OutOfStockError', count: 1, share: 0.1429, lastCause: 'Product lamp is out of stock', orderIds: ['f3'] },
      { state: 'ValidateOrder', error: 'ValidationError', count: 1, share: 0.1429, lastCause: 'UNKNOWN_PRODUCT at items[0].productId: Unknown product x', orderIds: ['r1'] },
    ]);
    const shares = report.failures.groups.reduce((sum, group) => sum + group.count, 0);
    expect(shares).toBe(report.failures.total);
  });

  test('counts retries by state and the error that caused them', () => {
    expect(report.retries).toEqual({
      total: 3,
      executions: 2,
      groups: [
        { state: 'ReserveInventory', error: 'Lambda.ServiceException', count: 2 },
        { state: 'ValidateOrder', error: 'Lambda.TooManyRequestsException', count: 1 },
      ],
    });
  });

  test('counts compensations and those that failed', () => {
    expect(report.compensations).toEqual({ executions: 4, failed: 1, orderIds: ['f4', 'f3', 'f2', 'f1'] });
  });

  test('carries the window and the extras', () => {
    expect(report.window).toEqual({ since: '2025-11-20T10:00:00.000Z', until: '2025-11-20T10:01:40.000Z' });
    expect(report.dlq).toEqual([{ queue: 'payments-dlq', depth: 3 }]);
    expect(report.cloudWatch).toEqual([]);
  });

  test('shares of each group add up to 1 (within rounding)', () => {
    const sum = report.failures.groups.reduce((total, group) => total + group.share, 0);
    expect(sum).toBeCloseTo(1, 3);
  });

  test('nothing to report: no rate, no durations, no groups', () => {
    const empty = buildReport([], { source: 'test', until: at(0) });
    expect(empty.successRate).toBeNull();
    expect(empty.durationMs).toBeNull();
    expect(empty.failures).toEqual({ total: 0, groups: [] });
    expect(empty.window).toEqual({ until: '2025-11-20T10:00:00.000Z' });
  });

  test('only running executions: no rate rather than 0%', () => {
    const onlyRunning = buildReport([runningRun('x', at(1))], { source: 'test', until: at(2) });
    expect(onlyRunning.successRate).toBeNull();
    expect(onlyRunning.executions.byStatus.RUNNING).toBe(1);
  });

  test('a single execution is its own p50, p90 and p99', () => {
    const single = buildReport([completedRun('c', at(1), 250)], { source: 'test', until: at(2) });
    expect(single.durationMs).toMatchObject({ count: 1, p50: 250, p90: 250, p99: 250 });
    expect(single.successRate).toBe(1);
  });
});

describe('outcomeOf', () => {
  test('tells a rejection (it entered RecordRejection) from a failure', () => {
    expect(outcomeOf(rejectedRun('r', at(1), 10))).toBe('REJECTED');
    expect(outcomeOf(failedRun('f', at(1), 10, { state: 'ReserveInventory', error: 'OutOfStockError', cause: '' }))).toBe('FAILED');
    expect(outcomeOf(completedRun('c', at(1), 10))).toBe('COMPLETED');
    expect(outcomeOf(stoppedRun('t', 'TIMED_OUT', at(1), 10))).toBe('TIMED_OUT');
  });
});
