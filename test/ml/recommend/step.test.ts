import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { runRecommend } from '../../../src/ml/recommend/step.js';
import { buildFixture, type Fixture } from '../helpers/pipeline-fixture.js';

type Run = Awaited<ReturnType<typeof runRecommend>>;

describe('ml.recommend end to end', () => {
  type Built = { engine: DuckDbEngine; out: Run; logs: string[]; ctx: Fixture['ctx'] };
  let realistic: Built;
  let none: Built;

  beforeAll(async () => {
    for (const signal of ['realistic', 'none'] as const) {
      const f = buildFixture(signal);
      const engine = await f.open();
      const logs: string[] = [];
      const out = await runRecommend(f.ctx(engine, logs), { fast: true, resamples: 150 });
      const built = { engine, out, logs, ctx: f.ctx };
      if (signal === 'realistic') realistic = built; else none = built;
    }
  }, 240_000);
  afterAll(async () => {
    await realistic?.engine.close();
    await none?.engine.close();
  });

  it('realistic data: the taste x recent-popularity model beats popularity, below the ground-truth ceiling', () => {
    const { run } = realistic.out;
    const best = run.models.find((m) => m.name === 'genre_x_recent_popularity')!;
    expect(best.beatsPopularity).toBe(true);
    expect(best.vsPopularity!.meanDifference.lower).toBeGreaterThan(0);
    const ceiling = run.models.find((m) => m.kind === 'ceiling')!;
    expect(ceiling.evaluation.summary.ndcg.estimate).toBeGreaterThan(best.evaluation.summary.ndcg.estimate);
    expect(run.best.kind).toBe('model');
    expect(realistic.out.result.metadata!.production_model).toBe(run.best.name);
  });

  it('none data: no model is claimed to beat popularity and production falls back to it', () => {
    const { run, result } = none.out;
    expect(run.models.filter((m) => m.beatsPopularity)).toEqual([]);
    expect(run.models.some((m) => m.kind === 'ceiling')).toBe(false);
    expect(String(result.metadata!.production_model)).toMatch(/^popularity/);
    expect(none.logs.join('\n')).toMatch(/no model beats popularity/);
  });

  it('writes 10 unwatched titles per user and metrics with intervals', async () => {
    const e = realistic.engine;
    const counts = await e.query(`SELECT count(DISTINCT user_id) AS users, count(*) AS n, max(rank) AS top FROM gold.user_recommendations`);
    const accounts = await e.query(`SELECT count(DISTINCT user_id) AS n FROM silver.users`);
    expect(Number(counts[0].users)).toBe(Number(accounts[0].n));
    expect(Number(counts[0].n)).toBe(10 * Number(counts[0].users));
    const watchedAgain = await e.query(`SELECT count(*) AS n FROM gold.user_recommendations r JOIN gold.ml_user_item_interactions i ON i.user_id = r.user_id AND i.movie_id = r.movie_id`);
    expect(Number(watchedAgain[0].n)).toBe(0);
    const metrics = await e.query(`SELECT model, kind, metric, value, ci_low, ci_high FROM ml.metrics WHERE use_case = 'recommend'`);
    const ndcg = metrics.filter((r) => r.metric === 'ndcg_at_10');
    expect(ndcg.map((r) => r.model)).toEqual(expect.arrayContaining(['popularity', 'item_knn', 'als', 'bpr', 'content_based', 'ncf_gmf', 'true_choice_ceiling']));
    for (const r of ndcg) expect(Number(r.ci_low)).toBeLessThanOrEqual(Number(r.value));
    const logged = metrics.filter((r) => r.kind === 'logged' && r.metric === 'ctr');
    expect(logged.length).toBeGreaterThanOrEqual(4);
    for (const r of logged) expect(Number(r.ci_high)).toBeGreaterThan(Number(r.ci_low));
    const cards = await e.query(`SELECT model, verdict FROM ml.model_cards WHERE use_case = 'recommend'`);
    expect(cards.find((c) => c.model === 'ncf_gmf')!.verdict).toMatch(/ncf_gmf/);
  });

  it('is deterministic for the seed', async () => {
    const again = await runRecommend(none.ctx(none.engine), { fast: true, resamples: 150 });
    const ndcg = (r: Run) => r.run.models.map((m) => [m.name, m.evaluation.summary.ndcg.estimate, m.evaluation.summary.ndcg.lower]);
    expect(ndcg(again)).toEqual(ndcg(none.out));
  }, 60_000);
});
