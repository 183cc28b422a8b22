// Linear SVM on sparse rows, one-vs-rest for several classes. Each binary problem is the
// L2-regularised squared-hinge SVM solved in its dual by coordinate descent (the method LIBLINEAR
// uses by default): cheap per step on sparse data and converges in a few passes for text.
// A constant feature (the bias) is appended to every row, so the bias is regularised too, as there.
import type { SparseRow } from './tfidf.js';
import { createRng, shuffleInPlace } from '../core/rng.js';

export interface LinearSvmOptions {
  /** Inverse regularisation strength. */
  c?: number;
  maxIterations?: number;
  tolerance?: number;
  seed?: number;
  /** Bias feature value (0 disables the bias). */
  bias?: number;
}

/** Train one binary problem; `y` holds +1 / -1. Returns weights (bias last). */
export function trainBinarySvm(rows: readonly SparseRow[], y: Int8Array, dims: number, options: LinearSvmOptions = {}): Float64Array {
  const { c = 1, maxIterations = 200, tolerance = 0.01, seed = 1, bias = 1 } = options;
  const n = rows.length;
  const w = new Float64Array(dims + 1);
  const alpha = new Float64Array(n);
  const diag = 1 / (2 * c);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bias * bias;
    for (const v of rows[i].values) s += v * v;
    qii[i] = s + diag;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let iter = 0; iter < maxIterations; iter++) {
    shuffleInPlace(order, rng);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const row = rows[i];
      let dot = w[dims] * bias;
      for (let k = 0; k < row.indices.length; k++) dot += w[row.indices[k]] * row.values[k];
      const g = y[i] * dot - 1 + diag * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      maxPg = Math.max(maxPg, pg);
      minPg = Math.min(minPg, pg);
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - g / qii[i], 0);
        const step = (alpha[i] - old) * y[i];
        for (let k = 0; k < row.indices.length; k++) w[row.indices[k]] += step * row.values[k];
        w[dims] += step * bias;
      }
    }
    if (maxPg - minPg < tolerance) break;
  }
  return w;
}

export class LinearSvm {
  classes: string[] = [];
  weights: Float64Array[] = [];
  private dims = 0;

  constructor(private readonly options: LinearSvmOptions = {}) {}

  fit(rows: readonly SparseRow[], labels: readonly string[], dims: number): this {
    if (rows.length !== labels.length) throw new Error(`LinearSvm.fit: ${rows.length} rows but ${labels.length} labels`);
    this.dims = dims;
    this.classes = [...new Set(labels)].sort();
    this.weights = this.classes.map((cls) => {
      const y = Int8Array.from(labels, (l) => (l === cls ? 1 : -1));
      return trainBinarySvm(rows, y, dims, this.options);
    });
    return this;
  }

  decision(row: SparseRow): number[] {
    const bias = this.options.bias ?? 1;
    return this.weights.map((w) => {
      let s = w[this.dims] * bias;
      for (let k = 0; k < row.indices.length; k++) s += w[row.indices[k]] * row.values[k];
      return s;
    });
  }

  predictOne(row: SparseRow): string {
    const scores = this.decision(row);
    let best = 0;
    for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
    return this.classes[best];
  }

  predict(rows: readonly SparseRow[]): string[] {
    return rows.map((r) => this.predictOne(r));
  }
}
