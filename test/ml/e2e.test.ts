// End to end on small generated sets (scale 0.2 = 2,000 users, 600 test users with ~90 churners):
// the realistic set's churn signal is found with a clear margin there (AUC ~0.75, CI lower bound
// ~0.70), while at 0.1 the interval gets wide; the --signal none set must claim no signal.
// Also: features are point-in-time (events after the as-of date changed -> identical features),
// ml.churn is deterministic, and the dashboard's ML page computes every view.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { computePage } from '../../src/dashboard/compute.js';
import { mlPage } from '../../src/dashboard/pages/ml.js';
import { loadSegmentDataset } from '../../src/ml/segment/data.js';
import { runCliOk } from '../helpers/cli.js';

const root = join(import.meta.dirname, '..', '..');
const AS_OF = '2025-10-01';
const cli = (...args: string[]) => runCliOk(args, { env: { TZ: 'UTC' }, timeoutMs: 1_200_000 });

async function query<T extends Record<string, unknown>>(warehouse: string, text: string): Promise<T[]> {
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb') });
  try {
    return await engine.query<T>(text);
  } finally {
    await engine.close();
  }
}

/** Drops every row dated on/after the as-of date from an event CSV (files without quoted fields only). */
function dropLaterEvents(file: string, dateColumn: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0].split(',');
  const at = header.indexOf(dateColumn);
  if (at < 0) throw new Error(`${file}: no column ${dateColumn}`);
  let dropped = 0;
  const kept = [
    lines[0],
    ...lines.slice(1).filter((line) => {
      if (line === '') return true;
      if (line.includes('"')) throw new Error(`${file}: quoted field; this helper splits on commas only`);
      const later = line.split(',')[at] >= AS_OF;
      if (later) dropped++;
      return !later;
    }),
  ];
  writeFileSync(file, kept.join('\n'));
  return dropped;
}

/**
 * Cells that differ between two row lists. Doubles may differ in the last bits (DuckDB sums in
 * parallel, so the order of additions varies), hence a relative tolerance of 1e-9; all else exact.
 */
function mismatches(x: Record<string, unknown>[], y: Record<string, unknown>[]): string[] {
  const out: string[] = [];
  x.forEach((row, i) => {
    for (const [key, a] of Object.entries(row)) {
      const b = y[i][key];
      const same = typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) : a === b;
      if (!same) out.push(`row ${i + 1} (${String(row.user_id)}) ${key}: ${String(a)} vs ${String(b)}`);
    }
  });
  return out.slice(0, 10);
}

const base = mkdtempSync(join(tmpdir(), 'marquee-ml-e2e-'));
const sets = {
  realistic: { data: join(base, 'realistic'), warehouse: join(base, 'wh-realistic') },
  none: { data: join(base, 'none'), warehouse: join(base, 'wh-none') },
};

beforeAll(async () => {
  for (const [signal, s] of Object.entries(sets)) {
    await cli('generate', '--out', s.data, '--scale', '0.2', '--seed', '42', '--signal', signal);
    await cli('run', '--input', s.data, '--warehouse', s.warehouse);
  }
}, 1_800_000); // two full runs (ML included) by the CLI: many minutes at high load

