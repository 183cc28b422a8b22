import { describe, expect, it } from 'vitest';
import { distance } from 'fastest-levenshtein';
import { QueryCompleter, type Suggestion } from '../../../src/ml/text/autocomplete.js';
import { createRng } from '../../../src/ml/core/rng.js';

// The completer's fuzzy pass walks the sorted log as a trie; this is the plain definition it must
// match: every distinct query, the smallest edit distance between the typed prefix and the query's
// starts of length prefix.length ± maxEdits, ranked by edits, then count, then text.
function bruteForce(log: readonly string[], typed: string, limit = 5): Suggestion[] {
  const counts = new Map<string, number>();
  for (const q of log) {
    const n = q.trim().toLowerCase().replace(/\s+/g, ' ');
    if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const prefix = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  if (prefix === '') return [];
  const byRank = (a: Suggestion, b: Suggestion) => a.edits - b.edits || b.count - a.count || (a.query < b.query ? -1 : 1);
  const exact = [...counts].filter(([q]) => q.startsWith(prefix)).map(([query, count]) => ({ query, count, edits: 0 }));
  exact.sort(byRank);
  if (exact.length >= limit) return exact.slice(0, limit);
  const maxEdits = QueryCompleter.allowedEdits(prefix.length);
  if (maxEdits === 0) return exact;
  const fuzzy: Suggestion[] = [];
  for (const [query, count] of counts) {
    if (query.startsWith(prefix)) continue;
    let best = Infinity;
    for (let len = prefix.length - maxEdits; len <= prefix.length + maxEdits; len++) {
      if (len <= 0 || len > query.length) continue;
      best = Math.min(best, distance(prefix, query.slice(0, len)));
    }
    if (best <= maxEdits) fuzzy.push({ query, count, edits: best });
  }
  fuzzy.sort(byRank);
  return [...exact, ...fuzzy].slice(0, limit);
}

describe('QueryCompleter fuzzy pass', () => {
  it('returns exactly what comparing the prefix with every logged query returns', () => {
    const rng = createRng(11);
    const alphabet = 'abcde ';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[rng.int(alphabet.length)]).join('');
    // A small alphabet makes shared starts and near misses common, which is where a trie walk can go wrong.
    const log = Array.from({ length: 3000 }, () => word(1 + rng.int(14)));
    const completer = new QueryCompleter(log);
    let compared = 0;
    let fuzzyHits = 0;
    for (let t = 0; t < 300; t++) {
      const typed = t % 3 === 0 ? log[rng.int(log.length)].slice(0, 4 + rng.int(8)) + word(1) : word(4 + rng.int(9));
      for (const limit of [5, 40]) {
        const want = bruteForce(log, typed, limit);
        expect(completer.suggest(typed, limit), `typed "${typed}", limit ${limit}`).toEqual(want);
        fuzzyHits += want.filter((s) => s.edits > 0).length;
        compared++;
      }
    }
    expect(compared).toBe(600);
    // The comparison must exercise the fuzzy pass, not only exact prefixes.
    expect(fuzzyHits).toBeGreaterThan(500);
  });
});
