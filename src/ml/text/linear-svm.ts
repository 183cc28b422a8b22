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

/** Rows packed once into flat typed arrays (CSR) with each row's squared norm plus the bias term. */
interface PackedRows {
  n: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** ||x_i||^2 + bias^2 (Q_ii before the diagonal term). */
  squaredNorms: Float64Array;
}

function packRows(rows: readonly SparseRow[], bias: number): PackedRows {
  const n = rows.length;
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i] + rows[i].indices.length;
  const indices = new Int32Array(indptr[n]);
  const values = new Float64Array(indptr[n]);
  const squaredNorms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    indices.set(rows[i].indices, indptr[i]);
    values.set(rows[i].values, indptr[i]);
    let s = bias * bias;
    for (const v of rows[i].values) s += v * v;
    squaredNorms[i] = s;
  }
  return { n, indptr, indices, values, squaredNorms };
}

/** Train one binary problem; `y` holds +1 / -1. Returns weights (bias last). */
export function trainBinarySvm(rows: readonly SparseRow[], y: Int8Array, dims: number, options: LinearSvmOptions = {}): Float64Array {
  return trainPacked(packRows(rows, options.bias ?? 1), y, dims, options);
}

// The rows live in flat typed arrays shared by every class's problem: the same arithmetic in the
// same order as on the row objects, without a property lookup per row per pass.
function trainPacked(rows: PackedRows, y: Int8Array, dims: number, options: LinearSvmOptions): Float64Array {
  const { c = 1, maxIterations = 200, tolerance = 0.01, seed = 1, bias = 1 } = options;
  const { n, indptr, indices, values } = rows;
  const w = new Float64Array(dims + 1);
  const alpha = new Float64Array(n);
  const diag = 1 / (2 * c);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) qii[i] = rows.squaredNorms[i] + diag;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let iter = 0; iter < maxIterations; iter++) {
    shuffleInPlace(order, rng);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (let o = 0; o < n; o++) {
      const i = order[o];
      const start = indptr[i];
      const end = indptr[i + 1];
      let dot = w[dims] * bias;
      for (let k = start; k < end; k++) dot += w[indices[k]] * values[k];
      const g = y[i] * dot - 1 + diag * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - g / qii[i], 0);
        const step = (alpha[i] - old) * y[i];
        for (let k = start; k < end; k++) w[indices[k]] += step * values[k];
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
    const packed = packRows(rows, this.options.bias ?? 1);
    this.weights = this.classes.map((cls) => {
      const y = Int8Array.from(labels, (l) => (l === cls ? 1 : -1));
      return trainPacked(packed, y, dims, this.options);
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
