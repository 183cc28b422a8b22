// Per-user "top drivers" of a churn score, model-agnostic: for each gold feature (a numeric column
// with its missing indicator, or all one-hot columns of a categorical), set the user's value to the
// typical user's (median; the most common level) and see how much the predicted risk falls. The
// features whose replacement lowers the risk most are the user's drivers. Cost: one prediction of all
// rows per gold feature.
import { createMatrix, median, type FeatureMatrix } from '../core/matrix.js';

export interface Driver {
  feature: string;
  /** Predicted probability minus the probability with this feature set to typical. */
  effect: number;
}

/** Groups encoded columns by the gold column they came from (`x=level` and `x__missing` join `x`). */
export function featureGroups(names: readonly string[], sourceColumn: Record<string, string>): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  names.forEach((name, j) => {
    const base = name.endsWith('__missing') ? name.slice(0, -'__missing'.length) : name;
    const source = sourceColumn[base] ?? base;
    const list = groups.get(source);
    if (list) list.push(j);
    else groups.set(source, [j]);
  });
  return groups;
}

/** The typical value of each column of a group: medians, or for one-hot groups the most common level's code. */
function typicalValues(x: FeatureMatrix, cols: number[], isOneHot: boolean): number[] {
  const n = x.nRows;
  if (!isOneHot) return cols.map((j) => median(x.data.subarray(j * n, (j + 1) * n)));
  let bestJ = cols[0];
  let bestCount = -1;
  for (const j of cols) {
    let c = 0;
    for (let i = 0; i < n; i++) c += x.data[j * n + i];
    if (c > bestCount) {
      bestCount = c;
      bestJ = j;
    }
  }
  return cols.map((j) => (j === bestJ ? 1 : 0));
}

/**
 * Top `k` drivers per row for `predict` on the prepared matrix `x` (the columns the model was trained on).
 * Only drivers that raise the risk (effect > 0.001) are listed.
 */
export function topDrivers(
  predict: (x: FeatureMatrix) => Float64Array,
  x: FeatureMatrix,
  sourceColumn: Record<string, string>,
  k = 3,
): Driver[][] {
  const n = x.nRows;
  const base = predict(x);
  const groups = featureGroups(x.names, sourceColumn);
  // One working copy for every feature (a million users x 40 columns is 320 MB): the feature's
  // columns are set to typical, the rows predicted, and the columns restored from x.
  const work = createMatrix(n, x.names, Float64Array.from(x.data));
  const features: string[] = [];
  const deltas: Float64Array[] = [];
  for (const [feature, cols] of groups) {
    const isOneHot = cols.every((j) => x.names[j].includes('='));
    const typical = typicalValues(x, cols, isOneHot);
    cols.forEach((j, c) => work.data.fill(typical[c], j * n, (j + 1) * n));
    const p = predict(work);
    for (const j of cols) work.data.set(x.data.subarray(j * n, (j + 1) * n), j * n);
    const delta = new Float64Array(n);
    for (let i = 0; i < n; i++) delta[i] = base[i] - p[i];
    features.push(feature);
    deltas.push(delta);
  }
  const out: Driver[][] = [];
  const raising: number[] = [];
  for (let i = 0; i < n; i++) {
    raising.length = 0;
    for (let f = 0; f < deltas.length; f++) if (deltas[f][i] > 0.001) raising.push(f);
    raising.sort((a, b) => deltas[b][i] - deltas[a][i] || (features[a] < features[b] ? -1 : 1));
    out.push(raising.slice(0, k).map((f) => ({ feature: features[f], effect: deltas[f][i] })));
  }
  return out;
}
