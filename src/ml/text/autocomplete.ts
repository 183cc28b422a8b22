// Query suggestion from the query log: prefix completion ranked by how often each query was run,
// tolerant of typos (a prefix within a small edit distance of a popular query's start also
// matches). Distinct queries are kept sorted: binary search finds the exact prefix, and the fuzzy
// pass walks the sorted list as a trie (see `fuzzyMatches`), so its cost grows with the number of
// distinct starts within reach of the typed prefix, not with the whole log.

export interface Suggestion {
  query: string;
  count: number;
  /** Edit distance between the typed prefix and the suggestion's start (0 = exact prefix). */
  edits: number;
}

export class QueryCompleter {
  private readonly sorted: { query: string; count: number }[];
  /** lcp[k] = length of the common prefix of sorted[k - 1] and sorted[k] (lcp[0] = 0). */
  private readonly lcp: Int32Array;

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
    this.lcp = new Int32Array(this.sorted.length);
    for (let k = 1; k < this.sorted.length; k++) {
      const a = this.sorted[k - 1].query;
      const b = this.sorted[k].query;
      let n = 0;
      while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
      this.lcp[k] = n;
    }
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
    const fuzzy: Suggestion[] = [];
    for (const { entry, edits } of this.fuzzyMatches(prefix, maxEdits)) {
      // Queries that start with the prefix are already in `exact` (their distance at the prefix's length is 0).
      if (edits > 0) fuzzy.push({ ...this.sorted[entry], edits });
    }
    fuzzy.sort(byRank);
    return [...exact, ...fuzzy].slice(0, limit);
  }

  /**
   * Every distinct query whose start of some length len (prefix.length ± maxEdits, 1 <= len <= its
   * own length) is within maxEdits edits (Levenshtein: insert, delete, substitute) of `prefix`,
   * with the smallest such distance.
   *
   * The sorted list is walked as a trie: row d of the dynamic-programming table depends only on the
   * query's first d characters, so rows up to the common prefix with the previous query are reused,
   * and once every cell of a row exceeds maxEdits no query sharing those d characters can match
   * (rows never decrease below their minimum), so that whole run of queries is skipped.
   */
  private fuzzyMatches(prefix: string, maxEdits: number): { entry: number; edits: number }[] {
    const m = prefix.length;
    const maxDepth = m + maxEdits;
    const minDepth = Math.max(1, m - maxEdits);
    const width = m + 1;
    // rows[d * width + j] = edit distance between the query's first d characters and prefix[0..j).
    const rows = new Int32Array((maxDepth + 1) * width);
    for (let j = 0; j <= m; j++) rows[j] = j;
    // best[d] = smallest distance over the reachable lengths minDepth..d (so far down the current path).
    const best = new Int32Array(maxDepth + 1).fill(0x3fffffff);
    const out: { entry: number; edits: number }[] = [];
    let computed = 0; // rows 1..computed are valid for the current query
    let dead = Infinity; // every cell of the row at this depth exceeded maxEdits
    let deadEdits = 0x3fffffff; // best[dead]: what every query sharing that row's characters scores
    for (let k = 0; k < this.sorted.length; k++) {
      const query = this.sorted[k].query;
      const shared = this.lcp[k];
      if (shared >= dead) {
        // Same first `dead` characters as the query that stopped there: rows beyond it stay above maxEdits.
        if (deadEdits <= maxEdits) out.push({ entry: k, edits: deadEdits });
        continue;
      }
      dead = Infinity;
      computed = Math.min(computed, shared);
      const depthLimit = Math.min(query.length, maxDepth);
      let reach = depthLimit;
      for (let d = computed + 1; d <= depthLimit; d++) {
        const c = query.charCodeAt(d - 1);
        const prev = (d - 1) * width;
        const cur = d * width;
        rows[cur] = d;
        let rowMin = d;
        for (let j = 1; j <= m; j++) {
          const sub = rows[prev + j - 1] + (prefix.charCodeAt(j - 1) === c ? 0 : 1);
          const del = rows[prev + j] + 1;
          const ins = rows[cur + j - 1] + 1;
          const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
          rows[cur + j] = v;
          if (v < rowMin) rowMin = v;
        }
        const here = d >= minDepth ? rows[cur + m] : 0x3fffffff;
        const before = d > 1 ? best[d - 1] : 0x3fffffff;
        best[d] = here < before ? here : before;
        computed = d;
        if (rowMin > maxEdits) {
          dead = d;
          deadEdits = best[d];
          reach = d;
          break;
        }
      }
      const edits = best[reach];
      if (edits <= maxEdits) out.push({ entry: k, edits });
    }
    return out;
  }
}
