// The filterable headline series over gold.kpi_daily_by_segment, on hand-made rows whose answers
// are worked out by hand: complete months only, rates as ratios of summed parts, filters bound.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { buildKpiCards } from '../../src/dashboard/kpi-card.js';
import { MONTHLY_HEADLINE, SNAPSHOT_HEADLINE, monthlyKpiRows } from '../../src/dashboard/segment-filter.js';
import { kpi } from '../../src/gold/kpis.js';

let engine: DuckDbEngine;

beforeEach(async () => {
  engine = await DuckDbEngine.open({ path: ':memory:' });
  await engine.exec(`
    CREATE SCHEMA gold;
    CREATE TABLE gold.kpi_daily_by_segment (day DATE, country VARCHAR, subscription_plan VARCHAR, device VARCHAR,
      sessions BIGINT, watch_hours DOUBLE, completed_sessions BIGINT, timed_sessions BIGINT, impressions BIGINT, clicks BIGINT,
      searches BIGINT, searches_clicked BIGINT, reviews BIGINT, rated_reviews BIGINT, rating_sum BIGINT);
    INSERT INTO gold.kpi_daily_by_segment VALUES
      -- data covers 2025-01-01 .. 2025-03-15: March is incomplete and must not be the latest month
      ('2025-01-01', 'USA',    'Basic',   'Mobile',   10, 5.0, 4, 10, 100, 10, 20, 10, 4, 4, 12),
      ('2025-01-31', 'Canada', 'Premium', 'Smart TV', 10, 15.0, 1, 10, 100, 30, 0, 0, 0, 0, 0),
      ('2025-02-10', 'USA',    'Basic',   'Mobile',   30, 20.0, 6, 30, 50, 5, 10, 2, 2, 2, 10),
      ('2025-02-20', 'Canada', 'Premium', 'Smart TV',  5, 2.5, 5, 5, 0, 0, 0, 0, 0, 0, 0),
      ('2025-03-15', 'USA',    'Basic',   'Mobile',   99, 99.0, 99, 99, 99, 99, 99, 99, 9, 9, 45);
    -- Imputed hours and completed-under-50% sessions: their own headline measures.
    ALTER TABLE gold.kpi_daily_by_segment ADD COLUMN imputed_watch_hours DOUBLE DEFAULT 1.0;
    ALTER TABLE gold.kpi_daily_by_segment ADD COLUMN completed_low_progress_sessions BIGINT DEFAULT 1;
  `);
});
afterEach(async () => {
  await engine.close();
});

/** rows -> { kpi: { period: value } } */
async function series(filters: Parameters<typeof monthlyKpiRows>[0]): Promise<Record<string, Record<string, number>>> {
  const rows = await engine.query<{ kpi: string; period: string; value: number }>(monthlyKpiRows(filters, MONTHLY_HEADLINE));
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.kpi] ??= {})[r.period] = Number(r.value);
  return out;
}

describe('headline KPIs from the segment table', () => {
  it('splits headline KPIs into monthly (from the segment table) and snapshot ones, from the declarations', () => {
    expect(MONTHLY_HEADLINE.map((k) => k.name)).toEqual([
      'sessions',
      'watch_hours',
      'imputed_watch_hours',
      'completion_rate',
      'completed_low_progress_share',
      'ctr',
      'search_click_through',
      'avg_rating',
    ]);
    expect(SNAPSHOT_HEADLINE.map((k) => k.name)).toEqual(['active_subscribers', 'churn_rate', 'mrr']);
  });

  it('gives complete months only, with rates as ratios of the summed parts', async () => {
    const s = await series({});
    expect(Object.keys(s.sessions)).toEqual(['2025-01', '2025-02']);
    expect(s.sessions).toEqual({ '2025-01': 20, '2025-02': 35 });
    expect(s.watch_hours).toEqual({ '2025-01': 20, '2025-02': 22.5 });
    expect(s.completion_rate['2025-01']).toBeCloseTo(5 / 20, 12);
    expect(s.completion_rate['2025-02']).toBeCloseTo(11 / 35, 12);
    expect(s.ctr['2025-01']).toBeCloseTo(40 / 200, 12);
    expect(s.search_click_through['2025-02']).toBeCloseTo(2 / 10, 12);
    expect(s.avg_rating).toEqual({ '2025-01': 3, '2025-02': 5 });
  });

  it('applies country, plan and device filters as bound parameters', async () => {
    const query = monthlyKpiRows({ country: 'Canada', plan: 'Premium', device: 'Smart TV' }, MONTHLY_HEADLINE);
    expect(query.text).not.toContain('Canada');
    expect(query.params).toEqual(['Canada', 'Premium', 'Smart TV']);
    const s = await series({ country: 'Canada' });
    expect(s.sessions).toEqual({ '2025-01': 10, '2025-02': 5 });
    expect(s.completion_rate['2025-02']).toBe(1);
    // No impressions for Canada in February: the rate is missing, not zero or an error.
    expect(s.ctr).toEqual({ '2025-01': 0.3 });
    expect(await series({ device: 'Tablet' })).toEqual({});
  });

  it('drops months the date range cuts into', async () => {
    expect(Object.keys((await series({ from: '2025-01-15' })).sessions)).toEqual(['2025-02']);
    expect(Object.keys((await series({ to: '2025-02-27' })).sessions)).toEqual(['2025-01']);
    expect(Object.keys((await series({ from: '2025-01-01', to: '2025-03-31' })).sessions)).toEqual(['2025-01', '2025-02']);
  });

  it('cards show the latest complete month and the change against the month before', async () => {
    const rows = await engine.query(monthlyKpiRows({}, MONTHLY_HEADLINE));
    const cards = buildKpiCards(MONTHLY_HEADLINE, rows);
    const sessions = cards.find((c) => c.name === 'sessions')!;
    expect(sessions.label).toBe(kpi('sessions').label);
    expect([sessions.period, sessions.valueText, sessions.changeText, sessions.tone]).toEqual(['2025-02', '35', '+75.0\u00a0%', 'good']);
    const completion = cards.find((c) => c.name === 'completion_rate')!;
    expect(completion.changeText).toBe('+6.4\u00a0pp');
    const snapshot = buildKpiCards(
      SNAPSHOT_HEADLINE,
      [{ kpi: 'mrr', period: 'now', value: 1234.5 }],
      'current snapshot: no monthly history to compare',
    );
    expect(snapshot.find((c) => c.name === 'mrr')).toMatchObject({
      valueText: '$1,235',
      changeText: null,
      note: 'current snapshot: no monthly history to compare',
    });
  });
});
