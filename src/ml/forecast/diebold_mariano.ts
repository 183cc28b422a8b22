/**
 * The paired test a forecasting model must pass to claim `signal`: Diebold-Mariano on loss
 * differentials d_i = loss(baseline)_i - loss(model)_i, one-sided (H1: the model's expected loss
 * is lower), with the Harvey-Leybourne-Newbold small-sample correction and Student t reference.
 * Units are (series, origin) pairs; `lag` autocovariances along origins of the same series enter
 * the variance (Newey-West / Bartlett weights) when forecast windows overlap.
 */

export interface DieboldMarianoResult {
  /** Mean loss differential (baseline - model): positive means the model is better. */
  readonly meanDifference: number;
  readonly statistic: number;
  /** One-sided p-value for "the model has lower expected loss". NaN when untestable. */
  readonly pValue: number;
  readonly n: number;
}

/**
 * `d[s]` holds series s's differentials in origin order (NaN = pair not scored, skipped).
 * `lag` = number of origins whose windows overlap (ceil(horizon / step) - 1).
 */
export function dieboldMariano(d: readonly (readonly number[])[], lag: number): DieboldMarianoResult {
  const values = d.flatMap((row) => row.filter(Number.isFinite));
  const n = values.length;
  if (n < 3) return { meanDifference: Number.NaN, statistic: Number.NaN, pValue: Number.NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  // Long-run variance: γ0 plus Bartlett-weighted autocovariances within each series.
  let gamma0 = 0;
  for (const v of values) gamma0 += (v - mean) ** 2;
  let variance = gamma0 / n;
  for (let k = 1; k <= lag; k++) {
    let gk = 0;
    for (const row of d)
      for (let i = k; i < row.length; i++)
        if (Number.isFinite(row[i]) && Number.isFinite(row[i - k])) gk += (row[i] - mean) * (row[i - k] - mean);
    variance += 2 * (1 - k / (lag + 1)) * (gk / n);
  }
  if (!(variance > 0)) {
    // Identical losses everywhere (or a constant improvement): no variation to test.
    const p = mean > 0 ? 0 : 1;
    return { meanDifference: mean, statistic: mean > 0 ? Infinity : mean < 0 ? -Infinity : 0, pValue: mean === 0 ? 1 : p, n };
  }
  const dm = mean / Math.sqrt(variance / n);
  // HLN: scale by sqrt((n + 1 - 2h + h(h-1)/n) / n) with h = the overlap order + 1, t with n - 1 df.
  const h = lag + 1;
  const correction = Math.sqrt(Math.max(1e-12, (n + 1 - 2 * h + (h * (h - 1)) / n) / n));
  const statistic = dm * correction;
  return { meanDifference: mean, statistic, pValue: 1 - studentTCdf(statistic, n - 1), n };
}

/** Student t CDF through the regularised incomplete beta function. */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

function logGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9): relative error < 1e-13 for z > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  z -= 1;
  let x = c[0];
  for (let i = 1; i < 9; i++) x += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}

/** I_x(a, b) by Lentz's continued fraction (Numerical Recipes §6.4 form). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - (front * betaFraction(1 - x, b, a)) / b;
  return (front * betaFraction(x, a, b)) / a;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return f;
}
