// The views added for analysts: daily KPI series with anomalies marked (and none when the anomaly table
// is absent), the customer-segment filter, and the title page headed by the title's name with its
// forecast or the computed reason it has none. Each on a small in-memory warehouse.
import { afterEach, describe, expect, it } from 'vitest';
import { computePage, missingMessage } from '../../src/dashboard/compute.js';
import { FilterError, parseFilters, whereFilters } from '../../src/dashboard/filters.js';
import { engagementPage } from '../../src/dashboard/pages/engagement.js';
import { recommendationsPage } from '../../src/dashboard/pages/recommendations.js';
import { titlePage } from '../../src/dashboard/pages/title.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';

let engine: DuckDbEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** Five days of sessions on two devices; with `anomalies`, day 3 an outlier and day 5 both kinds. */
async function dailyWarehouse(anomalies: boolean): Promise<DuckDbEngine> {
  const e = await DuckDbEngine.open({ path: ':memory:' });
  await e.exec(`CREATE SCHEMA gold;
    CREATE TABLE gold.kpi_daily_by_segment AS SELECT CAST(DATE '2025-03-01' + INTERVAL (d) DAY AS DATE) AS day, 'USA' AS country, 'Basic' AS subscription_plan, device,
      CAST(10 + d AS BIGINT) AS sessions, 1.0 AS watch_hours, CAST(5 AS BIGINT) AS completed_sessions, CAST(10 AS BIGINT) AS timed_sessions,
      CAST(100 AS BIGINT) AS impressions, CAST(d AS BIGINT) AS clicks, CAST(1 AS BIGINT) AS searches, CAST(0 AS BIGINT) AS searches_clicked,
      CAST(0 AS BIGINT) AS reviews, CAST(0 AS BIGINT) AS rated_reviews, 0.0 AS rating_sum
    FROM range(5) r(d), (VALUES ('Mobile'), ('TV')) v(device);`);
  if (anomalies)
    await e.exec(`CREATE TABLE gold.kpi_anomalies_by_day (kpi VARCHAR, day DATE, value DOUBLE, expected DOUBLE, score DOUBLE, kind VARCHAR, run_id VARCHAR);
      INSERT INTO gold.kpi_anomalies_by_day VALUES
        ('sessions', DATE '2025-03-03', 24, 20, 5.1, 'outlier', 'r1'),
        ('sessions', DATE '2025-03-05', 28, 22, 4.4, 'outlier', 'r1'),
        ('sessions', DATE '2025-03-05', 28, 22, 4.4, 'changepoint', 'r1'),
        ('ctr', DATE '2025-03-02', 0.01, 0.02, -4.2, 'outlier', 'r1');`);
  return e;
}

describe('daily KPI series with anomalies', () => {
  it('marks each flagged day at its value and counts the marks in the note', async () => {
    engine = await dailyWarehouse(true);
    const page = await computePage(engine, engagementPage, {});
    const view = page.views.find((v) => v.id === 'sessions-by-day')!;
    expect(view.status).toBe('ok');
    const series = (view.chart!.option.series as Array<{ data: number[]; markPoint: { data: Array<{ coord: [string, number] }> } }>)[0];
    expect(series.data).toEqual([20, 22, 24, 26, 28]);
    expect(series.markPoint.data.map((m) => m.coord)).toEqual([
      ['2025-03-03', 24],
      ['2025-03-05', 28],
      ['2025-03-05', 28],
    ]);
    expect(view.note).toBe(
      'Marked: 2 outlier days (red) and 1 changepoint (orange) from gold.kpi_anomalies_by_day: 2025-03-03, 2025-03-05.',
    );
    // The date filter cuts the line and its marks together.
    const cut = (await computePage(engine, engagementPage, { to: '2025-03-04' })).views.find((v) => v.id === 'sessions-by-day')!;
    expect(cut.note).toBe('Marked: 1 outlier day (red) and 0 changepoints (orange) from gold.kpi_anomalies_by_day: 2025-03-03.');
  });

  it('marks a day the line leaves blank (no impressions) where the detector saw it', async () => {
    engine = await dailyWarehouse(true);
    await engine.exec(`UPDATE gold.kpi_daily_by_segment SET impressions = 0, clicks = 0 WHERE day = DATE '2025-03-02'`);
    const view = (await computePage(engine, recommendationsPage, {})).views.find((v) => v.id === 'ctr-by-day')!;
    const series = (
      view.chart!.option.series as Array<{ data: Array<number | null>; markPoint: { data: Array<{ coord: [string, number] }> } }>
    )[0];
    expect(series.data[1]).toBeNull();
    expect(series.markPoint.data.map((m) => m.coord)).toEqual([['2025-03-02', 0.01]]);
    expect(view.note).toMatch(/^Marked: 1 outlier day \(red\) and 0 changepoints/);
  });

  it('without gold.kpi_anomalies_by_day draws the series with no marks and says why, no error', async () => {
    engine = await dailyWarehouse(false);
    const view = (await computePage(engine, engagementPage, {})).views.find((v) => v.id === 'sessions-by-day')!;
    expect(view.status).toBe('ok');
    const series = (view.chart!.option.series as Array<{ markPoint: { data: unknown[] } }>)[0];
    expect(series.markPoint.data).toEqual([]);
    expect(view.note).toMatch(/^No anomaly marks: gold.kpi_anomalies_by_day is not in the warehouse/);
  });
});

