// trainChurn on seeded synthetic data with known truth: finds a planted signal, claims none on
// shuffled labels, flags a leaked feature, and is deterministic for a seed.
import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src/ml/core/matrix.js';
import { createRng, shuffleInPlace } from '../../../src/ml/core/rng.js';
import { syntheticLogistic } from '../helpers/synthetic.js';
import { buildModelCard, metricRows, modelRunRows } from '../../../src/ml/churn/report.js';
import { trainChurn } from '../../../src/ml/churn/train.js';
import type { ChurnDataset } from '../../../src/ml/churn/data.js';

function dataset(labels: Float64Array, x: ReturnType<typeof syntheticLogistic>['x']): ChurnDataset {
  return {
    userIds: Array.from({ length: labels.length }, (_, i) => `user_${i + 1}`),
    labels,
    x,
    sourceColumn: Object.fromEntries(x.names.map((n) => [n, n])),
  };
}
const info = {
  runId: 'r1',
  trainedAt: '2025-10-02T00:00:00Z',
  asOfDate: '2025-10-01',
  labelWindowDays: 90,
  seed: 7,
  nUsers: 1500,
  groundTruthFile: null,
};
const fast = { B: 100, permutations: 100 };

describe('trainChurn', () => {
  const syn = syntheticLogistic(1500, [1.2, -0.8, 0.5], { intercept: -1.5, noiseFeatures: 3, seed: 3 });

  it('finds a planted signal, reports baselines and the fraction of the true-probability ceiling', () => {
    const run = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast, trueProbability: syn.trueProb });
    expect(run.models.map((m) => m.name)).toEqual(['logistic', 'random_forest', 'gbt']);
    for (const m of run.models) {
      expect(m.evaluation.verdict.level).toBe('signal');
      expect(m.evaluation.metrics.roc_auc!.lower).toBeGreaterThan(0.6);
      expect(m.evaluation.ceiling!.ratio).toBeGreaterThan(0.85);
      expect(m.evaluation.baselines.map((b) => b.name)).toEqual([
        'prior (majority class)',
        expect.stringMatching(/^one-feature heuristic \(f0\)$/),
      ]);
    }
    expect(run.best.name).toBe('logistic'); // the truth is linear
    expect(run.leakage.flagged).toEqual([]);
    expect(run.split.train.length + run.split.test.length).toBe(1500);
    const rows = metricRows(run, info);
    expect(rows.filter((r) => r.kind === 'baseline' && r.metric === 'roc_auc')).toHaveLength(2);
    expect(rows.find((r) => r.kind === 'ceiling')!.value).toBeGreaterThan(0.7);
  });

  it('claims no signal when the labels are shuffled', () => {
    const shuffled = shuffleInPlace(Float64Array.from(syn.labels), createRng(99));
    const run = trainChurn(dataset(shuffled, syn.x), { seed: 7, ...fast });
    for (const m of run.models) {
      const auc = m.evaluation.metrics.roc_auc!;
      expect(auc.lower).toBeLessThan(0.5);
      expect(auc.upper).toBeGreaterThan(0.5);
      expect(m.evaluation.verdict.level).toBe('no_signal');
      expect(buildModelCard(run, m, info, {}).plainVerdict).toMatch(
        /^No signal: this model does not predict the churn label \(is_active snapshot at export\) better than chance/,
      );
    }
    expect(run.familyPValue).toBeGreaterThan(0.05);
  });

  it('flags and drops a feature that alone separates the label, and marks the cards suspicious', () => {
    const n = syn.x.nRows;
    const x = createMatrix(n, [...syn.x.names, 'leak'], Float64Array.from([...syn.x.data, ...syn.labels]));
    const run = trainChurn(dataset(syn.labels, x), { seed: 7, ...fast });
    expect(run.leakage.flagged).toEqual(['leak']);
    expect(run.features).not.toContain('leak');
    const card = buildModelCard(run, run.best, info, {});
    expect(card.suspicious).toBe(true);
    expect(card.plainVerdict).toMatch(/^SUSPICIOUS RUN/);
    expect(card.caveats[0]).toMatch(/SUSPICIOUS: leak alone/);
  });

  it('is deterministic for a seed', () => {
    const a = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast });
    const b = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast });
    expect(a.models.map((m) => m.evaluation.metrics.roc_auc!.estimate)).toEqual(
      b.models.map((m) => m.evaluation.metrics.roc_auc!.estimate),
    );
    expect(Array.from(a.split.test)).toEqual(Array.from(b.split.test));
  });
});

describe('churn training cap (ML_SETTINGS.churn.maxTrainingUsers)', () => {
  const syn = syntheticLogistic(1500, [1.2, -0.8, 0.5], { intercept: -1.5, noiseFeatures: 3, seed: 3 });

  it('fits on every training user under the cap, and the params say so', () => {
    const run = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast });
    expect(run.fitted.sampled).toBe(false);
    for (const m of run.models)
      expect(m.params).toMatchObject({
        trainingUsers: run.split.train.length,
        trainingUsersAvailable: run.split.train.length,
        trainingUsersCap: 10000,
      });
  });

  it('fits on a seeded sample above the cap, states it in the card, and still scores every test user', () => {
    const run = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast, maxTrainingUsers: 400 });
    expect(run.split.train.length).toBeGreaterThan(400);
    expect(run.fitted.rows.length).toBe(400);
    for (const m of run.models) {
      expect(m.params).toMatchObject({ trainingUsers: 400, trainingUsersAvailable: run.split.train.length, trainingUsersCap: 400 });
      expect(m.evaluation.metrics.roc_auc!.lower).toBeGreaterThan(0.6);
    }
    expect(buildModelCard(run, run.best, info, {}).model.params).toMatchObject({ trainingUsers: 400, trainingUsersCap: 400 });
    const full = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast });
    expect(run.models[1].evaluation.metrics.roc_auc!.estimate).not.toBe(full.models[1].evaluation.metrics.roc_auc!.estimate);
  });
});

describe('churn evaluation cap (ML_SETTINGS.churn.maxEvaluatedUsers)', () => {
  const syn = syntheticLogistic(1500, [1.2, -0.8, 0.5], { intercept: -1.5, noiseFeatures: 3, seed: 3 });

  it('scores every test user under the cap', () => {
    const run = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast });
    expect(run.evaluated.sampled).toBe(false);
    expect(run.evaluated.rows).toBe(run.split.test);
    expect(run.models[0].params).toMatchObject({ testUsersScored: run.split.test.length, testUsersCap: 10000 });
  });

  it('scores one seeded sample of test users above it, the same for every model, and says so', () => {
    const run = trainChurn(dataset(syn.labels, syn.x), { seed: 7, ...fast, maxEvaluatedUsers: 200 });
    expect(run.split.test.length).toBeGreaterThan(200);
    expect(run.evaluated.rows.length).toBe(200);
    // Every scored user is a test user: the cap never lets a training user in.
    const test = new Set(run.split.test);
    expect(Array.from(run.evaluated.rows).every((i) => test.has(i))).toBe(true);
    for (const m of run.models) {
      expect(m.params).toMatchObject({ testUsersScored: 200, testUsersAvailable: run.split.test.length, testUsersCap: 200 });
      expect(m.evaluation.metrics.roc_auc!.lower).toBeGreaterThan(0.55);
    }
    expect(run.positiveRate.test).toBeCloseTo(Array.from(run.evaluated.rows).reduce((a, i) => a + syn.labels[i], 0) / 200, 12);
    expect(modelRunRows(run, info)[0].n_test).toBe(200);
  });
});
