/**
 * Splits: time windows for churn-style labels, a seeded stratified row split and k-fold.
 * Index arrays are Int32Array of row numbers, sorted ascending.
 */
import { createRng, shuffleInPlace } from './rng.js';

const DAY_MS = 86_400_000;

export interface TimeWindows {
  /** Features may only use events strictly before this instant (the as-of date, 00:00 UTC). */
  featureEnd: Date;
  /** Optional start of the feature window (as-of minus lookback). */
  featureStart: Date | null;
  /** The label is observed on [labelStart, labelEnd). */
  labelStart: Date;
  labelEnd: Date;
}

/** Parses 'YYYY-MM-DD' (UTC) with a clear error. */
export function parseDay(day: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new Error(`expected a date as YYYY-MM-DD, got "${day}"`);
  }
  return d;
}

/**
 * Windows for a label defined after a fixed as-of date: features from [asOf - lookback, asOf),
 * label from [asOf, asOf + labelWindowDays).
 */
export function timeWindows(asOfDate: string, labelWindowDays: number, featureLookbackDays?: number): TimeWindows {
  if (!(labelWindowDays > 0)) throw new Error(`labelWindowDays must be > 0, got ${labelWindowDays}`);
  const asOf = parseDay(asOfDate);
  return {
    featureEnd: asOf,
    featureStart: featureLookbackDays ? new Date(asOf.getTime() - featureLookbackDays * DAY_MS) : null,
    labelStart: asOf,
    labelEnd: new Date(asOf.getTime() + labelWindowDays * DAY_MS),
  };
}

/**
 * Throws when any feature timestamp (epoch ms; NaN = none) is at or after the as-of instant:
 * such a feature would see the label period.
 */
export function assertBeforeAsOf(timestampsMs: ArrayLike<number>, windows: TimeWindows, what: string): void {
  const limit = windows.featureEnd.getTime();
  for (let i = 0; i < timestampsMs.length; i++) {
    if (timestampsMs[i] >= limit) {
      throw new Error(
        `${what}: row ${i} has time ${new Date(timestampsMs[i]).toISOString()} on/after as-of ${windows.featureEnd.toISOString()} (label leakage)`,
      );
    }
  }
}

export interface RowSplit {
  train: Int32Array;
  test: Int32Array;
}

/** Rows with time < cutoff go to train, the rest to test (out-of-time validation). */
export function splitByTime(timesMs: ArrayLike<number>, cutoffMs: number): RowSplit {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < timesMs.length; i++) (timesMs[i] < cutoffMs ? train : test).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

function groupByLabel(labels: ArrayLike<number>): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = groups.get(labels[i]);
    if (g) g.push(i);
    else groups.set(labels[i], [i]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k)!);
}

/**
 * Seeded stratified split: within each label value, round(testFraction * count) rows go to test,
 * so both sides keep the class balance.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): RowSplit {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction must be in (0, 1), got ${testFraction}`);
  const rng = createRng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const group of groupByLabel(labels)) {
    const rows = shuffleInPlace(Int32Array.from(group), rng);
    const nTest = Math.round(testFraction * rows.length);
    for (let k = 0; k < rows.length; k++) (k < nTest ? test : train).push(rows[k]);
  }
  const sort = (a: number[]) => Int32Array.from(a).sort();
  return { train: sort(train), test: sort(test) };
}

/**
 * Seeded k-fold. With labels, folds are stratified (each class dealt round-robin after a
 * shuffle); without, rows are shuffled and dealt round-robin.
 */
export function kFold(n: number, k: number, seed: number, labels?: ArrayLike<number>): RowSplit[] {
  if (!(Number.isInteger(k) && k >= 2 && k <= n)) throw new Error(`kFold: k must be an integer in [2, n=${n}], got ${k}`);
  const rng = createRng(seed);
  const foldOf = new Int32Array(n);
  const groups = labels ? groupByLabel(labels) : [Array.from({ length: n }, (_, i) => i)];
  let offset = 0;
  for (const group of groups) {
    const rows = shuffleInPlace(Int32Array.from(group), rng);
    // Continue the round-robin across classes so fold sizes differ by at most one.
    for (let r = 0; r < rows.length; r++) foldOf[rows[r]] = (offset + r) % k;
    offset = (offset + rows.length) % k;
  }
  const folds: RowSplit[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? test : train).push(i);
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}

/**
 * Seeded split that keeps every group on one side (e.g. reviews grouped by their exact text, so no
 * text is both trained on and tested). Groups are stratified by their most common label (ties: the
 * smallest label), and a share `testFraction` of each label's groups goes to test (at least one
 * when the label has two or more groups). Returns row indices, sorted.
 */
export function groupedSplit(groups: readonly string[], labels: ArrayLike<number>, testFraction: number, seed: number): RowSplit {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction must be in (0, 1), got ${testFraction}`);
  if (groups.length !== labels.length) throw new Error(`groupedSplit: ${groups.length} groups for ${labels.length} labels`);
  const rowsOf = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const r = rowsOf.get(g);
    if (r) r.push(i);
    else rowsOf.set(g, [i]);
  });
  const keys = [...rowsOf.keys()].sort();
  const groupLabel = keys.map((k) => {
    const counts = new Map<number, number>();
    for (const i of rowsOf.get(k)!) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  });
  const rng = createRng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of groupByLabel(groupLabel)) {
    const order = shuffleInPlace(Int32Array.from(members), rng);
    const nTest = order.length >= 2 ? Math.max(1, Math.round(testFraction * order.length)) : 0;
    order.forEach((g, k) => {
      for (const i of rowsOf.get(keys[g])!) (k < nTest ? test : train).push(i);
    });
  }
  const sort = (a: number[]) => Int32Array.from(a).sort();
  return { train: sort(train), test: sort(test) };
}
