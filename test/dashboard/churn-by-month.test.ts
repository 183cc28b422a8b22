// The Business page's churn and MRR movement views: with one export of users they say that churn
// over time needs two or more (counting the exports found); with three they draw the months after
// the first.
import { describe, expect, it } from 'vitest';
import { computePage } from '../../src/dashboard/compute.js';
import { businessPage } from '../../src/dashboard/pages/business.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';

async function warehouseWith(exports: number): Promise<DuckDbEngine> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  await engine.exec(`CREATE SCHEMA gold;
    CREATE TABLE gold.kpi_churn_by_month (snapshot_month DATE, snapshot_at TIMESTAMP, snapshot_no BIGINT, accounts BIGINT, active_accounts BIGINT, active_at_previous BIGINT,
      churned BIGINT, reactivated BIGINT, new_accounts BIGINT, monthly_churn_rate DOUBLE);
    CREATE TABLE gold.kpi_mrr_movement_by_month (snapshot_month DATE, snapshot_at TIMESTAMP, snapshot_no BIGINT, mrr_start DOUBLE, new_mrr DOUBLE, expansion_mrr DOUBLE,
      contraction_mrr DOUBLE, churned_mrr DOUBLE, mrr_end DOUBLE, net_mrr_movement DOUBLE, accounts_new BIGINT, accounts_expanded BIGINT, accounts_contracted BIGINT, accounts_churned BIGINT)`);
  for (let n = 1; n <= exports; n++) {
    const first = n === 1;
    await engine.exec(
      `INSERT INTO gold.kpi_churn_by_month VALUES (DATE '2025-0${6 + n}-01', TIMESTAMP '2025-0${6 + n}-01', ${n}, 100, 90, ${first ? 'NULL' : 95}, ${first ? 'NULL' : 5}, ${first ? 'NULL' : 0}, ${first ? 'NULL' : 3}, ${first ? 'NULL' : 5 / 95})`,
    );
    await engine.exec(`INSERT INTO gold.kpi_mrr_movement_by_month VALUES (DATE '2025-0${6 + n}-01', TIMESTAMP '2025-0${6 + n}-01', ${n}, ${first ? 'NULL' : 1000}, ${first ? 'NULL' : 50}, ${first ? 'NULL' : 20},
      ${first ? 'NULL' : 10}, ${first ? 'NULL' : 60}, 1000, ${first ? 'NULL' : 0}, NULL, NULL, NULL, NULL)`);
  }
  return engine;
}

describe('Business page: churn and MRR over time', () => {
  it('with one export says churn over time needs two or more, naming how many it found', async () => {
    const engine = await warehouseWith(1);
    const result = await computePage(engine, businessPage, {});
    for (const id of ['churn-by-month', 'mrr-movement']) {
      const view = result.views.find((v) => v.id === id)!;
      expect(view.status).toBe('empty');
      expect(view.message).toMatch(/need two or more exports of users .*this warehouse has 1\./);
    }
    await engine.close();
  });

  it('with three exports draws the two months after the first, contraction and churn below zero', async () => {
    const engine = await warehouseWith(3);
    const result = await computePage(engine, businessPage, {});
    const churn = result.views.find((v) => v.id === 'churn-by-month')!;
    expect(churn.status).toBe('ok');
    const option = churn.chart!.option as { xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['2025-08', '2025-09']);
    expect(churn.table!.rows).toHaveLength(3);
    const mrr = result.views.find((v) => v.id === 'mrr-movement')!;
    const series = (mrr.chart!.option as { series: Array<{ name: string; data: number[] }> }).series;
    expect(series.find((s) => s.name === 'Churned')!.data).toEqual([-60, -60]);
    expect(series.find((s) => s.name === 'New')!.data).toEqual([50, 50]);
    await engine.close();
  });
});
