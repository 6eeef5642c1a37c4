/** The local stack's emulation pieces on their own: Lambda runtime, fault injection, SQS, API Gateway body validation (VTL, intrinsics and gateway responses have their own local-*.test.ts). */
import '../support/quiet-handlers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultInjector, parseFaults } from '../../src/local/emulator/faults';
import { installEnvOverlay } from '../../src/local/emulator/lambda/invoke-store';
import { RequestValidator } from '../../src/local/emulator/http/request-validator';
import { LambdaRuntime, type Handler } from '../../src/local/emulator/lambda/runtime';
import { createLog } from '../../src/local/emulator/log';
import { LocalQueues } from '../../src/local/emulator/queues/local-queues';
import { SqsPoller } from '../../src/local/emulator/queues/sqs-poller';
import type { LocalDatabase } from '../../src/local/emulator/store/database';
import { openOrderDatabase } from '../../src/local/orders/schema';
import type { LocalFunction, LocalQueue } from '../../src/local/emulator/template/local-model';
import { sleep } from '../support/local-stack';

const fn = (logicalId: string, overrides: Partial<LocalFunction> = {}): LocalFunction => ({
  logicalId,
  name: logicalId,
  arn: `arn:aws:lambda:local:000000000000:function:${logicalId}`,
  entry: logicalId,
  handler: `${logicalId}.handler`,
  runtime: 'nodejs24.x',
  timeoutSeconds: 3,
  memorySize: 128,
  environment: {},
  ...overrides,
});

const runtime = (handlers: Record<string, Handler>, functions: LocalFunction[], faults = new FaultInjector(undefined), lines: string[] = []) =>
  new LambdaRuntime({
    functions,
    createHandler: (f) => handlers[f.logicalId]!,
    log: createLog(false, (line) => lines.push(line)),
    faults,
    timeScale: 0.01,
  });

describe('Lambda runtime', () => {
  let removeOverlay: () => void;
  beforeAll(() => {
    removeOverlay = installEnvOverlay();
  });
  afterAll(() => removeOverlay());

  test('prints START/END/REPORT, with Init Duration on a cold start only, and passes a Lambda context', async () => {
    const lines: string[] = [];
    const seen: string[] = [];
    const r = runtime({ Echo: async (e, ctx) => (seen.push(`${ctx.functionName}:${ctx.getRemainingTimeInMillis() > 0}`), e) }, [fn('Echo')], undefined, lines);

    const first = await r.invoke('Echo', { a: 1 });
    const second = await r.invoke('Echo', { a: 2 });

    expect(first).toMatchObject({ ok: true, payload: { a: 1 } });
    expect(second).toMatchObject({ ok: true, payload: { a: 2 } });
    expect(seen).toEqual(['Echo:true', 'Echo:true']);
    const reports = lines.filter((l) => l.includes('REPORT RequestId:'));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(/Duration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
    expect(reports[1]).not.toContain('Init Duration');
    expect(lines.filter((l) => /\] (START|END) RequestId: /.test(l))).toHaveLength(4);
  });

  test('a thrown error comes back as the Node.js runtime serialises it', async () => {
    class OutOfStockError extends Error {
      override name = 'OutOfStockError';
    }
    const r = runtime({ Boom: async () => Promise.reject(new OutOfStockError('none left')) }, [fn('Boom')]);

    const result = await r.invoke('Boom', {});

    expect(result).toMatchObject({ ok: false, source: 'function', error: { errorType: 'OutOfStockError', errorMessage: 'none left', trace: expect.any(Array) } });
  });

  test('the function Timeout is enforced (Sandbox.Timedout) and the environment is not reused', async () => {
    let inits = 0;
    const r = new LambdaRuntime({
      functions: [fn('Slow', { timeoutSeconds: 0.05 })],
      createHandler: () => (inits++, async () => sleep(200)),
      log: createLog(true),
      faults: new FaultInjector(undefined),
      timeScale: 1,
    });

    const result = await r.invoke('Slow', {});
    await r.invoke('Slow', {});

    expect(result).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining('Task timed out after 0.05 seconds') } });
    expect(inits).toBe(2);
  });

  test('each function sees its own environment variables, only during its invocations', async () => {
    const r = runtime(
      { A: async () => process.env.TABLE, B: async () => process.env.TABLE },
      [fn('A', { environment: { TABLE: 'orders' } }), fn('B', { environment: { TABLE: 'inventory' } })],
    );

    const [a, b] = await Promise.all([r.invoke('A', {}), r.invoke('B', {})]);

    expect([a, b]).toMatchObject([{ payload: 'orders' }, { payload: 'inventory' }]);
    expect(process.env.TABLE).toBeUndefined();
  });

  test('concurrent invocations get separate environments (two cold starts), sequential ones reuse', async () => {
    const r = runtime({ Wait: async () => sleep(20) }, [fn('Wait')]);

    await Promise.all([r.invoke('Wait', {}), r.invoke('Wait', {})]);
    await r.invoke('Wait', {});

    expect(r.stats().Wait).toMatchObject({ invocations: 3, coldStarts: 2 });
  });
});