describe('customer segment filter', () => {
  it('accepts the RFM segment names and nothing else', () => {
    expect(parseFilters(new URLSearchParams('segment=Champions'))).toEqual({ segment: 'Champions' });
    expect(parseFilters(new URLSearchParams("segment=Can't+Lose+Them"))).toEqual({ segment: "Can't Lose Them" });
    expect(() => parseFilters(new URLSearchParams('segment=Whales'))).toThrow(FilterError);
    expect(whereFilters({ segment: 'Loyal' }, { segment: 'user_id' }).text).toMatch(
      /user_id" IN \(SELECT user_id FROM gold.user_segments WHERE rfm_segment = /,
    );
  });

  async function perAccountWarehouse(withSegments: boolean): Promise<DuckDbEngine> {
    const e = await DuckDbEngine.open({ path: ':memory:' });
    await e.exec(`CREATE SCHEMA gold;
      CREATE TABLE gold.kpi_engagement_by_user_month (user_id VARCHAR, month DATE, sessions BIGINT, watch_hours DOUBLE);
      INSERT INTO gold.kpi_engagement_by_user_month VALUES
        ('u1', DATE '2025-01-01', 3, 1.5), ('u2', DATE '2025-01-01', 5, 2.0), ('u3', DATE '2025-01-01', 0, 0.0), ('u1', DATE '2025-02-01', 4, 2.5);`);
    if (withSegments)
      await e.exec(`CREATE TABLE gold.user_segments (user_id VARCHAR, rfm_segment VARCHAR);
        INSERT INTO gold.user_segments VALUES ('u1', 'Champions'), ('u2', 'At Risk'), ('u3', 'At Risk');`);
    return e;
  }

  it('splits and filters per-account engagement by segment, and offers only segments with accounts', async () => {
    engine = await perAccountWarehouse(true);
    const all = await computePage(engine, engagementPage, {});
    const view = all.views.find((v) => v.id === 'segment-engagement-by-month')!;
    expect(view.filters).toEqual(['from', 'to', 'segment']);
    expect(view.table!.rows).toEqual([
      { month: '2025-01', segment: 'At Risk', accounts: 1, sessions: 5, watch_hours: 2 },
      { month: '2025-01', segment: 'Champions', accounts: 1, sessions: 3, watch_hours: 1.5 },
      { month: '2025-02', segment: 'Champions', accounts: 1, sessions: 4, watch_hours: 2.5 },
    ]);
    expect(all.filterValues?.segment).toEqual(['At Risk', 'Champions']);
    const champions = (await computePage(engine, engagementPage, { segment: 'Champions' })).views.find(
      (v) => v.id === 'segment-engagement-by-month',
    )!;
    expect(champions.table!.rows.map((r) => [r.month, r.segment, r.sessions])).toEqual([
      ['2025-01', 'Champions', 3],
      ['2025-02', 'Champions', 4],
    ]);
    const empty = (await computePage(engine, engagementPage, { segment: 'Loyal' })).views.find(
      (v) => v.id === 'segment-engagement-by-month',
    )!;
    expect(empty.message).toBe('No rows for these filters (segment).');
  });

  it('before the segmentation step has run: one "no segment" line and no segment values to offer', async () => {
    engine = await perAccountWarehouse(false);
    const page = await computePage(engine, engagementPage, {});
    const view = page.views.find((v) => v.id === 'segment-engagement-by-month')!;
    expect(view.table!.rows.map((r) => [r.month, r.segment, r.accounts])).toEqual([
      ['2025-01', 'no segment', 2],
      ['2025-02', 'no segment', 1],
    ]);
    expect(page.filterValues?.segment ?? []).toEqual([]);
  });
});

