/**
 * Per-user top-k ranking metrics with binary relevance. `ranked` is the recommended list best
 * first; `relevant` is the set of held-out items. Conventions (stated because libraries differ):
 * - precision@k = hits in top k / k (k, not the list length, so short lists are penalised);
 * - recall@k = hits / |relevant|;
 * - NDCG@k = DCG / IDCG with gain 1 and discount 1/log2(rank+1), IDCG over min(|relevant|, k);
 * - AP@k = Σ precision@i at each hit i <= k, divided by min(|relevant|, k).
 * All are 0 when `relevant` is empty.
 */

export function precisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  return relevant.size === 0 ? 0 : hitsAtK(ranked, relevant, k) / k;
}

export function recallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  return relevant.size === 0 ? 0 : hitsAtK(ranked, relevant, k) / relevant.size;
}

export function ndcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  const n = Math.min(k, ranked.length);
  for (let r = 0; r < n; r++) if (relevant.has(ranked[r])) dcg += 1 / Math.log2(r + 2);
  let idcg = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
  return dcg / idcg;
}

export function averagePrecisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  const n = Math.min(k, ranked.length);
  for (let r = 0; r < n; r++) {
    if (relevant.has(ranked[r])) {
      hits++;
      sum += hits / (r + 1);
    }
  }
  return sum / Math.min(relevant.size, k);
}

function hitsAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  const n = Math.min(k, ranked.length);
  for (let r = 0; r < n; r++) if (relevant.has(ranked[r])) hits++;
  return hits;
}
