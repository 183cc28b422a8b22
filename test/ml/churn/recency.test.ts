// The one-feature recency reference: a baseline card, and every learned model's card says how it
// compares with it, from the run's own figures (better only when the paired test says so).
import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src/ml/core/matrix.js';
import { createRng } from '../../../src/ml/core/rng.js';
import { rocAuc } from '../../../src/ml/core/metrics.js';
import type { ChurnDataset } from '../../../src/ml/churn/data.js';
import { fitRecencyModel, pairedAucDifference, RECENCY_FEATURE } from '../../../src/ml/churn/recency.js';
import { buildModelCard, buildRecencyCard, metricRows, recencyComparisonText } from '../../../src/ml/churn/report.js';
import { trainChurn } from '../../../src/ml/churn/train.js';

const info = {
  runId: 'r1',
  trainedAt: '2025-10-02T00:00:00Z',
  asOfDate: '2025-10-01',
  labelWindowDays: 90,
  seed: 7,
  nUsers: 2000,
  groundTruthFile: null,
};
const fast = { B: 200, permutations: 100 };
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Churn log-odds = a * (recency in months) + b * f0; f1, f2 are noise. Every 20th user never watched (recency NaN, churns more). */
function dataset(n: number, a: number, b: number, seed: number): ChurnDataset {
  const rng = createRng(seed);
  const names = [RECENCY_FEATURE, 'f0', 'f1', 'f2'];
  const x = createMatrix(n, names);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const never = i % 20 === 0;
    const days = rng.int(180);
    const f0 = rng.normal();
    x.data[i] = never ? NaN : days;
    x.data[n + i] = f0;
    x.data[2 * n + i] = rng.normal();
    x.data[3 * n + i] = rng.normal();
    labels[i] = rng.next() < sigmoid(-2 + a * ((never ? 200 : days) / 30 - 3) + b * f0) ? 1 : 0;
  }
  return {
    userIds: Array.from({ length: n }, (_, i) => `user_${i + 1}`),
    labels,
    x,
    sourceColumn: Object.fromEntries(names.map((c) => [c, c])),
  };
}

