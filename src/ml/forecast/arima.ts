/**
 * A small ARIMA(p,d,q)(0,D,Q)_m (Q <= 1) fitted by conditional sum of squares (CSS), written here because
 * the `arima` npm package prints C noise on stdout and gives no access to its internals.
 *
 * The series is differenced d times and seasonally D times (period m) into w; a constant μ (the
 * mean of w) is included when d + D <= 1 (a drift for one difference) unless turned off. AR and
 * MA coefficients (and the seasonal MA Θ, multiplied in: θ(B)(1 + Θ B^m)) are searched by Nelder-Mead through the partial-autocorrelation (tanh)
 * parametrisation (Jones 1980), so every candidate is stationary and invertible.
 * Forecasts run the full difference equation Φ*(B) y_t = c + θ(B) e_t on the original scale,
 * where Φ*(B) = φ(B)(1-B)^d(1-B^m)^D; interval variance is σ² Σ_{j<h} ψ_j² with ψ the weights
 * of θ(B)/Φ*(B).
 */
import { nelderMead } from './nelder_mead.js';
import { gaussianForecast, type Forecast, type Forecaster } from './types.js';

export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  /** Seasonal differences (0 or 1) at `period`. */
  seasonalD?: number;
  /** Seasonal MA order (0 or 1) at `period`: (1 - B^7) with Θ near -1 is the usual weekly model. */
  seasonalQ?: number;
  period?: number;
  includeConstant?: boolean;
}

export interface ArimaFit {
  readonly order: Required<ArimaOrder>;
  readonly ar: Float64Array;
  /** Expanded MA polynomial θ(B)(1 + Θ B^m) coefficients for lags 1..q + m·Q. */
  readonly ma: Float64Array;
  readonly seasonalMa: number;
  /** Mean of the differenced series (0 when no constant). */
  readonly mu: number;
  readonly sigma2: number;
  readonly css: number;
  /** Observations that entered the CSS. */
  readonly nUsed: number;
  /** CSS-based AIC: nUsed·ln(CSS/nUsed) + 2·(parameters). Comparable only for equal d and D. */
  readonly aic: number;
  forecast(horizon: number, level: number): Forecast;
}

