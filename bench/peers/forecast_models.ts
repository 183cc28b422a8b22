/**
 * Every forecaster on five synthetic 2-year daily series (rolling origin, 28-day horizon, origins
 * every 28 days from day 365), plus weekly totals. Usage: npx tsx bench/peers/forecast_models.ts
 */
import { arima } from '../../src/ml/forecast/arima.js';
import { holtWinters } from '../../src/ml/forecast/holt_winters.js';
import { rollingOrigin } from '../../src/ml/forecast/rolling_origin.js';
import { seasonalNaive } from '../../src/ml/forecast/seasonal_naive.js';
import { syntheticDailyViews } from './forecast_synthetic.js';
import { trendRegression } from '../../src/ml/forecast/trend_regression.js';
import { nonNegative } from '../../src/ml/forecast/types.js';
import { weeklyTotals } from '../../src/ml/forecast/series.js';
const holidays = [359, 724, 185, 550];
const series = [1, 2, 3, 4, 5].map((seed) => syntheticDailyViews({ seed, base: 10 * seed, holidayDays: holidays }).views);
const models = [
  seasonalNaive(7),
  holtWinters(7),
  arima({ p: 1, d: 0, q: 1, seasonalD: 1, seasonalQ: 1, period: 7 }),
  arima('auto'),
  trendRegression({ holidays: [{ name: 'h', days: holidays }] }),
  trendRegression({ holidays: [{ name: 'h', days: holidays }], transform: 'log1p' }),
];
for (const m of models) {
  const r = rollingOrigin(series, nonNegative(m), { horizon: 28, step: 28, minTrain: 365, level: 0.9 });
  const o = r.overall;
  console.log(
    m.name.padEnd(28),
    `forecasts ${r.forecasts} ${((r.seconds * 1000) / r.forecasts).toFixed(1)} ms each | MAE ${o.mae.toFixed(2)} MASE ${o.mase.toFixed(3)} sMAPE ${o.smape.toFixed(1)} cov90 ${o.coverage.toFixed(3)} | h1 MASE ${r.byHorizon.mase[0].toFixed(3)} h28 ${r.byHorizon.mase[27].toFixed(3)}`,
  );
}
const weekly = series.map((s) => weeklyTotals(s));
// Weekly totals: 52 training weeks cannot hold the two yearly seasons Holt-Winters needs, so it uses a 4-week season here.
for (const m of [seasonalNaive(52), holtWinters(4), arima({ p: 1, d: 1, q: 1 })]) {
  const r = rollingOrigin(weekly, m, { horizon: 8, step: 4, minTrain: 52, level: 0.9, period: 52 });
  console.log('weekly', m.name.padEnd(22), `MASE ${r.overall.mase.toFixed(3)} cov90 ${r.overall.coverage.toFixed(3)}`);
}
