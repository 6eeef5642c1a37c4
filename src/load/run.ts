/**
 * One load run: send the planned orders with bounded concurrency, wait until each reaches a terminal state,
 * send the quotes, then measure (latency, rates, outcomes, transitions, handler time) and price the result.
 */
import { cpus, platform } from 'node:os';
import buildProfiles from '../../build-profiles.json';
import type { Architecture } from './prices';
import { PRICES_READ_ON, PRICE_REGION, US_EAST_1 } from './prices';
import { estimateCost, roundUp } from './cost-model';
import { countBy, summarizeLatency, throughput } from './metrics';
import { planOrders, type PlannedOrder } from './mix';
import type { AcceptedOrder, OrderOutcome } from './observers';
import type { LoadOptions } from './options';
import pLimit from 'p-limit';
import type { Progress } from '../shared/progress';
import type { LoadReport } from './report';
import { closeConnections, postJson, request, type TimedResponse } from './requests';
import { openTarget, type LoadTarget } from './target';
import { DEFAULT_ASSUMPTIONS, usageFromRun, type FunctionMeasure } from './usage';

interface Sent extends TimedResponse {
  planned: PlannedOrder;
  orderId?: string;
  executionArn?: string;
}

/** What the local Lambda runtime counts per function (durations once it records them). */
interface FunctionCounters {
  invocations: number;
  durationMs?: number;
  billedMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const runLoad = async (options: LoadOptions, progress: Progress): Promise<LoadReport> => {
  const planned = planOrders(options.mix, options.orders, options.seed);
  const target = await openTarget(options);
  try {
    return await measure(options, planned, target, progress);
  } finally {
    progress.done();
    closeConnections();
    await target.close();
  }
};

const measure = async (options: LoadOptions, planned: PlannedOrder[], target: LoadTarget, progress: Progress): Promise<LoadReport> => {
  const startedAt = new Date().toISOString();
  const countersBefore = functionCounters(target);
  const cpuBefore = process.cpuUsage();
  const sent = await sendOrders(options, planned, target, progress);
  const accepted: AcceptedOrder[] = sent.filter((s) => s.orderId).map((s) => ({ orderId: s.orderId as string, ...(s.executionArn ? { executionArn: s.executionArn } : {}) }));
  await waitForTerminal(options, accepted, target, progress);
  const cpu = process.cpuUsage(cpuBefore);
  const orderCounters = diff(functionCounters(target), countersBefore);
  const outcomes = await target.observer.outcomes(accepted);
  const quotes = await sendQuotes(options, planned, target, progress);
  const allCounters = diff(functionCounters(target), countersBefore);
  const orderKb = await orderSizeKb(target, outcomes.find((o) => o.status === 'COMPLETED')?.orderId);
  const calibration = target.local ? await calibrate(options, planned, target, progress) : undefined;
  return buildReport({ options, planned, target, startedAt, sent, outcomes, quotes, orderCounters, allCounters, cpuMs: (cpu.user + cpu.system) / 1000, orderKb, calibration });
};

/** Orders sent one at a time, each followed to its end before the next, to split CPU time without overlap. */
const CALIBRATION_ORDERS = 100;

interface Calibration {
  orders: number;
  cpuMsPerOrder: number;
  handlerMsPerOrder: number;
}

/**
 * Under load, a handler's measured duration includes the time other work held the event loop, so it cannot
 * be set against the process's CPU time. One order at a time it can: the handlers' own time, and the rest of
 * the process's CPU time (HTTP, API emulation, the interpreter, SQLite, queues, the load client) per order.
 */
const calibrate = async (options: LoadOptions, planned: PlannedOrder[], target: LoadTarget, progress: Progress): Promise<Calibration> => {
  const stack = target.local as NonNullable<LoadTarget['local']>;
  const sample = planned.slice(0, Math.min(CALIBRATION_ORDERS, planned.length));
  const before = functionCounters(target);
  const cpuBefore = process.cpuUsage();
  const url = new URL('orders', target.baseUrl);
  progress.start('calibrate', sample.length);
  for (const [index, order] of sample.entries()) {
    const response = await postJson(url, order.body, { 'x-api-key': target.apiKey, 'Idempotency-Key': `calibrate-${options.seed}-${index}` });
    const executionArn = (response.body as { executionArn?: string } | undefined)?.executionArn;
    while (executionArn && stack.services.executions.get(executionArn)?.status === 'RUNNING') await sleep(1);
    progress.tick(1, 'orders one at a time');
  }
  const cpu = process.cpuUsage(cpuBefore);
  const handlerMs = Object.values(diff(functionCounters(target), before)).reduce((sum, c) => sum + (c.durationMs ?? 0), 0);
  return { orders: sample.length, cpuMsPerOrder: (cpu.user + cpu.system) / 1000 / sample.length, handlerMsPerOrder: handlerMs / sample.length };
};

const sendOrders = async (options: LoadOptions, planned: PlannedOrder[], target: LoadTarget, progress: Progress): Promise<Sent[]> => {
  let accepted = 0;
  const url = new URL('orders', target.baseUrl);
  progress.start('orders', planned.length);
  return pLimit(options.concurrency).map(planned, async (order, index) => {
    const response = await postJson(url, order.body, { 'x-api-key': target.apiKey, 'Idempotency-Key': `load-${options.seed}-${index}` });
    const body = (response.body ?? {}) as { orderId?: string; executionArn?: string };
    if (response.statusCode === 202) accepted++;
    progress.tick(1, `${accepted} accepted`);
    return { ...response, planned: order, ...(response.statusCode === 202 && body.orderId ? { orderId: body.orderId, executionArn: body.executionArn } : {}) };
  });
};

const waitForTerminal = async (options: LoadOptions, orders: AcceptedOrder[], target: LoadTarget, progress: Progress): Promise<void> => {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  progress.start('terminal', orders.length);
  let shown = 0;
  for (;;) {
    const terminal = await target.observer.terminalCount(orders);
    progress.tick(terminal - shown, 'orders in a terminal state');
    shown = terminal;
    if (terminal >= orders.length || Date.now() > deadline) return;
    await sleep(target.local ? 20 : 500);
  }
};

/** The carts of the planned orders, as they are: valid, broken and sold-out carts quote 200, 400 and 409. */
const sendQuotes = async (options: LoadOptions, planned: PlannedOrder[], target: LoadTarget, progress: Progress): Promise<TimedResponse[]> => {
  const carts = Array.from({ length: options.quotes }, (_, i) => planned[i % planned.length]?.body).map((body) => ({
    currency: body?.currency,
    items: body?.items,
    amount: body?.amount,
  }));
  const url = new URL('orders/quote', target.baseUrl);
  progress.start('quotes', carts.length);
  return pLimit(options.concurrency).map(carts, async (cart) => {
    const response = await postJson(url, cart, { 'x-api-key': target.apiKey });
    progress.tick();
    return response;
  });
};

/** A snapshot: the runtime's counters are live objects. */
const functionCounters = (target: LoadTarget): Record<string, FunctionCounters> =>
  Object.fromEntries(Object.entries(target.local ? target.local.services.lambda.stats() : {}).map(([fn, c]) => [fn, { ...c }]));

const diff = (after: Record<string, FunctionCounters>, before: Record<string, FunctionCounters>): Record<string, FunctionCounters> =>
  Object.fromEntries(
    Object.entries(after).map(([fn, a]) => {
      const b = before[fn];
      return [fn, { invocations: a.invocations - (b?.invocations ?? 0), durationMs: (a.durationMs ?? 0) - (b?.durationMs ?? 0), billedMs: (a.billedMs ?? 0) - (b?.billedMs ?? 0) }];
    }),
  );

/** DynamoDB bills writes per KB of item: the size of a completed order (the stored item is the view plus the token). */
const orderSizeKb = async (target: LoadTarget, orderId: string | undefined): Promise<number> => {
  if (!orderId) return 1;
  const response = await request('GET', new URL(`orders/${encodeURIComponent(orderId)}`, target.baseUrl), { 'x-api-key': target.apiKey });
  const bytes = Buffer.byteLength(JSON.stringify(response.body)) + 64;
  return Math.max(1, Math.ceil(bytes / 1024));
};

interface Measured {
  options: LoadOptions;
  planned: PlannedOrder[];
  target: LoadTarget;
  startedAt: string;
  sent: Sent[];
  outcomes: OrderOutcome[];
  quotes: TimedResponse[];
  orderCounters: Record<string, FunctionCounters>;
  allCounters: Record<string, FunctionCounters>;
  cpuMs: number;
  orderKb: number;
  calibration?: Calibration;
}

const buildReport = (m: Measured): LoadReport => {
  const { options, sent, outcomes, target } = m;
  const acceptedSent = sent.filter((s) => s.orderId);
  const byOrder = new Map(outcomes.map((o) => [o.orderId, o]));
  const finished = acceptedSent
    .map((s) => ({ s, o: byOrder.get(s.orderId as string) }))
    .filter((x): x is { s: Sent; o: OrderOutcome & { terminalAt: number } } => x.o?.terminalAt !== undefined);
  const terminalEvents = finished.map(({ s, o }) => ({ startedAt: s.startedAt, finishedAt: o.terminalAt }));
  const outcomeKey = (o: OrderOutcome | undefined): string => (o ? (o.error ? `${o.status} ${o.error}` : o.status) : 'NOT ACCEPTED');
  const withHistory = outcomes.filter((o) => o.transitions !== undefined);
  const transitions = withHistory.reduce((sum, o) => sum + (o.transitions ?? 0), 0);
  const lines = acceptedSent.reduce((sum, s) => sum + new Set(s.planned.body.items.map((i) => i.productId)).size, 0) / Math.max(1, acceptedSent.length);
  const functions: Record<string, FunctionMeasure> = Object.fromEntries(
    Object.entries(m.allCounters).map(([fn, c]) => [fn, { invocations: c.invocations, billedMs: c.billedMs ?? 0 }]),
  );
  const usage = usageFromRun({
    orders: finished.length,
    transitions: withHistory.length ? (transitions * finished.length) / withHistory.length : 0,
    functions,
    quotes: m.quotes.length,
    quoteBilledMs: m.quotes.reduce((sum, q) => sum + roundUp(q.latencyMs, US_EAST_1.stepFunctions.expressBillingIncrementMs), 0),
    paymentMessages: outcomes.reduce((sum, o) => sum + (o.paymentMessages ?? 0), 0),
    shape: { orderKb: m.orderKb, lines, idempotencyKey: true },
    memoryMb: target.memoryMb,
  });
  const handlerMs = Object.values(m.orderCounters).reduce((sum, c) => sum + (c.durationMs ?? 0), 0);
  return {
    target: target.label,
    startedAt: m.startedAt,
    machine: { node: process.version, cpus: cpus().length, platform: `${platform()} ${process.arch}` },
    options: { orders: options.orders, concurrency: options.concurrency, mix: options.mix, seed: options.seed, quotes: options.quotes, ...(target.local ? { timeScale: options.timeScale } : {}) },
    requests: {
      sent: sent.length,
      accepted: acceptedSent.length,
      byStatusCode: countBy(sent, (s) => String(s.statusCode)),
      acceptedPerSecond: throughput(acceptedSent.map((s) => ({ startedAt: s.startedAt, finishedAt: s.startedAt + s.latencyMs }))),
      ...optional('postLatencyMs', summarizeLatency(acceptedSent.map((s) => s.latencyMs))),
    },
    terminal: {
      reached: finished.length,
      notReached: acceptedSent.length - finished.length,
      perSecond: throughput(terminalEvents),
      ...optional('timeToTerminalMs', summarizeLatency(finished.map(({ s, o }) => o.terminalAt - s.startedAt))),
      wallSeconds: terminalEvents.length ? (Math.max(...terminalEvents.map((e) => e.finishedAt)) - Math.min(...terminalEvents.map((e) => e.startedAt))) / 1000 : 0,
    },
    outcomes: {
      byStatus: countBy(outcomes, (o) => o.status),
      byError: countBy(outcomes.filter((o) => o.error), (o) => o.error as string),
      byScenario: Object.fromEntries(
        [...new Set(sent.map((s) => s.planned.scenario))].map((scenario) => [
          scenario,
          countBy(sent.filter((s) => s.planned.scenario === scenario), (s) => outcomeKey(s.orderId ? byOrder.get(s.orderId) : undefined)),
        ]),
      ),
    },
    ...(withHistory.length ? { transitions: transitionsReport(withHistory) } : {}),
    ...(m.quotes.length ? { quotes: { sent: m.quotes.length, byStatusCode: countBy(m.quotes, (q) => String(q.statusCode)), ...optional('latencyMs', summarizeLatency(m.quotes.map((q) => q.latencyMs))) } } : {}),
    ...(target.local
      ? {
          localStack: {
            cpuMsPerOrderUnderLoad: m.cpuMs / Math.max(1, acceptedSent.length),
            handlerWallMsPerOrderUnderLoad: handlerMs / Math.max(1, acceptedSent.length),
            ...(m.calibration
              ? {
                  calibrationOrders: m.calibration.orders,
                  cpuMsPerOrder: m.calibration.cpuMsPerOrder,
                  handlerMsPerOrder: m.calibration.handlerMsPerOrder,
                  overheadMsPerOrder: m.calibration.cpuMsPerOrder - m.calibration.handlerMsPerOrder,
                }
              : {}),
            functions: Object.fromEntries(
              Object.entries(m.orderCounters)
                .filter(([, c]) => c.invocations > 0)
                .map(([fn, c]) => [fn, { invocations: c.invocations, meanMs: (c.durationMs ?? 0) / c.invocations }]),
            ),
          },
        }
      : {}),
    cost: {
      region: PRICE_REGION,
      pricesReadOn: PRICES_READ_ON,
      assumptions: { ...DEFAULT_ASSUMPTIONS, orderKb: m.orderKb, linesPerOrder: lines, durations: target.local ? 'measured in the local stack' : 'not measured (remote target): AWS call allowance only' },
      usagePerOrder: usage,
      profiles: Object.entries(buildProfiles.profiles).map(([profile, p]) => ({ profile, ...estimateCost(usage, p.architecture as Architecture, US_EAST_1) })),
    },
  };
};

const transitionsReport = (outcomes: OrderOutcome[]): NonNullable<LoadReport['transitions']> => {
  const byStatus: Record<string, { mean: number; min: number; max: number }> = {};
  for (const status of [...new Set(outcomes.map((o) => o.status))]) {
    const counts = outcomes.filter((o) => o.status === status).map((o) => o.transitions ?? 0);
    byStatus[status] = { mean: counts.reduce((a, b) => a + b, 0) / counts.length, min: Math.min(...counts), max: Math.max(...counts) };
  }
  return { meanPerOrder: outcomes.reduce((sum, o) => sum + (o.transitions ?? 0), 0) / outcomes.length, byStatus };
};

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));
