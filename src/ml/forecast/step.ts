// The ml.forecast step as the pipeline plans it: its name, the tables it reads and writes. Its work
// (run.ts, and the models behind it) is imported only when the step runs, so a process that plans
// or runs other steps (`marquee run --through gold`, the main thread beside the ML worker threads)
// never loads the ML code.
import type { StepContext, StepResult, TsStep } from '../../pipeline/step.js';
import { SHARED_ML_TABLES } from '../publish/tables.js';
import { ML_SETTINGS } from '../settings.js';
import { DAILY_KPI_TABLE, KPI_ANOMALIES, TITLE_FORECASTS, VIEWS_TABLE } from './tables.js';

export const forecastStep: TsStep = {
  kind: 'ts',
  name: 'ml.forecast',
  layer: 'ml',
  description: `Popularity forecasting: MSTL-ETS, ARIMA, Prophet and an LSTM against naive, seasonal-naive, trailing-mean and zero baselines on the catalogue and the top titles (validation then test rolling origins, Diebold-Mariano with Holm), 28-day forecasts with intervals for the top ${ML_SETTINGS.forecast.topTitles} titles, and the early-engagement trending claim.`,
  deps: [VIEWS_TABLE, 'silver.movies', DAILY_KPI_TABLE],
  produces: [TITLE_FORECASTS.name, KPI_ANOMALIES.name],
  writesShared: SHARED_ML_TABLES,
  threaded: true,
  module: import.meta.url,
  async run(ctx: StepContext): Promise<StepResult> {
    const { runForecast } = await import('./run.js');
    return (await runForecast(ctx)).result;
  },
};
