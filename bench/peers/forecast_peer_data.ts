/**
 * Writes five synthetic 2-year daily view series and our rolling-origin results (28-day
 * horizon, origins every 28 days from day 365) for forecast_statsmodels.py to compare against.
 * Usage: npx tsx bench/peers/forecast_peer_data.ts [outDir=tmp/peers/forecast]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arima } from '../../src/ml/forecast/arima.js';
import { holtWinters } from '../../src/ml/forecast/holt_winters.js';
import { rollingOrigin } from '../../src/ml/forecast/rolling_origin.js';
import { seasonalNaive } from '../../src/ml/forecast/seasonal_naive.js';
import { syntheticDailyViews } from './forecast_synthetic.js';

const outDir = process.argv[2] ?? 'tmp/peers/forecast';
mkdirSync(outDir, { recursive: true });
const holidays = [185, 359, 550, 724];
const series = [1, 2, 3, 4, 5].map((seed) => syntheticDailyViews({ seed, base: 10 * seed, holidayDays: holidays }).views);
writeFileSync(
  join(outDir, 'series.csv'),
  ['series,day,views', ...series.flatMap((s, k) => Array.from(s, (v, t) => `${k},${t},${v}`))].join('\n') + '\n',
);
const options = { horizon: 28, step: 28, minTrain: 365, level: 0.9, period: 7 };
const results: Record<string, unknown> = { options };
for (const model of [seasonalNaive(7), holtWinters(7), arima({ p: 1, d: 0, q: 1, seasonalD: 1, seasonalQ: 1, period: 7 })]) {
  const r = rollingOrigin(series, model, options);
  results[model.name] = { ...r.overall, msPerForecast: (1000 * r.seconds) / r.forecasts, forecasts: r.forecasts };
}
writeFileSync(join(outDir, 'marquee.json'), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
