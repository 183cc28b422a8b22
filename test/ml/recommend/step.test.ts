import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { runRecommend } from '../../../src/ml/recommend/run.js';
import { buildFixture, type Fixture } from '../helpers/pipeline-fixture.js';

type Run = Awaited<ReturnType<typeof runRecommend>>;

describe('ml.recommend end to end', () => {
  type Built = { engine: DuckDbEngine; out: Run; logs: string[]; ctx: Fixture['ctx'] };
  let realistic: Built;
  let none: Built;

  beforeAll(async () => {
    for (const signal of ['realistic', 'none'] as const) {
      const f = await buildFixture(signal);
      const engine = await f.open();
      const logs: string[] = [];
      const out = await runRecommend(f.ctx(engine, logs), { fast: true, resamples: 150 });
      const built = { engine, out, logs, ctx: f.ctx };
      if (signal === 'realistic') realistic = built;
      else none = built;
    }
  }, 600_000); // two fixtures and two runs: over 4 min at load ~20 on 2 cores
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
    // Holm over the models compared: the adjusted p is at least the raw one and still at most 0.05.
    expect(best.holmPValue!).toBeGreaterThanOrEqual(best.pValue!);
    expect(best.holmPValue!).toBeLessThanOrEqual(0.05);
  });

  it('cards: the learned winner says signal after Holm, baselines and the ceiling never do', async () => {
    const cards = await realistic.engine.query(`SELECT model, verdict_level, verdict FROM ml.model_cards WHERE use_case = 'recommend'`);
    const level = (m: string) => cards.find((c) => c.model === m)!.verdict_level;
    expect(level('genre_x_recent_popularity')).toBe('signal');
    expect(cards.find((c) => c.model === 'genre_x_recent_popularity')!.verdict).toMatch(/Holm-adjusted over 6 models p = /);
    for (const b of ['random', 'popularity', 'popularity_recent_28d']) expect(level(b)).toBe('baseline');
    expect(level('true_choice_ceiling')).toBe('ceiling');
    const noneCards = await none.engine.query(`SELECT model, verdict_level FROM ml.model_cards WHERE use_case = 'recommend'`);
    expect(noneCards.filter((c) => c.verdict_level === 'signal')).toEqual([]);
    expect(new Set(noneCards.map((c) => c.verdict_level))).toEqual(new Set(['baseline', 'no_signal']));
  });

  it('none data: no model is claimed to beat popularity and production falls back to it', () => {
    const { run, result } = none.out;
    expect(run.models.filter((m) => m.beatsPopularity)).toEqual([]);
    expect(run.models.some((m) => m.kind === 'ceiling')).toBe(false);
    expect(String(result.metadata!.production_model)).toMatch(/^popularity/);
    // The bar is whichever baseline won on validation (on noise that can be the random ranking).
    expect(none.logs.join('\n')).toMatch(/no model beats (random|popularity|popularity_recent_28d) significantly/);
    expect(none.logs.join('\n')).toContain(`no model beats ${run.popularityBaseline} significantly`);
  });

  it('writes 10 unwatched titles per user and metrics with intervals', async () => {
    const e = realistic.engine;
    const counts = await e.query(`SELECT count(DISTINCT user_id) AS users, count(*) AS n, max(rank) AS top FROM gold.user_recommendations`);
    const accounts = await e.query(`SELECT count(DISTINCT user_id) AS n FROM silver.users`);
    expect(Number(counts[0].users)).toBe(Number(accounts[0].n));
    expect(Number(counts[0].n)).toBe(10 * Number(counts[0].users));
    const watchedAgain = await e.query(
      `SELECT count(*) AS n FROM gold.user_recommendations r JOIN gold.ml_user_item_interactions i ON i.user_id = r.user_id AND i.movie_id = r.movie_id`,
    );
    expect(Number(watchedAgain[0].n)).toBe(0);
    const metrics = await e.query(`SELECT model, kind, metric, value, ci_low, ci_high FROM ml.metrics WHERE use_case = 'recommend'`);
    const ndcg = metrics.filter((r) => r.metric === 'ndcg_at_10');
    expect(ndcg.map((r) => r.model)).toEqual(
      expect.arrayContaining(['popularity', 'item_knn', 'als', 'bpr', 'content_based', 'ncf_gmf', 'true_choice_ceiling']),
    );
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
