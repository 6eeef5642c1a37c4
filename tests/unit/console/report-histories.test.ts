/**
 * The dashboard keeps only what buildReport reads of each finished history: the report over the kept part must
 * equal the report over whole histories, and a finished history is read from the source once.
 */
import type { ExecutionHistory, ExecutionSummary } from '../../../src/cli/core/history';
import { buildReport } from '../../../src/cli/core/report';
import type { OrdersSource } from '../../../src/cli/sources/source';
import { forReport, ReportHistories } from '../../../src/console/server/report-histories';
import { completedRun, failedRun, rejectedRun, runningRun, stoppedRun, T0 } from '../cli/support/histories';

const histories: ExecutionHistory[] = [
  completedRun('o-1', T0, 400, [{ state: 'ReserveInventory', error: 'Lambda.ServiceException', times: 2 }]),
  failedRun('o-2', T0 + 1000, 900, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' }),
  failedRun('o-3', T0 + 2000, 700, { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'sold out' }),
  rejectedRun('o-4', T0 + 3000, 100),
  stoppedRun('o-5', 'TIMED_OUT', T0 + 4000, 5000),
  runningRun('o-6', T0 + 5000),
];

test('the report over the kept part of each history equals the report over whole histories', () => {
  const extras = { source: 'test', until: T0 + 60_000 };
  expect(buildReport(histories.map(forReport), extras)).toEqual(buildReport(histories, extras));
  // And it is smaller: the states' whole inputs and outputs are gone.
  expect(JSON.stringify(histories.map(forReport)).length).toBeLessThan(JSON.stringify(histories).length);
});

test('finished histories are read once; running ones every time', async () => {
  const read: string[] = [];
  const source = {
    histories: async (executions: readonly ExecutionSummary[]) => {
      read.push(...executions.map((e) => e.orderId));
      return histories.filter((h) => executions.some((e) => e.executionArn === h.executionArn));
    },
  } as unknown as OrdersSource;
  const kept = new ReportHistories(source);
  const first = await kept.of(histories);
  const second = await kept.of(histories);
  expect(second.map((h) => h.orderId)).toEqual(first.map((h) => h.orderId));
  expect(read).toEqual([...histories.map((h) => h.orderId), 'o-6']);
});
