// ROC curve points for the dashboard: (false positive rate, true positive rate) at every distinct
// score threshold, thinned to at most `maxPoints` points spread evenly along the curve.
export interface RocPoint {
  fpr: number;
  tpr: number;
  threshold: number;
}

export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, maxPoints = 101): RocPoint[] {
  const n = labels.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] === 1 ? 1 : 0;
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new Error('rocCurve: labels have one class only');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (labels[i] === 1) tp++;
    else fp++;
    // Emit a point only after the last row of a group of tied scores.
    if (k === n - 1 || scores[order[k + 1]] !== scores[i]) points.push({ fpr: fp / neg, tpr: tp / pos, threshold: scores[i] });
  }
  if (points.length <= maxPoints) return points;
  // Keep the first and last point and the points nearest to evenly spaced positions in between.
  const kept: RocPoint[] = [];
  const step = (points.length - 1) / (maxPoints - 1);
  for (let m = 0; m < maxPoints; m++) kept.push(points[Math.round(m * step)]);
  return kept;
}
