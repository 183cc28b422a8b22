/**
 * Point and interval accuracy. sMAPE is on the 0..200 scale (Makridakis 1993 form) with 0/0
 * counted as 0 (both actual and forecast zero is a perfect forecast). MASE divides by the
 * in-sample seasonal-naive MAE of the training series (Hyndman & Koehler 2006).
 */
export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < actual.length; k++) s += Math.abs(actual[k] - forecast[k]);
  return s / actual.length;
}

export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  return meanAbsoluteError(actual, forecast) / scale;
}

export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < actual.length; k++) {
    const denom = Math.abs(actual[k]) + Math.abs(forecast[k]);
    s += denom === 0 ? 0 : (200 * Math.abs(actual[k] - forecast[k])) / denom;
  }
  return s / actual.length;
}

/** Share of actuals inside [lower, upper]. */
export function intervalCoverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  for (let k = 0; k < actual.length; k++) if (actual[k] >= lower[k] && actual[k] <= upper[k]) inside++;
  return inside / actual.length;
}
