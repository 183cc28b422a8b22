// Comparison periods on the KPI cards: month on month and year on year computed from the card's own
// series, and "no comparison: only one period" when there is one. The Overview's subscription cards
// read gold.kpi_subscriptions_by_export when it holds two or more export months, else the snapshot.
import { afterEach, describe, expect, it } from 'vitest';
import { computePage } from '../../src/dashboard/compute.js';
import { buildKpiCards, compareLatest, monthsBefore, ONLY_ONE_PERIOD } from '../../src/dashboard/kpi-card.js';
import { overviewPage } from '../../src/dashboard/pages/overview.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { kpi } from '../../src/gold/kpis.js';

const NBSP = '\u00a0';
let engine: DuckDbEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('comparison periods', () => {
  it('counts months back across a year boundary', () => {
    expect(monthsBefore('2025-01', 1)).toBe('2024-12');
    expect(monthsBefore('2025-09', 12)).toBe('2024-09');
    expect(monthsBefore('now', 1)).toBeUndefined();
  });

  it('compares the latest month with the month before and the same month a year before', () => {
    const series: Array<[string, number]> = [
      ['2024-08', 0.1],
      ['2024-09', 0.2],
      ['2025-08', 0.25],
      ['2025-09', 0.22],
    ];
    const [mom, yoy] = compareLatest('percent', 'down', series);
    expect(mom).toEqual({ kind: 'month on month', against: '2025-08', text: `−3.0${NBSP}pp vs 2025-08`, tone: 'good' });
    expect(yoy).toEqual({ kind: 'year on year', against: '2024-09', text: `+2.0${NBSP}pp vs 2024-09`, tone: 'bad' });
  });

  it('says when there is no year-ago period, and names a gap between exports as the previous period', () => {
    const [previous, yoy] = compareLatest('count', 'up', [
      ['2025-06', 100],
      ['2025-09', 110],
    ]);
    expect(previous).toMatchObject({ kind: 'previous period', against: '2025-06', text: `+10.0${NBSP}% vs 2025-06`, tone: 'good' });
    expect(yoy).toEqual({ kind: 'year on year', against: null, text: 'no year-on-year: no 2024-09 in the data', tone: 'neutral' });
  });

  it('a card with one period has no comparison and says so', () => {
    const [card] = buildKpiCards([kpi('mrr')], [{ kpi: 'mrr', period: 'now', value: 10 }]);
    expect(card.comparisons).toEqual([]);
    expect(card.note).toBe(ONLY_ONE_PERIOD);
    const [twoPeriods] = buildKpiCards(
      [kpi('mrr')],
      [
        { kpi: 'mrr', period: '2025-08', value: 10 },
        { kpi: 'mrr', period: '2025-09', value: 12 },
      ],
    );
    expect(twoPeriods.note).toBeUndefined();
    expect(twoPeriods.comparisons[0].text).toBe(`+20.0${NBSP}% vs 2025-08`);
  });
});

async function subscriptionWarehouse(exportMonths: string[]): Promise<DuckDbEngine> {
  const e = await DuckDbEngine.open({ path: ':memory:' });
  await e.exec(`CREATE SCHEMA gold;
    CREATE TABLE gold.kpi_churn_by_segment (dimension VARCHAR, value VARCHAR, subscribers BIGINT, active_subscribers BIGINT, churn_rate DOUBLE, mrr DOUBLE);
    INSERT INTO gold.kpi_churn_by_segment VALUES ('overall', 'all', 100, 80, 0.2, 999.5);`);
  if (exportMonths.length > 0) {
    await e.exec(
      `CREATE TABLE gold.kpi_subscriptions_by_export (snapshot_month DATE, snapshot_at TIMESTAMP, snapshot_no BIGINT, active_subscribers BIGINT, churn_rate DOUBLE, mrr DOUBLE)`,
    );
    for (const [i, month] of exportMonths.entries()) {
      // Active subscribers 70, 71, ...; churn 30 %, 29 %, ...; MRR 700, 710, ...
      await e.exec(
        `INSERT INTO gold.kpi_subscriptions_by_export VALUES (DATE '${month}-01', TIMESTAMP '${month}-01', ${i + 1}, ${70 + i}, ${(30 - i) / 100}, ${700 + 10 * i})`,
      );
    }
  }
  return e;
}

const snapshotCards = async (e: DuckDbEngine) =>
  (await computePage(e, overviewPage, {})).views.find((v) => v.id === 'subscription-snapshot')!;

describe('Overview subscription cards', () => {
  it('without export history: the snapshot, and no comparison', async () => {
    engine = await subscriptionWarehouse([]);
    const view = await snapshotCards(engine);
    const churn = view.cards!.find((c) => c.name === 'churn_rate')!;
    expect(churn.valueText).toBe(`20.0${NBSP}%`);
    expect(churn.comparisons).toEqual([]);
    expect(churn.note).toBe('no comparison: only one period (one export of users)');
  });

  it('with one export month: still the snapshot, no comparison', async () => {
    engine = await subscriptionWarehouse(['2025-09']);
    const view = await snapshotCards(engine);
    expect(view.cards!.find((c) => c.name === 'mrr')!).toMatchObject({ period: 'now', value: 999.5, comparisons: [] });
  });

  it('with thirteen export months: the latest export, month on month and year on year from the data', async () => {
    const months = Array.from({ length: 13 }, (_, i) => monthsBefore('2025-09', 12 - i)!);
    engine = await subscriptionWarehouse(months);
    const view = await snapshotCards(engine);
    const card = (name: string) => view.cards!.find((c) => c.name === name)!;
    // The latest export is the 13th: active 82, churn 18 %, MRR 820; a month before 81 / 19 % / 810; a year before 70 / 30 % / 700.
    expect(card('active_subscribers')).toMatchObject({ period: '2025-09', value: 82 });
    expect(card('churn_rate').comparisons.map((c) => [c.kind, c.text, c.tone])).toEqual([
      ['month on month', `−1.0${NBSP}pp vs 2025-08`, 'good'],
      ['year on year', `−12.0${NBSP}pp vs 2024-09`, 'good'],
    ]);
    expect(card('mrr').comparisons.map((c) => c.text)).toEqual([`+1.2${NBSP}% vs 2025-08`, `+17.1${NBSP}% vs 2024-09`]);
    expect(card('mrr').note).toBeUndefined();
  });
});