export function fitArima(y: Float64Array, orderIn: ArimaOrder): ArimaFit {
  const order: Required<ArimaOrder> = {
    seasonalD: 0,
    seasonalQ: 0,
    period: 7,
    includeConstant: (orderIn.d ?? 0) + (orderIn.seasonalD ?? 0) <= 1,
    ...orderIn,
  };
  const { p, d, q, seasonalD, seasonalQ, period } = order;
  if (seasonalQ !== 0 && seasonalQ !== 1) throw new Error(`fitArima: seasonalQ must be 0 or 1, got ${seasonalQ}`);
  const lag = d + seasonalD * period;
  const w = difference(y, d, seasonalD, period);
  if (w.length < p + q + seasonalQ * period + 10)
    throw new Error(`fitArima: ${y.length} observations leave ${w.length} after differencing; too few for p=${p}, q=${q}`);
  let mu = 0;
  if (order.includeConstant) {
    for (const v of w) mu += v;
    mu /= w.length;
  }
  const centred = w.map((v) => v - mu);
  const unpack = (x: Float64Array) => {
    const nonSeasonal = fromPartials(x.subarray(p, p + q)).map((a) => -a);
    const big = seasonalQ ? Math.tanh(x[p + q]) : 0;
    return { ar: fromPartials(x.subarray(0, p)), ma: seasonalMaProduct(nonSeasonal, big, seasonalQ ? period : 0), big };
  };
  const objective = (x: Float64Array) => {
    const { ar, ma } = unpack(x);
    return cssResiduals(centred, ar, ma).css;
  };
  const nFree = p + q + seasonalQ;
  const best = nelderMead(objective, new Float64Array(nFree), { step: 0.3, maxIterations: 300 * Math.max(1, nFree) });
  const { ar, ma, big } = unpack(best.x);
  const { css, residuals } = cssResiduals(centred, ar, ma);
  const nUsed = w.length - p;
  const nParams = nFree + (order.includeConstant ? 1 : 0);
  const sigma2 = css / Math.max(1, nUsed - nParams);

  // Residuals aligned to y's index (zeros where the CSS had no residual).
  const errors = new Float64Array(y.length);
  for (let t = 0; t < residuals.length; t++) errors[t + lag] = residuals[t];
  const fullAr = expandAr(ar, d, seasonalD, period);
  let arSum = 0;
  for (const a of ar) arSum += a;
  const constant = mu * (1 - arSum);
  return {
    order,
    ar,
    ma,
    seasonalMa: big,
    mu,
    sigma2,
    css,
    nUsed,
    aic: nUsed * Math.log(Math.max(css, 1e-300) / nUsed) + 2 * (nParams + 1),
    forecast(horizon, level) {
      const n = y.length;
      const path = new Float64Array(n + horizon);
      path.set(y);
      const e = new Float64Array(n + horizon);
      e.set(errors);
      for (let t = n; t < n + horizon; t++) {
        let v = constant;
        for (let i = 0; i < fullAr.length; i++) if (t - 1 - i >= 0) v += fullAr[i] * path[t - 1 - i];
        for (let j = 0; j < ma.length; j++) if (t - 1 - j >= 0) v += ma[j] * e[t - 1 - j];
        path[t] = v;
      }
      const psi = psiWeights(fullAr, ma, horizon);
      const sd = new Float64Array(horizon);
      let acc = 0;
      for (let h = 0; h < horizon; h++) {
        acc += psi[h] * psi[h];
        sd[h] = Math.sqrt(sigma2 * acc);
      }
      return gaussianForecast(path.slice(n), sd, level);
    },
  };
}

/**
 * Picks p, q in 0..maxOrder for fixed d and D by the CSS AIC. Differencing is not chosen
 * automatically: AIC cannot compare different d, and for daily views D = 1 at period 7 is the
 * usual choice, with a seasonal MA (Q = 1).
 */
export function autoArima(y: Float64Array, base: Omit<ArimaOrder, 'p' | 'q'>, maxOrder = 2): ArimaFit {
  let best: ArimaFit | undefined;
  for (let p = 0; p <= maxOrder; p++) {
    for (let q = 0; q <= maxOrder; q++) {
      const fit = fitArima(y, { ...base, p, q });
      if (!best || fit.aic < best.aic) best = fit;
    }
  }
  return best!;
}

export function arima(
  order: ArimaOrder | 'auto',
  auto: Omit<ArimaOrder, 'p' | 'q'> = { d: 0, seasonalD: 1, seasonalQ: 1, period: 7 },
): Forecaster {
  const label =
    order === 'auto'
      ? `auto_arima_d${auto.d}_D${auto.seasonalD ?? 0}_Q${auto.seasonalQ ?? 0}`
      : `arima_${order.p}${order.d}${order.q}_D${order.seasonalD ?? 0}_Q${order.seasonalQ ?? 0}`;
  return {
    name: label,
    forecast: (y, horizon, level) => (order === 'auto' ? autoArima(y, auto) : fitArima(y, order)).forecast(horizon, level),
  };
}

/** Coefficients for lags 1..q+m of θ(B)(1 + Θ B^m) (just θ when m = 0). */
function seasonalMaProduct(theta: Float64Array, big: number, m: number): Float64Array {
  if (m === 0) return theta;
  const out = new Float64Array(theta.length + m);
  out.set(theta);
  out[m - 1] += big;
  for (let j = 0; j < theta.length; j++) out[m + j] += big * theta[j];
  return out;
}

/** Applies (1-B)^d then (1-B^m)^D. */
export function difference(y: Float64Array, d: number, seasonalD: number, period: number): Float64Array {
  let w = y;
  for (let k = 0; k < d; k++) w = w.subarray(1).map((v, t) => v - w[t]);
  for (let k = 0; k < seasonalD; k++) w = w.subarray(period).map((v, t) => v - w[t]);
  return w;
}

