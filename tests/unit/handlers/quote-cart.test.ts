import { makeQuoteCartHandler, type QuoteCartInput } from '../../../src/handlers/quote-cart';
import { FakeClock, FakeInventoryRepository, lambdaContext } from '../../support/fakes';
import { loadEvent } from '../../support/events';
import { captureOutput, logLines, type CapturedOutput } from '../../support/output';

const sample = (): QuoteCartInput => loadEvent<QuoteCartInput>('quote-cart.json');

describe('QuoteCart handler', () => {
  let output: CapturedOutput;
  beforeEach(() => (output = captureOutput()));
  afterEach(() => output.restore());

  it('quotes the sample cart and reserves nothing', async () => {
    // Prepare
    const inventory = new FakeInventoryRepository();
    const handler = makeQuoteCartHandler({ inventory, now: new FakeClock().now });

    // Act
    const result = await handler(sample(), lambdaContext());

    // Assert
    expect(result).toEqual({
      verdict: 'QUOTED',
      quote: expect.objectContaining({ currency: 'GBP', subtotal: 49.97, shipping: 4.99, tax: 10.99, total: 65.95, quotedAt: '2026-05-25T09:00:00.000Z' }),
    });
    expect(inventory.stock('widget-blue')).toMatchObject({ available: 500, reserved: 0 });
  });

  it('returns the 400 body as JSON text for a cart that breaks the rules', async () => {
    const handler = makeQuoteCartHandler({ inventory: new FakeInventoryRepository(), now: new FakeClock().now });
    const input = { ...sample(), cart: { currency: 'USD', items: [{ productId: 'widget-red', quantity: 11 }] } };

    const result = await handler(input, lambdaContext());

    expect(result.verdict).toBe('INVALID');
    expect(result.verdict !== 'QUOTED' && JSON.parse(result.problem)).toEqual({
      message: 'The cart breaks the order rules',
      errors: [{ rule: 'QUANTITY_LIMIT', field: 'items[0].quantity', message: 'At most 10 units of one product per order, got 11' }],
    });
    expect(logLines(output)).toContainEqual(expect.objectContaining({ message: 'Cart not quoted', verdict: 'INVALID', rules: ['QUANTITY_LIMIT'] }));
  });

  it('returns UNAVAILABLE for a cart short of stock, reading each product once', async () => {
    const inventory = new FakeInventoryRepository();
    const read = jest.spyOn(inventory, 'getProducts');
    const handler = makeQuoteCartHandler({ inventory, now: new FakeClock().now });
    const input = { ...sample(), cart: { currency: 'USD', items: [{ productId: 'sold-out-lamp', quantity: 1 }] } };

    const result = await handler(input, lambdaContext());

    expect(result).toMatchObject({ verdict: 'UNAVAILABLE' });
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith(['sold-out-lamp']);
  });

  it('lets an inventory failure through, so the state machine can retry or fail the execution', async () => {
    const inventory = new FakeInventoryRepository();
    jest.spyOn(inventory, 'getProducts').mockRejectedValue(new Error('ProvisionedThroughputExceededException'));
    const handler = makeQuoteCartHandler({ inventory, now: new FakeClock().now });

    await expect(handler(sample(), lambdaContext())).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
