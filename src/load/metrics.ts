/** The figures a load report gives: latency percentiles and rates, from raw samples (src/shared/stats). */
import { percentile } from '../shared/stats';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Percentiles as src/shared/stats computes them, in the samples' unit; undefined when empty. */
export const summarizeLatency = (samples: readonly number[]): LatencySummary | undefined => {
  if (samples.length === 0) return undefined;
  const at = (p: number): number => percentile(samples, p);
  return {
    count: samples.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    mean: samples.reduce((sum, s) => sum + s, 0) / samples.length,
    max: samples.reduce((a, b) => Math.max(a, b)),
  };
};

/** Events per second over a window in milliseconds; 0 for an empty window. */
export const ratePerSecond = (count: number, windowMs: number): number => (windowMs > 0 ? (count * 1000) / windowMs : 0);

/** Events per second between the first start and the last finish of a set of timed events. */
export const throughput = (events: readonly { startedAt: number; finishedAt: number }[]): number => {
  if (events.length === 0) return 0;
  const first = events.reduce((min, e) => Math.min(min, e.startedAt), Number.POSITIVE_INFINITY);
  const last = events.reduce((max, e) => Math.max(max, e.finishedAt), Number.NEGATIVE_INFINITY);
  return ratePerSecond(events.length, last - first);
};

/** Counts of each key, largest first. */
export const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> =>
  Object.fromEntries(
    [...items.reduce((m, item) => m.set(key(item), (m.get(key(item)) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  );
