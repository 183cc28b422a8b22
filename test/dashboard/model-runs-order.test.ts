// The ML page's model-run table lists the latest pipeline run first and, within a run, by use case and
// model: the ML steps of one run may train side by side in worker threads, so their training times
// (which thread finished first) must not decide the order.
import { describe, expect, it } from 'vitest';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';

describe('ML model runs table', () => {
  it('orders by pipeline run, latest first, then by use case and model, not by training time', async () => {
    const view = PAGES.find((p) => p.name === 'ml')!.views.find((v) => v.id === 'model-runs')!;
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    try {
      await engine.exec(`CREATE SCHEMA ml; CREATE TABLE ml.model_runs (run_id VARCHAR, use_case VARCHAR, model VARCHAR,
        trained_at TIMESTAMP, data_window VARCHAR, n_train BIGINT, n_test BIGINT, seed BIGINT)`);
      await engine.exec(`INSERT INTO ml.model_runs VALUES
        ('r_old', 'sentiment', 'vader', '2026-12-01 10:00:09', 'w', 1, 1, 42),
        ('r_old', 'churn', 'gbt', '2026-12-01 10:00:01', 'w', 1, 1, 42),
        ('r_new', 'sentiment', 'vader', '2026-12-02 10:00:03', 'w', 1, 1, 42),
        ('r_new', 'forecast', 'arima', '2026-12-02 10:00:07', 'w', 1, 1, 42),
        ('r_new', 'churn', 'logistic', '2026-12-02 10:00:05', 'w', 1, 1, 42),
        ('r_new', 'churn', 'gbt', '2026-12-02 10:00:05', 'w', 1, 1, 42)`);
      const rows = await engine.query<{ run_id: string; use_case: string; model: string }>(view.query!({}));
      expect(rows.map((r) => `${r.run_id} ${r.use_case} ${r.model}`)).toEqual([
        'r_new churn gbt',
        'r_new churn logistic',
        'r_new forecast arima',
        'r_new sentiment vader',
        'r_old churn gbt',
        'r_old sentiment vader',
      ]);
    } finally {
      await engine.close();
    }
  });
});
