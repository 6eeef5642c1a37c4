/**
 * Shared by the chaos tests: a chaos run (src/chaos/run.ts) with the test time scale, and a failure message that
 * names each broken invariant with its first offending orders, so a red test says what went wrong.
 */
import '../../src/shared/silence-handlers';
import { runChaos, type ChaosOptions, type ChaosReport } from '../../src/chaos/run';
import type { InvariantReport } from '../../src/chaos/invariants';

/** The same time scale as the workflow tests: a 120 s heartbeat becomes 1.2 s, a 70 s visibility timeout 0.7 s. */
export const CHAOS_TIME_SCALE = 0.01;

export const chaosRun = (options: Partial<ChaosOptions> & Pick<ChaosOptions, 'orders' | 'seed' | 'faults'>): Promise<ChaosReport> =>
  runChaos({ concurrency: 8, timeScale: CHAOS_TIME_SCALE, poisonMessages: 2, ...options });

/** Broken invariants with their first violations; `[]` when every invariant holds. */
export const brokenInvariants = (report: InvariantReport) =>
  report.invariants.filter((i) => !i.ok).map((i) => ({ invariant: i.name, violations: i.violations.length, first: i.violations.slice(0, 5) }));

export const countsOf = (report: InvariantReport, name: string): Record<string, number> => {
  const found = report.invariants.find((i) => i.name === name);
  if (!found) throw new Error(`No invariant ${name} in the report`);
  return found.counts;
};

/** One line per run in the test output: what was injected and what the invariants covered. */
export const summarize = (label: string, r: ChaosReport): string =>
  `${label}: ${r.invariants.orders} orders (${Object.entries(r.ordersByStatus)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')}), faults fired ${r.faults.map((f) => `${f.target}/${f.kind} ${f.fired}`).join(', ') || 'none'}, invariants ${r.invariants.ok ? 'OK' : 'FAIL'}`;
