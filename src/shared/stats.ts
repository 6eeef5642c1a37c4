/**
 * Summary statistics for benchmark samples (cold-start timings, load-test latencies). Percentiles use linear
 * interpolation between closest ranks (the "R-7" / numpy default / Excel PERCENTILE.INC definition), so p50 of an
 * even-sized sample is the mean of the two middle values and every percentile lies within [min, max].
 */

export interface Summary {
  count: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

const sortedCopy = (samples: readonly number[]): number[] => [...samples].sort((a, b) => a - b);

const assertSamples = (samples: readonly number[]): void => {
  if (samples.length === 0) throw new RangeError('No samples');
  if (samples.some((value) => !Number.isFinite(value))) throw new RangeError('Samples must be finite numbers');
};

/** Percentile `p` (0–100) of samples already sorted ascending. */
export const percentileOfSorted = (sorted: readonly number[], p: number): number => {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be within 0..100, got ${p}`);
  assertSamples(sorted);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
};

/** Percentile `p` (0–100) of unsorted samples. */
export const percentile = (samples: readonly number[], p: number): number => percentileOfSorted(sortedCopy(samples), p);

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export const summarize = (samples: readonly number[]): Summary => {
  assertSamples(samples);
  const sorted = sortedCopy(samples);
  return {
    count: sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((total, value) => total + value, 0) / sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
  };
};

/** `a / b`, or undefined when either side is missing or b is 0 (a ratio that cannot be computed is not 0 or ∞). */
export const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || b === 0 ? undefined : a / b;
