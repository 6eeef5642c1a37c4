/** `npm run chaos -- --orders N --seed N [--faults "..."] [--concurrency C] [--time-scale X] [--poison N] [--json file]`. */
import { parseArgs } from 'node:util';
import { integerOption, positiveNumberOption } from '../shared/option-values';
import { parseFaults } from '../local/emulator/faults';
import type { ChaosOptions } from './run';

/**
 * Used when neither --faults nor LOCAL_FAULTS is given: every fault kind, on the functions where each hurts most
 * (a payment consumer that crashes after charging, a fulfilment that times out after committing the stock,
 * throttled or refused invocations everywhere else). `--faults none` runs without faults.
 */
export const DEFAULT_FAULTS = [
  'ValidateOrder:0.1:Lambda.TooManyRequestsException',
  'ReserveInventory:0.3:Lambda.ServiceException',
  'ProcessPayment:0.2:crash',
  'FulfillOrder:0.1:timeout',
  'RefundPayment:0.2:Lambda.ServiceException',
  'ReleaseInventory:0.2:crash-before',
  'RecordOutcome:0.1:Lambda.TooManyRequestsException',
  'Notify:0.2:crash',
].join(',');

export const USAGE = `Usage: npm run chaos -- --orders N --seed N [--faults "Target:rate:kind,..."|none] [--concurrency C] [--time-scale X] [--poison N] [--json file]
  --orders       orders to send (default 500)
  --seed         seeds the orders and the fault draws (default 1)
  --faults       LOCAL_FAULTS syntax (default: LOCAL_FAULTS, else ${DEFAULT_FAULTS})
  --concurrency  customers at once, each following its order to the end (default 16)
  --time-scale   LOCAL_TIME_SCALE of the stack (default 0.02)
  --poison       malformed messages put on the payment queue (default 5)
  --json         also write the report as JSON to this file`;

export const parseChaosOptions = (argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ChaosOptions & { jsonPath?: string } => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      orders: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      concurrency: { type: 'string' },
      'time-scale': { type: 'string' },
      poison: { type: 'string' },
      json: { type: 'string' },
    },
    strict: true,
  });
  const rawFaults = values.faults ?? env.LOCAL_FAULTS ?? DEFAULT_FAULTS;
  const faults = rawFaults === 'none' ? '' : rawFaults;
  parseFaults(faults); // fails here, with the offending rule, rather than after the stack started
  return {
    orders: integerOption('orders', values.orders, 500),
    seed: integerOption('seed', values.seed, 1, 0),
    faults,
    concurrency: integerOption('concurrency', values.concurrency, 16),
    timeScale: positiveNumberOption('time-scale', values['time-scale'], 0.02),
    poisonMessages: integerOption('poison', values.poison, 5, 0),
    ...(values.json ? { jsonPath: values.json } : {}),
  };
};
