/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every machine
 * and Node version, which Math.random cannot promise. Good enough to pick test orders; not for secrets.
 */
export type Random = () => number;

export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
};

/** An integer in [0, n). */
export const pickIndex = (random: Random, n: number): number => Math.min(n - 1, Math.floor(random() * n));

/** Fisher–Yates, in place. */
export const shuffle = <T>(items: T[], random: Random): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = pickIndex(random, i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
};
