import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { runSearchIntent } from '../../../src/ml/intent/run.js';
import { evaluateTypos, suggestionTable } from '../../../src/ml/intent/suggest.js';
import { ruleContext, seededSplit, type SearchRow } from '../../../src/ml/intent/train.js';
import { weakIntent } from '../../../src/ml/text/intent-rules.js';
import { buildFixture, type Fixture } from '../helpers/pipeline-fixture.js';

describe('search intent pieces', () => {
  it('rule context holds whole titles and leading words, not lone stop words', () => {
    const ctx = ruleContext(['The Silent Harbor', 'Midnight Express Train']);
    expect(ctx.titles.has('the silent harbor')).toBe(true);
    expect(ctx.titlePrefixes!.has('the silent')).toBe(true);
    expect(ctx.titlePrefixes!.has('the')).toBe(false);
    expect(ctx.titlePrefixes!.has('midnight')).toBe(true);
    expect(weakIntent('midnight express', ctx)).toBe('title_lookup');
  });
  it('suggestion table ranks completions of the most typed prefixes by count', () => {
    const rows = suggestionTable(['star wars', 'star wars', 'star trek', 'stranger things', 'comedy'], { topPrefixes: 2, perPrefix: 2 });
    expect(rows.filter((r) => r.prefix === 's').map((r) => [r.suggestion, r.count])).toEqual([
      ['star wars', 2],
      ['star trek', 1],
    ]);
    expect(new Set(rows.map((r) => r.prefix))).toEqual(new Set(['s', 'st']));
  });
  it('typo evaluation: intended query found in the top 5 from the train log only', () => {
    const mk = (q: string, typo: boolean, clean: string): SearchRow => ({
      searchId: q,
      query: q,
      hadTypo: typo,
      trueIntent: 'title_lookup',
      cleanQuery: clean,
    });
    const rows = [
      mk('midnight express', false, 'midnight express'),
      mk('midnight express', false, 'midnight express'),
      mk('midnihgt express', true, 'midnight express'),
      mk('zzqq', true, 'never logged'),
    ];
    const e = evaluateTypos(rows, Int32Array.from([0, 1]), Int32Array.from([2, 3]), { seed: 1, B: 50 })!;
    expect(e.n).toBe(2);
    expect(e.hitAt5.estimate).toBe(0.5);
    expect(e.inLog).toBe(0.5);
  });
  it('seeded split is a deterministic partition', () => {
    const a = seededSplit(10, 0.3, 5);
    expect(a.test.length).toBe(3);
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seededSplit(10, 0.3, 5)).toEqual(a);
  });
});

describe('ml.search_intent end to end', () => {
  const built: Record<string, { f: Fixture; engine: DuckDbEngine }> = {};
  beforeAll(async () => {
    for (const signal of ['realistic', 'none'] as const) {
      const f = await buildFixture(signal, 0.2, 13);
      built[signal] = { f, engine: await f.open() };
    }
  }, 600_000); // two generated sets through gold by the CLI: minutes at high load
  afterAll(async () => {
    for (const b of Object.values(built)) await b.engine.close();
  });

  it('realistic: the classifier beats its own weak rules against the true intents, typos included', async () => {
    const { f, engine } = built.realistic;
    const { run, typos } = await runSearchIntent(f.ctx(engine), { B: 100 });
    const svm = run.evaluation!.find((e) => e.name === 'tfidf_char_svm')!;
    const rules = run.evaluation!.find((e) => e.name === 'weak_rules')!;
    expect(svm.overall.accuracy.estimate).toBeGreaterThan(0.8);
    expect(svm.overall.macroF1.lower).toBeGreaterThan(rules.overall.macroF1.estimate);
    expect(svm.typo!.accuracy.estimate).toBeGreaterThan(rules.typo!.accuracy.estimate);
    expect(typos!.hitAt5.estimate).toBeGreaterThan(0.5);
    expect(typos!.hitAt5.estimate).toBeLessThanOrEqual(typos!.inLog + 1e-9);
    const n = await engine.query(
      `SELECT (SELECT count(*) FROM gold.search_intent) AS intents, (SELECT count(*) FROM gold.ml_search_queries) AS searches, (SELECT count(*) FROM gold.query_suggestions) AS sugg`,
    );
    expect(Number(n[0].intents)).toBe(Number(n[0].searches));
    expect(Number(n[0].sugg)).toBeGreaterThan(100);
    const m = await engine.query(`SELECT count(*) AS n FROM ml.metrics WHERE use_case = 'search_intent' AND metric = 'accuracy_had_typo'`);
    expect(Number(m[0].n)).toBe(4);
    // The embedding alternative is scored in the same harness; it too learns more than its rules.
    const emb = run.evaluation!.find((e) => e.name === 'subword_sgns_svm')!;
    expect(emb.kind).toBe('model');
    expect(emb.overall.accuracy.estimate).toBeGreaterThan(rules.overall.accuracy.estimate);
    expect(emb.typo!.accuracy.estimate).toBeGreaterThan(rules.typo!.accuracy.estimate);
    const card = JSON.parse(
      String((await engine.query(`SELECT card_json FROM ml.model_cards WHERE use_case = 'search_intent'`))[0].card_json),
    );
    expect(card.alternatives.map((a: { name: string }) => a.name)).toEqual(['subword_sgns_svm']);
    expect(card.caveats.join(' ')).toMatch(/subword embeddings \+ linear SVM (beats|does not)/);
    const runs = await engine.query(`SELECT model FROM ml.model_runs WHERE use_case = 'search_intent' ORDER BY model`);
    expect(runs.map((r) => r.model)).toEqual(['subword_sgns_svm', 'tfidf_char_svm']);
  }, 60_000);

  it('none: says no intents are planted and claims no accuracy', async () => {
    const { f, engine } = built.none;
    const logs: string[] = [];
    const { run, typos, result } = await runSearchIntent(f.ctx(engine, logs), { B: 100 });
    expect(run.evaluation).toBeNull();
    expect(typos).toBeNull();
    expect(result.metadata!.accuracy).toBeNull();
    expect(logs.join('\n')).toMatch(/no intents planted/);
    const m = await engine.query(
      `SELECT count(*) AS n FROM ml.metrics WHERE use_case = 'search_intent' AND metric IN ('accuracy', 'macro_f1')`,
    );
    expect(Number(m[0].n)).toBe(0);
    const card = await engine.query(`SELECT verdict_level FROM ml.model_cards WHERE use_case = 'search_intent'`);
    expect(card[0].verdict_level).toBe('no_signal');
    // No comparison is claimed for the embedding model either.
    expect(logs.join('\n')).not.toMatch(/beats|does not beat/);
  }, 60_000);
});
