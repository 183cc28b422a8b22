/** Popularity baseline: every user gets the items with the most distinct users in training. */
import type { Recommender } from './recommender.js';
import { itemCounts, type CsrMatrix } from './sparse.js';
import { sharedOrderTopN } from './top_n.js';

export function fitPopularity(train: CsrMatrix): Recommender {
  const counts = itemCounts(train);
  return {
    name: 'popularity',
    nItems: train.nCols,
    scoreUser(_user, out) {
      out.set(counts);
    },
    topN: sharedOrderTopN(counts),
  };
}
