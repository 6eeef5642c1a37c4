/**
 * QuoteCart state of the Express quote workflow: validates, checks stock (without reserving) and prices a
 * cart in one invocation, so a quote costs one Lambda call and one inventory read. A cart that cannot be
 * quoted is an answer, not an error: the state machine's Choice sends it to a Fail state whose Cause is
 * `problem`, the 4xx body that API Gateway's response mapping returns as it is.
 */
import type { Cart, Quote } from '../domain/quote';
import type { AppDeps } from '../app/deps';
import { quote } from '../app/quote-cart';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface QuoteCartInput {
  cart: Cart;
  executionArn?: string;
}

export type QuoteCartOutput =
  | { verdict: 'QUOTED'; quote: Quote }
  /** `problem` is JSON text (`{ message, errors }`), because a Fail state's CausePath must point at a string. */
  | { verdict: 'INVALID' | 'UNAVAILABLE'; problem: string };

export const makeQuoteCartHandler = (deps: Pick<AppDeps, 'inventory' | 'now'>) =>
  taskHandler(async (input: QuoteCartInput): Promise<QuoteCartOutput> => {
    const outcome = await quote(input.cart, deps);
    if (outcome.verdict === 'QUOTED') return outcome;
    logger.info('Cart not quoted', { verdict: outcome.verdict, rules: outcome.problem.errors.map((e) => e.rule) });
    return { verdict: outcome.verdict, problem: JSON.stringify(outcome.problem) };
  });
