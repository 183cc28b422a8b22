import { describe, expect, it } from 'vitest';
import { evaluateBinary } from '../../../src/ml/core/evaluate.js';
import { fitOneFeature, fitPrior } from '../../../src/ml/core/baselines.js';
import { selectRows, take } from '../../../src/ml/core/matrix.js';
import { stratifiedSplit } from '../../../src/ml/core/splits.js';
import { createRng } from '../../../src/ml/core/rng.js';
import { syntheticLogistic } from '../helpers/synthetic.js';
import { fitLogistic } from '../../../src/ml/classifiers/logistic.js';

describe('evaluateBinary (end to end on seeded data)', () => {
  const data = syntheticLogistic(4000, [1, -0.7, 0.4], { noiseFeatures: 3, seed: 51 });
  const split = stratifiedSplit(data.labels, 0.3, 1);
  const xTrain = selectRows(data.x, split.train);
  const yTrain = take(data.labels, split.train);
  const xTest = selectRows(data.x, split.test);
  const yTest = take(data.labels, split.test);

  it('reports signal, baselines, ceiling and a consistent verdict', () => {
    const model = fitLogistic(xTrain, yTrain);
    const one = fitOneFeature(xTrain, yTrain);
    const prior = fitPrior(yTrain);
    const ev = evaluateBinary(
      yTest,
      model.predictProba(xTest),
      [
        { name: 'prior', scores: prior.predict(xTest.nRows), isProbability: true },
        { name: 'one-feature heuristic', scores: one.score(xTest), isProbability: false },
      ],
      { B: 200, permutations: 200, seed: 3, ceilingScores: take(data.trueProb, split.test) },
    );
    expect(ev.n).toBe(1200);
    expect(ev.verdict.level).toBe('signal');
    expect(ev.verdict.text).toMatch(/^signal: AUC 0\.\d\d \[0\.\d\d, 0\.\d\d\], permutation p = 0\.005; better than one-feature heuristic/);
    expect(ev.baselines[0].metrics.roc_auc!.estimate).toBe(0.5);
    expect(ev.baselines[1].metrics.log_loss).toBeUndefined();
    expect(ev.ceiling!.aboveChance).toBeGreaterThan(0.9);
    expect(ev.ceiling!.aboveChance).toBeLessThan(1.05);
    expect(ev.calibration.bins.reduce((a, b) => a + b.count, 0)).toBe(1200);
    expect(ev.metrics.log_loss!.estimate).toBeLessThan(ev.baselines[0].metrics.log_loss!.estimate);
  });

  it('says "no evidence of signal" for scores unrelated to the labels', () => {
    const noiseScores = (seed: number) => {
      const rng = createRng(seed);
      return Float64Array.from({ length: yTest.length }, () => rng.next());
    };
    const ev = evaluateBinary(yTest, noiseScores(1), [], { B: 200, permutations: 200, seed: 5 });
    expect(ev.verdict.text).toBe('no evidence of signal: AUC 0.50 [0.47, 0.53], permutation p = 0.48');
    // Over 40 independent noise score vectors, "no signal" should hold about 95% of the time.
    let noSignal = 0;
    for (let s = 100; s < 140; s++) {
      if (evaluateBinary(yTest, noiseScores(s), [], { B: 50, permutations: 100, seed: s }).verdict.level === 'no_signal') noSignal++;
    }
    expect(noSignal).toBeGreaterThanOrEqual(34);
  });

  it('rejects one-class or non-binary labels', () => {
    expect(() => evaluateBinary([1, 1], [0.2, 0.4])).toThrow(/one class/);
    expect(() => evaluateBinary([0, 2], [0.2, 0.4])).toThrow(/label 1 is 2/);
  });
});