describe('churn recency reference', () => {
  it('learned models that add a strong second signal rank better than recency, and the cards say so', () => {
    const run = trainChurn(dataset(2000, 0.4, 1.5, 11), { seed: 7, ...fast });
    expect(run.recency).not.toBeNull();
    expect(run.recency!.evaluation.verdict.level).toBe('baseline');
    const logistic = run.models.find((m) => m.name === 'logistic')!;
    expect(logistic.vsRecency!.difference.lower).toBeGreaterThan(0);
    expect(logistic.vsRecency!.pValue).toBeLessThanOrEqual(0.05);
    const card = buildModelCard(run, logistic, info, {});
    expect(card.plainVerdict).toMatch(
      /Against the recency reference it ranks better \(AUC 0\.\d{3} vs 0\.\d{3} for days since the last session alone: difference \+0\.\d{3}/,
    );
    // The figures in the sentence are the run's own.
    expect(card.plainVerdict).toContain(run.recency!.evaluation.metrics.roc_auc!.estimate.toFixed(3));
    // Every model is also reported against recency as a baseline, and the difference is a metric row.
    expect(logistic.evaluation.baselines.map((b) => b.name)).toContain('recency');
    const rows = metricRows(run, info);
    expect(rows.filter((r) => r.metric === 'roc_auc_minus_recency')).toHaveLength(3);
    expect(rows.find((r) => r.model === 'recency' && r.kind === 'baseline' && r.metric === 'roc_auc')).toBeDefined();
  });

  it('when churn depends on recency alone, no learned model is said to rank better than it', () => {
    const run = trainChurn(dataset(2000, 0.8, 0, 12), { seed: 7, ...fast });
    for (const m of run.models) {
      // The model may well have signal against chance; against recency it has nothing to add.
      const text = recencyComparisonText(m, run.recency)!;
      expect(text, m.name).not.toMatch(/ranks better/);
      expect(text, m.name).toMatch(/not clearly better|ranks worse/);
    }
  });

  it('the reference card is a baseline even when recency predicts churn well', () => {
    const run = trainChurn(dataset(2000, 0.8, 0, 13), { seed: 7, ...fast });
    const auc = run.recency!.evaluation.metrics.roc_auc!;
    expect(auc.lower).toBeGreaterThan(0.6);
    const card = buildRecencyCard(run, run.recency!, info);
    expect(card.verdict.level).toBe('baseline');
    expect(card.plainVerdict).toMatch(/^Reference \(baseline\): one feature, days since the last viewing session before 2025-10-01/);
    expect(card.plainVerdict).toContain(auc.estimate.toFixed(3));
  });

  it('has no recency reference when the feature table lacks the column', () => {
    const d = dataset(600, 0.8, 0, 14);
    const x = createMatrix(d.x.nRows, ['f0'], d.x.data.slice(d.x.nRows, 2 * d.x.nRows));
    const run = trainChurn({ ...d, x, sourceColumn: { f0: 'f0' } }, { seed: 7, ...fast });
    expect(run.recency).toBeNull();
    expect(run.models.every((m) => m.vsRecency === undefined)).toBe(true);
    expect(recencyComparisonText(run.models[0], run.recency)).toBeNull();
  });

  it('treats a user who never watched as the least recent, not as a typical user', () => {
    const x = createMatrix(6, [RECENCY_FEATURE], Float64Array.from([1, 2, 3, 100, 120, NaN]));
    const model = fitRecencyModel(x, [0, 0, 0, 1, 1, 1]);
    expect(model.neverWatchedDays).toBe(121);
    const p = model.predictProba(x);
    expect(p[5]).toBeGreaterThan(p[4]);
    expect(p[4]).toBeGreaterThan(p[0]);
  });
});

describe('pairedAucDifference', () => {
  const rng = createRng(5);
  const n = 800;
  const y = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  const good = Float64Array.from(y, (v) => v + 0.8 * rng.normal());
  const weak = Float64Array.from(y, (v) => v + 3 * rng.normal());

  it('finds a clearly better score better', () => {
    const c = pairedAucDifference(y, good, weak, { B: 300, seed: 1 });
    expect(c.difference.estimate).toBeGreaterThan(0.1);
    expect(c.difference.lower).toBeGreaterThan(0);
    expect(c.pValue).toBeLessThan(0.01);
  });

  it('does not find identical scores better (p near 1, difference 0)', () => {
    const c = pairedAucDifference(y, weak, weak, { B: 300, seed: 1 });
    expect(c.difference.estimate).toBe(0);
    expect(c.pValue).toBe(1);
  });

  it('does not find a worse score better', () => {
    const c = pairedAucDifference(y, weak, good, { B: 300, seed: 1 });
    expect(c.difference.upper).toBeLessThan(0);
    expect(c.pValue).toBeGreaterThan(0.99);
  });

  it('gives exactly what resampling the rows and ranking each replicate gives (ties included)', () => {
    // Rounded scores make many ties, the case where weighted counting and average ranks could differ.
    const tiedGood = Float64Array.from(good, (v) => Math.round(v * 4) / 4);
    const tiedWeak = Float64Array.from(weak, (v) => Math.round(v * 2) / 2);
    const fastWay = pairedAucDifference(y, tiedGood, tiedWeak, { B: 200, seed: 3 });
    const slowWay = pairedAucByCopies(y, tiedGood, tiedWeak, 200, 3);
    expect(fastWay.difference.lower).toBe(slowWay.lower);
    expect(fastWay.difference.upper).toBe(slowWay.upper);
    expect(fastWay.pValue).toBe(slowWay.pValue);
  });
});

/** The row-copying bootstrap (the former implementation): same draws, rows copied, AUCs by average ranks. */
function pairedAucByCopies(labels: Float64Array, a: Float64Array, b: Float64Array, B: number, seed: number) {
  const pos: number[] = [];
  const neg: number[] = [];
  labels.forEach((v, i) => (v === 1 ? pos : neg).push(i));
  const rng = createRng(seed);
  const n = labels.length;
  const [yy, aa, bb] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const values: number[] = [];
  let atOrBelow = 0;
  for (let r = 0; r < B; r++) {
    let k = 0;
    for (const group of [pos, neg])
      for (let c = 0; c < group.length; c++) {
        const i = group[Math.floor(rng.next() * group.length)];
        [yy[k], aa[k], bb[k]] = [labels[i], a[i], b[i]];
        k++;
      }
    const d = rocAuc(yy, aa) - rocAuc(yy, bb);
    values.push(d);
    if (d <= 0) atOrBelow++;
  }
  values.sort((p, q) => p - q);
  const q = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor(p * values.length)))];
  return { lower: q(0.025), upper: q(0.975), pValue: (1 + atOrBelow) / (1 + values.length) };
}
