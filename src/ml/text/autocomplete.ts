// Query suggestion from the query log: prefix completion ranked by how often each query was run,
// tolerant of typos (a prefix within a small edit distance of a popular query's start also
// matches). Distinct queries number in the thousands, so a sorted array plus binary search for the
// exact prefix and a linear fuzzy pass is fast enough and easy to reason about.
import { distance } from 'fastest-levenshtein';

export interface Suggestion {
  query: string;
  count: number;
  /** Edit distance between the typed prefix and the suggestion's start (0 = exact prefix). */
  edits: number;
}

export class QueryCompleter {
  private readonly sorted: { query: string; count: number }[];

  /** `queries`: every logged query, repeats included (their frequency is the ranking). */
  constructor(queries: Iterable<string>) {
    const counts = new Map<string, number>();
    for (const q of queries) {
      const norm = q.trim().toLowerCase().replace(/\s+/g, ' ');
      if (norm) counts.set(norm, (counts.get(norm) ?? 0) + 1);
    }
    this.sorted = [...counts.entries()]
      .map(([query, count]) => ({ query, count }))
      .sort((a, b) => (a.query < b.query ? -1 : a.query > b.query ? 1 : 0));
  }

  /** Edits allowed for a prefix of this length: none for very short prefixes, where typos are ambiguous. */
  static allowedEdits(prefixLength: number): number {
    return prefixLength < 4 ? 0 : prefixLength < 8 ? 1 : 2;
  }

  suggest(typed: string, limit = 5): Suggestion[] {
    const prefix = typed.trim().toLowerCase().replace(/\s+/g, ' ');
    if (prefix === '') return [];
    const exact: Suggestion[] = [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].query < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i].query.startsWith(prefix); i++) exact.push({ ...this.sorted[i], edits: 0 });
    const byRank = (a: Suggestion, b: Suggestion) => a.edits - b.edits || b.count - a.count || (a.query < b.query ? -1 : 1);
    exact.sort(byRank);
    if (exact.length >= limit) return exact.slice(0, limit);
    const maxEdits = QueryCompleter.allowedEdits(prefix.length);
    if (maxEdits === 0) return exact;
    const seen = new Set(exact.map((s) => s.query));
    const fuzzy: Suggestion[] = [];
    for (const entry of this.sorted) {
      if (seen.has(entry.query)) continue;
      // Compare with the query's starts of nearby lengths, since a typo may add or drop a letter.
      let best = Infinity;
      for (let len = prefix.length - maxEdits; len <= prefix.length + maxEdits; len++) {
        if (len <= 0 || len > entry.query.length) continue;
        best = Math.min(best, distance(prefix, entry.query.slice(0, len)));
      }
      if (best <= maxEdits) fuzzy.push({ ...entry, edits: best });
    }
    fuzzy.sort(byRank);
    return [...exact, ...fuzzy].slice(0, limit);
  }
}
