import { mulberry32 } from '../../src/analysis/mulberry32.js';

/** A small seeded pseudo-random generator (mulberry32), so that random test cases are the same on every run. */
export interface SeededRandom {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct lowercase keys of `length` letters, in no particular order. */
  keys(count: number, length?: number): string[];
}

export function seededRandom(seed: number): SeededRandom {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const random: SeededRandom = {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy;
    },
    keys: (count, length = 3) => {
      const keys = new Set<string>();
      while (keys.size < count) {
        keys.add(Array.from({ length }, () => String.fromCharCode(97 + int(0, 25))).join(''));
      }
      return [...keys];
    },
  };
  return random;
}