describe('ML on a small realistic set', () => {
  it('finds the churn signal, reports baselines, CIs and the ceiling, and writes cards and risk', async () => {
    const { warehouse } = sets.realistic;
    const auc = await query<{ model: string; kind: string; value: number; ci_low: number; ci_high: number }>(
      warehouse,
      `SELECT model, kind, value, ci_low, ci_high FROM ml.metrics WHERE use_case = 'churn' AND metric = 'roc_auc' ORDER BY kind, model`,
    );
    expect(auc.filter((r) => r.kind === 'model').map((r) => r.model)).toEqual(['gbt', 'logistic', 'random_forest']);
    // prior, the one-feature heuristic and the recency reference
    expect(auc.filter((r) => r.kind === 'baseline')).toHaveLength(3);
    expect(auc.filter((r) => r.kind === 'baseline').map((r) => r.model)).toContain('recency');
    const best = Math.max(...auc.filter((r) => r.kind === 'model').map((r) => r.ci_low));
    expect(best).toBeGreaterThan(0.6);
    const ceiling = auc.find((r) => r.kind === 'ceiling')!.value;
    expect(ceiling).toBeGreaterThan(best);
    const metrics = await query<{ metric: string }>(
      warehouse,
      `SELECT DISTINCT metric FROM ml.metrics WHERE use_case = 'churn' AND kind = 'model' ORDER BY metric`,
    );
    expect(metrics.map((m) => m.metric)).toEqual([
      'average_precision',
      'brier',
      'calibration_ece',
      'fraction_of_ceiling',
      'fraction_of_ceiling_above_chance',
      'holm_permutation_p_value',
      'log_loss',
      'permutation_p_value',
      'roc_auc',
      'roc_auc_behavioural_label',
      'roc_auc_minus_recency',
    ]);
    const behavioural = await query<{ value: number }>(
      warehouse,
      `SELECT value FROM ml.metrics WHERE use_case = 'churn' AND model = 'gbt' AND metric = 'roc_auc_behavioural_label'`,
    );
    expect(behavioural[0].value).toBeGreaterThan(0.5);
    const cards = await query<{ model: string; verdict_level: string; card_json: string }>(
      warehouse,
      `SELECT model, verdict_level, card_json FROM ml.model_cards WHERE use_case = 'churn' ORDER BY model`,
    );
    // gbt, logistic, random_forest claim signal; the one-feature recency reference is a baseline.
    expect(cards.map((c) => [c.model, c.verdict_level])).toEqual([
      ['gbt', 'signal'],
      ['logistic', 'signal'],
      ['random_forest', 'signal'],
      ['recency', 'baseline'],
    ]);
    const logisticVerdict = JSON.parse(cards.find((c) => c.model === 'logistic')!.card_json).plainVerdict as string;
    expect(logisticVerdict).toMatch(
      /Against the recency reference it (ranks better|is not clearly better|ranks worse) \(AUC 0\.\d{3} vs 0\.\d{3}/,
    );
    const card = JSON.parse(readFileSync(join(warehouse, 'reports', 'model_cards', 'churn_logistic.json'), 'utf8'));
    expect(card.dataWindow.split).toMatch(/as-of date/);
    expect(card.ceiling.ceiling).toBeCloseTo(ceiling, 9);
    expect(card.leakage.flagged).toEqual([]);
    expect(card.caveats.join(' ')).toMatch(
      /churned = NOT is_active, the users file's snapshot at export .* Behavioural label \(no session in the 90 days from 2025-10-01/,
    );
    const risk = await query<{ n: number; bands: number; drivers: number }>(
      warehouse,
      `SELECT count(*) AS n, count(DISTINCT risk_band) AS bands, sum(CASE WHEN top_drivers <> '' THEN 1 ELSE 0 END) AS drivers FROM gold.churn_risk`,
    );
    expect(risk[0].n).toBe(2000);
    expect(risk[0].bands).toBeGreaterThanOrEqual(2);
    expect(risk[0].drivers).toBeGreaterThan(500);
    // Users with no session in the 90 days before the as-of date are not scored as future churners.
    const inactive = await query<{ n: number; scored: number; behavioural_null: number }>(
      warehouse,
      `SELECT count(*) AS n, count(r.churn_probability) AS scored, count(*) FILTER (WHERE f.churned_behavioural IS NULL) AS behavioural_null
       FROM gold.churn_risk r JOIN gold.ml_user_features f USING (user_id) WHERE r.risk_band = 'already inactive'`,
    );
    expect(inactive[0].n).toBeGreaterThan(0);
    expect(inactive[0].scored).toBe(0);
    expect(inactive[0].behavioural_null).toBe(inactive[0].n);
    const calibration = await query<{ n: number }>(warehouse, `SELECT count(*) AS n FROM ml.calibration WHERE model = 'gbt'`);
    expect(calibration[0].n).toBeGreaterThanOrEqual(5);
  });

  it('segments users close to the planted segments, with profiles and the silhouette curve', async () => {
    const { warehouse } = sets.realistic;
    const ari = await query<{ value: number }>(
      warehouse,
      `SELECT value FROM ml.metrics WHERE use_case = 'segmentation' AND model = 'kmeans' AND metric = 'ari_vs_planted_segments'`,
    );
    expect(ari[0].value).toBeGreaterThanOrEqual(0.7);
    const users = await query<{ n: number; segments: number }>(
      warehouse,
      'SELECT count(*) AS n, count(DISTINCT segment) AS segments FROM gold.user_segments',
    );
    expect(users[0].n).toBe(2000);
    expect(users[0].segments).toBeGreaterThan(1);
    // Named segments only because k-means beats its null reference.
    const cards = await query<{ model: string; verdict_level: string; verdict: string }>(
      warehouse,
      `SELECT model, verdict_level, verdict FROM ml.model_cards WHERE use_case = 'segmentation' ORDER BY model`,
    );
    expect(cards.map((c) => [c.model, c.verdict_level])).toEqual([
      ['kmeans', 'signal'],
      ['rfm', 'baseline'],
    ]);
    expect(cards[0].verdict).toMatch(
      /^cluster structure: k-means with k = \d, best silhouette 0\.\d+ .* above every one of 19 null replicates/,
    );
    expect(cards[1].verdict).toMatch(/^rule-based RFM tiers/);
    const profiles = await query<{ n: number; size: number }>(
      warehouse,
      `SELECT count(*) AS n, sum(size) AS size FROM ml.segment_profiles WHERE method = 'kmeans'`,
    );
    expect(profiles[0]).toEqual({ n: users[0].segments, size: 2000 });
    const curve = await query<{ n: number }>(
      warehouse,
      `SELECT count(*) AS n FROM ml.selection_curves WHERE method = 'kmeans' AND criterion = 'silhouette'`,
    );
    expect(curve[0].n).toBe(7);
  });

  it('is deterministic: re-running ml.churn gives the same metrics', async () => {
    const { warehouse, data } = sets.realistic;
    const read = () =>
      query<{ model: string; metric: string; value: number }>(
        warehouse,
        `SELECT model, metric, value FROM ml.metrics WHERE use_case = 'churn' AND run_id = (SELECT run_id FROM ml.model_runs WHERE use_case = 'churn' ORDER BY trained_at DESC LIMIT 1) ORDER BY model, metric`,
      );
    const before = await read();
    await cli('run', '--input', data, '--warehouse', warehouse, '--select', 'ml.churn');
    const after = await read();
    expect(after).toEqual(before);
    const runs = await query<{ n: number }>(warehouse, `SELECT count(DISTINCT run_id) AS n FROM ml.model_runs WHERE use_case = 'churn'`);
    expect(runs[0].n).toBe(2); // history is kept
  });

  it('shows every ML view on the dashboard', async () => {
    const engine = await DuckDbEngine.open({ path: join(sets.realistic.warehouse, 'marquee.duckdb') });
    try {
      const page = await computePage(engine, mlPage, {} as never);
      expect(page.views.map((v) => [v.id, v.status])).toEqual(mlPage.views.map((v) => [v.id, 'ok']));
    } finally {
      await engine.close();
    }
  });
});

describe('ML on a small --signal none set', () => {
  it('claims no signal: every AUC interval contains 0.5 and the verdict says so in plain words', async () => {
    const { warehouse } = sets.none;
    const auc = await query<{ model: string; ci_low: number; ci_high: number }>(
      warehouse,
      `SELECT model, ci_low, ci_high FROM ml.metrics WHERE use_case = 'churn' AND kind = 'model' AND metric = 'roc_auc'`,
    );
    expect(auc).toHaveLength(3);
    for (const r of auc) {
      expect(r.ci_low, r.model).toBeLessThan(0.5);
      expect(r.ci_high, r.model).toBeGreaterThan(0.5);
    }
    const cards = await query<{ verdict_level: string; verdict: string }>(
      warehouse,
      `SELECT verdict_level, verdict FROM ml.model_cards WHERE use_case = 'churn' AND model <> 'recency'`,
    );
    expect(cards).toHaveLength(3);
    const reference = await query<{ verdict_level: string; verdict: string }>(
      warehouse,
      `SELECT verdict_level, verdict FROM ml.model_cards WHERE use_case = 'churn' AND model = 'recency'`,
    );
    expect(reference.map((r) => r.verdict_level)).toEqual(['baseline']);
    expect(reference[0].verdict).toMatch(/^Reference \(baseline\): one feature, days since the last viewing session/);
    for (const c of cards) {
      expect(c.verdict_level).toBe('no_signal');
      expect(c.verdict).toMatch(
        /^No signal: this model does not predict the churn label \(is_active snapshot at export\) better than chance/,
      );
    }
    // No signal: gold.churn_risk carries no bands, probabilities or drivers, only the verdict.
    const risk = await query<{ n: number; bands: number; probs: number; drivers: number; verdicts: number }>(
      warehouse,
      `SELECT count(*) AS n, count(risk_band) AS bands, count(churn_probability) AS probs, count(top_drivers) AS drivers, count(DISTINCT verdict) AS verdicts FROM gold.churn_risk WHERE verdict_level = 'no_signal' AND verdict LIKE 'No signal%'`,
    );
    expect(risk[0]).toEqual({ n: 2000, bands: 0, probs: 0, drivers: 0, verdicts: 1 });
    const family = await query<{ value: number }>(warehouse, `SELECT value FROM ml.metrics WHERE metric = 'family_permutation_p_value'`);
    expect(family[0].value).toBeGreaterThan(0.05);
    expect(await query(warehouse, `SELECT * FROM ml.metrics WHERE metric = 'fraction_of_ceiling'`)).toEqual([]);
    const card = JSON.parse(readFileSync(join(warehouse, 'reports', 'model_cards', 'churn_gbt.json'), 'utf8'));
    expect(card.plainVerdict).toMatch(/^No signal/);
    expect(card.caveats.join(' ')).toMatch(/plants no churn signal/);
  });

  it('finds no cluster structure: one segment carrying that statement, and a no_signal card', async () => {
    const { warehouse } = sets.none;
    const users = await query<{ n: number; segments: number; names: number; name: string; km: number }>(
      warehouse,
      'SELECT count(*) AS n, count(DISTINCT segment) AS segments, count(DISTINCT segment_name) AS names, min(segment_name) AS name, count(kmeans_segment) AS km FROM gold.user_segments',
    );
    expect(users[0]).toMatchObject({ n: 2000, segments: 1, names: 1, km: 0 });
    expect(users[0].name).toMatch(
      /^no cluster structure: the best k-means silhouette 0\.\d+ \(sample of 1000\) does not beat the null reference/,
    );
    const cards = await query<{ model: string; verdict_level: string }>(
      warehouse,
      `SELECT model, verdict_level FROM ml.model_cards WHERE use_case = 'segmentation' ORDER BY model`,
    );
    expect(cards.map((c) => [c.model, c.verdict_level])).toEqual([
      ['kmeans', 'no_signal'],
      ['rfm', 'baseline'],
    ]);
    const profiles = await query<{ method: string; n: number }>(
      warehouse,
      `SELECT method, count(*) AS n FROM ml.segment_profiles WHERE method <> 'rfm' GROUP BY method`,
    );
    expect(profiles).toEqual([{ method: 'kmeans', n: 1 }]);
  });
});

describe('point-in-time features', () => {
  it('gives identical gold.ml_user_features and gold.ml_user_taste when events after the as-of date are removed', async () => {
    const altered = join(base, 'altered');
    mkdirSync(altered);
    for (const f of readdirSync(sets.realistic.data)) cpSync(join(sets.realistic.data, f), join(altered, f));
    expect(dropLaterEvents(join(altered, 'watch_history.csv'), 'watch_date')).toBeGreaterThan(100);
    expect(dropLaterEvents(join(altered, 'recommendation_logs.csv'), 'recommendation_date')).toBeGreaterThan(100);
    const warehouse = join(base, 'wh-altered');
    await cli('run', '--input', altered, '--warehouse', warehouse, '--select', '+gold.ml_user_features,+gold.ml_user_taste');
    // The change is real: silver holds fewer sessions ...
    const [a] = await query<{ n: number }>(warehouse, 'SELECT count(*) AS n FROM silver.watch_history');
    const [b] = await query<{ n: number }>(sets.realistic.warehouse, 'SELECT count(*) AS n FROM silver.watch_history');
    expect(a.n).toBeLessThan(b.n);
    // ... yet every feature is the same.
    for (const table of ['gold.ml_user_features', 'gold.ml_user_taste']) {
      const order = table.endsWith('taste') ? 'user_id, kind, value' : 'user_id';
      // churned_behavioural is a label, observed after the as-of date by design.
      const columns = table.endsWith('taste') ? '*' : '* EXCLUDE (churned_behavioural)';
      const x = await query(warehouse, `SELECT ${columns} FROM ${table} ORDER BY ${order}`);
      const y = await query(sets.realistic.warehouse, `SELECT ${columns} FROM ${table} ORDER BY ${order}`);
      expect(x.length).toBeGreaterThan(0);
      expect(x.length).toBe(y.length);
      expect(mismatches(x, y), table).toEqual([]);
    }
    // The segmentation and RFM inputs, as the step reads them, are the same too.
    const segmentInputs = async (wh: string) => {
      const engine = await DuckDbEngine.open({ path: join(wh, 'marquee.duckdb') });
      try {
        const d = await loadSegmentDataset(engine);
        return {
          users: d.userIds,
          raw: Array.from(d.raw.data),
          names: d.raw.names,
          r: Array.from(d.recencyDays),
          f: Array.from(d.frequency),
          m: Array.from(d.monetary),
        };
      } finally {
        await engine.close();
      }
    };
    const [altered_, original] = [await segmentInputs(warehouse), await segmentInputs(sets.realistic.warehouse)];
    expect(altered_.names).toEqual(original.names);
    expect(altered_.users).toEqual(original.users);
    for (const key of ['raw', 'r', 'f', 'm'] as const) {
      const diff = altered_[key].filter(
        (v, i) => !(Object.is(v, original[key][i]) || Math.abs(v - original[key][i]) <= 1e-9 * Math.max(1, Math.abs(v))),
      );
      expect(diff, key).toEqual([]);
    }
    expect(existsSync(join(sets.realistic.warehouse, 'reports', 'model_cards', 'churn_gbt.json'))).toBe(true);
  });
});
