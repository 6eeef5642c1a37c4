/**
 * Paired ratios: in every round of an interleaved benchmark each target runs once, so the ratio of two targets
 * within one round cancels whatever slowed the machine down during that round. The median of those per-round
 * ratios, with a percentile-bootstrap 95 % interval, is the figure a target passes or fails on: the interval's
 * upper end must be within the limit, so a point estimate that lands below the limit by luck does not pass.
 */
import { seededRandom, pickIndex, type Random } from '../../src/shared/random';
import { median, percentile } from '../../src/shared/stats';

export interface RatioInterval {
  /** Median of the per-round ratios. */
  median: number;
  /** 95 % percentile-bootstrap interval of that median. */
  low: number;
  high: number;
  /** Rounds that gave a ratio. */
  rounds: number;
}

export interface BootstrapOptions {
  /** Resamples; 2000 keeps the interval's ends stable to about the third decimal. */
  resamples?: number;
  /** Confidence level, 0.95 by default. */
  level?: number;
  /** A fixed seed makes a report reproducible from its samples. */
  random?: Random;
}

/** `numerator[i] / denominator[i]` for every round both have a positive figure for. */
export const perRoundRatios = (numerator: readonly number[], denominator: readonly number[]): number[] => {
  if (numerator.length !== denominator.length) throw new RangeError(`Paired samples differ in length: ${numerator.length} vs ${denominator.length}`);
  return numerator.flatMap((value, round) => {
    const base = denominator[round] as number;
    return base > 0 && Number.isFinite(value) ? [value / base] : [];
  });
};

/** Median of `values` with a percentile-bootstrap interval (resampling the values with replacement). */
export const bootstrapMedian = (values: readonly number[], options: BootstrapOptions = {}): RatioInterval => {
  if (values.length === 0) throw new RangeError('No values to bootstrap');
  const { resamples = 2000, level = 0.95, random = seededRandom(0x5eed) } = options;
  const medians: number[] = [];
  const resample = new Array<number>(values.length);
  for (let r = 0; r < resamples; r += 1) {
    for (let i = 0; i < values.length; i += 1) resample[i] = values[pickIndex(random, values.length)] as number;
    medians.push(median(resample));
  }
  const tail = ((1 - level) / 2) * 100;
  return { median: median(values), low: percentile(medians, tail), high: percentile(medians, 100 - tail), rounds: values.length };
};

/** The paired median ratio of two targets measured in the same rounds, with its 95 % interval. */
export const pairedRatio = (numerator: readonly number[], denominator: readonly number[], options: BootstrapOptions = {}): RatioInterval | undefined => {
  const ratios = perRoundRatios(numerator, denominator);
  return ratios.length ? bootstrapMedian(ratios, options) : undefined;
};

export type Verdict = 'pass' | 'fail' | 'undecided';

/**
 * A ratio target decided on the interval: pass when even its upper end is within the limit, fail when even its
 * lower end is above it, undecided when the interval straddles the limit (more rounds would tell).
 */
export const verdictOf = (interval: RatioInterval, limit: number): Verdict => {
  if (interval.high <= limit) return 'pass';
  if (interval.low > limit) return 'fail';
  return 'undecided';
};

const fixed = (value: number): string => value.toFixed(2);

/** `0.34 [0.31–0.37]`. */
export const formatInterval = (interval: RatioInterval | undefined): string =>
  interval ? `${fixed(interval.median)} [${fixed(interval.low)}–${fixed(interval.high)}]` : '–';
