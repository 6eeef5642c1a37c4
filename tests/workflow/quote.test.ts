/**
 * POST /orders/quote through the local stack: the route, API key and request model from template.yaml, the
 * request and response mapping templates of its StartSyncExecution integration, and the Express quote workflow
 * run synchronously with the real QuoteCart handler on the local inventory.
 */
import { startTestStack, TEST_API_KEY, type StackClient } from '../support/local-stack';

interface QuoteBody {
  currency: string;
  lines: { productId: string; name: string; quantity: number; unitPrice: number; lineTotal: number }[];
  subtotal: number;
  shipping: number;
  taxRate: number;
  tax: number;
  total: number;
  quotedAt: string;
}

interface ProblemBody {
  message: string;
  errors: { field: string; message: string; rule?: string }[];
}

describe('POST /orders/quote on the local stack', () => {
  let client: StackClient;
  beforeAll(async () => {
    client = await startTestStack();
  });
  afterAll(async () => {
    await client.stop();
  });

  const quote = <T>(body: unknown, key: string | null = TEST_API_KEY) => client.request<T>('POST', '/orders/quote', { body, key });

  it('quotes a valid cart: 200 with the priced lines, shipping, tax and total, nothing reserved', async () => {
    const before = await client.console<{ productId: string; available: number }[]>('/_local/inventory');

    const response = await quote<QuoteBody>({ currency: 'EUR', items: [{ productId: 'widget-blue', quantity: 2 }, { productId: 'cable-usb-c', quantity: 1 }], shippingAddress: { country: 'DE' } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body).toEqual({
      currency: 'EUR',
      lines: [
        { productId: 'widget-blue', name: 'Blue widget', quantity: 2, unitPrice: 19.99, lineTotal: 39.98 },
        { productId: 'cable-usb-c', name: 'USB-C cable', quantity: 1, unitPrice: 9.99, lineTotal: 9.99 },
      ],
      subtotal: 49.97,
      shipping: 4.99,
      taxRate: 0.19,
      tax: 10.44,
      total: 65.4,
      quotedAt: expect.any(String),
    });
    expect(await client.console('/_local/inventory')).toEqual(before);
  });

  it('answers a cart that breaks an order rule with 400 and every broken rule', async () => {
    const response = await quote<ProblemBody>({ currency: 'USD', items: [{ productId: 'widget-red', quantity: 11 }, { productId: 'no-such-product', quantity: 1 }] });

    expect(response.status).toBe(400);
    expect(response.body.message).toBe('The cart breaks the order rules');
    expect(response.body.errors.map((e) => `${e.rule} ${e.field}`)).toEqual(['QUANTITY_LIMIT items[0].quantity', 'UNKNOWN_PRODUCT items[1].productId']);
  });

  it('answers a cart short of stock with 409 naming each short line', async () => {
    const response = await quote<ProblemBody>({ currency: 'USD', items: [{ productId: 'widget-blue', quantity: 1 }, { productId: 'sold-out-lamp', quantity: 1 }] });

    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      message: 'Some items are not in stock in the quantity asked',
      errors: [{ rule: 'OUT_OF_STOCK', field: 'items[1].quantity', message: '1 of sold-out-lamp requested, 0 available' }],
    });
  });

  it('rejects a body that breaks the QuoteRequest model before the workflow runs (400 with field messages)', async () => {
    const response = await quote<ProblemBody>({ currency: 'USD', items: [{ productId: 'widget-blue', quantity: '2' }], payment: { method: 'card', token: 'tok_visa' } });

    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Invalid request body');
  });

  it('wants the API key', async () => {
    expect((await quote({ currency: 'USD', items: [{ productId: 'widget-blue', quantity: 1 }] }, null)).status).toBe(403);
  });

  it('runs the Express workflow synchronously and records the execution', async () => {
    await quote({ currency: 'USD', items: [{ productId: 'gadget-pro', quantity: 1 }] });

    const executions = await client.console<{ stateMachineArn: string; status: string }[]>('/_local/executions?limit=1000');
    const quotes = executions.filter((e) => e.stateMachineArn.includes('quotes'));
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((e) => e.status !== 'RUNNING')).toBe(true);
  });
});
