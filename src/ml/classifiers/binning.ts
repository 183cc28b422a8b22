/**
 * Quantile binning for histogram trees. Each feature gets up to `maxBins` (<= 255) bins: when a
 * feature has few distinct values, thresholds sit midway between consecutive values (exact
 * splits); otherwise at quantiles of the training values. Bin of x = number of thresholds
 * strictly below x, so `bin <= b` <=> `x <= thresholds[b]`.
 * Missing values (NaN) go to bin 0, i.e. they are treated as the smallest value; impute first
 * (fitImputer adds indicators) when missingness carries meaning.
 * The binned matrix is column-major Uint8Array, like FeatureMatrix, with a row-major copy beside it:
 * histograms are built row by row (one row's bins for every feature in turn), which spreads
 * consecutive updates over different histograms instead of hitting the same few bins of one
 * feature back to back.
 */
import { assertSameColumns, column, type FeatureMatrix } from '../core/matrix.js';

export interface Binner {
  names: readonly string[];
  /** Ascending split thresholds per feature; feature f has thresholds[f].length + 1 bins. */
  thresholds: Float64Array[];
}

export interface BinnedMatrix {
  nRows: number;
  nCols: number;
  /** Column-major bins: row i, feature f at bins[f * nRows + i]. */
  bins: Uint8Array;
  /** Row-major bins: row i, feature f at rowBins[i * nCols + f] (the same values as `bins`). */
  rowBins: Uint8Array;
  /** Bins per feature. */
  nBins: Int32Array;
}

export function fitBinner(x: FeatureMatrix, maxBins = 255): Binner {
  if (maxBins < 2 || maxBins > 255) throw new Error(`fitBinner: maxBins must be in [2, 255], got ${maxBins}`);
  const thresholds: Float64Array[] = [];
  for (let f = 0; f < x.nCols; f++) {
    const values = Float64Array.from(column(x, f).filter((v) => !Number.isNaN(v))).sort();
    const distinct: number[] = [];
    for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]);
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let k = 0; k + 1 < distinct.length; k++) cuts.push((distinct[k] + distinct[k + 1]) / 2);
    } else {
      for (let b = 1; b < maxBins; b++) {
        const q = values[Math.floor((b / maxBins) * values.length)];
        // x <= cut goes left, so rows with the same value always share a bin.
        if (cuts.length === 0 || q > cuts[cuts.length - 1]) cuts.push(q);
      }
      if (cuts[cuts.length - 1] >= values[values.length - 1]) cuts.pop();
    }
    thresholds.push(Float64Array.from(cuts));
  }
  return { names: [...x.names], thresholds };
}

export function binIndex(t: Float64Array, v: number): number {
  if (Number.isNaN(v)) return 0;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function applyBinner(binner: Binner, x: FeatureMatrix): BinnedMatrix {
  assertSameColumns(binner.names, x.names, 'applyBinner');
  const n = x.nRows;
  const bins = new Uint8Array(n * x.nCols);
  const nBins = new Int32Array(x.nCols);
  for (let f = 0; f < x.nCols; f++) {
    const t = binner.thresholds[f];
    nBins[f] = t.length + 1;
    const off = f * n;
    for (let i = 0; i < n; i++) bins[off + i] = binIndex(t, x.data[off + i]);
  }
  const d = x.nCols;
  const rowBins = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) {
    const off = f * n;
    for (let i = 0; i < n; i++) rowBins[i * d + f] = bins[off + i];
  }
  return { nRows: n, nCols: d, bins, rowBins, nBins };
}
