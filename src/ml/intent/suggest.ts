// Query suggestion from the log (QueryCompleter): the stored top suggestions for the most typed
// prefixes, and the typo evaluation: for a misspelt held-out query, is the query the user meant
// among the top 5 suggestions of a completer built from the train-split log only?
import { bootstrapCi, type ConfidenceInterval } from '../core/bootstrap.js';
import { QueryCompleter } from '../text/autocomplete.js';
import type { SearchRow } from './train.js';
import { ML_SETTINGS } from '../settings.js';
import { capRows, type CappedRows } from '../core/cap.js';
import { childSeed } from '../core/rng.js';

export interface SuggestionRow {
  prefix: string;
  rank: number;
  suggestion: string;
  count: number;
}

const normalise = (q: string) => q.trim().toLowerCase().replace(/\s+/g, ' ');

/** Top `perPrefix` suggestions for the `topPrefixes` most frequent prefixes of 1..maxLength characters. */
export function suggestionTable(
  queries: readonly string[],
  options: { topPrefixes?: number; perPrefix?: number; maxLength?: number } = {},
): SuggestionRow[] {
  const completer = new QueryCompleter(queries);
  const maxLength = options.maxLength ?? 4;
  const prefixCounts = new Map<string, number>();
  for (const q of queries) {
    const n = normalise(q);
    for (let len = 1; len <= Math.min(maxLength, n.length); len++)
      prefixCounts.set(n.slice(0, len), (prefixCounts.get(n.slice(0, len)) ?? 0) + 1);
  }
  const top = [...prefixCounts.entries()]
    .filter(([p]) => p.trim() === p)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.topPrefixes ?? 200);
  const out: SuggestionRow[] = [];
  for (const [prefix] of top)
    completer
      .suggest(prefix, options.perPrefix ?? 5)
      .forEach((s, k) => out.push({ prefix, rank: k + 1, suggestion: s.query, count: s.count }));
  return out;
}

export interface TypoEvaluation {
  n: number;
  /** Intended query among the top 5 suggestions for the misspelt query. */
  hitAt5: ConfidenceInterval;
  /** Share whose intended query occurs in the train log at all (the best any log-based completer can do). */
  inLog: number;
  /** The misspelt held-out queries tested: all up to ML_SETTINGS.searchIntent.maxTypoQueries, else a seeded sample. */
  tested: CappedRows;
}

export function evaluateTypos(
  rows: readonly SearchRow[],
  train: Int32Array,
  test: Int32Array,
  options: { seed: number; B?: number; maxQueries?: number },
): TypoEvaluation | null {
  const misspelt: number[] = [];
  for (const i of test) {
    const r = rows[i];
    if (r.hadTypo && r.cleanQuery && normalise(r.cleanQuery) !== normalise(r.query)) misspelt.push(i);
  }
  // Each test walks the train log's trie; past the cap a seeded sample keeps the cost flat.
  const tested = capRows(
    Int32Array.from(misspelt),
    options.maxQueries ?? ML_SETTINGS.searchIntent.maxTypoQueries,
    childSeed(options.seed, 34),
  );
  const completer = new QueryCompleter(Array.from(train, (i) => rows[i].query));
  const logged = new Set(Array.from(train, (i) => normalise(rows[i].query)));
  const hits: number[] = [];
  let inLog = 0;
  for (const i of tested.rows) {
    const r = rows[i];
    const intended = normalise(r.cleanQuery!);
    hits.push(completer.suggest(r.query, 5).some((s) => s.query === intended) ? 1 : 0);
    if (logged.has(intended)) inLog++;
  }
  if (hits.length < 2) return null;
  const mean = (_y: ArrayLike<number>, s: ArrayLike<number>) => {
    let t = 0;
    for (let k = 0; k < s.length; k++) t += s[k];
    return t / s.length;
  };
  return {
    n: hits.length,
    hitAt5: bootstrapCi(hits, hits, mean, { B: options.B ?? ML_SETTINGS.bootstrapResamples, seed: options.seed, stratified: false }),
    inLog: inLog / hits.length,
    tested,
  };
}
