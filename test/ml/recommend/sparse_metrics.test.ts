import { describe, expect, it } from 'vitest';
import { csrFromTriplets, hasEntry, IdMap, itemCounts, logScaled, transpose } from '../../../src/ml/recommend/sparse.js';
import { averagePrecisionAtK, ndcgAtK, precisionAtK, recallAtK } from '../../../src/ml/recommend/ranking_metrics.js';
import { topNFromScores } from '../../../src/ml/recommend/recommender.js';
import { binomialUpperTail, meanCi, pairedComparison } from '../../../src/ml/recommend/significance.js';

describe('sparse matrices', () => {
  it('sums duplicate triplets and sorts each row', () => {
    const m = csrFromTriplets(2, 3, [1, 0, 1, 1], [2, 1, 0, 2], [1, 5, 2, 3]);
    expect(Array.from(m.indptr)).toEqual([0, 1, 3]);
    expect(Array.from(m.indices)).toEqual([1, 0, 2]);
    expect(Array.from(m.values)).toEqual([5, 2, 4]);
    expect(hasEntry(m, 1, 2)).toBe(true);
    expect(hasEntry(m, 1, 1)).toBe(false);
    expect(Array.from(itemCounts(m))).toEqual([1, 1, 1]);
  });

  it('transposes', () => {
    const m = csrFromTriplets(2, 3, [0, 0, 1], [0, 2, 2], [1, 2, 3]);
    const t = transpose(m);
    expect(t.nRows).toBe(3);
    expect(Array.from(t.indptr)).toEqual([0, 1, 1, 3]);
    expect(Array.from(t.indices)).toEqual([0, 0, 1]);
    expect(Array.from(t.values)).toEqual([1, 2, 3]);
  });

  it('rejects out-of-range triplets with the offending position', () => {
    expect(() => csrFromTriplets(2, 2, [0, 2], [0, 0], [1, 1])).toThrow(/triplet 1 \(2, 0\)/);
  });

  it('log-scales values and numbers ids in first-seen order', () => {
    const m = logScaled(csrFromTriplets(1, 1, [0], [0], [Math.E - 1]));
    expect(m.values[0]).toBeCloseTo(1, 6);
    const ids = IdMap.from(['b', 'a', 'b']);
    expect(ids.ids).toEqual(['b', 'a']);
    expect(ids.get('a')).toBe(1);
    expect(ids.get('zzz')).toBe(-1);
  });
});

describe('ranking metrics (hand-computed)', () => {
  // Ranked [1,2,3,4,5], relevant {1,3,6}: hits at ranks 1 and 3.
  const ranked = [1, 2, 3, 4, 5];
  const relevant = new Set([1, 3, 6]);
  it('precision, recall', () => {
    expect(precisionAtK(ranked, relevant, 5)).toBeCloseTo(0.4, 12);
    expect(recallAtK(ranked, relevant, 5)).toBeCloseTo(2 / 3, 12);
    expect(precisionAtK(ranked, relevant, 2)).toBeCloseTo(0.5, 12);
  });
  it('NDCG = (1 + 1/log2 4) / (1 + 1/log2 3 + 1/log2 4)', () => {
    expect(ndcgAtK(ranked, relevant, 5)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3) + 0.5), 12);
    expect(ndcgAtK([6, 3, 1], relevant, 3)).toBeCloseTo(1, 12);
    expect(ndcgAtK([9, 8], relevant, 2)).toBe(0);
  });
  it('AP@k = (1/1 + 2/3) / min(|rel|, k)', () => {
    expect(averagePrecisionAtK(ranked, relevant, 5)).toBeCloseTo((1 + 2 / 3) / 3, 12);
    expect(averagePrecisionAtK(ranked, relevant, 2)).toBeCloseTo(1 / 2, 12);
  });
  it('empty relevant set gives 0', () => {
    expect(ndcgAtK(ranked, new Set(), 5)).toBe(0);
    expect(averagePrecisionAtK(ranked, new Set(), 5)).toBe(0);
  });
});

describe('top-N', () => {
  it('orders by score, breaks ties by index and skips watched items', () => {
    const scores = Float64Array.from([0.5, 0.9, 0.9, 0.1, 0.7]);
    expect(Array.from(topNFromScores(scores, 3))).toEqual([1, 2, 4]);
    const watched = csrFromTriplets(1, 5, [0], [1], [1]);
    expect(Array.from(topNFromScores(scores, 3, watched, 0))).toEqual([2, 4, 0]);
    expect(Array.from(topNFromScores(scores, 10, watched, 0))).toEqual([2, 4, 0, 3]);
  });
});

describe('significance', () => {
  it('bootstrap CI of a constant is that constant; of a spread sample it brackets the mean', () => {
    const c = meanCi([2, 2, 2, 2], { seed: 1 });
    expect([c.estimate, c.lower, c.upper]).toEqual([2, 2, 2]);
    const values = Array.from({ length: 200 }, (_, k) => k % 10);
    const ci = meanCi(values, { seed: 3 });
    expect(ci.estimate).toBeCloseTo(4.5, 12);
    expect(ci.lower).toBeLessThan(4.5);
    expect(ci.upper).toBeGreaterThan(4.5);
    expect(ci.upper - ci.lower).toBeLessThan(1.5);
    expect(meanCi(values, { seed: 3 })).toEqual(ci);
  });
  it('binomial tail matches hand values', () => {
    expect(binomialUpperTail(9, 10)).toBeCloseTo(11 / 1024, 12);
    expect(binomialUpperTail(0, 10)).toBe(1);
    expect(binomialUpperTail(3, 3)).toBeCloseTo(1 / 8, 12);
  });
  it('paired comparison: consistent wins are significant, noise is not', () => {
    const base = Array.from({ length: 60 }, (_, k) => (k * 37) % 11);
    const better = base.map((v) => v + 1);
    const win = pairedComparison(better, base, { seed: 2 });
    expect(win.wins).toBe(60);
    expect(win.signTestPValue).toBeLessThan(1e-15);
    expect(win.bootstrapPValue).toBeLessThan(0.01);
    const swapped = base.map((v, k) => (k % 2 === 0 ? v + 1 : v - 1));
    const tie = pairedComparison(swapped, base, { seed: 2 });
    expect(tie.signTestPValue).toBeGreaterThan(0.3);
    expect(tie.bootstrapPValue).toBeGreaterThan(0.2);
  });
});
