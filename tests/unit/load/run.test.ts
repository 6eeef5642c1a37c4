/**
 * One small load run end to end against the in-process local stack: every scenario of the mix reaches the
 * outcome it was built for, the histories give the transition counts of order.asl.json's paths, the quotes
 * get their three answers, and the report prices both build profiles.
 */
import '../../support/quiet-handlers';
import { parseMix } from '../../../src/load/mix';
import { silentProgress } from '../../../src/shared/progress';
import { runLoad } from '../../../src/load/run';

describe('runLoad against the local stack', () => {
  it('sends the mix, follows every order to its end and reports it', async () => {
    const report = await runLoad(
      { orders: 40, concurrency: 8, target: 'local', mix: parseMix('success=0.5,decline=0.2,oos=0.1,invalid=0.2'), seed: 3, quotes: 12, timeScale: 0.01, timeoutSeconds: 60 },
      silentProgress,
    );

    expect(report.requests).toMatchObject({ sent: 40, accepted: 40, byStatusCode: { '202': 40 } });
    expect(report.terminal).toMatchObject({ reached: 40, notReached: 0 });
    expect(report.outcomes.byScenario).toEqual({
      success: { COMPLETED: 20 },
      decline: { 'FAILED PaymentDeclinedError': 8 },
      oos: { 'FAILED OutOfStockError': 4 },
      invalid: { 'REJECTED ValidationError': 8 },
    });
    // order.asl.json's paths without retries: completed 8 states, rejected 5, failed (either branch) 13
    expect(report.transitions?.byStatus).toEqual({
      COMPLETED: { mean: 8, min: 8, max: 8 },
      FAILED: { mean: 13, min: 13, max: 13 },
      REJECTED: { mean: 5, min: 5, max: 5 },
    });
    expect(report.transitions?.meanPerOrder).toBeCloseTo((20 * 8 + 12 * 13 + 8 * 5) / 40, 9);
    expect(Object.keys(report.quotes?.byStatusCode ?? {}).sort()).toEqual(['200', '400', '409']);
    expect(report.localStack?.functions.CreateOrderFunction?.invocations).toBe(40);
    expect(report.localStack?.functions.CreateOrderFunction?.meanMs).toBeGreaterThan(0); // the runtime counts handler time
    expect(report.localStack?.calibrationOrders).toBe(40);
    expect(report.cost.profiles.map((p) => [p.profile, p.architecture])).toEqual([
      ['standard', 'x86_64'],
      ['arm-min', 'arm64'],
    ]);
    expect(report.cost.usagePerOrder.standardTransitions).toBeCloseTo(report.transitions?.meanPerOrder ?? 0, 9);
  });
});
