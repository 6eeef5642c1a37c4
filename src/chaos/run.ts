/**
 * One chaos run: the local stack in this process with LOCAL_FAULTS, seeded customers driving orders through
 * the HTTP API, poison messages on the payment queue, then — once nothing moves any more — issue 6's
 * invariants checked against what the API and the console show.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultInjector } from '../local/emulator/faults';
import type { FunctionStats } from '../local/emulator/lambda/runtime';
import { startLocalStack, type LocalStack } from '../local/stack';
import pLimit from 'p-limit';
import { runCustomer, type RequestRecord } from './client';
import { acceptedRequests, checkHttpContract, unanswered } from './http-contract';
import { checkInvariants, type InvariantReport } from './invariants';
import { planRequests, type Intent } from './order-mix';
import { httpReader, readBaseline, readSnapshot, waitForQuiet, type QuietState, type StackReader, type SystemSnapshot } from './snapshot';

export interface ChaosOptions {
  orders: number;
  seed: number;
  /** LOCAL_FAULTS syntax; empty for none. */
  faults: string;
  /** Customers at once, each following its order to the end before the next. */
  concurrency: number;
  timeScale: number;
  /** Malformed messages put straight on the payment queue; they must end in the DLQ. */
  poisonMessages: number;
}

/** One LOCAL_FAULTS rule and how often it fired. */
export type FaultFiring = ReturnType<FaultInjector['summary']>[number];

export interface ChaosReport {
  options: ChaosOptions;
  durationMs: number;
  intents: Partial<Record<Intent, number>>;
  ordersByStatus: Record<string, number>;
  /** FAILED and REJECTED orders by the failure's error. */
  failuresByError: Record<string, number>;
  faults: FaultFiring[];
  functions: Record<string, FunctionStats>;
  quiet: QuietState;
  invariants: InvariantReport;
}

/** Receives progress lines (the CLI writes them to stderr). */
export type ChaosProgress = (line: string) => void;

/** Payment messages no consumer can process: not JSON, wrong types, missing fields. */
export const POISON_BODIES = ['not json at all', '{"orderId": 42}', '{}', '[]', '{"orderId":"x","amount":"ten","currency":"USD","taskToken":""}'];

/** How long the stack may take to go quiet after the last customer: the longest a payment can take to settle. */
const settleDeadlineMs = (timeScale: number): number => Math.max(30_000, 1000 * 900 * timeScale * 2);

const countBy = <T>(items: readonly T[], key: (item: T) => string | undefined): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
};

const injectPoison = async (stack: LocalStack, reader: StackReader, n: number): Promise<string[]> => {
  const queues = await reader.console<{ name: string; deadLetterQueue?: string; consumers: unknown[] }[]>('queues');
  const queue = queues.find((q) => q.consumers.length > 0 && q.deadLetterQueue);
  if (!queue) throw new Error('No payment queue to put poison messages on');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${stack.url}/_local/queues/${encodeURIComponent(queue.name)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: POISON_BODIES[i % POISON_BODIES.length] }),
    });
    ids.push(((await response.json()) as { MessageId: string }).MessageId);
  }
  return ids;
};

const progressTicker = (reader: StackReader, records: readonly RequestRecord[], total: number, progress: ChaosProgress) => {
  const started = Date.now();
  const timer = setInterval(() => {
    void reader
      .console<{ executions: Record<string, number>; queues: { depth: number; inFlight: number; deadLetterDepth?: number }[] }>('health')
      .then((h) => {
        const q = h.queues.find((x) => x.deadLetterDepth !== undefined);
        const elapsed = ((Date.now() - started) / 1000).toFixed(0);
        progress(`[chaos ${elapsed}s] ${records.length}/${total} customers done · ${h.executions.RUNNING ?? 0} executions running · payment queue ${q ? q.depth + q.inFlight : '?'} · DLQ ${q?.deadLetterDepth ?? '?'}`);
      })
      .catch(() => undefined);
  }, 2000);
  return () => clearInterval(timer);
};

/** Everything but the stack's lifecycle: drive, settle, snapshot, check. */
const drive = async (stack: LocalStack, options: ChaosOptions, progress: ChaosProgress): Promise<Omit<ChaosReport, 'options' | 'durationMs'> & { snapshot: SystemSnapshot }> => {
  const reader = httpReader(stack.url, stack.apiKey);
  const baseline = await readBaseline(reader);
  const plan = planRequests(options.orders, options.seed);
  const poisonMessageIds = await injectPoison(stack, reader, options.poisonMessages);
  const records: RequestRecord[] = [];
  const stopTicker = progressTicker(reader, records, plan.length, progress);
  try {
    const followMs = settleDeadlineMs(options.timeScale);
    await pLimit(options.concurrency).map(plan, async (request) => {
      records.push(await runCustomer({ url: stack.url, apiKey: stack.apiKey }, request, followMs));
    });
    progress(`[chaos] all ${plan.length} customers done; waiting for the stack to go quiet (late callbacks, redeliveries, DLQ)`);
    const quiet = await waitForQuiet(reader, settleDeadlineMs(options.timeScale));
    const snapshot = await readSnapshot(reader);
    const createOrderFaults = /(^|,)\s*(CreateOrder|CreateOrderFunction)\s*:/.test(options.faults);
    const invariants = checkInvariants(snapshot, {
      baseline,
      accepted: acceptedRequests(records),
      unansweredRequests: unanswered(records),
      poisonMessageIds,
    });
    const http = checkHttpContract(records, createOrderFaults);
    const functions = await reader.console<{ functions: Record<string, FunctionStats>; faults: FaultFiring[] }>('functions');
    return {
      snapshot,
      intents: countBy(plan, (r) => r.intent),
      ordersByStatus: countBy(snapshot.orders, (o) => o.status),
      failuresByError: countBy(snapshot.orders, (o) => o.failure?.error),
      faults: functions.faults,
      functions: functions.functions,
      quiet,
      invariants: { ...invariants, ok: invariants.ok && http.ok, invariants: [...invariants.invariants, http] },
    };
  } finally {
    stopTicker();
  }
};

export const runChaos = async (options: ChaosOptions, progress: ChaosProgress = () => undefined): Promise<ChaosReport & { snapshot: SystemSnapshot }> => {
  const started = Date.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'order-chaos-'));
  const stack = await startLocalStack({ port: 0, dataDir, timeScale: options.timeScale, quiet: true, faults: options.faults, faultSeed: options.seed });
  progress(`[chaos] local stack on ${stack.url} (LOCAL_TIME_SCALE=${options.timeScale}, LOCAL_FAULTS=${options.faults || 'none'}, seed ${options.seed})`);
  try {
    const result = await drive(stack, options, progress);
    return { options, durationMs: Date.now() - started, ...result };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};
