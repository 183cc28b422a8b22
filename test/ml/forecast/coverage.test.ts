import { describe, expect, it } from 'vitest';
import type { PairScores, ScoredForecaster } from '../../../src/ml/forecast/evaluate.js';
import { coverageStatus, coverageText, forecastVerdictText } from '../../../src/ml/forecast/report.js';
import type { GroupEvaluation } from '../../../src/ml/forecast/train.js';

describe('interval coverage against the 85-95% target', () => {
  it('says inside or outside from the figure', () => {
    expect(coverageStatus(0.9)).toBe('in_target');
    expect(coverageStatus(0.85)).toBe('in_target');
    expect(coverageStatus(0.849)).toBe('too_narrow');
    expect(coverageStatus(0.951)).toBe('too_wide');
    expect(coverageText(0.9)).toBe('90% intervals cover 90.0% of test days (within the 85%-95% target)');
    expect(coverageText(0.69)).toBe('90% intervals cover 69.0% of test days, outside the 85%-95% target: the intervals are too narrow');
    expect(coverageText(0.99)).toContain('outside the 85%-95% target: the intervals are too wide');
  });

  it('a card sentence carries its own coverage verdict', () => {
    const scores = (mase: number, coverage: number): PairScores => ({ loss: [[mase]], mase, mae: 1, coverage, forecasts: 1 });
    const scored = (name: string, kind: 'baseline' | 'model', coverage: number): ScoredForecaster => ({
      name,
      kind,
      validation: scores(0.9, coverage),
      test: scores(0.9, coverage),
      seconds: 0,
    });
    const base = scored('seasonal_naive_7', 'baseline', 0.97);
    const narrow = scored('lstm', 'model', 0.69);
    const g: GroupEvaluation = {
      group: 'catalogue',
      plan: { validation: [365], test: [400], split: 400, step: 14 },
      nSeries: 1,
      zeroShare: 0,
      baselines: [base],
      models: [narrow],
      strongestBaseline: base.name,
      bestModel: narrow.name,
      chosen: base.name,
      notes: [],
    };
    const test = {
      group: 'catalogue',
      model: 'lstm',
      baseline: base.name,
      meanDifference: 0,
      pValue: 0.5,
      adjustedP: 0.5,
      level: 'no_signal' as const,
      pairs: 1,
    };
    expect(forecastVerdictText(g, narrow, test)).toContain(
      '90% intervals cover 69.0% of test days, outside the 85%-95% target: the intervals are too narrow.',
    );
    expect(forecastVerdictText(g, base, undefined)).toContain('outside the 85%-95% target: the intervals are too wide.');
    expect(forecastVerdictText(g, scored('arima', 'model', 0.9), test)).toContain('(within the 85%-95% target).');
  });
});
