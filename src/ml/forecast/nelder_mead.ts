/**
 * Nelder-Mead simplex minimisation (standard coefficients: reflect 1, expand 2, contract 0.5,
 * shrink 0.5). Used to fit the few smoothing / ARMA parameters, which live on unconstrained
 * scales (logit, tanh) so the simplex never needs bounds.
 */
export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

export function nelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: { step?: number; maxIterations?: number; tolerance?: number } = {},
): NelderMeadResult {
  const n = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 200 * Math.max(1, n);
  const tolerance = options.tolerance ?? 1e-10;
  const safe = (x: Float64Array) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  if (n === 0) {
    const x = new Float64Array(0);
    return { x, value: safe(x), iterations: 0 };
  }
  const points: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(start);
    p[i] += step;
    points.push(p);
  }
  let values = points.map(safe);
  const centroid = new Float64Array(n);
  const along = (coef: number) => {
    const worst = points[n];
    return centroid.map((c, i) => c + coef * (c - worst[i]));
  };
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sortedPoints = order.map((i) => points[i]);
    values = order.map((i) => values[i]);
    points.splice(0, points.length, ...sortedPoints);
    if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) break;
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d] += points[i][d] / n;
    const reflected = along(1);
    const fr = safe(reflected);
    if (fr < values[0]) {
      const expanded = along(2);
      const fe = safe(expanded);
      if (fe < fr) [points[n], values[n]] = [expanded, fe];
      else [points[n], values[n]] = [reflected, fr];
    } else if (fr < values[n - 1]) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? along(0.5) : along(-0.5);
      const fc = safe(contracted);
      if (fc < Math.min(fr, values[n])) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          for (let d = 0; d < n; d++) points[i][d] = points[0][d] + 0.5 * (points[i][d] - points[0][d]);
          values[i] = safe(points[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: points[best], value: values[best], iterations };
}
