// What ml.sentiment reads: every review with text from gold.ml_review_texts, with its source label.
import type { StepContext } from '../../pipeline/step.js';
import { labelFromRating, type Sentiment } from '../text/lexicon-sentiment.js';
import type { ReviewRow } from './train.js';
import { REVIEW_TABLE } from './tables.js';

export async function loadReviews(ctx: StepContext, table = REVIEW_TABLE): Promise<ReviewRow[]> {
  const rows = await ctx.engine.query(
    `SELECT review_id, movie_id, review_text, rating, sentiment FROM ${table} WHERE review_text IS NOT NULL ORDER BY review_id`,
  );
  const out: ReviewRow[] = [];
  for (const r of rows) {
    const rating = r.rating === null || r.rating === undefined ? null : Number(r.rating);
    // A blank source label falls back to the rating rule it is defined by; with neither the review is unlabelled.
    const label = (r.sentiment ? String(r.sentiment) : rating !== null ? labelFromRating(rating) : null) as Sentiment | null;
    if (label === null) continue;
    out.push({
      reviewId: String(r.review_id),
      movieId: r.movie_id === null ? null : String(r.movie_id),
      text: String(r.review_text),
      rating,
      label,
    });
  }
  return out;
}