/** Durbin-Levinson: partial autocorrelations tanh(x_k) -> stationary AR coefficients. */
export function fromPartials(x: ArrayLike<number>): Float64Array {
  const k = x.length;
  let a = new Float64Array(0);
  for (let j = 0; j < k; j++) {
    const r = Math.tanh(x[j]);
    const next = new Float64Array(j + 1);
    for (let i = 0; i < j; i++) next[i] = a[i] - r * a[j - 1 - i];
    next[j] = r;
    a = next;
  }
  return a;
}

/** CSS residuals of w_t = Σ φ_i w_{t-i} + e_t + Σ θ_j e_{t-j}, starting at t = p with e = 0 before. */
function cssResiduals(w: Float64Array, ar: Float64Array, ma: Float64Array): { css: number; residuals: Float64Array } {
  const p = ar.length;
  const residuals = new Float64Array(w.length);
  let css = 0;
  for (let t = p; t < w.length; t++) {
    let e = w[t];
    for (let i = 0; i < p; i++) e -= ar[i] * w[t - 1 - i];
    for (let j = 0; j < ma.length; j++) if (t - 1 - j >= p) e -= ma[j] * residuals[t - 1 - j];
    residuals[t] = e;
    css += e * e;
  }
  return { css, residuals };
}

/** Coefficients φ*_i (y_t = Σ φ*_i y_{t-i} + ...) of φ(B)(1-B)^d(1-B^m)^D. */
function expandAr(ar: Float64Array, d: number, seasonalD: number, period: number): Float64Array {
  // Polynomials as arrays of coefficients of B^0..B^k, with the AR sign convention 1 - Σ φ B^i.
  let poly = [1, ...Array.from(ar, (a) => -a)];
  const multiply = (a: number[], b: number[]) => {
    const out = new Array(a.length + b.length - 1).fill(0);
    a.forEach((x, i) => b.forEach((y, j) => (out[i + j] += x * y)));
    return out;
  };
  for (let k = 0; k < d; k++) poly = multiply(poly, [1, -1]);
  const seasonal = new Array(period + 1).fill(0);
  seasonal[0] = 1;
  seasonal[period] = -1;
  for (let k = 0; k < seasonalD; k++) poly = multiply(poly, seasonal);
  return Float64Array.from(poly.slice(1), (c) => -c);
}

function psiWeights(ar: Float64Array, ma: Float64Array, horizon: number): Float64Array {
  const psi = new Float64Array(horizon);
  psi[0] = 1;
  for (let j = 1; j < horizon; j++) {
    let v = j <= ma.length ? ma[j - 1] : 0;
    for (let i = 1; i <= Math.min(j, ar.length); i++) v += ar[i - 1] * psi[j - i];
    psi[j] = v;
  }
  return psi;
}

/** The seasonal and non-seasonal orders an ARIMA is chosen from (D = 1 at `period`, d = 0: AICs comparable). */
export function candidateOrders(period: number): ArimaOrder[] {
  const out: ArimaOrder[] = [];
  for (const seasonalQ of [0, 1])
    for (let p = 0; p <= 1; p++) for (let q = 0; q <= 1; q++) out.push({ p, d: 0, q, seasonalD: 1, seasonalQ, period });
  return out;
}

/**
 * One order for a group of series, chosen by the summed CSS-AIC over their training windows
 * (`windows`: each series cut at the first evaluation origin, so nothing evaluated is seen).
 */
export function selectArimaOrder(windows: readonly Float64Array[], period = 7): { order: ArimaOrder; aic: number } {
  let best: { order: ArimaOrder; aic: number } | null = null;
  for (const order of candidateOrders(period)) {
    let aic = 0;
    for (const w of windows) aic += fitArima(w, order).aic;
    if (!best || aic < best.aic) best = { order, aic };
  }
  return best!;
}
