import { countBy, ratePerSecond, summarizeLatency, throughput } from '../../../src/load/metrics';

describe('summarizeLatency', () => {
  it('gives the percentiles of 0..100 exactly', () => {
    const samples = Array.from({ length: 101 }, (_, i) => 100 - i); // unsorted on purpose

    expect(summarizeLatency(samples)).toEqual({ count: 101, p50: 50, p95: 95, p99: 99, mean: 50, max: 100 });
  });

  it('interpolates between closest ranks on small samples', () => {
    const summary = summarizeLatency([40, 10, 30, 20]);

    expect(summary).toMatchObject({ count: 4, p50: 25, mean: 25, max: 40 });
    expect(summary?.p95).toBeCloseTo(38.5, 10);
    expect(summary?.p99).toBeCloseTo(39.7, 10);
    expect(summarizeLatency([7])).toMatchObject({ p50: 7, p95: 7, p99: 7, max: 7 });
  });

  it('is undefined without samples', () => {
    expect(summarizeLatency([])).toBeUndefined();
  });
});

describe('rates', () => {
  it('counts events per second over a window in ms', () => {
    expect(ratePerSecond(500, 2000)).toBe(250);
    expect(ratePerSecond(10, 0)).toBe(0);
  });

  it('measures throughput from the first start to the last finish', () => {
    const events = [
      { startedAt: 1_000, finishedAt: 1_100 },
      { startedAt: 1_050, finishedAt: 1_400 },
      { startedAt: 1_200, finishedAt: 1_500 },
      { startedAt: 1_300, finishedAt: 2_000 },
    ];

    expect(throughput(events)).toBe(4); // 4 events in 1 s
    expect(throughput([])).toBe(0);
  });
});

describe('countBy', () => {
  it('counts by key, largest first, ties by name', () => {
    expect(countBy(['b', 'a', 'b', 'c', 'a', 'b'], (x) => x)).toEqual({ b: 3, a: 2, c: 1 });
    expect(Object.keys(countBy(['z', 'y'], (x) => x))).toEqual(['y', 'z']);
  });
});
