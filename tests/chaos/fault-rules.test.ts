/** LOCAL_FAULTS rules as a chaos run relies on them: seeded, bounded by `max`, several per function. */
import { FaultInjector } from '../../src/local/emulator/faults';

const NOTIFY = ['NotifyFunction', 'Notify', 'NotifyCompletion'];

const fire = (spec: string, seed: number, invocations: number) => {
  const injector = new FaultInjector(spec, seed);
  const kinds = Array.from({ length: invocations }, () => injector.decide(NOTIFY)?.type ?? 'none');
  return { kinds, summary: injector.summary() };
};

describe('fault rules', () => {
  test('several rules for one function each fire at their rate (the first that fires applies)', () => {
    const { summary } = fire('Notify:0.3:crash,NotifyFunction:0.3:timeout,NotifyCompletion:0.3:Lambda.ServiceException', 6, 2000);

    const fired = summary.map((r) => r.fired);
    expect(fired.every((n) => n > 0)).toBe(true);
    // 0.3 of all, then 0.3 of the remaining 0.7, then 0.3 of the remaining 0.49.
    expect(fired[0]).toBeGreaterThan(500);
    expect(fired[1]).toBeGreaterThan(330);
    expect(fired[2]).toBeGreaterThan(220);
  });

  test('`max` bounds a rule, and the same seed gives the same faults', () => {
    const first = fire('Notify:1:crash:3,Notify:0.5:timeout', 42, 50);
    const second = fire('Notify:1:crash:3,Notify:0.5:timeout', 42, 50);

    expect(first.kinds.slice(0, 3)).toEqual(['crash', 'crash', 'crash']);
    expect(first.kinds.filter((k) => k === 'crash')).toHaveLength(3);
    expect(second.kinds).toEqual(first.kinds);
  });
});
