// Paired bootstrap difference between two classifiers on the same rows, checked by hand.
import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../../../src/ml/intent/compare.js';

describe('pairedDifference', () => {
  const truth = Int32Array.from({ length: 200 }, (_, i) => i % 2);
  it('is exactly zero, interval included, for identical predictions', () => {
    const p = Int32Array.from(truth, (t, i) => (i % 7 === 0 ? 1 - t : t));
    const d = pairedDifference(truth, p, p, 'accuracy', 2, { seed: 1, B: 100 });
    expect([d.estimate, d.lower, d.upper]).toEqual([0, 0, 0]);
  });

  it('gives the hand-computed difference, and an interval excluding 0 when one model is clearly better', () => {
    // a: all right; b: wrong on every 4th row -> accuracy 1 - 0.75 = 0.25.
    const a = Int32Array.from(truth);
    const b = Int32Array.from(truth, (t, i) => (i % 4 === 0 ? 1 - t : t));
    const d = pairedDifference(truth, a, b, 'accuracy', 2, { seed: 3, B: 200 });
    expect(d.estimate).toBeCloseTo(0.25, 12);
    expect(d.lower).toBeGreaterThan(0.15);
    expect(d.upper).toBeLessThan(0.35);
    const reverse = pairedDifference(truth, b, a, 'accuracy', 2, { seed: 3, B: 200 });
    expect(reverse.estimate).toBeCloseTo(-0.25, 12);
    expect(reverse.upper).toBeLessThan(0);
  });

  it('macro-F1 difference by hand; an interval straddling 0 when models differ on few rows', () => {
    const a = Int32Array.from(truth);
    // b errs on two rows, both true class 0 predicted 1: class 0 F1 = 2*98/(2*98+2) , class 1 F1 = 2*100/(2*100+2)
    const b = Int32Array.from(truth, (t, i) => (i === 0 || i === 2 ? 1 : t));
    const f1b = (196 / 198 + 200 / 202) / 2;
    const d = pairedDifference(truth, a, b, 'macro_f1', 2, { seed: 5, B: 300 });
    expect(d.estimate).toBeCloseTo(1 - f1b, 12);
    expect(d.lower).toBeGreaterThanOrEqual(0);
    const c = Int32Array.from(truth, (t, i) => (i === 1 || i === 3 ? 0 : t));
    const mixed = pairedDifference(truth, b, c, 'accuracy', 2, { seed: 5, B: 300 });
    expect(mixed.estimate).toBe(0);
    expect(mixed.lower).toBeLessThan(0);
    expect(mixed.upper).toBeGreaterThan(0);
  });

  it('refuses mismatched lengths', () => {
    expect(() => pairedDifference(truth, truth.slice(1), truth, 'accuracy', 2, { seed: 1 })).toThrow(
      /200 true labels but 199 and 200 predictions/,
    );
  });
});
