import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { runForecast } from '../../../src/ml/forecast/run.js';
import { CLAIM_LEVELS } from '../../../src/ml/core/claims.js';
import { buildFixture, type Fixture } from '../helpers/pipeline-fixture.js';

// Small settings keep this under a few minutes on a shared 2-core machine: 3 evaluated titles, 10 published, a 3 s LSTM.
const small = { topTitles: 10, evaluatedTitles: 3, lstmMaxEpochs: 10, B: 100 };

describe('ml.forecast end to end', () => {
  const built: Record<string, { f: Fixture; engine: DuckDbEngine }> = {};
  beforeAll(async () => {
    for (const signal of ['realistic', 'none'] as const) {
      const f = await buildFixture(signal, 0.2, 17);
      built[signal] = { f, engine: await f.open() };
    }
  }, 600_000); // two generated sets through gold by the CLI: minutes at high load
  afterAll(async () => {
    for (const b of Object.values(built)) await b.engine.close();
  });

  it('realistic: the planted weekly seasonality is found (a catalogue model beats the strongest baseline after Holm); baselines carry `baseline`; forecasts written', async () => {
    const { f, engine } = built.realistic;
    const { run } = await runForecast(f.ctx(engine), small);
    const cat = run.groups.find((g) => g.group === 'catalogue')!;
    expect(cat.models.map((m) => m.name)).toEqual(['holt_winters_additive_7', 'mstl_ets_7', 'arima', 'prophet', 'lstm']);
    expect(cat.baselines.map((b) => b.name)).toContain('mean_28d');
    expect(run.tests.filter((t) => t.group === 'catalogue' && t.level === 'signal').length).toBeGreaterThan(0);
    expect(cat.chosen).not.toBe(cat.strongestBaseline);
    const cards = await engine.query(`SELECT model, verdict_level, verdict FROM ml.model_cards WHERE use_case = 'forecast'`);
    for (const c of cards) expect(CLAIM_LEVELS).toContain(c.verdict_level);
    for (const c of cards.filter((x) => /:(naive_last|seasonal_naive_7|mean_\d+d|zero)$/.test(String(x.model))))
      expect(c.verdict_level).toBe('baseline');
    const rows = await engine.query(
      `SELECT movie_id, count(*) AS n, min(day) AS first, bool_and(lo <= forecast AND forecast <= hi AND lo >= 0) AS ordered FROM gold.title_forecasts GROUP BY movie_id`,
    );
    expect(rows).toHaveLength(11);
    for (const r of rows) {
      expect(Number(r.n)).toBe(28);
      expect(r.ordered).toBe(true);
    }
    const last = await engine.query(`SELECT CAST(max(day) AS VARCHAR) AS d FROM gold.ml_title_daily_views`);
    const first = rows.find((r) => r.movie_id === '__catalogue__')!.first;
    expect(String(first).slice(0, 10) > String(last[0].d).slice(0, 10)).toBe(true);
  }, 300_000);

  it('none: no forecasting or trending card says `signal`', async () => {
    const { f, engine } = built.none;
    const { run } = await runForecast(f.ctx(engine), small);
    expect(run.forecasts).toHaveLength(11);
    expect(run.tests.filter((t) => t.level === 'signal')).toEqual([]);
    expect(run.trending?.level ?? 'not_evaluated').not.toBe('signal');
    const cards = await engine.query(`SELECT count(*) AS n FROM ml.model_cards WHERE use_case = 'forecast' AND verdict_level = 'signal'`);
    expect(Number(cards[0].n)).toBe(0);
  }, 300_000);
});
