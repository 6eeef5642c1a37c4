/** `npm run chaos` options and report: defaults, LOCAL_FAULTS, `none`, refusals, and what the report prints. */
import { DEFAULT_FAULTS, parseChaosOptions } from '../../src/chaos/options';
import { renderReport } from '../../src/chaos/report';
import type { ChaosReport } from '../../src/chaos/run';

describe('parseChaosOptions', () => {
  test('defaults: 500 orders, seed 1, the default fault mix, 16 customers, time scale 0.02, 5 poison messages', () => {
    expect(parseChaosOptions([], {})).toEqual({ orders: 500, seed: 1, faults: DEFAULT_FAULTS, concurrency: 16, timeScale: 0.02, poisonMessages: 5 });
  });

  test('the documented command line, LOCAL_FAULTS from the environment, and --faults none', () => {
    expect(parseChaosOptions(['--orders', '2000', '--seed', '42', '--concurrency', '8', '--json', 'out.json'], {})).toMatchObject({
      orders: 2000,
      seed: 42,
      concurrency: 8,
      jsonPath: 'out.json',
    });
    expect(parseChaosOptions([], { LOCAL_FAULTS: 'Notify:0.5:crash' }).faults).toBe('Notify:0.5:crash');
    expect(parseChaosOptions(['--faults', 'none'], { LOCAL_FAULTS: 'Notify:0.5:crash' }).faults).toBe('');
  });

  test.each([
    [['--orders', '0'], /--orders must be an integer >= 1/],
    [['--seed', '1.5'], /--seed must be an integer/],
    [['--faults', 'Notify:2:crash'], /rate between 0 and 1/],
    [['--time-scale', '0'], /--time-scale must be a number > 0/],
    [['--order', '5'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseChaosOptions(argv, {})).toThrow(message);
  });
});

const report = (ok: boolean): ChaosReport => ({
  options: { orders: 10, seed: 3, faults: 'Notify:0.2:crash', concurrency: 2, timeScale: 0.01, poisonMessages: 1 },
  durationMs: 1234,
  intents: { approve: 8, 'schema-invalid': 2 },
  ordersByStatus: { COMPLETED: 7, FAILED: 1 },
  failuresByError: { PaymentDeclinedError: 1 },
  faults: [{ target: 'Notify', kind: 'crash', rate: 0.2, fired: 3 }],
  functions: { NotifyFunction: { invocations: 11, errors: 3, coldStarts: 2, injectedFaults: 3 } },
  quiet: { quiet: true, running: 0, queued: 0, pendingTaskTokens: 0 },
  invariants: {
    ok,
    orders: 8,
    invariants: [
      { name: 'terminal-states', description: 'Every order is terminal.', ok: true, counts: { orders: 8 }, violations: [] },
      { name: 'at-most-one-charge', description: 'One charge per order.', ok, counts: { charges: 8 }, violations: ok ? [] : [{ orderId: 'o-1', message: 'charged 2 times' }] },
    ],
  },
});

describe('renderReport', () => {
  test('prints the run, the faults fired per function, each invariant with its counts, and the verdict', () => {
    const text = renderReport(report(true));

    expect(text).toContain('Chaos run: 10 orders, seed 3');
    expect(text).toMatch(/Notify\s+crash\s+0\.2\s+3/);
    expect(text).toMatch(/NotifyFunction\s+11\s+3\s+3/);
    expect(text).toContain('OK   terminal-states — Every order is terminal.');
    expect(text).toContain('orders=8');
    expect(text).toContain('Result: OK — 2/2 invariants hold');
  });

  test('names the offending orders of a broken invariant', () => {
    const text = renderReport(report(false));

    expect(text).toContain('FAIL at-most-one-charge');
    expect(text).toContain('✗ order o-1: charged 2 times');
    expect(text).toContain('Result: FAIL — 1/2 invariants hold');
  });
});