describe('title drill-down', () => {
  async function titleWarehouse(forecasts: boolean): Promise<DuckDbEngine> {
    const e = await DuckDbEngine.open({ path: ':memory:' });
    await e.exec(`CREATE SCHEMA gold;
      CREATE TABLE gold.kpi_content_by_title (movie_id VARCHAR, title VARCHAR, popularity_rank BIGINT);
      INSERT INTO gold.kpi_content_by_title VALUES ('movie_0001', 'The Long Night', 1), ('movie_0002', 'Quiet Rooms', 87);
      CREATE TABLE gold.title_forecasts (movie_id VARCHAR, day DATE, forecast DOUBLE, lo DOUBLE, hi DOUBLE, model VARCHAR, run_id VARCHAR);`);
    if (forecasts)
      await e.exec(`INSERT INTO gold.title_forecasts VALUES
        ('movie_0001', DATE '2025-10-02', 12, 8, 16, 'prophet', 'r1'), ('movie_0001', DATE '2025-10-03', 11, 7, 15, 'prophet', 'r1'),
        ('movie_0003', DATE '2025-10-02', 5, 2, 8, 'prophet', 'r1'), ('__catalogue__', DATE '2025-10-02', 500, 450, 550, 'prophet', 'r1')`);
    return e;
  }
  const forecastView = async (e: DuckDbEngine, title?: string) => {
    const page = await computePage(e, titlePage, title ? { title } : {});
    return { page, view: page.views.find((v) => v.id === 'title-forecast')! };
  };

  it("is headed by the title's name and draws its forecast with the interval and model", async () => {
    engine = await titleWarehouse(true);
    const { page, view } = await forecastView(engine, 'movie_0001');
    expect(page.title).toBe('The Long Night');
    expect(view.status).toBe('ok');
    expect((view.chart!.option.series as Array<{ name: string; data: number[] }>).map((s) => [s.name, s.data])).toEqual([
      ['forecast', [12, 11]],
      ['90 % low', [8, 7]],
      ['90 % high', [16, 15]],
    ]);
    expect(view.note).toBe('Forecast by prophet for 2 days, 2025-10-02 to 2025-10-03; the grey lines bound its 90 % prediction interval.');
  });

  it('says why a title has no forecast, from the published titles and its rank', async () => {
    engine = await titleWarehouse(true);
    const { view } = await forecastView(engine, 'movie_0002');
    expect(view.status).toBe('empty');
    expect(view.message).toBe(
      'No forecast for "Quiet Rooms": the forecasting run publishes the 2 titles with the most views in its first training window, and this title is not among them (it ranks #87 by all-time views).',
    );
    const none = await titleWarehouse(false);
    try {
      expect((await forecastView(none, 'movie_0001')).view.message).toBe(
        'No forecast for "The Long Night": the latest forecasting run published no title forecasts (only the catalogue total, if any).',
      );
    } finally {
      await none.close();
    }
  });

  it('before the ML layer has run, the forecast view says to run the pipeline through ml', () => {
    expect(missingMessage(['gold.title_forecasts'])).toBe('Not available yet: run the pipeline through ml (missing gold.title_forecasts).');
    expect(missingMessage(['gold.kpi_content_by_title'])).toMatch(/through gold \(/);
  });

  it('without a title: the page keeps its generic heading and every view says how to pick one', async () => {
    engine = await titleWarehouse(true);
    const { page, view } = await forecastView(engine);
    expect(page.title).toBe('Title');
    expect(view.message).toMatch(/^Pick a title first/);
  });
});
