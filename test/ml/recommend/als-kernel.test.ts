// The WebAssembly half-steps of ALS (als-kernel.ts) must give the JavaScript solver's factors to the
// bit: rows without entries, rows whose entry count is no multiple of 4, several factor counts, and
// blocks small enough that rows are handed over in many pieces.
import { beforeAll, describe, expect, it } from 'vitest';
import { fitAls } from '../../../src/ml/recommend/als.js';
import { alsKernelLoaded, createAlsKernel, loadAlsKernel } from '../../../src/ml/recommend/als-kernel.js';
import { csrFromTriplets, type CsrMatrix } from '../../../src/ml/recommend/sparse.js';
import { createRng } from '../../../src/ml/core/rng.js';

function randomLog(nUsers: number, nItems: number, density: number, seed: number): CsrMatrix {
  const rng = createRng(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    if (u % 13 === 5) continue; // users without history
    for (let i = 0; i < nItems; i++) {
      if (i % 11 === 3) continue; // titles nobody watched
      if (rng.next() < density || (u === 2 && i < 40)) {
        rows.push(u);
        cols.push(i);
        values.push(Math.log1p(rng.next() * 300));
      }
    }
  }
  return csrFromTriplets(nUsers, nItems, rows, cols, values);
}

const bits = (a: Float64Array) => Array.from(new Uint32Array(Float64Array.from(a).buffer));

describe('ALS WebAssembly kernel', () => {
  beforeAll(() => loadAlsKernel());

  it('gives the JavaScript factors to the bit', () => {
    const m = randomLog(210, 90, 0.07, 3);
    for (const [factors, iterations, cgSteps] of [
      [8, 3, 1],
      [16, 2, 3],
      [32, 3, 3],
    ]) {
      const js = fitAls(m, { factors, iterations, cgSteps, seed: 5, kernel: 'js' });
      const wasm = fitAls(m, { factors, iterations, cgSteps, seed: 5 });
      expect(bits(wasm.userFactors)).toEqual(bits(js.userFactors));
      expect(bits(wasm.itemFactors)).toEqual(bits(js.itemFactors));
      // The kernel ran: its factors are views on its own memory, not the solver's arrays.
      expect(wasm.userFactors.byteOffset).toBeGreaterThan(0);
    }
  });

  it('hands rows over in blocks without changing a bit', () => {
    const m = randomLog(150, 60, 0.1, 8);
    const js = fitAls(m, { factors: 8, iterations: 2, seed: 1, kernel: 'js' });
    for (const kernelBlock of [{ entries: 1, rows: 1 }, { entries: 37, rows: 5 }, { rows: 64 }]) {
      const wasm = fitAls(m, { factors: 8, iterations: 2, seed: 1, kernelBlock });
      expect(bits(wasm.userFactors)).toEqual(bits(js.userFactors));
      expect(bits(wasm.itemFactors)).toEqual(bits(js.itemFactors));
    }
  });

  it('leaves factor counts that are no multiple of 8 to JavaScript', () => {
    expect(alsKernelLoaded()).toBe(true);
    expect(createAlsKernel(10, 10, 6, 3)).toBeNull();
    expect(createAlsKernel(10, 10, 12, 3)).toBeNull();
    expect(createAlsKernel(10, 10, 8, 3)).not.toBeNull();
    const m = randomLog(40, 30, 0.2, 2);
    for (const factors of [4, 6]) {
      const js = fitAls(m, { factors, iterations: 2, seed: 4, kernel: 'js' });
      const fallback = fitAls(m, { factors, iterations: 2, seed: 4 });
      expect(fallback.userFactors.byteOffset).toBe(0);
      expect(bits(fallback.userFactors)).toEqual(bits(js.userFactors));
    }
  });
});
