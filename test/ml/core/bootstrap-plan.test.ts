// bootstrapCi draws each (seed, B, group sizes) plan of replicate counts once and reuses it. The
// intervals must be exactly those of drawing the rows afresh for every call, which this test does by
// hand: copy each replicate's rows with the same generator and take the metric of the copy.
import { describe, expect, it } from 'vitest';
import { bootstrapCi, meanFromCounts, quantileSorted } from '../../../src/ml/core/bootstrap.js';
import { createRng } from '../../../src/ml/core/rng.js';

function naiveInterval(
  labels: number[],
  scores: number[],
  metric: (y: number[], s: number[]) => number,
  B: number,
  seed: number,
  stratified: boolean,
) {
  const rng = createRng(seed);
  const all = labels.map((_, i) => i);
  const groups = stratified ? [all.filter((i) => labels[i] === 1), all.filter((i) => labels[i] !== 1)].filter((g) => g.length > 0) : [all];
  const values: number[] = [];
  for (let b = 0; b < B; b++) {
    const counts = new Array<number>(labels.length).fill(0);
    for (const g of groups) for (let k = 0; k < g.length; k++) counts[g[rng.int(g.length)]]++;
    const y: number[] = [];
    const s: number[] = [];
    counts.forEach((c, i) => {
      for (let r = 0; r < c; r++) {
        y.push(labels[i]);
        s.push(scores[i]);
      }
    });
    values.push(metric(y, s));
  }
  values.sort((a, b) => a - b);
  const alpha = 1 - 0.95;
  return [quantileSorted(values, alpha / 2), quantileSorted(values, 1 - alpha / 2)];
}

const meanOfScores = (_y: ArrayLike<number>, s: ArrayLike<number>) => {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i];
  return t / s.length;
};

describe('bootstrapCi replicate plans', () => {
  const rng = createRng(11);
  const n = 257;
  const a = Array.from({ length: n }, () => rng.next());
  const b = Array.from({ length: n }, () => rng.normal());
  const labelsA = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  // The same class sizes as labelsA, other rows: one plan, two different row groupings.
  const labelsB = [...labelsA].reverse();

  it('gives every call the intervals of fresh draws, however many share one plan', () => {
    for (const values of [a, b, a]) {
      const ci = bootstrapCi(values, values, meanOfScores, { B: 120, seed: 5, stratified: false });
      expect([ci.lower, ci.upper]).toEqual(naiveInterval(values, values, meanOfScores, 120, 5, false));
    }
  });

  it('maps a stratified plan onto each call’s own classes', () => {
    for (const labels of [labelsA, labelsB, labelsA]) {
      const ci = bootstrapCi(labels, b, meanOfScores, { B: 80, seed: 9, stratified: true });
      expect([ci.lower, ci.upper]).toEqual(naiveInterval(labels, b, meanOfScores, 80, 9, true));
    }
  });

  it('keeps plans apart by seed, replicate count and group sizes', () => {
    const calls: Array<[number, number, number]> = [
      [5, 120, n],
      [6, 120, n],
      [5, 60, n],
      [5, 120, n - 1],
      [5, 120, n],
    ];
    for (const [seed, B, size] of calls) {
      const values = a.slice(0, size);
      const ci = bootstrapCi(values, values, meanOfScores, { B, seed, stratified: false });
      expect([ci.lower, ci.upper]).toEqual(naiveInterval(values, values, meanOfScores, B, seed, false));
    }
  });

  it('gives a mean of mostly-zero values (ranking metrics) the intervals of fresh draws, to the bit', () => {
    // Zeros (and a negative zero) are skipped by meanFromCounts; the replicate means must not move.
    const sparse = a.map((v, i) => (i % 5 === 0 ? v : i % 7 === 0 ? -0 : 0));
    for (const values of [sparse, b.map((v, i) => (i % 3 === 0 ? v : 0))]) {
      const ci = bootstrapCi(values, values, meanOfScores, { B: 150, seed: 3, stratified: false, fromCounts: meanFromCounts(values) });
      expect([ci.lower, ci.upper]).toEqual(naiveInterval(values, values, meanOfScores, 150, 3, false));
    }
  });
});

describe('meanFromCounts', () => {
  it('equals the mean of the rows repeated in index order, with zeros, NaN and no rows', () => {
    const values = [0, 0.1, 0, 0.2, -0, 0.7, 0];
    const counts = Float64Array.from([2, 3, 0, 1, 4, 2, 1]);
    const copied: number[] = [];
    counts.forEach((c, i) => {
      for (let r = 0; r < c; r++) copied.push(values[i]);
    });
    expect(meanFromCounts(values)(counts, copied.length)).toBe(meanOfScores(copied, copied));
    expect(meanFromCounts([0, NaN])(Float64Array.from([1, 1]), 2)).toBeNaN();
    expect(meanFromCounts([0, 0])(Float64Array.from([0, 0]), 0)).toBeNaN();
    expect(Object.is(meanFromCounts([0, -0])(Float64Array.from([1, 1]), 2), 0)).toBe(true);
  });
});
