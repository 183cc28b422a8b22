// BPR's WebAssembly fit (bpr-kernel.ts) must give the JavaScript's factors to the bit: its own port
// of the seeded generator, the normal start, negatives redrawn until unwatched, users who watched
// every title (skipped), capped epochs, and several factor counts.
import { beforeAll, describe, expect, it } from 'vitest';
import { fitBpr } from '../../../src/ml/recommend/bpr.js';
import { loadBprKernel } from '../../../src/ml/recommend/bpr-kernel.js';
import { csrFromTriplets } from '../../../src/ml/recommend/sparse.js';
import { createRng } from '../../../src/ml/core/rng.js';

const bits = (a: Float64Array) => Array.from(new Uint32Array(Float64Array.from(a).buffer));

function randomLog(nUsers: number, nItems: number, seed: number) {
  const rng = createRng(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let u = 0; u < nUsers; u++)
    for (let i = 0; i < nItems; i++)
      if (u === 3 || rng.next() < 0.15) {
        // user 3 watched every title
        rows.push(u);
        cols.push(i);
      }
  return csrFromTriplets(
    nUsers,
    nItems,
    rows,
    cols,
    rows.map(() => 1),
  );
}

describe('BPR WebAssembly kernel', () => {
  beforeAll(() => loadBprKernel());

  it('gives the JavaScript factors and biases to the bit', () => {
    const m = randomLog(120, 45, 2);
    for (const options of [
      { factors: 8, epochs: 4, seed: 1 },
      { factors: 2, epochs: 3, seed: 7, samplesPerEpoch: 100 },
      { factors: 32, epochs: 2, seed: 42, learningRate: 0.1, regularization: 0.01 },
    ]) {
      const js = fitBpr(m, { ...options, kernel: 'js' });
      const wasm = fitBpr(m, options);
      expect(bits(wasm.userFactors)).toEqual(bits(js.userFactors));
      expect(bits(wasm.itemFactors)).toEqual(bits(js.itemFactors));
      const a = new Float64Array(45);
      const b = new Float64Array(45);
      js.scoreUser(5, a);
      wasm.scoreUser(5, b);
      expect(bits(b)).toEqual(bits(a)); // item biases too
      // The kernel ran: its factors are views on its own memory, which holds more than them.
      expect(wasm.userFactors.buffer.byteLength).toBeGreaterThan(wasm.userFactors.byteLength + wasm.itemFactors.byteLength);
    }
  });

  it('leaves odd factor counts to JavaScript', () => {
    const m = randomLog(30, 20, 5);
    const js = fitBpr(m, { factors: 3, epochs: 2, seed: 2, kernel: 'js' });
    const fallback = fitBpr(m, { factors: 3, epochs: 2, seed: 2 });
    expect(fallback.userFactors.buffer.byteLength).toBe(fallback.userFactors.byteLength);
    expect(bits(fallback.userFactors)).toEqual(bits(js.userFactors));
  });
});
