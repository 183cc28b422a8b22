import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../../src/ml/classifiers/logistic.js';
import { choleskySolve, sigmoid } from '../../../src/ml/core/linalg.js';
import { createMatrix, matrixFromRows } from '../../../src/ml/core/matrix.js';
import { rocAuc } from '../../../src/ml/core/metrics.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

/**
 * Two binary features with counts chosen so the log-odds are exactly additive:
 * odds(0,0)=1/4, odds(1,0)=2/4, odds(0,1)=3/4, odds(1,1)=6/4. The unpenalised MLE is then
 * b0 = ln(1/4), b1 = ln 2, b2 = ln 3 (hand-computed: the model is saturated on the margins).
 */
function additiveCounts() {
  const rows: number[][] = [];
  const y: number[] = [];
  const cells: [number, number, number, number][] = [
    [0, 0, 1, 4],
    [1, 0, 2, 4],
    [0, 1, 3, 4],
    [1, 1, 6, 4],
  ];
  for (const [a, b, pos, neg] of cells) {
    for (let k = 0; k < pos; k++) {
      rows.push([a, b]);
      y.push(1);
    }
    for (let k = 0; k < neg; k++) {
      rows.push([a, b]);
      y.push(0);
    }
  }
  return { x: matrixFromRows(rows, ['a', 'b']), y };
}

describe('linear algebra', () => {
  it('Cholesky solves a 2x2 SPD system', () => {
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(/positive definite/);
    expect(sigmoid(-800)).toBeGreaterThanOrEqual(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});

describe('fitLogistic', () => {
  it('recovers the hand-computed 2-feature MLE when the penalty is negligible', () => {
    const { x, y } = additiveCounts();
    const m = fitLogistic(x, y, { l2: 1e-9 });
    expect(m.converged).toBe(true);
    expect(m.interceptRaw).toBeCloseTo(Math.log(0.25), 5);
    expect(m.coefRaw[0]).toBeCloseTo(Math.log(2), 5);
    expect(m.coefRaw[1]).toBeCloseTo(Math.log(3), 5);
    const p = m.predictProba(matrixFromRows([[1, 1]], ['a', 'b']));
    expect(p[0]).toBeCloseTo(0.6, 5);
  });
  it('satisfies the penalised optimality condition: X^T(p - y) + l2 w = 0 on standardised features', () => {
    const { x, labels } = syntheticLogistic(300, [1, -2, 0.5], { seed: 4 });
    const l2 = 5;
    const m = fitLogistic(x, labels, { l2 });
    const p = m.predictProba(x);
    for (let j = 0; j < x.nCols; j++) {
      let g = 0;
      for (let i = 0; i < x.nRows; i++)
        g += (p[i] - labels[i]) * ((x.data[j * x.nRows + i] - m.standardiser.mean[j]) / m.standardiser.std[j]);
      expect(Math.abs(g + l2 * m.coef[j])).toBeLessThan(1e-6);
    }
    let g0 = 0;
    for (let i = 0; i < x.nRows; i++) g0 += p[i] - labels[i];
    expect(Math.abs(g0)).toBeLessThan(1e-6);
  });
  it('recovers known coefficients on 20k simulated rows', () => {
    const { x, labels } = syntheticLogistic(20000, [0.5, -1, 2], { intercept: -0.5, noiseFeatures: 2, seed: 7 });
    const m = fitLogistic(x, labels, { l2: 1 });
    const expected = [0.5, -1, 2, 0, 0];
    expected.forEach((b, j) => expect(Math.abs(m.coefRaw[j] - b)).toBeLessThan(0.08));
    expect(Math.abs(m.interceptRaw + 0.5)).toBeLessThan(0.08);
    const imp = m.importances();
    expect(imp.reduce((a, b) => a + b.importance, 0)).toBeCloseTo(1, 12);
    expect(imp[2].importance).toBeGreaterThan(imp[0].importance);
  });
  it('stays finite on perfectly separable data, and stronger l2 shrinks', () => {
    const x = createMatrix(6, ['v'], Float64Array.from([1, 2, 3, 4, 5, 6]));
    const y = [0, 0, 0, 1, 1, 1];
    const weak = fitLogistic(x, y, { l2: 0.01 });
    const strong = fitLogistic(x, y, { l2: 10 });
    expect(Number.isFinite(weak.coefRaw[0])).toBe(true);
    expect(weak.coefRaw[0]).toBeGreaterThan(strong.coefRaw[0]);
    expect(strong.coefRaw[0]).toBeGreaterThan(0);
    expect(rocAuc(y, weak.predictProba(x))).toBe(1);
  });
  it('rejects NaN input and mismatched columns', () => {
    expect(() => fitLogistic(createMatrix(2, ['v'], Float64Array.from([1, NaN])), [0, 1])).toThrow(/impute/);
    const m = fitLogistic(createMatrix(4, ['v'], Float64Array.from([1, 2, 3, 4])), [0, 1, 0, 1]);
    expect(() => m.predictProba(createMatrix(1, ['w'], Float64Array.from([1])))).toThrow(/columns differ/);
  });
});

describe('logistic regression warm start', () => {
  const data = syntheticLogistic(3000, [1.2, -0.8, 0.5], { noiseFeatures: 4, seed: 17 });

  it('reaches the cold start optimum in fewer Newton steps when started from a nearby penalty', () => {
    const strong = fitLogistic(data.x, data.labels, { l2: 100 });
    const cold = fitLogistic(data.x, data.labels, { l2: 10 });
    const warm = fitLogistic(data.x, data.labels, { l2: 10, start: strong });
    expect(cold.converged && warm.converged).toBe(true);
    for (let j = 0; j < cold.coef.length; j++) expect(Math.abs(warm.coef[j] - cold.coef[j])).toBeLessThan(1e-7);
    expect(Math.abs(warm.intercept - cold.intercept)).toBeLessThan(1e-7);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    // A start from the other penalty's solution is not the answer itself: the fit must move.
    expect(Math.abs(strong.coef[0] - cold.coef[0])).toBeGreaterThan(1e-3);
  });

  it('refuses a start with another number of coefficients', () => {
    const other = fitLogistic(createMatrix(4, ['v'], Float64Array.from([1, 2, 3, 4])), [0, 1, 0, 1]);
    expect(() => fitLogistic(data.x, data.labels, { start: other })).toThrow(/warm start has 1 coefficients/);
  });
});
