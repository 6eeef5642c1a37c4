import { seededRandom } from '../../../src/shared/random';
import { bootstrapMedian, formatInterval, pairedRatio, perRoundRatios, verdictOf } from '../../../bench/lib/paired';

describe('perRoundRatios', () => {
  it('divides round by round and skips rounds without a positive denominator', () => {
    // Act / Assert
    expect(perRoundRatios([10, 20, 30], [20, 0, 60])).toEqual([0.5, 0.5]);
  });

  it('refuses samples that are not paired', () => {
    // Act / Assert
    expect(() => perRoundRatios([1, 2], [1])).toThrow(RangeError);
  });
});

describe('bootstrapMedian', () => {
  const values = [0.31, 0.35, 0.33, 0.52, 0.34, 0.29, 0.36, 0.33, 0.32, 0.4, 0.3, 0.34, 0.35, 0.33, 0.37];

  it('gives the sample median inside an interval that brackets it, the same for the same seed', () => {
    // Act
    const first = bootstrapMedian(values, { random: seededRandom(7) });
    const again = bootstrapMedian(values, { random: seededRandom(7) });

    // Assert
    expect(first).toEqual(again);
    expect(first.median).toBe(0.34);
    expect(first.low).toBeLessThanOrEqual(first.median);
    expect(first.high).toBeGreaterThanOrEqual(first.median);
    expect(first.low).toBeGreaterThanOrEqual(0.31);
    expect(first.high).toBeLessThanOrEqual(0.36);
    expect(first.rounds).toBe(values.length);
  });

  it('is robust to one outlying round, which a mean-based interval would not be', () => {
    // Act
    const interval = bootstrapMedian([...values.slice(0, 14), 5]);

    // Assert
    expect(interval.high).toBeLessThan(0.4);
  });

  it('collapses to a point when every round agrees', () => {
    // Act / Assert
    expect(bootstrapMedian([0.4, 0.4, 0.4])).toEqual({ median: 0.4, low: 0.4, high: 0.4, rounds: 3 });
  });
});

describe('pairedRatio', () => {
  it('cancels a slowdown that hits both targets of a round', () => {
    // Arrange: round 2 is three times slower for both.
    const standard = [100, 300, 100, 100];
    const armMin = [35, 105, 35, 35];

    // Act / Assert
    expect(pairedRatio(armMin, standard)).toMatchObject({ median: 0.35, low: 0.35, high: 0.35 });
  });

  it('has no figure without any usable round', () => {
    // Act / Assert
    expect(pairedRatio([1], [0])).toBeUndefined();
  });
});

describe('verdictOf', () => {
  const interval = (low: number, high: number) => ({ median: (low + high) / 2, low, high, rounds: 15 });

  it('passes only when the upper end is within the limit, fails when the lower end is above it, else undecided', () => {
    // Act / Assert
    expect(verdictOf(interval(1.0, 1.15), 1.15)).toBe('pass');
    expect(verdictOf(interval(1.1, 1.2), 1.15)).toBe('undecided');
    expect(verdictOf(interval(1.16, 1.3), 1.15)).toBe('fail');
  });

  it('formats an interval as median [low–high]', () => {
    // Act / Assert
    expect(formatInterval(interval(0.3, 0.4))).toBe('0.35 [0.30–0.40]');
    expect(formatInterval(undefined)).toBe('–');
  });
});
