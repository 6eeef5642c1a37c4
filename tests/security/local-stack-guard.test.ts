/**
 * What the local stack refuses before it reads a body, and how it keeps its data:
 *  - a `Host` that is not 127.0.0.1, localhost or [::1] with the stack's port → 421 JSON (DNS rebinding), on every
 *    route: the REST API, /_local and /console;
 *  - a state-changing request to /_local/* or /console/* with a foreign `Origin` → 403 JSON (a web page posting a
 *    "simple" cross-origin form could otherwise pause the payment consumer), while the REST API stays usable by
 *    curl/Postman (no Origin) and by browsers on other origins (the template's Cors allows '*');
 *  - a request without the API key is answered 403 before its body is read (no 10 MB read for an anonymous caller);
 *  - the data directory is 0700 and its files (SQLite and its WAL, api-key, notifications.jsonl) 0600.
 * Requests go through node:http, which, unlike fetch, sends any Host header it is given.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderBody, startTestStack, type StackClient } from '../support/local-stack';

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: { message?: unknown } | undefined;
}

let c: StackClient;
let dataDir: string;
let scratch: string;
let umask: number;

beforeAll(async () => {
  // A umask that leaves new files world-readable, as on most desktops, so the modes below are the stack's doing.
  umask = process.umask(0o022);
  scratch = mkdtempSync(join(tmpdir(), 'stack-guard-'));
  dataDir = join(scratch, 'data');
  mkdirSync(dataDir, { mode: 0o755 });
  // No apiKey: the stack generates one and keeps it in <dataDir>/api-key, one of the files checked below.
  c = await startTestStack({ dataDir, apiKey: undefined });
});
afterAll(async () => {
  await c.stop();
  process.umask(umask);
  rmSync(scratch, { recursive: true, force: true });
});

/** Sends the head (and `body`, if any) and resolves with the answer; `declaredLength` may promise more than is sent. */
const send = (method: string, path: string, headers: Record<string, string | number>, body?: string): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: c.stack.port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let parsed: RawAnswer['body'];
        try {
          parsed = text ? (JSON.parse(text) as RawAnswer['body']) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.flushHeaders();
  });

const own = (): string => `127.0.0.1:${c.stack.port}`;
const withKey = (): Record<string, string> => ({ 'x-api-key': c.stack.apiKey });

describe('Host', () => {
  const foreignHosts = (): string[] => ['evil.example', `evil.example:${c.stack.port}`, `127.0.0.1:${c.stack.port + 1}`, '127.0.0.1', `127.0.0.2:${c.stack.port}`, `localhost.evil.example:${c.stack.port}`];

  test.each([
    ['GET', '/_local/health'],
    ['POST', '/_local/queues/PaymentQueue/pause'],
    ['GET', '/orders'],
    ['GET', '/console'],
  ])('%s %s with a foreign Host → 421 JSON', async (method, path) => {
    for (const host of foreignHosts()) {
      const answer = await send(method, path, { host, ...withKey() }, '');
      expect({ host, status: answer.status, json: String(answer.headers['content-type']).startsWith('application/json'), message: typeof answer.body?.message }).toEqual({
        host,
        status: 421,
        json: true,
        message: 'string',
      });
    }
  });

  test('each loopback name with the stack port is served, in any case', async () => {
    for (const host of [own(), `localhost:${c.stack.port}`, `LocalHost:${c.stack.port}`, `[::1]:${c.stack.port}`]) {
      expect({ host, status: (await send('GET', '/_local/health', { host }, '')).status }).toEqual({ host, status: 200 });
    }
  });
});

describe('Origin on state-changing requests', () => {
  test.each([
    ['POST', '/_local/queues/PaymentQueue/pause'],
    ['POST', '/_local/queues/PaymentQueue/resume'],
    ['POST', '/console/anything'],
    ['DELETE', '/_local/queues/PaymentQueue'],
    ['PUT', '/_local/health'],
  ])('%s %s from another origin → 403 JSON, nothing changes', async (method, path) => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${c.stack.port + 1}`, `https://127.0.0.1:${c.stack.port}`]) {
      const answer = await send(method, path, { host: own(), origin, 'content-type': 'text/plain' }, '');
      expect({ origin, status: answer.status, message: typeof answer.body?.message }).toEqual({ origin, status: 403, message: 'string' });
    }
    expect(c.stack.services.pollers.filter((p) => p.isPaused).map((p) => p.mapping.queueName)).toEqual([]);
  });

  test('the stack’s own origin (any loopback name) and no Origin at all (curl) may change state', async () => {
    for (const origin of [`http://127.0.0.1:${c.stack.port}`, `http://localhost:${c.stack.port}`, undefined]) {
      for (const action of ['pause', 'resume']) {
        const answer = await send('POST', `/_local/queues/PaymentQueue/${action}`, { host: own(), ...(origin ? { origin } : {}) }, '');
        expect({ origin, action, status: answer.status }).toEqual({ origin, action, status: 200 });
      }
    }
  });

  test('GET /_local from another origin is not refused (reads are not state changes; the browser keeps the answer from the page)', async () => {
    expect((await send('GET', '/_local/health', { host: own(), origin: 'https://evil.example' }, '')).status).toBe(200);
  });

  test('the REST API takes a POST from another origin (Cors: *) and from curl (no Origin)', async () => {
    const body = JSON.stringify(orderBody({ 'cable-usb-c': 1 }));
    for (const origin of ['https://shop.example', undefined]) {
      const answer = await send('POST', '/orders', { host: own(), 'content-type': 'application/json', ...withKey(), ...(origin ? { origin } : {}) }, body);
      expect({ origin, status: answer.status }).toEqual({ origin, status: 202 });
    }
  });
});

describe('the API key is checked before the body is read', () => {
  test('a POST without the key that announces 9 MB and sends none of it is answered 403 at once', async () => {
    // The old server read (and waited for) the whole body before looking at the key: this request never got an answer.
    const answer = await send('POST', '/orders', { host: own(), 'content-type': 'application/json', 'content-length': 9 * 1024 * 1024 });

    expect(answer.status).toBe(403);
    expect(typeof answer.body?.message).toBe('string');
  });

  test('with a wrong key, too', async () => {
    const answer = await send('POST', '/orders', { host: own(), 'x-api-key': 'wrong', 'content-length': 9 * 1024 * 1024 });

    expect(answer.status).toBe(403);
  });
});

describe('data files', () => {
  test('the data directory is 0700 and every file in it 0600, after orders and notifications were written', async () => {
    const { orderId } = await c.createOrder(orderBody({ 'cable-usb-c': 1 }));
    await c.waitForOrder(orderId);
    await c.waitFor('a notification file', async () => (readdirSync(dataDir).includes('notifications.jsonl') ? true : undefined));

    const files = readdirSync(dataDir);
    const modes = Object.fromEntries(files.map((f) => [f, (statSync(join(dataDir, f)).mode & 0o777).toString(8)]));

    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(files).toEqual(expect.arrayContaining(['local.db', 'local.db-wal', 'api-key', 'notifications.jsonl']));
    expect(modes).toEqual(Object.fromEntries(files.map((f) => [f, '600'])));
  });
});

describe('request targets', () => {
  /** Writes a request line by hand: clients normalise targets like these before sending. */
  const rawStatus = (target: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const socket = connect(c.stack.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${own()}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
      socket.on('error', reject);
    });

  test.each(['//[', 'http://[', '//%', '//a:b@c:99999/x'])('%s is a 4xx, never a 500', async (target) => {
    const status = await rawStatus(target);

    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});
