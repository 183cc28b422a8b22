/**
 * "Will this title trend?" from early engagement. For each title added inside the observed
 * period, features summarise its first `windowDays` (7 or 14) days; the label says whether its
 * views in the following `labelDays` put it in the top `topFraction` of titles. Features use only
 * days before the label window starts, so nothing from the outcome leaks into them.
 * The classifier is pluggable; `logisticClassifier` adapts src/ml/classifiers/logistic.ts and
 * `earlyViewsBaseline` is the baseline every model must beat (rank by early views alone).
 */
import { createMatrix, type FeatureMatrix } from '../core/matrix.js';
import { fitLogistic, type LogisticOptions } from '../classifiers/logistic.js';

export interface TitleActivity {
  readonly titleId: string;
  /** Day index (same calendar as dailyViews) the title was added to the platform. */
  readonly addedDay: number;
  /** Views per day; index 0 is day 0 of the observed period. */
  readonly dailyViews: ArrayLike<number>;
  /** Distinct viewers in the first N days after adding, keyed by N (7, 14 ...). Optional. */
  readonly uniqueViewers?: Readonly<Record<number, number>>;
}

export interface EarlyFeatures {
  readonly matrix: FeatureMatrix;
  /** Titles in matrix row order. */
  readonly titleIds: string[];
  /** Titles left out and why (added before the data starts, window not complete ...). */
  readonly skipped: { titleId: string; reason: string }[];
}

export function earlyEngagementFeatures(titles: readonly TitleActivity[], windowDays: number): EarlyFeatures {
  const withViewers = titles.length > 0 && titles.every((t) => t.uniqueViewers?.[windowDays] !== undefined);
  const names = [
    `views_${windowDays}d`,
    `log_views_${windowDays}d`,
    `growth_${windowDays}d`,
    `active_day_share_${windowDays}d`,
    `peak_day_share_${windowDays}d`,
    ...(withViewers ? [`viewers_${windowDays}d`, `views_per_viewer_${windowDays}d`] : []),
  ];
  const rows: number[][] = [];
  const titleIds: string[] = [];
  const skipped: { titleId: string; reason: string }[] = [];
  const half = Math.floor(windowDays / 2);
  for (const t of titles) {
    if (t.addedDay < 0) {
      skipped.push({ titleId: t.titleId, reason: 'added before the observed period' });
      continue;
    }
    if (t.addedDay + windowDays > t.dailyViews.length) {
      skipped.push({ titleId: t.titleId, reason: `fewer than ${windowDays} observed days since added` });
      continue;
    }
    let total = 0;
    let firstHalf = 0;
    let secondHalf = 0;
    let active = 0;
    let peak = 0;
    for (let d = 0; d < windowDays; d++) {
      const v = t.dailyViews[t.addedDay + d];
      total += v;
      if (d < half) firstHalf += v;
      else if (d >= windowDays - half) secondHalf += v;
      if (v > 0) active++;
      if (v > peak) peak = v;
    }
    const row = [total, Math.log1p(total), (secondHalf - firstHalf) / (firstHalf + 1), active / windowDays, total > 0 ? peak / total : 0];
    if (withViewers) {
      const viewers = t.uniqueViewers![windowDays];
      row.push(viewers, viewers > 0 ? total / viewers : 0);
    }
    rows.push(row);
    titleIds.push(t.titleId);
  }
  const matrix = createMatrix(rows.length, names);
  rows.forEach((row, i) => row.forEach((v, j) => (matrix.data[j * rows.length + i] = v)));
  return { matrix, titleIds, skipped };
}

export interface TrendingLabels {
  /** Per title of `titleIds`: 1 trending, 0 not, -1 label window not fully observed. */
  readonly labels: Int8Array;
  /** Later-views value a title must exceed to be labelled 1. */
  readonly threshold: number;
  readonly laterViews: Float64Array;
}

/**
 * Labels the titles (in `titleIds` order) by views in [added + windowDays, + labelDays).
 * Trending = later views strictly above the (1 - topFraction) quantile of labelled titles, so
 * ties at the threshold are negatives and the positive share can fall below topFraction.
 */
export function trendingLabels(
  titles: readonly TitleActivity[],
  titleIds: readonly string[],
  windowDays: number,
  labelDays = 90,
  topFraction = 0.2,
): TrendingLabels {
  const byId = new Map(titles.map((t) => [t.titleId, t]));
  const laterViews = new Float64Array(titleIds.length).fill(NaN);
  const observed: number[] = [];
  titleIds.forEach((id, i) => {
    const t = byId.get(id);
    if (!t) throw new Error(`trendingLabels: title ${id} is not in the activity list`);
    const start = t.addedDay + windowDays;
    if (start + labelDays > t.dailyViews.length) return;
    let s = 0;
    for (let d = start; d < start + labelDays; d++) s += t.dailyViews[d];
    laterViews[i] = s;
    observed.push(s);
  });
  observed.sort((a, b) => a - b);
  const pos = (1 - topFraction) * (observed.length - 1);
  const threshold =
    observed.length === 0
      ? NaN
      : observed[Math.floor(pos)] + (observed[Math.ceil(pos)] - observed[Math.floor(pos)]) * (pos - Math.floor(pos));
  const labels = Int8Array.from(laterViews, (v) => (Number.isNaN(v) ? -1 : v > threshold ? 1 : 0));
  return { labels, threshold, laterViews };
}

/** The classifier interface the trending use case trains through. */
export interface BinaryClassifier {
  readonly name: string;
  fit(x: FeatureMatrix, labels: ArrayLike<number>): { predictProba(x: FeatureMatrix): Float64Array };
}

export function logisticClassifier(options: LogisticOptions = {}): BinaryClassifier {
  return { name: 'logistic', fit: (x, labels) => fitLogistic(x, labels, options) };
}

/** Baseline: score = log(1 + early views); no fitting. Any model must beat this ranking. */
export function earlyViewsBaseline(windowDays: number): BinaryClassifier {
  const name = `log_views_${windowDays}d`;
  return {
    name: `baseline_${name}`,
    fit: () => ({
      predictProba(x) {
        const j = x.names.indexOf(name);
        if (j < 0) throw new Error(`earlyViewsBaseline: feature ${name} missing (have: ${x.names.join(', ')})`);
        return x.data.slice(j * x.nRows, (j + 1) * x.nRows);
      },
    }),
  };
}
