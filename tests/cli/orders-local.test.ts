/**
 * `orders history`, `report`, `list`, `dlq` and `logs` on REAL runs through the local stack: one order down every path
 * of the workflow (completed, rejected, out of stock, declined, payment timeout), with two injected Lambda
 * service errors on the first ReserveInventory call so that the report has retries to count.
 */
import './support/quiet-env';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Timeline } from '../../src/cli/core/timeline';
import type { Report } from '../../src/cli/core/report';
import type { ListedExecution } from '../../src/cli/commands/list';
import { percentile } from '../../src/shared/stats';
import { LocalSource } from '../../src/cli/sources/local-source';
import { silentProgress } from '../../src/shared/progress';
import { sampleOrder, startStack, type RunningStack } from './support/local-run';
import { cli, cliJson } from './support/run-cli';
import { mockStack, resetMocks, serveHistories, STACK_NAME, REGION } from '../unit/cli/support/aws-mocks';

jest.setTimeout(60_000);

type Path = 'completed' | 'rejected' | 'outOfStock' | 'declined' | 'timeout';

let run: RunningStack;
let url: string;
const ids = {} as Record<Path, string>;

beforeAll(async () => {
  // The first two ReserveInventory invocations fail with a retryable service error; the completed order (placed
  // first) takes them and succeeds on its third attempt.
  run = await startStack({ faults: 'ReserveInventory:1:Lambda.ServiceException:2' });
  url = run.stack.url;
  const orders: [Path, ReturnType<typeof sampleOrder>][] = [
    ['completed', sampleOrder('create-order.json')],
    ['rejected', sampleOrder('create-order-rejected.json')],
    ['outOfStock', sampleOrder('create-order-out-of-stock.json')],
    ['declined', sampleOrder('create-order-declined.json')],
    ['timeout', sampleOrder('create-order.json', 'tok_timeout')],
  ];
  for (const [path, request] of orders) {
    const { orderId } = await run.placeOrder(request);
    ids[path] = orderId;
    await run.waitForEnd(orderId);
  }
});

afterAll(async () => {
  await run?.stop();
});

const history = (path: Path, ...flags: string[]) => cli(['history', ids[path], '--url', url, ...flags]);
const timeline = (path: Path) => cliJson<Timeline>(['history', ids[path], '--url', url]);
const stepNames = (t: Timeline): string[] => t.steps.map((step) => step.state);

