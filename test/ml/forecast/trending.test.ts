import { describe, expect, it } from 'vitest';
import { columnByName, selectRows } from '../../../src/ml/core/matrix.js';
import { rocAuc } from '../../../src/ml/core/metrics.js';
import { createRng } from '../../../src/ml/core/rng.js';
import {
  earlyEngagementFeatures,
  earlyViewsBaseline,
  logisticClassifier,
  trendingLabels,
  type TitleActivity,
} from '../../../src/ml/forecast/trending.js';

describe('early-engagement features (hand-computed)', () => {
  const daily = [9, 9, 0, 1, 2, 0, 3, 5, 1, 9, 9];
  const titles: TitleActivity[] = [
    { titleId: 'a', addedDay: 2, dailyViews: daily, uniqueViewers: { 7: 4 } },
    { titleId: 'late', addedDay: 6, dailyViews: daily, uniqueViewers: { 7: 1 } },
    { titleId: 'old', addedDay: -30, dailyViews: daily, uniqueViewers: { 7: 1 } },
  ];
  it('summarises the first 7 days after adding', () => {
    const f = earlyEngagementFeatures(titles, 7);
    expect(f.titleIds).toEqual(['a']);
    expect(f.skipped.map((s) => s.titleId)).toEqual(['late', 'old']);
    // days 2..8: [0,1,2,0,3,5,1], total 12; first half (3 days) 3, last half 9; 5 active days; peak 5.
    expect(columnByName(f.matrix, 'views_7d')[0]).toBe(12);
    expect(columnByName(f.matrix, 'growth_7d')[0]).toBeCloseTo((9 - 3) / 4, 12);
    expect(columnByName(f.matrix, 'active_day_share_7d')[0]).toBeCloseTo(5 / 7, 12);
    expect(columnByName(f.matrix, 'peak_day_share_7d')[0]).toBeCloseTo(5 / 12, 12);
    expect(columnByName(f.matrix, 'views_per_viewer_7d')[0]).toBe(3);
  });
  it('labels by later views above the top-quantile threshold; unobserved windows are -1', () => {
    const acts: TitleActivity[] = [0, 1, 2, 3, 4].map((k) => ({
      titleId: `t${k}`,
      addedDay: 0,
      dailyViews: Array.from({ length: 10 }, (_, d) => (d >= 2 ? k : 0)),
    }));
    acts.push({ titleId: 'short', addedDay: 5, dailyViews: new Array(10).fill(1) });
    const l = trendingLabels(acts, ['t0', 't1', 't2', 't3', 't4', 'short'], 2, 8, 0.2);
    expect(Array.from(l.laterViews.subarray(0, 5))).toEqual([0, 8, 16, 24, 32]);
    expect(l.threshold).toBeCloseTo(24 + 0.2 * 8, 12); // 0.8 quantile of [0, 8, 16, 24, 32]
    expect(Array.from(l.labels)).toEqual([0, 0, 0, 0, 1, -1]);
  });
});

describe('trend prediction on synthetic launches', () => {
  // Each title has a latent appeal that drives both early and later daily views (Poisson-ish).
  const rng = createRng(21);
  const titles: TitleActivity[] = Array.from({ length: 400 }, (_, k) => {
    const appeal = Math.exp(rng.normal());
    const decay = 0.005 + 0.03 * rng.next();
    const daily = Array.from({ length: 120 }, (_, d) => Math.round(appeal * 5 * Math.exp(-decay * d) + 2 * rng.next()));
    return { titleId: `m${k}`, addedDay: 0, dailyViews: daily };
  });
  const features = earlyEngagementFeatures(titles, 14);
  const { labels } = trendingLabels(titles, features.titleIds, 14, 90, 0.2);
  const trainRows = Int32Array.from({ length: 300 }, (_, i) => i);
  const testRows = Int32Array.from({ length: 100 }, (_, i) => 300 + i);
  const pick = (rows: Int32Array) => Float64Array.from(rows, (i) => labels[i]);

  it('logistic regression and the early-views baseline both rank held-out titles well', () => {
    const model = logisticClassifier().fit(selectRows(features.matrix, trainRows), pick(trainRows));
    const auc = rocAuc(pick(testRows), model.predictProba(selectRows(features.matrix, testRows)));
    const base = rocAuc(
      pick(testRows),
      earlyViewsBaseline(14).fit(features.matrix, labels).predictProba(selectRows(features.matrix, testRows)),
    );
    expect(auc).toBeGreaterThan(0.8);
    expect(base).toBeGreaterThan(0.8);
  });
  it('finds nothing when labels are shuffled', () => {
    const shuffled = pick(trainRows).map((_, i) => labels[(i * 7919 + 13) % 300]);
    const model = logisticClassifier().fit(selectRows(features.matrix, trainRows), shuffled);
    const testShuffled = pick(testRows).map((_, i) => labels[300 + ((i * 31 + 5) % 100)]);
    const auc = rocAuc(testShuffled, model.predictProba(selectRows(features.matrix, testRows)));
    expect(Math.abs(auc - 0.5)).toBeLessThan(0.2);
  });
});
