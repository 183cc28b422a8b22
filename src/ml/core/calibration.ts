/**
 * Reliability (calibration) curve: rows grouped into bins by predicted probability; per bin the
 * mean prediction, the observed positive rate and the count. Empty bins are omitted.
 * 'uniform' = equal-width bins on [0, 1]; 'quantile' = bins with about equal counts (edges at
 * quantiles of the predictions; duplicate edges merged).
 */
export interface CalibrationBin {
  lower: number;
  upper: number;
  meanPredicted: number;
  observedRate: number;
  count: number;
}

export interface CalibrationCurve {
  strategy: 'uniform' | 'quantile';
  bins: CalibrationBin[];
  /** Expected calibration error: count-weighted mean |observed - predicted| over bins. */
  ece: number;
}

export function calibrationCurve(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  nBins = 10,
  strategy: 'uniform' | 'quantile' = 'uniform',
): CalibrationCurve {
  if (labels.length !== probs.length) throw new Error(`calibrationCurve: ${labels.length} labels vs ${probs.length} probabilities`);
  if (nBins < 1) throw new Error('calibrationCurve: nBins must be >= 1');
  let edges: number[];
  if (strategy === 'uniform') {
    edges = Array.from({ length: nBins + 1 }, (_, b) => b / nBins);
  } else {
    const sorted = Float64Array.from(probs).sort();
    edges = [0];
    for (let b = 1; b < nBins; b++) {
      const q = sorted[Math.min(sorted.length - 1, Math.floor((b / nBins) * sorted.length))];
      if (q > edges[edges.length - 1]) edges.push(q);
    }
    edges.push(1);
  }
  const k = edges.length - 1;
  const sumP = new Float64Array(k);
  const sumY = new Float64Array(k);
  const count = new Float64Array(k);
  for (let i = 0; i < probs.length; i++) {
    // Bin b holds [edges[b], edges[b+1]); the last bin also holds 1.0.
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (probs[i] >= edges[mid]) lo = mid;
      else hi = mid - 1;
    }
    sumP[lo] += probs[i];
    sumY[lo] += labels[i];
    count[lo]++;
  }
  const bins: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < k; b++) {
    if (count[b] === 0) continue;
    const bin = {
      lower: edges[b],
      upper: edges[b + 1],
      meanPredicted: sumP[b] / count[b],
      observedRate: sumY[b] / count[b],
      count: count[b],
    };
    bins.push(bin);
    ece += (count[b] / probs.length) * Math.abs(bin.observedRate - bin.meanPredicted);
  }
  return { strategy, bins, ece };
}
