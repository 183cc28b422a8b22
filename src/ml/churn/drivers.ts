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
  const effects: { feature: string; delta: Float64Array }[] = [];
  for (const [feature, cols] of groups) {
    const isOneHot = cols.every((j) => x.names[j].includes('='));
    const typical = typicalValues(x, cols, isOneHot);
    const work = createMatrix(n, x.names, Float64Array.from(x.data));
    cols.forEach((j, c) => work.data.fill(typical[c], j * n, (j + 1) * n));
    const p = predict(work);
    const delta = new Float64Array(n);
    for (let i = 0; i < n; i++) delta[i] = base[i] - p[i];
    effects.push({ feature, delta });
  }
  const out: Driver[][] = [];
  for (let i = 0; i < n; i++) {
    const row = effects.map((e) => ({ feature: e.feature, effect: e.delta[i] })).filter((d) => d.effect > 0.001);
    row.sort((a, b) => b.effect - a.effect || (a.feature < b.feature ? -1 : 1));
    out.push(row.slice(0, k));
  }
  return out;
}
