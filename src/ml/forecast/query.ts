// Read side for pages that show one series' forecast (the dashboard's forecast view, the title
// drill-down): the 28-day forecast with its interval and the model it came from.
import type { Engine } from '../../engine/engine.js';
import { TITLE_FORECASTS } from './tables.js';

export interface ForecastPoint {
  day: string;
  forecast: number;
  lo: number;
  hi: number;
  model: string;
}

/** One title's published forecast (movie_id '__catalogue__' for the catalogue), by day; [] when the title is not forecast. */
export async function titleForecast(engine: Pick<Engine, 'query'>, movieId: string): Promise<ForecastPoint[]> {
  const id = movieId.replaceAll("'", "''");
  const rows = await engine.query(
    `SELECT CAST(day AS VARCHAR) AS day, forecast, lo, hi, model FROM ${TITLE_FORECASTS.name} WHERE movie_id = '${id}' ORDER BY day`,
  );
  return rows.map((r) => ({
    day: String(r.day).slice(0, 10),
    forecast: Number(r.forecast),
    lo: Number(r.lo),
    hi: Number(r.hi),
    model: String(r.model),
  }));
}
