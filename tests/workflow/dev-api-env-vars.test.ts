/**
 * `envVars` of POST /_local/functions/{id}/invoke, the counterpart of `sam local invoke --env-vars`: through the
 * endpoint's handler and the real Lambda runtime, with a function that reports what it sees. The template's
 * functions read their settings through shared singletons, so a function of our own shows the behaviour
 * directly: an override reaches the init phase and the invocation, a name the template does not declare is
 * ignored (as sam ignores it), and nothing leaks into the next invocation.
 */
import { installEnvOverlay } from '../../src/local/emulator/lambda/invoke-store';
import { LambdaRuntime } from '../../src/local/emulator/lambda/runtime';
import { FaultInjector } from '../../src/local/emulator/faults';
import { createLog } from '../../src/local/emulator/log';
import type { LocalFunction } from '../../src/local/emulator/template/local-model';
import { invokeFunction } from '../../src/local/dev-api/invoke';
import type { DevApiRequest } from '../../src/local/dev-api/routes';

const echo: LocalFunction = {
  logicalId: 'EchoFunction',
  name: 'echo',
  arn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
  entry: 'echo',
  handler: 'echo.handler',
  runtime: 'nodejs24.x',
  timeoutSeconds: 3,
  memorySize: 128,
  environment: { GREETING: 'hello', TABLE: 'orders' },
};

let removeOverlay: () => void;
let inits = 0;
const services = {
  model: { functions: [echo] },
  lambda: new LambdaRuntime({
    functions: [echo],
    createHandler: () => {
      inits++;
      const atInit = process.env.GREETING;
      return () => ({ atInit, atInvoke: process.env.GREETING, table: process.env.TABLE, undeclared: process.env.NOT_DECLARED ?? null });
    },
    log: createLog(true, () => undefined),
    faults: new FaultInjector(undefined),
    timeScale: 1,
  }),
} as unknown as Parameters<typeof invokeFunction>[0];

beforeAll(() => {
  removeOverlay = installEnvOverlay();
});
afterAll(() => removeOverlay());

const request = (body: unknown): DevApiRequest => ({
  method: 'POST',
  url: new URL('http://127.0.0.1/_local/functions/EchoFunction/invoke'),
  rawHeaders: ['Content-Type', 'application/json'],
  body: Buffer.from(JSON.stringify(body)),
  tooLarge: false,
});

test('without envVars the function sees the template\'s variables', async () => {
  const answer = await invokeFunction(services, 'EchoFunction', request({ event: {} }));
  expect(answer.result).toEqual({ atInit: 'hello', atInvoke: 'hello', table: 'orders', undeclared: null });
  expect(answer.ignoredEnvVars).toBeUndefined();
});

test('an override reaches the init phase and the invocation; an undeclared name is ignored and listed', async () => {
  const answer = await invokeFunction(services, 'EchoFunction', request({ event: {}, envVars: { GREETING: 'hola', NOT_DECLARED: 'x' } }));
  expect(answer.result).toEqual({ atInit: 'hola', atInvoke: 'hola', table: 'orders', undeclared: null });
  expect(answer.ignoredEnvVars).toEqual(['NOT_DECLARED']);
});

test('numbers and booleans arrive as text, as sam writes them', async () => {
  const answer = await invokeFunction(services, 'EchoFunction', request({ event: {}, envVars: { GREETING: 42, TABLE: true } }));
  expect(answer.result).toMatchObject({ atInit: '42', atInvoke: '42', table: 'true' });
});

test('an override is for that call only: the next invocation reuses the template\'s environment', async () => {
  await invokeFunction(services, 'EchoFunction', request({ event: {}, envVars: { GREETING: 'bonjour' } }));
  const initsBefore = inits;
  const next = await invokeFunction(services, 'EchoFunction', request({ event: {} }));
  expect(next.result).toEqual({ atInit: 'hello', atInvoke: 'hello', table: 'orders', undeclared: null });
  expect(inits).toBe(initsBefore);
});
