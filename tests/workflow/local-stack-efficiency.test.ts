/**
 * The local stack's throughput changes (issue 7) keep its behaviour: history events are written in batches but
 * every read sees them all, a new queue message wakes one waiting poller instead of all of them, and the Lambda
 * runtime counts handler time for the load tool's cost model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalQueues } from '../../src/local/emulator/queues/local-queues';
import { ExecutionStore } from '../../src/local/emulator/state-machine/execution-store';
import type { LocalDatabase } from '../../src/local/emulator/store/database';
import { openOrderDatabase } from '../../src/local/orders/schema';
import type { LocalQueue } from '../../src/local/emulator/template/local-model';

const queue: LocalQueue = {
  logicalId: 'Q',
  name: 'q',
  url: 'http://127.0.0.1/_local/queues/q',
  arn: 'arn:aws:sqs:local:000000000000:q',
  visibilityTimeoutSeconds: 30,
  delaySeconds: 0,
};

describe('local stack efficiency', () => {
  let dir: string;
  let db: LocalDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-efficiency-'));
    db = openOrderDatabase(dir);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('batches history events, yet every read and the final status see all of them', async () => {
    const store = new ExecutionStore(db);
    const arn = 'arn:aws:states:local:000000000000:execution:m:e1';
    store.create({ executionArn: arn, name: 'e1', stateMachineArn: 'arn:sm', input: {}, startDate: new Date().toISOString() });

    store.append(arn, 'ExecutionStarted', undefined, { input: {} });
    store.append(arn, 'StateEntered', 'A', { input: {} });
    const countRows = () => db.get<{ n: number }>('SELECT COUNT(*) AS n FROM execution_events')?.n;

    expect(countRows()).toBe(0); // buffered
    expect(store.events(arn).map((e) => e.type)).toEqual(['ExecutionStarted', 'StateEntered']); // a read flushes
    store.append(arn, 'StateExited', 'A', { output: {} });
    store.finish(arn, { status: 'SUCCEEDED', output: {} });
    expect(countRows()).toBe(3); // written before the status changed
    store.append(arn, 'Late', undefined, {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(countRows()).toBe(4); // and on the next turn of the event loop otherwise
  });

  it('writes buffered events when closed', () => {
    const store = new ExecutionStore(db);
    store.append('arn:x', 'ExecutionStarted', undefined, {});
    store.close();

    expect(db.get<{ n: number }>('SELECT COUNT(*) AS n FROM execution_events')?.n).toBe(1);
  });

  it('wakes one waiting poller per message, the latest to wait first', async () => {
    const queues = new LocalQueues(db, [queue], 1);
    const signal = new AbortController().signal;
    const woken: string[] = [];
    const wait = (name: string) => queues.waitForMessage('q', 200, signal).then(() => woken.push(`${name}@${woken.length}`));
    const first = wait('first');
    const second = wait('second');
    const third = wait('third');

    queues.send('q', '{}');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(woken).toEqual(['third@0']);

    queues.send('q', '{}');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(woken).toEqual(['third@0', 'second@1']);

    await Promise.all([first, second, third]); // the last one by its timeout
    expect(woken).toEqual(['third@0', 'second@1', 'first@2']);
  });
});
