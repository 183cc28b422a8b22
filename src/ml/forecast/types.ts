/** What every forecaster returns and the interface the rolling-origin evaluation calls. */

export interface Forecast {
  /** Point forecasts for steps 1..h after the end of the history. */
  readonly mean: Float64Array;
  /** Lower/upper bounds of the central prediction interval at `level`. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly level: number;
}

export interface Forecaster {
  readonly name: string;
  forecast(history: Float64Array, horizon: number, level: number): Forecast;
}

/** View counts cannot be negative: floor mean and bounds at zero (an interval stays an interval). */
export function clampNonNegative(f: Forecast): Forecast {
  const clamp = (a: Float64Array) => a.map((v) => Math.max(0, v));
  return { mean: clamp(f.mean), lower: clamp(f.lower), upper: clamp(f.upper), level: f.level };
}

/** Wraps a forecaster so its output is clamped at zero. */
export function nonNegative(inner: Forecaster): Forecaster {
  return { name: inner.name, forecast: (y, h, level) => clampNonNegative(inner.forecast(y, h, level)) };
}

/** Gaussian interval mean ± z * sd[h] for each step. */
export function gaussianForecast(mean: Float64Array, sd: Float64Array, level: number): Forecast {
  const z = normalQuantile(0.5 + level / 2);
  return {
    mean,
    lower: mean.map((m, h) => m - z * sd[h]),
    upper: mean.map((m, h) => m + z * sd[h]),
    level,
  };
}

/** Standard normal CDF via the Chebyshev erfc fit of Numerical Recipes (relative error < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Inverse of normalCdf by bisection (60 halvings: exact to double precision of the CDF fit). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be in (0, 1), got ${p}`);
  let lo = -40;
  let hi = 40;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
