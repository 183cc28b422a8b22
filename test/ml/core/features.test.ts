import { describe, expect, it } from 'vitest';
import {
  applyImputer,
  applyStandardiser,
  column,
  fitImputer,
  fitStandardiser,
  matrixFromRecords,
  matrixFromRows,
  selectRows,
} from '../../../src/ml/core/matrix.js';
import { leakageGuard } from '../../../src/ml/core/leakage.js';
import { fitOneFeature, fitPrior } from '../../../src/ml/core/baselines.js';
import { rocAuc } from '../../../src/ml/core/metrics.js';
import { renderModelCardJson, type ModelCard } from '../../../src/ml/core/model_card.js';
import { createRng } from '../../../src/ml/core/rng.js';
import { syntheticLogistic } from '../helpers/synthetic.js';

describe('feature matrix', () => {
  it('is column-major', () => {
    const m = matrixFromRows(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      ['a', 'b'],
    );
    expect(Array.from(m.data)).toEqual([1, 3, 5, 2, 4, 6]);
    expect(Array.from(column(selectRows(m, [2, 0]), 1))).toEqual([6, 2]);
    expect(() => matrixFromRows([[1, 2], [3]], ['a', 'b'])).toThrow(/row 1/);
  });
  it('standardises with stored mean/std (constant column -> 0)', () => {
    const m = matrixFromRows(
      [
        [1, 5],
        [3, 5],
      ],
      ['a', 'b'],
    );
    const s = fitStandardiser(m);
    expect(Array.from(s.mean)).toEqual([2, 5]);
    expect(Array.from(s.std)).toEqual([1, 1]);
    expect(Array.from(applyStandardiser(s, m).data)).toEqual([-1, 1, 0, 0]);
  });
  it('imputes the training median and adds indicators only where training had gaps', () => {
    const train = matrixFromRecords(
      [
        { a: 1, b: 2 },
        { a: null, b: 4 },
        { a: 5, b: 6 },
        { a: 10, b: 8 },
      ],
      ['a', 'b'],
    );
    const imp = fitImputer(train);
    expect(imp.fill[0]).toBe(5);
    const out = applyImputer(imp, train);
    expect(out.names).toEqual(['a', 'b', 'a__missing']);
    expect(Array.from(column(out, 0))).toEqual([1, 5, 5, 10]);
    expect(Array.from(column(out, 2))).toEqual([0, 1, 0, 0]);
    const test = matrixFromRecords([{ a: 2, b: null }], ['a', 'b']);
    expect(Array.from(applyImputer(imp, test).data)).toEqual([2, 5, 0]);
  });
});

describe('leakage guard and baselines', () => {
  const { x, labels } = syntheticLogistic(2000, [0.8, -1.5], { noiseFeatures: 2, seed: 21 });
  it('flags a feature that is nearly the label', () => {
    const rng = createRng(3);
    const leaked = matrixFromRows(
      Array.from(labels, (y, i) => [x.data[i], y + 0.1 * rng.normal()]),
      ['f0', 'leak'],
    );
    const guard = leakageGuard(leaked, labels);
    expect(guard.flagged).toEqual(['leak']);
    expect(guard.features[1].strength).toBeGreaterThan(0.95);
    expect(guard.features[0].flagged).toBe(false);
  });
  it('prior baseline has AUC 0.5; one-feature baseline picks the strongest feature with its sign', () => {
    const prior = fitPrior(labels);
    expect(rocAuc(labels, prior.predict(labels.length))).toBe(0.5);
    const one = fitOneFeature(x, labels);
    expect(one.feature).toBe('f1');
    expect(one.direction).toBe(-1);
    expect(rocAuc(labels, one.score(x))).toBeCloseTo(one.trainAuc, 12);
    expect(one.trainAuc).toBeGreaterThan(0.7);
  });
});

describe('model card', () => {
  it('renders JSON with NaN as null and typed arrays as lists', () => {
    const card: ModelCard = {
      useCase: 'churn',
      model: { name: 'logistic', params: { l2: 1 } },
      trainedAt: '2025-10-02T00:00:00Z',
      dataWindow: {
        asOfDate: '2025-10-01',
        labelWindowDays: 90,
        trainRows: 10,
        testRows: 5,
        positiveRateTrain: 0.2,
        positiveRateTest: NaN,
        split: 'stratified 70/30',
      },
      features: [{ name: 'minutes_30d', importance: 0.5 }],
      metrics: [
        {
          name: 'roc_auc',
          ci: {
            estimate: 0.7,
            lower: 0.6,
            upper: 0.8,
            level: 0.95,
            replicates: 200,
            validReplicates: 200,
            method: 'percentile-bootstrap',
            stratified: true,
          },
        },
      ],
      baselines: [],
      caveats: ['synthetic data'],
      verdict: { level: 'signal', text: 'signal: AUC 0.70 [0.60, 0.80]' },
    };
    const parsed = JSON.parse(renderModelCardJson(card));
    expect(parsed.dataWindow.positiveRateTest).toBeNull();
    expect(parsed.metrics[0].ci.upper).toBe(0.8);
    expect(parsed.verdict.level).toBe('signal');
  });
});
