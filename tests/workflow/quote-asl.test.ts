/**
 * The quote state machine's own paths, with the QuoteCart task run by the real handler on fake inventory:
 * what the ASL does with each verdict, independent of HTTP (tests/workflow/quote.test.ts drives the API).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import aslValidator from 'asl-validator';
import { StateMachine, ExecutionError } from 'aws-local-stepfunctions';

type JSONValue = Parameters<StateMachine['run']>[0];
import { makeQuoteCartHandler, type QuoteCartInput } from '../../src/handlers/quote-cart';
import { FakeClock, FakeInventoryRepository, lambdaContext } from '../support/fakes';
import { loadEvent } from '../support/events';
import { captureOutput, type CapturedOutput } from '../support/output';

const definitionText = readFileSync(path.resolve(__dirname, '../../statemachine/quote.asl.json'), 'utf8');
const definition = JSON.parse(definitionText.replace('${QuoteCartFunctionArn}', 'arn:aws:lambda:us-east-1:123456789012:function:QuoteCart'));

const run = async (cart: JSONValue) => {
  const handler = makeQuoteCartHandler({ inventory: new FakeInventoryRepository(), now: new FakeClock().now });
  const machine = new StateMachine(definition);
  const execution = machine.run(cart, {
    context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:express:QuoteWorkflow:test:1', Input: cart } },
    overrides: { taskResourceLocalHandlers: { QuoteCart: async (input) => (await handler(input as unknown as QuoteCartInput, lambdaContext())) as unknown as JSONValue } },
  });
  try {
    return { status: 'SUCCEEDED' as const, output: await execution.result };
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    // The library's FailStateError carries the Fail state's Error as its name and its Cause as its message.
    const failure = error.cause as Error;
    return { status: 'FAILED' as const, error: failure.name, cause: failure.message };
  }
};

describe('quote.asl.json', () => {
  let output: CapturedOutput;
  beforeEach(() => (output = captureOutput()));
  afterEach(() => output.restore());

  it('is valid ASL and uses only the QuoteCartFunctionArn substitution', () => {
    expect(aslValidator(JSON.parse(definitionText))).toMatchObject({ isValid: true, errors: [] });
    expect([...new Set(definitionText.match(/\$\{[A-Za-z]+\}/g))]).toEqual(['${QuoteCartFunctionArn}']);
  });

  it('answers a valid cart with the quote alone', async () => {
    const { cart } = loadEvent<{ cart: JSONValue }>('quote-cart.json');

    const result = await run(cart);

    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: expect.objectContaining({ currency: 'GBP', subtotal: 49.97, shipping: 4.99, taxRate: 0.2, tax: 10.99, total: 65.95 }),
    });
  });

  it('fails an invalid cart with ValidationError and the 400 body as cause', async () => {
    const result = await run({ currency: 'USD', items: [{ productId: 'no-such-thing', quantity: 1 }] });

    expect(result).toMatchObject({ status: 'FAILED', error: 'ValidationError' });
    expect(JSON.parse(String(result.status === 'FAILED' && result.cause))).toMatchObject({ errors: [{ rule: 'UNKNOWN_PRODUCT', field: 'items[0].productId' }] });
  });

  it('fails a cart short of stock with OutOfStockError and the 409 body as cause', async () => {
    const result = await run({ currency: 'USD', items: [{ productId: 'sold-out-lamp', quantity: 1 }] });

    expect(result).toMatchObject({ status: 'FAILED', error: 'OutOfStockError' });
    expect(JSON.parse(String(result.status === 'FAILED' && result.cause))).toMatchObject({ errors: [{ rule: 'OUT_OF_STOCK', field: 'items[0].quantity' }] });
  });
});
