/**
 * The dashboard keeps only what buildReport reads of each finished history: the report over the kept part must
 * equal the report over whole histories, a finished history is read from the source once, and locally the kept
 * part is a table of the stack's SQLite file that a restarted stack reads back instead of replaying histories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionHistory, ExecutionSummary } from '../../../src/cli/core/history';
import { buildReport } from '../../../src/cli/core/report';
import type { OrdersSource } from '../../../src/cli/sources/source';
import { BoundedReportFacts, forReport, ReportHistories } from '../../../src/console/server/report-histories';
import { SqliteReportFacts } from '../../../src/console/server/sqlite-report-facts';
import { findFailurePoint } from '../../../src/cli/core/failure-point';
import { LocalDatabase } from '../../../src/local/emulator/store/database';
import { completedRun, failedRun, rejectedRun, runningRun, stoppedRun, T0 } from '../cli/support/histories';

const histories: ExecutionHistory[] = [
  completedRun('o-1', T0, 400, [{ state: 'ReserveInventory', error: 'Lambda.ServiceException', times: 2 }]),
  failedRun('o-2', T0 + 1000, 900, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' }),
  failedRun('o-3', T0 + 2000, 700, { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'sold out' }),
  failedRun('o-7', T0 + 2500, 800, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'refund failed', compensationFails: true }),
  rejectedRun('o-4', T0 + 3000, 100),
  stoppedRun('o-5', 'TIMED_OUT', T0 + 4000, 5000),
  runningRun('o-6', T0 + 5000),
];
const extras = { source: 'test', until: T0 + 60_000 };
/** What the executions list gives for each (the report's sources list before they read histories). */
const summary = ({ executionArn, name, orderId, status, startedAt, stoppedAt }: ExecutionHistory): ExecutionSummary => ({
  executionArn,
  name,
  orderId,
  status,
  startedAt,
  ...(stoppedAt !== undefined && { stoppedAt }),
});
const summaries = histories.map(summary);
const wholeReport = buildReport(histories, extras);

/** A source that answers `histories` from the list above and records which orders it was asked for. */
const recordingSource = (): { source: OrdersSource; read: string[] } => {
  const read: string[] = [];
  const source = {
    histories: async (executions: readonly ExecutionSummary[]) => {
      read.push(...executions.map((e) => e.orderId));
      return histories.filter((h) => executions.some((e) => e.executionArn === h.executionArn));
    },
  } as unknown as OrdersSource;
  return { source, read };
};

test('the report over the kept part of each history equals the report over whole histories', () => {
  expect(buildReport(histories.map(forReport), extras)).toEqual(wholeReport);
  // The fixtures exercise every part of the report the kept data must still answer.
  expect(wholeReport.failures.groups.length).toBeGreaterThanOrEqual(3);
  expect(wholeReport.retries.total).toBeGreaterThan(0);
  expect(wholeReport.compensations.failed).toBe(1);
  // And it is smaller: the states' whole inputs and outputs are gone.
  expect(JSON.stringify(histories.map(forReport)).length).toBeLessThan(JSON.stringify(histories).length);
});

test('a failure found from the tagged catch (no recorded outcome) is found the same on the kept part', () => {
  // A history cut short after the catch (no RecordFailure outcome): the failure point comes from the `caught` data,
  // the first (untagged) copy of which does not answer; the tagged copy further on does.
  const withoutOutcome = (h: ExecutionHistory): ExecutionHistory => ({
    ...h,
    events: h.events.map((e) => (e.output && typeof e.output === 'object' && 'outcome' in e.output ? { ...e, output: { caught: (e.output as { caught?: unknown }).caught } } : e)),
  });
  const cut = [histories[1]!, histories[2]!, histories[3]!].map(withoutOutcome);
  for (const h of cut) {
    expect(findFailurePoint(forReport(h))).toEqual(findFailurePoint(h));
    expect(findFailurePoint(h)?.state).not.toBe('Unknown');
  }
  expect(buildReport(cut.map(forReport), extras)).toEqual(buildReport(cut, extras));
});

test('what is kept is smaller: fewer events, causes without their stack traces', () => {
  for (const h of histories.filter((x) => x.status !== 'RUNNING')) {
    const kept = forReport(h);
    expect(kept.events.length).toBeLessThan(h.events.length);
    expect(kept.events.every((e) => e.stateType === undefined)).toBe(true);
  }
  const withTrace = failedRun('o-8', T0, 500, {
    state: 'ReserveInventory',
    error: 'OutOfStockError',
    cause: JSON.stringify({ errorType: 'OutOfStockError', errorMessage: 'sold out', trace: Array.from({ length: 20 }, (_, i) => `    at frame${i} (/src/x.ts:${i}:1)`) }),
  });
  expect(JSON.stringify(forReport(withTrace)).length).toBeLessThan(JSON.stringify(withTrace).length / 2);
  expect(buildReport([forReport(withTrace)], extras)).toEqual(buildReport([withTrace], extras));
});

test('finished histories are read once; running ones every time', async () => {
  const { source, read } = recordingSource();
  const kept = new ReportHistories(source, new BoundedReportFacts(100));
  const first = await kept.of(summaries);
  const second = await kept.of(summaries);
  expect(second.map((h) => h.orderId)).toEqual(first.map((h) => h.orderId));
  expect(read).toEqual([...histories.map((h) => h.orderId), 'o-6']);
  expect(buildReport(second, extras)).toEqual(wholeReport);
});

test('the in-memory store keeps at most its capacity, dropping the least recently read', async () => {
  const facts = new BoundedReportFacts(2);
  const [a, b, c] = histories.map(forReport) as [ExecutionHistory, ExecutionHistory, ExecutionHistory];
  facts.write([a, b]);
  expect([...facts.read([a]).keys()]).toEqual([a.executionArn]);
  facts.write([c]);
  expect([...facts.read([a, b, c]).keys()]).toEqual([a.executionArn, c.executionArn]);
});

describe('the local stack keeps the facts in its SQLite file', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'report-facts-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('a restarted stack reads them back (no history replay) and gives the same report', async () => {
    const before = recordingSource();
    const db = new LocalDatabase(dataDir);
    const firstReport = buildReport(await new ReportHistories(before.source, new SqliteReportFacts(db)).of(summaries), extras);
    db.close();
    expect(firstReport).toEqual(wholeReport);
    expect(before.read).toEqual(histories.map((h) => h.orderId));

    const after = recordingSource();
    const reopened = new LocalDatabase(dataDir);
    try {
      const afterRestart = buildReport(await new ReportHistories(after.source, new SqliteReportFacts(reopened)).of(summaries), extras);
      expect(afterRestart).toEqual(wholeReport);
      // Only the running execution is read from the source again.
      expect(after.read).toEqual(['o-6']);
    } finally {
      reopened.close();
    }
  });

  test('facts are read back as they were written; unknown executions read as missing', () => {
    const db = new LocalDatabase(dataDir);
    try {
      const facts = new SqliteReportFacts(db);
      facts.write(histories.filter((h) => h.status !== 'RUNNING').map(forReport));
      const one = histories[1]!;
      const found = facts.read([summary(one), { ...summary(one), executionArn: 'arn:aws:states:none' }]);
      expect([...found.keys()]).toEqual([one.executionArn]);
      expect(found.get(one.executionArn)).toEqual(forReport(one));
    } finally {
      db.close();
    }
  });
});
