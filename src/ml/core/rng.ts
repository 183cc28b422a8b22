/**
 * Seeded pseudo-random numbers for the ML harness (mulberry32). Every routine that samples
 * (splits, bootstrap, permutation, k-means++, forests) takes a seed, so two runs with the same
 * seed give identical results. Kept here rather than shared with other use cases so the
 * harness has no dependency on a sibling folder.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

/** The generator's starting state for a seed (the WebAssembly port, core/rng-wat.ts, starts there too). */
export function rngStartState(seed: number): number {
  return (seed ^ 0x9e3779b9) >>> 0;
}

export function createRng(seed: number): Rng {
  let state = rngStartState(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal: () => {
      let u = next();
      while (u <= 1e-12) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}

/** Fisher-Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(values: T, rng: Rng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

/** 0..n-1 as an Int32Array. */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Derives an independent seed for sub-task `index` (restart, tree, fold) from a base seed. */
export function childSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x85ebca6b, 0x27d4eb2f) + Math.imul(index + 1, 0x165667b1)) >>> 0;
}