describe('fault injection', () => {
  test('rejects a malformed LOCAL_FAULTS', () => {
    expect(() => parseFaults('Fn:2:crash')).toThrow(/rate between 0 and 1/);
    expect(() => parseFaults('Fn:0.5:not a name')).toThrow(/error name/);
  });

  test('is repeatable with a seed, and max limits how often a rule fires', () => {
    const draws = (seed: number) => {
      const f = new FaultInjector('Fn:0.5:Lambda.ServiceException', seed);
      return Array.from({ length: 20 }, () => f.decide(['Fn']) !== undefined);
    };
    const limited = new FaultInjector('Fn:1:Lambda.ServiceException:2');

    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
    expect([1, 2, 3].map(() => limited.decide(['Fn'])?.type)).toEqual(['error', 'error', undefined]);
  });

  test.each([
    ['Lambda.ServiceException', false, 'Lambda.ServiceException', 'service'],
    ['crash-before', false, 'Runtime.ExitError', 'function'],
    ['crash', true, 'Runtime.ExitError', 'function'],
    ['timeout', true, 'Sandbox.Timedout', 'function'],
  ])('kind %s: handler ran = %s, error %s', async (kind, ran, errorType, source) => {
    let calls = 0;
    const r = runtime({ Work: async () => (calls++, 'done') }, [fn('Work', { timeoutSeconds: 1 })], new FaultInjector(`Work:1:${kind}`));

    const result = await r.invoke('Work', {}, { aliases: ['WorkState'] });

    expect(calls > 0).toBe(ran);
    expect(result).toMatchObject({ ok: false, source, error: { errorType } });
  });
});

describe('SQS semantics', () => {
  let dir: string;
  let db: LocalDatabase;
  const queues: LocalQueue[] = [
    { logicalId: 'Q', name: 'q', url: 'http://x/_local/queues/q', arn: 'arn:aws:sqs:local:000000000000:q', visibilityTimeoutSeconds: 5, delaySeconds: 0, redrive: { deadLetterQueueName: 'dlq', maxReceiveCount: 2 } },
    { logicalId: 'Dlq', name: 'dlq', url: 'http://x/_local/queues/dlq', arn: 'arn:aws:sqs:local:000000000000:dlq', visibilityTimeoutSeconds: 5, delaySeconds: 0 },
  ];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-sqs-'));
    db = openOrderDatabase(dir);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a received message is invisible for the visibility timeout, then comes back with a higher receive count', async () => {
    const q = new LocalQueues(db, queues, 0.01);
    q.send('q', 'hello');

    const first = q.receive('q', 10);
    const hidden = q.receive('q', 10);
    await sleep(80);
    const again = q.receive('q', 10);

    expect(first.map((m) => m.receiveCount)).toEqual([1]);
    expect(hidden).toEqual([]);
    expect(again.map((m) => [m.body, m.receiveCount])).toEqual([['hello', 2]]);
    expect(q.delete('q', first[0]!.receiptHandle)).toBe(false); // stale handle
    expect(q.delete('q', again[0]!.receiptHandle)).toBe(true);
  });

  test('after maxReceiveCount receives the message moves to the DLQ; a redrive brings it back', async () => {
    const q = new LocalQueues(db, queues, 0.001);
    q.send('q', 'poison');

    q.receive('q', 1);
    await sleep(10);
    q.receive('q', 1);
    await sleep(10);
    const third = q.receive('q', 1);

    expect(third).toEqual([]);
    expect(q.stats().find((s) => s.name === 'q')).toMatchObject({ depth: 0, deadLetterDepth: 1 });
    expect(q.peek('dlq')).toEqual([expect.objectContaining({ body: 'poison', receiveCount: 2, sourceQueue: 'q' })]);
    expect(q.redrive('dlq')).toEqual({ moved: 1, from: 'dlq' });
    expect(q.receive('q', 1).map((m) => m.receiveCount)).toEqual([1]);
  });

  test('the poller deletes a batch except the records named in batchItemFailures', async () => {
    const q = new LocalQueues(db, queues, 1);
    for (const body of ['ok-1', 'bad', 'ok-2']) q.send('q', body);
    const r = runtime(
      {
        Consumer: async (event) => ({
          batchItemFailures: (event as { Records: { messageId: string; body: string }[] }).Records.filter((x) => x.body === 'bad').map((x) => ({ itemIdentifier: x.messageId })),
        }),
      },
      [fn('Consumer')],
    );
    const poller = new SqsPoller(
      { functionLogicalId: 'Consumer', queueName: 'q', batchSize: 10, reportBatchItemFailures: true, maximumConcurrency: 1, batchingWindowSeconds: 0, enabled: true },
      q,
      r,
      createLog(true),
      0.01,
    );

    poller.start();
    await sleep(50);
    await poller.stop();

    expect(q.peek('q').map((m) => m.body)).toEqual(['bad']);
    expect(poller.stats).toMatchObject({ deleted: 2, returned: 1 });
  });
});

describe('API Gateway answers', () => {
  test('body validation follows draft-04 without type coercion and names each field', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      required: ['amount', 'items'],
      properties: { amount: { type: 'number', minimum: 0, exclusiveMinimum: true }, items: { type: 'array', items: { type: 'object', properties: { quantity: { type: 'integer' } } } } },
    };
    const v = new RequestValidator();

    expect(v.check(schema, '{"amount":1,"items":[]}').valid).toBe(true);
    expect(v.check(schema, '{"amount":0,"items":[]}')).toMatchObject({ valid: false, errors: [{ field: 'amount' }] });
    expect(v.check(schema, '{"amount":"3","items":[{"quantity":"2"}]}')).toMatchObject({
      valid: false,
      errors: [{ field: 'amount' }, { field: 'items[0].quantity' }],
    });
    expect(v.check(schema, '{}')).toMatchObject({ valid: false, errors: [{ field: 'amount', message: 'is required' }, { field: 'items' }] });
  });
});