describe('orders history', () => {
  test('a completed order: every state in order, branches nested, the retries of ReserveInventory', async () => {
    const t = await timeline('completed');
    expect(t.execution.status).toBe('SUCCEEDED');
    expect(t.failure).toBeUndefined();
    expect(stepNames(t)).toEqual([
      'ValidateOrder', 'IsOrderValid', 'ProcessInParallel', 'ReserveInventory', 'ProcessPayment', 'FulfillOrder', 'NotifyCompletion', 'OrderCompleted',
    ]);
    const step = (name: string) => t.steps.find((s) => s.state === name);
    expect(step('ReserveInventory')).toMatchObject({ depth: 1, attempts: 3, result: 'succeeded' });
    expect(step('ReserveInventory')?.retries.map((r) => r.error)).toEqual(['Lambda.ServiceException', 'Lambda.ServiceException']);
    expect(step('ProcessPayment')).toMatchObject({ depth: 1, result: 'succeeded' });
    expect(t.steps.every((s) => s.failurePoint === false)).toBe(true);

    const { code, stdout } = await history('completed');
    expect(code).toBe(0);
    expect(stdout).toContain('✓ SUCCEEDED');
    expect(stdout).not.toContain('Failed at');
    expect(stdout).toMatch(/retry: attempt 3 at \+.* after Lambda\.ServiceException/);
  });

  test('a rejected order: ValidateOrder is the failed state, with the broken rules as cause', async () => {
    const t = await timeline('rejected');
    expect(t.execution.status).toBe('FAILED');
    expect(t.failure).toMatchObject({ state: 'ValidateOrder', error: 'ValidationError', attempts: 1 });
    expect(t.failure?.cause).toContain('UNKNOWN_PRODUCT at items[2].productId');
    expect(stepNames(t)).toEqual(['ValidateOrder', 'IsOrderValid', 'RecordRejection', 'NotifyRejection', 'OrderRejected']);
    expect(t.steps.filter((s) => s.failurePoint).map((s) => s.state)).toEqual(['ValidateOrder']);

    const { stdout } = await history('rejected');
    expect(stdout).toContain('✗ FAILED');
    expect(stdout).toContain('Failed at  ✗ ValidateOrder: ValidationError');
    expect(stdout).toMatch(/^✗ .*ValidateOrder/m);
    expect(stdout).toContain('Cause         UNKNOWN_PRODUCT at items[2].productId: Unknown product no-such-product');
  });

  test('an order out of stock: ReserveInventory fails, the payment branch is cancelled, compensation runs', async () => {
    const t = await timeline('outOfStock');
    expect(t.failure).toMatchObject({ state: 'ReserveInventory', error: 'OutOfStockError' });
    expect(t.failure?.cause).toContain('sold-out-lamp');
    const reserve = t.steps.find((s) => s.state === 'ReserveInventory');
    expect(reserve).toMatchObject({ result: 'caught', next: 'ReserveInventoryFailed', error: 'OutOfStockError', failurePoint: true, depth: 1 });
    expect(t.steps.find((s) => s.state === 'ProcessInParallel')).toMatchObject({ result: 'caught', next: 'Compensate' });
    expect(stepNames(t)).toEqual(expect.arrayContaining(['Compensate', 'RefundPayment', 'ReleaseInventory', 'RecordFailure', 'NotifyFailure', 'OrderFailed']));

    const { stdout } = await history('outOfStock');
    expect(stdout).toContain('Failed at  ✗ ReserveInventory: OutOfStockError');
    expect(stdout).toMatch(/✗ caught OutOfStockError → ReserveInventoryFailed/);
  });

  test('a declined payment: ProcessPayment fails with PaymentDeclinedError', async () => {
    const t = await timeline('declined');
    expect(t.failure).toEqual({ state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds', attempts: 1 });
    expect(t.steps.find((s) => s.state === 'ProcessPayment')).toMatchObject({ result: 'caught', error: 'PaymentDeclinedError', failurePoint: true });
    const { stdout } = await history('declined');
    expect(stdout).toContain('Failed at  ✗ ProcessPayment: PaymentDeclinedError');
    expect(stdout).toContain('Cause         Insufficient funds');
  });

  test('a payment that never calls back: the heartbeat timeout is caught and tagged PaymentTimeoutError', async () => {
    const t = await timeline('timeout');
    expect(t.failure).toMatchObject({ state: 'ProcessPayment', error: 'PaymentTimeoutError' });
    expect(t.failure?.cause).toMatch(/No payment callback before States\.(Heartbeat)?Timeout/);
    expect(t.steps.find((s) => s.state === 'ProcessPayment')).toMatchObject({ result: 'caught', next: 'PaymentTimedOut' });
    const { stdout } = await history('timeout');
    expect(stdout).toMatch(/✗ caught States\.(Heartbeat)?Timeout → PaymentTimedOut/);
  });

  test('--data shows each state\'s input and output', async () => {
    const { stdout } = await history('declined', '--data');
    expect(stdout).toContain('input:  {');
    expect(stdout).toContain('output: {');
    expect(stdout).toContain(`"orderId": "${ids.declined}"`);
  });

  test('an execution ARN works as well as an order id', async () => {
    const t = await timeline('declined');
    const byArn = await cliJson<Timeline>(['history', t.execution.executionArn, '--url', url]);
    expect(byArn.failure).toEqual(t.failure);
  });

  test('an unknown order exits 1 and says so', async () => {
    const { code, stderr } = await cli(['history', 'no-such-order', '--url', url]);
    expect(code).toBe(1);
    expect(stderr).toContain('no execution found for no-such-order');
  });
});

describe('orders report', () => {
  let report: Report;
  beforeAll(async () => {
    report = await cliJson<Report>(['report', '--url', url, '--since', '1h']);
  });

  test('counts executions by status and outcome; the success rate is SUCCEEDED over finished', () => {
    expect(report.executions).toEqual({
      total: 5,
      finished: 5,
      byStatus: { RUNNING: 0, SUCCEEDED: 1, FAILED: 4, TIMED_OUT: 0, ABORTED: 0 },
      byOutcome: { COMPLETED: 1, REJECTED: 1, FAILED: 3, TIMED_OUT: 0, ABORTED: 0, RUNNING: 0 },
    });
    expect(report.successRate).toBe(0.2);
  });

  test('groups failures by failed state and error', () => {
    const groups = report.failures.groups.map(({ state, error, count, share }) => ({ state, error, count, share }));
    expect(groups).toEqual(
      expect.arrayContaining([
        { state: 'ValidateOrder', error: 'ValidationError', count: 1, share: 0.25 },
        { state: 'ReserveInventory', error: 'OutOfStockError', count: 1, share: 0.25 },
        { state: 'ProcessPayment', error: 'PaymentDeclinedError', count: 1, share: 0.25 },
        { state: 'ProcessPayment', error: 'PaymentTimeoutError', count: 1, share: 0.25 },
      ]),
    );
    expect(report.failures.total).toBe(4);
    expect(groups).toHaveLength(4);
  });

  test('counts retries, compensations and the DLQ', () => {
    expect(report.retries).toEqual({ total: 2, executions: 1, groups: [{ state: 'ReserveInventory', error: 'Lambda.ServiceException', count: 2 }] });
    expect(report.compensations).toMatchObject({ executions: 3, failed: 0 });
    expect(report.compensations.orderIds.sort()).toEqual([ids.outOfStock, ids.declined, ids.timeout].sort());
    expect(report.dlq).toEqual([{ queue: 'local-payments-dlq', depth: 0 }]);
  });

  test('duration percentiles are those of the executions\' own durations', async () => {
    const records = (await (await fetch(`${url}/_local/executions`)).json()) as { startDate: string; stopDate: string }[];
    const durations = records.map((r) => Date.parse(r.stopDate) - Date.parse(r.startDate));
    expect(report.durationMs).toMatchObject({
      count: 5,
      p50: percentile(durations, 50),
      p90: percentile(durations, 90),
      p99: percentile(durations, 99),
      max: Math.max(...durations),
    });
    // The timed-out payment waited for its heartbeat (120 s × time scale 0.01): the slowest run.
    expect(report.durationMs?.max).toBeGreaterThanOrEqual(1200);
  });

  test('the text report shows the success rate and the error patterns', async () => {
    const { code, stdout } = await cli(['report', '--url', url]);
    expect(code).toBe(0);
    expect(stdout).toContain('Success rate  20.0% (1 of 5 finished executions succeeded)');
    expect(stdout).toMatch(/✗ +ProcessPayment +PaymentDeclinedError +1 +25\.0% +Insufficient funds/);
    expect(stdout).toMatch(/✗ +ReserveInventory +OutOfStockError +1 +25\.0%/);
    expect(stdout).toMatch(/Retries +2 in 1 execution/);
    expect(stdout).toMatch(/Compensations 3 executions entered Compensate/);
    expect(stdout).toContain('DLQ depth     0 (local-payments-dlq)');
  });

  test('a window that ends before the runs reports nothing, not an error', async () => {
    const later = await cliJson<Report>(['report', '--url', url, '--since', '1s'], { now: () => Date.now() + 3_600_000 });
    expect(later.executions.total).toBe(0);
    expect(later.successRate).toBeNull();
    expect(later.durationMs).toBeNull();
  });
});

describe('orders list', () => {
  test('lists every run, newest first, with the failed state of each failure', async () => {
    const listed = await cliJson<ListedExecution[]>(['list', '--url', url]);
    expect(listed.map((e) => e.orderId)).toEqual([ids.timeout, ids.declined, ids.outOfStock, ids.rejected, ids.completed]);
    expect(listed.map((e) => e.outcome)).toEqual(['FAILED', 'FAILED', 'FAILED', 'REJECTED', 'COMPLETED']);
    expect(listed.map((e) => e.failure?.state)).toEqual(['ProcessPayment', 'ProcessPayment', 'ReserveInventory', 'ValidateOrder', undefined]);
  });

  test('--status filters by execution status or by outcome', async () => {
    const failed = await cliJson<ListedExecution[]>(['list', '--url', url, '--status', 'FAILED']);
    const rejected = await cliJson<ListedExecution[]>(['list', '--url', url, '--status', 'rejected']);
    const completed = await cliJson<ListedExecution[]>(['list', '--url', url, '--status', 'COMPLETED']);
    expect(failed).toHaveLength(4);
    expect(rejected.map((e) => e.orderId)).toEqual([ids.rejected]);
    expect(completed.map((e) => e.orderId)).toEqual([ids.completed]);
  });

  test('the text list marks failures with their state and error', async () => {
    const { stdout } = await cli(['list', '--url', url, '--status', 'FAILED']);
    expect(stdout.split('\n')[0]).toMatch(/ORDER +OUTCOME +STARTED +DURATION +FAILED STATE +ERROR/);
    expect(stdout).toMatch(new RegExp(`✗ +${ids.declined} +FAILED .* ProcessPayment +PaymentDeclinedError: Insufficient funds`));
  });

  test('a bad --status is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli(['list', '--url', url, '--status', 'BROKEN']);
    expect(code).toBe(2);
    expect(stderr).toContain('--status must be');
  });
});

describe('orders dlq', () => {
  test('lists a poison message that reached the DLQ and redrives it to the payment queue', async () => {
    const empty = await cli(['dlq', 'list', '--url', url]);
    expect(empty.stdout).toContain('local-payments-dlq: 0 messages (redrive returns them to local-payments)');

    // A payment message the consumer can never process: it is received maxReceiveCount times, then moved.
    const sent = await fetch(`${url}/_local/queues/local-payments/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'not json at all' }) });
    expect(sent.status).toBe(200);
    const deadline = Date.now() + 30_000;
    let listed = await cliJson<{ depth: number; messages: { body: string }[] }[]>(['dlq', 'list', '--url', url]);
    while (listed[0]?.depth === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      listed = await cliJson(['dlq', 'list', '--url', url]);
    }
    expect(listed[0]).toMatchObject({ queue: 'local-payments-dlq', depth: 1, messages: [{ body: 'not json at all' }] });
    const text = await cli(['dlq', 'list', '--url', url]);
    expect(text.stdout).toMatch(/MESSAGE ID +SENT +RECEIVES +BODY/);
    expect(text.stdout).toContain('not json at all');

    const redriven = await cli(['dlq', 'redrive', '--url', url]);
    expect(redriven.code).toBe(0);
    expect(redriven.stdout).toContain('COMPLETED: moved 1 message from local-payments-dlq back to their source queue');
  });

  test('dlq needs an action', async () => {
    expect((await cli(['dlq', '--url', url])).code).toBe(2);
    expect((await cli(['dlq', 'purge', '--url', url])).code).toBe(2);
  });
});

describe('orders logs', () => {
  test('reads the functions\' logs from the local stack: --function in any spelling, --filter, --json', async () => {
    const json = await cli(['logs', '--url', url, '--function', 'process-payment', '--since', '1h', '--filter', 'REPORT', '--json']);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; source: string; message: string });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.source === 'ProcessPayment' && line.message.startsWith('REPORT RequestId: '))).toBe(true);

    const text = await cli(['logs', '--url', url, '--function', 'ReserveInventoryFunction', '--since', '1h']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ReserveInventory +START RequestId: /);
    expect((await cli(['logs', '--url', url, '--function', 'Nope'])).code).toBe(2);
  });
});

describe('the AWS path on the same runs', () => {
  // The local histories, written as Step Functions' GetExecutionHistory would write them and served through
  // aws-sdk-client-mock: `--stack-name` must read them back to the same timelines and the same report.
  const aws = ['--stack-name', STACK_NAME, '--region', REGION];
  beforeAll(async () => {
    const local = new LocalSource({ url });
    const histories = await local.histories(await local.listExecutions({}, silentProgress), silentProgress);
    resetMocks();
    mockStack();
    serveHistories(histories);
  });
  afterAll(resetMocks);

  test('same report', async () => {
    const fromLocal = await cliJson<Report>(['report', '--url', url, '--since', '1h']);
    const fromAws = await cliJson<Report>(['report', ...aws, '--since', '1h']);
    const comparable = ({ source: _source, window: _window, dlq: _dlq, cloudWatch: _cloudWatch, ...rest }: Report) => rest;
    expect(comparable(fromAws)).toEqual(comparable(fromLocal));
    expect(fromAws.source).toBe(`stack ${STACK_NAME} (${REGION})`);
  });

  test.each<Path>(['completed', 'rejected', 'outOfStock', 'declined', 'timeout'])('same timeline for the %s order', async (path) => {
    const fromLocal = await cliJson<Timeline>(['history', ids[path], '--url', url]);
    const fromAws = await cliJson<Timeline>(['history', ids[path], ...aws]);
    expect(fromAws.failure).toEqual(fromLocal.failure);
    const shape = (t: Timeline) => t.steps.map(({ state, depth, attempts, result, next, failurePoint }) => ({ state, depth, attempts, result, next, failurePoint }));
    expect(shape(fromAws)).toEqual(shape(fromLocal));
  });

  test('same list', async () => {
    const fromLocal = await cliJson<ListedExecution[]>(['list', '--url', url]);
    const fromAws = await cliJson<ListedExecution[]>(['list', ...aws]);
    const comparable = (listed: ListedExecution[]) => listed.map(({ orderId, status, outcome, durationMs, failure }) => ({ orderId, status, outcome, durationMs, failure }));
    expect(comparable(fromAws)).toEqual(comparable(fromLocal));
  });
});

describe('bin/orders.mjs', () => {
  test('builds the bundle when needed and runs it as a separate process, exit codes included', async () => {
    const bin = path.resolve(__dirname, '../../bin/orders.mjs');
    // Asynchronous: the local stack answering the child runs in this process.
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'report', '--url', url, '--json', '--quiet']);
    expect((JSON.parse(stdout) as Report).executions.total).toBe(5);
    await expect(promisify(execFile)(process.execPath, [bin, 'nonsense'])).rejects.toMatchObject({ code: 2 });
    await expect(promisify(execFile)(process.execPath, [bin, 'history', 'nope', '--url', url])).rejects.toMatchObject({ code: 1 });
  });
});
