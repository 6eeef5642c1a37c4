/**
 * `orders console --stack-name`: the web console for a deployed stack, read-only on 127.0.0.1, its data from AWS
 * through the CLI's AwsSource — tested as the CLI's other AWS paths are, with aws-sdk-client-mock.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import 'aws-sdk-client-mock-jest';
import { buildReport } from '../../../src/cli/core/report';
import { runCli } from '../../../src/cli/main';
import type { ConsoleMeta, DashboardData, ExecutionDetail, ExecutionPage, OrderPage } from '../../../src/console/shared/api';
import { completedRun, failedRun, rejectedRun, T0 } from './support/histories';
import { mocks, mockStack, REGION, resetMocks, serveHistories, STACK_NAME } from './support/aws-mocks';

const NOW = T0 + 3_600_000;
const runs = [
  completedRun('o-1', T0 + 600_000, 400),
  failedRun('o-2', T0 + 1_200_000, 900, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' }),
  rejectedRun('o-3', T0 + 1_800_000, 100),
];

interface Started {
  url: string;
  stop(): Promise<number>;
  stdout(): string;
}

/** Runs `orders console` in-process until stopped; resolves once it prints its URL. */
const startConsole = async (extra: string[] = []): Promise<Started> => {
  const controller = new AbortController();
  let out = '';
  let found: (url: string) => void = () => {};
  const printed = new Promise<string>((resolve) => (found = resolve));
  const done = runCli(['console', '--stack-name', STACK_NAME, '--region', REGION, '--port', '0', '-q', ...extra], {
    stdout: {
      write: (text: string) => {
        out += text;
        const match = /(http:\/\/127\.0\.0\.1:\d+)\/console\//.exec(out);
        if (match?.[1]) found(match[1]);
      },
    },
    stderr: { write: () => true },
    env: {},
    now: () => NOW,
    signal: controller.signal,
  });
  const url = await Promise.race([printed, done.then((code) => Promise.reject(new Error(`orders console exited ${code}: ${out}`)))]);
  return {
    url,
    stdout: () => out,
    stop: () => {
      controller.abort();
      return done;
    },
  };
};

const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
};

let running: Started;

beforeEach(async () => {
  resetMocks();
  mockStack();
  serveHistories(runs, { pageSize: 2, eventsPerPage: 5 });
  mocks.logs.on(FilterLogEventsCommand).resolves({ events: [] });
  mocks.logs.on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/orders-test/ProcessPayment' }).resolves({ events: [{ eventId: 'l1', timestamp: T0 + 1_200_100, message: '{"level":"INFO","message":"Charge declined","orderId":"o-2"}' }] });
  running = await startConsole();
});

afterEach(async () => {
  expect(await running.stop()).toBe(0);
});

test('prints its URL and serves the app, its deep links and its meta: read-only, AWS, both workflow graphs', async () => {
  expect(running.stdout()).toContain(`Console for stack ${STACK_NAME} (${REGION}) (read-only)`);
  const page = await fetch(`${running.url}/console/orders/o-2`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('/console/assets/app.js');
  expect((await fetch(`${running.url}/console/assets/app.js`)).status).toBe(200);
  const meta = await get<ConsoleMeta>(`${running.url}/console/api/meta`);
  expect(meta.body).toMatchObject({ mode: 'aws', readOnly: true });
  expect(meta.body.local).toBeUndefined();
  expect(meta.body.stateMachines.map((m) => Object.keys(m.definition.States)[0])).toEqual(expect.arrayContaining(['ValidateOrder', 'QuoteCart']));
});

test('lists the executions newest first with their failed state, and filters by outcome and error', async () => {
  const all = await get<ExecutionPage>(`${running.url}/console/api/executions`);
  expect(all.body.items.map((e) => [e.orderId, e.status, e.outcome, e.failedState])).toEqual([
    ['o-3', 'FAILED', 'REJECTED', 'ValidateOrder'],
    ['o-2', 'FAILED', 'FAILED', 'ProcessPayment'],
    ['o-1', 'SUCCEEDED', 'COMPLETED', undefined],
  ]);
  const rejected = await get<ExecutionPage>(`${running.url}/console/api/executions?status=REJECTED`);
  expect(rejected.body.items.map((e) => e.orderId)).toEqual(['o-3']);
  const declined = await get<ExecutionPage>(`${running.url}/console/api/executions?error=PaymentDeclinedError`);
  expect(declined.body.items.map((e) => e.orderId)).toEqual(['o-2']);
  const paged = await get<ExecutionPage>(`${running.url}/console/api/executions?limit=2`);
  expect(paged.body.items).toHaveLength(2);
  const next = await get<ExecutionPage>(`${running.url}/console/api/executions?limit=2&cursor=${paged.body.nextCursor}`);
  expect(next.body.items.map((e) => e.orderId)).toEqual(['o-1']);
});

test("an order's page: its execution by state, the failure point, and its log lines from CloudWatch Logs", async () => {
  const order = await get<OrderPage>(`${running.url}/console/api/orders/o-2`);
  expect(order.status).toBe(200);
  const execution = order.body.execution as ExecutionDetail;
  expect(execution.failure).toMatchObject({ state: 'ProcessPayment', error: 'PaymentDeclinedError' });
  expect(execution.states.ProcessPayment?.status).toBe('caught');
  expect(execution.path[0]).toBe('ValidateOrder');
  expect(order.body.logs.map((l) => l.message)).toEqual([expect.stringContaining('Charge declined')]);
  expect(mocks.logs).toHaveReceivedCommandWith(FilterLogEventsCommand, { filterPattern: expect.stringContaining('o-2') });
  expect((await get(`${running.url}/console/api/orders/nope`)).status).toBe(404);
});

test('the dashboard is buildReport over the same histories as `orders report`', async () => {
  const dashboard = await get<DashboardData>(`${running.url}/console/api/report?since=1h`);
  const expected = buildReport(runs, { source: '', until: NOW });
  expect(dashboard.body.report.executions).toEqual(expected.executions);
  expect(dashboard.body.report.failures).toEqual(expected.failures);
  expect(dashboard.body.report.durationMs).toEqual(expected.durationMs);
  expect(dashboard.body.series.reduce((sum, p) => sum + p.started, 0)).toBe(3);
  expect((await get(`${running.url}/console/api/report?since=yesterday`)).status).toBe(400);
});

test('refuses to change anything, and answers only to loopback Host names', async () => {
  const post = await fetch(`${running.url}/console/api/executions`, { method: 'POST' });
  expect(post.status).toBe(405);
  const { request } = await import('node:http');
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${running.url}/console/api/meta`, { headers: { host: 'rebound.example:80' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(403);
});

test('without --stack-name it says the local stack serves its own console', async () => {
  let err = '';
  const code = await runCli(['console'], { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, env: {} });
  expect(code).toBe(2);
  expect(err).toContain('/console/');
});
