/**
 * The local stack reads everything from template.yaml: these tests check the model it builds, that every
 * function of the template has a local handler, and that renaming a route or a queue in the template changes
 * the local stack with no other edit.
 */
import { startTestStack, orderBody } from '../support/local-stack';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_FUNCTIONS, NOT_RUN_LOCALLY } from '../../src/local/orders/functions';
import { buildLocalModel } from '../../src/local/emulator/template/build-model';
import { loadTemplate, parseTemplate } from '../../src/local/emulator/template/load-template';
import { unresolvedSubstitutions } from '../../src/local/emulator/state-machine/definition';

const root = join(__dirname, '..', '..');
const templatePath = join(root, 'template.yaml');
const BASE_URL = 'http://127.0.0.1:4321';
const model = (overrides?: Record<string, string>) =>
  buildLocalModel(loadTemplate(templatePath), { templatePath, baseUrl: BASE_URL, ...(overrides ? { parameterOverrides: overrides } : {}) });

describe('the local model of template.yaml', () => {
  test('every function of the template has a local handler (only the allowed exceptions are skipped)', () => {
    const missing = model()
      .functions.map((f) => f.entry)
      .filter((entry) => !(entry in LOCAL_FUNCTIONS) && !(entry in NOT_RUN_LOCALLY));

    expect(missing).toEqual([]);
    expect(Object.keys(NOT_RUN_LOCALLY)).toEqual(['seed-inventory']);
  });

  test('the API routes, keys and request model come from the template', () => {
    const api = model().apis[0]!;
    const routes = api.routes.map((r) => `${r.method} ${r.path}`).sort();

    expect(routes.length).toBeGreaterThanOrEqual(3);
    expect(api.routes.every((r) => r.apiKeyRequired)).toBe(true);
    const validated = api.routes.filter((r) => r.requestModel?.validateBody);
    expect(validated.length).toBeGreaterThanOrEqual(1);
    for (const r of validated) expect(r.requestModel!.schema).toEqual(expect.objectContaining({ type: 'object', required: expect.any(Array) }));
    // Every route reaches something: a function (Lambda proxy) or an AWS service action (DefinitionBody).
    expect(api.routes.every((r) => r.functionLogicalId !== undefined || r.integration !== undefined)).toBe(true);
    expect(api.gatewayResponses.BAD_REQUEST_BODY?.statusCode).toBe(400);
    expect(api.cors?.allowOrigin).toBe('*');
  });

  test('queues keep their redrive policy, and the consumer its batch size and partial batch responses', () => {
    const m = model({ MaxReceiveCount: '3' });
    const mapping = m.eventSourceMappings[0]!;
    const queue = m.queues.find((q) => q.name === mapping.queueName)!;

    expect(queue.redrive?.maxReceiveCount).toBe(3);
    expect(m.queues.map((q) => q.name)).toContain(queue.redrive?.deadLetterQueueName);
    expect(queue.url).toBe(`${BASE_URL}/_local/queues/${queue.name}`);
    expect(mapping.batchSize).toBeGreaterThan(1);
    expect(mapping.reportBatchItemFailures).toBe(true);
  });

  test('the state machine definition has every substitution resolved to a local ARN or URL', () => {
    const machine = model().stateMachines[0]!;

    expect(unresolvedSubstitutions(machine.definition)).toEqual([]);
    const values = Object.values(machine.substitutions);
    expect(values.every((v) => v.startsWith('arn:aws:lambda:local:000000000000:function:') || v.startsWith(`${BASE_URL}/_local/queues/`))).toBe(true);
  });

  test('conditions decide which resources exist (the e-mail subscription only with NotificationEmail)', () => {
    const subscriptions = (m: ReturnType<typeof model>) => m.topics.flatMap((t) => t.subscriptions.map((s) => s.protocol));

    expect(subscriptions(model())).not.toContain('email');
    expect(subscriptions(model({ NotificationEmail: 'ops@example.com' }))).toContain('email');
  });

  test('short-form tags become their standard forms', () => {
    const t = parseTemplate(`
Resources:
  A:
    Type: X
    Properties:
      R: !Ref B
      G: !GetAtt B.Arn.Deep
      S: !Sub "\${B}-x"
      L: !Sub ["\${v}", { v: 1 }]
      I: !If [C, 1, 2]
      J: !Join [",", [a, b]]
`);

    expect(t.Resources.A!.Properties).toEqual({
      R: { Ref: 'B' },
      G: { 'Fn::GetAtt': ['B', 'Arn.Deep'] },
      S: { 'Fn::Sub': '${B}-x' },
      L: { 'Fn::Sub': ['${v}', { v: 1 }] },
      I: { 'Fn::If': ['C', 1, 2] },
      J: { 'Fn::Join': [',', ['a', 'b']] },
    });
  });
});

describe('renaming in the template changes the local stack, with no other edit', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'local-rename-'));
    for (const dir of ['statemachine', 'data', 'events', 'src']) symlinkSync(join(root, dir), join(project, dir));
    cpSync(templatePath, join(project, 'template.yaml'));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  test('a renamed route and a renamed payment queue are what the local stack serves and uses', async () => {
    const original = readFileSync(templatePath, 'utf8');
    const m = model();
    const postRoute = m.apis[0]!.routes.find((r) => r.method === 'POST' && r.requestModel && r.functionLogicalId)!;
    const paymentQueue = m.queues.find((q) => q.name === m.eventSourceMappings[0]!.queueName)!;
    const renamedQueue = `${paymentQueue.name}-renamed`;
    const renamed = original
      .replaceAll(`Path: ${postRoute.path}\n`, `Path: /purchases\n`)
      .replace(new RegExp(`(\\n {2}${paymentQueue.logicalId}:[\\s\\S]*?QueueName: )([^\\n]+)`), (whole, head: string) => `${head}${renamedQueue}`);
    expect(renamed).not.toBe(original);
    writeFileSync(join(project, 'template.yaml'), renamed);

    const c = await startTestStack({ projectRoot: project });
    try {
      const created = await c.request<{ orderId: string }>('POST', '/purchases', { body: orderBody({ 'widget-blue': 1 }) });
      const old = await c.request('POST', postRoute.path, { body: orderBody({ 'widget-blue': 1 }) });
      const queues = await c.console<{ name: string }[]>('queues');

      expect(created.status).toBe(202);
      expect(old.status).toBe(403);
      expect(queues.map((q) => q.name)).toContain(renamedQueue);
      expect((await c.waitForOrder(created.body.orderId)).status).toBe('COMPLETED');
    } finally {
      await c.stop();
    }
  });
});
