import fc from 'fast-check';
import { median, percentile, percentileOfSorted, ratio, summarize } from '../../../src/shared/stats';

describe('percentile (linear interpolation between closest ranks)', () => {
  it('matches the textbook values', () => {
    // Arrange
    const samples = [15, 20, 35, 40, 50];

    // Act / Assert
    expect(percentile(samples, 0)).toBe(15);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 100)).toBe(50);
    expect(percentile(samples, 40)).toBe(29);
    expect(percentile(samples, 90)).toBe(46);
  });

  it('takes the mean of the two middle values for an even count, whatever the input order', () => {
    // Act / Assert
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('refuses an empty sample, non-finite values and percentiles outside 0..100', () => {
    // Act / Assert
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentileOfSorted([1], -1)).toThrow(RangeError);
  });

  it('is monotonic in p and stays within [min, max]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (samples, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(percentile(samples, low)).toBeLessThanOrEqual(percentile(samples, high) + 1e-9);
        expect(percentile(samples, low)).toBeGreaterThanOrEqual(Math.min(...samples) - 1e-9);
        expect(percentile(samples, high)).toBeLessThanOrEqual(Math.max(...samples) + 1e-9);
      }),
    );
  });

  it('does not reorder the caller’s array', () => {
    // Arrange
    const samples = [3, 1, 2];

    // Act
    percentile(samples, 50);

    // Assert
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it('gives count, min, max, mean and p50/p90/p99', () => {
    // Act
    const summary = summarize([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);

    // Assert
    expect(summary).toEqual({ count: 10, min: 10, max: 100, mean: 55, p50: 55, p90: 91, p99: expect.closeTo(99.1, 9) });
  });
});

describe('ratio', () => {
  it('is undefined rather than 0 or Infinity when it cannot be computed', () => {
    // Act / Assert
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeUndefined();
    expect(ratio(undefined, 4)).toBeUndefined();
    expect(ratio(3, undefined)).toBeUndefined();
  });
});
