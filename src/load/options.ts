/**
 * Command line of `npm run load`:
 *   --orders N --concurrency C --target local|<api-url> [--api-key K] [--mix success=0.7,...] [--seed S]
 *   [--quotes Q] [--json out.json] [--time-scale 0.01] [--timeout-seconds T]
 */
import { parseArgs } from 'node:util';
import { integerOption, positiveNumberOption } from '../shared/option-values';
import { DEFAULT_MIX, parseMix, type Mix } from './mix';

export interface LoadOptions {
  orders: number;
  concurrency: number;
  /** `local` starts the local stack in this process; anything else is the base URL of a deployed API. */
  target: 'local' | URL;
  apiKey?: string;
  mix: Mix;
  seed: number;
  /** POST /orders/quote requests sent after the orders, to measure the Express workflow. */
  quotes: number;
  jsonPath?: string;
  /** LOCAL_TIME_SCALE of the local stack (ignored for a remote target). */
  timeScale: number;
  /** How long to wait for the last order to reach a terminal state. */
  timeoutSeconds: number;
}

export const USAGE = `Usage: npm run load -- [--orders 2000] [--concurrency 50] [--target local|https://<api>/<stage>] [--api-key KEY]
                     [--mix ${DEFAULT_MIX}] [--seed 1] [--quotes N] [--json report.json]
                     [--time-scale 0.01] [--timeout-seconds 120]`;

export const parseLoadOptions = (argv: readonly string[], env: NodeJS.ProcessEnv = process.env): LoadOptions => {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      orders: { type: 'string' },
      concurrency: { type: 'string' },
      target: { type: 'string', default: 'local' },
      'api-key': { type: 'string' },
      mix: { type: 'string', default: DEFAULT_MIX },
      seed: { type: 'string' },
      quotes: { type: 'string' },
      json: { type: 'string' },
      'time-scale': { type: 'string' },
      'timeout-seconds': { type: 'string' },
    },
  });
  const orders = integerOption('orders', values.orders, 2000);
  const target = values.target === 'local' ? 'local' : url(values.target);
  const apiKey = values['api-key'] ?? env.ORDERS_API_KEY;
  if (target !== 'local' && !apiKey) throw new Error('--api-key (or ORDERS_API_KEY) is required for a remote --target');
  return {
    orders,
    concurrency: integerOption('concurrency', values.concurrency, 50),
    target,
    ...(apiKey ? { apiKey } : {}),
    mix: parseMix(values.mix),
    seed: integerOption('seed', values.seed, 1, 0),
    quotes: integerOption('quotes', values.quotes, Math.ceil(orders / 10), 0),
    ...(values.json ? { jsonPath: values.json } : {}),
    timeScale: positiveNumberOption('time-scale', values['time-scale'] ?? env.LOCAL_TIME_SCALE, 0.01),
    timeoutSeconds: positiveNumberOption('timeout-seconds', values['timeout-seconds'], 120),
  };
};

const url = (raw: string): URL => {
  try {
    const parsed = new URL(raw.endsWith('/') ? raw : `${raw}/`);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(parsed.protocol);
    return parsed;
  } catch {
    throw new Error(`--target must be "local" or an http(s) URL of the API stage, got "${raw}"`);
  }
};
