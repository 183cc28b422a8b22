// The WebAssembly Hessian (logistic-kernel.ts) must give fitLogistic the JavaScript's results to the
// bit: even and odd feature counts, row counts that are no multiple of 4, row weights, and warm
// starts along a penalty path (which reuse the standardised rows and the kernel's copy of them).
import { beforeAll, describe, expect, it } from 'vitest';
import { fitLogistic, type LogisticModel } from '../../../src/ml/classifiers/logistic.js';
import { loadLogisticKernel } from '../../../src/ml/classifiers/logistic-kernel.js';
import { selectRows } from '../../../src/ml/core/matrix.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

const bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float64Array.from(a).buffer));
const summary = (m: LogisticModel) => ({
  intercept: bits([m.intercept]),
  coef: bits(m.coef),
  curvature: bits(m.curvature),
  iterations: m.iterations,
  converged: m.converged,
});

describe('logistic Hessian kernel', () => {
  beforeAll(() => loadLogisticKernel());

  it('gives the JavaScript fit to the bit', () => {
    for (const [rows, coef, noise] of [
      [403, [1.2, -0.7, 0.4], 2], // 5 features: p = 6
      [250, [0.9, -1.1], 2], // 4 features: p = 5, padded
      [97, [2, 1, -1, 0.5, 0.3, -0.2], 0],
    ] as const) {
      const data = syntheticLogistic(rows, coef, { noiseFeatures: noise, seed: rows });
      const weights = Float64Array.from({ length: rows }, (_, i) => 0.5 + (i % 3));
      for (const options of [{ l2: 1 }, { l2: 0.01, weights }]) {
        const js = fitLogistic(data.x, data.labels, { ...options, kernel: 'js' });
        const wasm = fitLogistic(data.x, data.labels, options);
        expect(summary(wasm)).toEqual(summary(js));
        expect(wasm.prepared.hessianKernel).toBeTruthy(); // the kernel ran
      }
    }
  });

  it('reuses a warm start’s rows only for the same matrix, with the same results', () => {
    const data = syntheticLogistic(300, [1, -0.5, 0.25], { noiseFeatures: 3, seed: 9 });
    let js: LogisticModel | undefined;
    let wasm: LogisticModel | undefined;
    for (const l2 of [100, 10, 1, 0.1]) {
      js = fitLogistic(data.x, data.labels, { l2, start: js, kernel: 'js' });
      wasm = fitLogistic(data.x, data.labels, { l2, start: wasm });
      expect(summary(wasm)).toEqual(summary(js));
      expect(wasm.prepared.z).toBe(fitLogistic(data.x, data.labels, { l2, start: wasm }).prepared.z);
    }
    // Another matrix (same values, another object): standardised afresh, as a cold fit would be.
    const other = selectRows(
      data.x,
      Array.from({ length: 300 }, (_, i) => i),
    );
    const warm = fitLogistic(other, data.labels, { l2: 1, start: wasm });
    expect(warm.prepared.z).not.toBe(wasm!.prepared.z);
    expect(summary(warm)).toEqual(summary(fitLogistic(other, data.labels, { l2: 1, start: wasm, kernel: 'js' })));
  });
});
