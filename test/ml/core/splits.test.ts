import { describe, expect, it } from 'vitest';
import { assertBeforeAsOf, kFold, parseDay, splitByTime, stratifiedSplit, timeWindows } from '../../../src/ml/core/splits.js';

const labels = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 26 positives

describe('time windows', () => {
  it('label window follows the as-of date', () => {
    const w = timeWindows('2025-10-01', 90, 180);
    expect(w.featureEnd.toISOString()).toBe('2025-10-01T00:00:00.000Z');
    expect(w.labelEnd.toISOString()).toBe('2025-12-30T00:00:00.000Z');
    expect(w.featureStart?.toISOString()).toBe('2025-04-04T00:00:00.000Z');
    expect(() => parseDay('2025-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => timeWindows('2025-10-01', 0)).toThrow(/labelWindowDays/);
  });
  it('flags feature times on or after the as-of date', () => {
    const w = timeWindows('2025-10-01', 90);
    expect(() => assertBeforeAsOf([Date.UTC(2025, 8, 30)], w, 'events')).not.toThrow();
    expect(() => assertBeforeAsOf([Date.UTC(2025, 8, 30), Date.UTC(2025, 9, 1)], w, 'events')).toThrow(/events: row 1/);
  });
  it('splits rows by a time cutoff', () => {
    const s = splitByTime([5, 1, 10, 7], 7);
    expect(Array.from(s.train)).toEqual([0, 1]);
    expect(Array.from(s.test)).toEqual([2, 3]);
  });
});

describe('stratifiedSplit', () => {
  it('partitions rows, keeps class balance, is seeded', () => {
    const s = stratifiedSplit(labels, 0.25, 7);
    const all = [...s.train, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 103 }, (_, i) => i));
    expect(s.test.filter((i) => labels[i] === 1).length).toBe(Math.round(0.25 * 26));
    expect(s.test.filter((i) => labels[i] === 0).length).toBe(Math.round(0.25 * 77));
    expect(stratifiedSplit(labels, 0.25, 7)).toEqual(s);
    expect(Array.from(stratifiedSplit(labels, 0.25, 8).test)).not.toEqual(Array.from(s.test));
  });
});

describe('kFold', () => {
  it('each row is tested exactly once; folds differ in size by at most one', () => {
    const folds = kFold(103, 5, 1, labels);
    const seen = new Int32Array(103);
    for (const f of folds) {
      for (const i of f.test) seen[i]++;
      expect(f.train.length + f.test.length).toBe(103);
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const pos = folds.map((f) => f.test.filter((i) => labels[i] === 1).length);
    expect(Math.max(...pos) - Math.min(...pos)).toBeLessThanOrEqual(1);
    expect(() => kFold(3, 5, 1)).toThrow(/k must be/);
  });
});
