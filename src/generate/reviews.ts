// reviews.csv: one row per written review. Realistic: users review titles they would pick, and the
// rating follows genre affinity and title quality (ratingFromLatent). In both modes the sentiment
// label and score are a function of the rating, as published, and the text's polarity follows it.
// Realistic texts are composed (thousands of distinct texts); none picks one of 30 fixed texts, 10
// per sentiment (FLAT_REVIEWS), as the published file does.
import { columnOf, contractFor, EVENT_DEVICES } from '../contracts/index.js';
import { affinityLog, pickDevice, ratingFromLatent } from './behaviour.js';
import { EVENT_FIRST_DAY } from './calendar.js';
import type { GenContext } from './context.js';
import { openEventTable } from './event-table.js';
import { boolText, csvField, decimalText, floatText } from './format.js';
import type { TitleModel } from './title-model.js';
import { composeReview, FLAT_REVIEWS } from './review-text.js';
import { QuotaFlag } from './sampling.js';
import type { TitleSampler } from './title-sampler.js';
import type { UserModel } from './user-model.js';

const contract = contractFor('reviews');

const col = (name: string) => columnOf('reviews', name);
export const VERIFIED_WATCH_RATE = 0.7;
/** sentiment_score band per star rating (1..5); bands join at 0.4 and 0.6 as published. */
export const SCORE_BANDS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 0.2],
  [0.2, 0.4],
  [0.4, 0.6],
  [0.6, 0.8],
  [0.8, 1],
];

export function sentimentOf(rating: number): 'negative' | 'neutral' | 'positive' {
  return rating <= 2 ? 'negative' : rating === 3 ? 'neutral' : 'positive';
}

export async function writeReviews(
  ctx: GenContext,
  users: UserModel,
  titles: TitleModel,
  sampler: TitleSampler | undefined,
): Promise<void> {
  const events = openEventTable(ctx, contract, users, titles.n, 'eventDevices');
  const { rng, writer, unique, rowKey, userIds, movieIds, activity, devices } = events;
  const blankVotes = new QuotaFlag(unique, col('helpful_votes').expectedBlankRate);
  const blankText = new QuotaFlag(unique, col('review_text').expectedBlankRate);
  const blankScore = new QuotaFlag(unique, col('sentiment_score').expectedBlankRate);

  for (let i = 0; i < unique; i++) {
    const u = activity.user(rng);
    const day = activity.day(rng, u);
    let t: number;
    let rating: number;
    if (sampler) {
      t = sampler.pickForUser(rng, users, u, day);
      rating = ratingFromLatent(rng, affinityLog(users, u, titles.genre1[t]), titles.quality[t], 0);
    } else {
      t = rng.int(titles.n);
      rating = rng.between(1, 5);
    }
    let helpful = '';
    let total = '';
    if (!blankVotes.next(rng)) {
      const votes = Math.floor(rng.logNormal(6, 1.1));
      total = floatText(votes);
      helpful = floatText(users.realistic ? Math.round(votes * rng.uniform(0.3, 0.95)) : rng.between(0, votes));
    }
    const [lo, hi] = SCORE_BANDS[rating];
    const line = [
      rowKey(i + 1),
      userIds[u],
      movieIds[t],
      String(rating),
      ctx.days.text(EVENT_FIRST_DAY + day),
      pickDevice(rng, users, u, devices, EVENT_DEVICES),
      boolText(rng.bool(VERIFIED_WATCH_RATE)),
      helpful,
      total,
      blankText.next(rng) ? '' : csvField(users.realistic ? composeReview(rng, rating) : rng.pick(FLAT_REVIEWS[sentimentOf(rating)])),
      sentimentOf(rating),
      blankScore.next(rng) ? '' : decimalText(rng.uniform(lo, hi), 3),
    ].join(',');
    if (writer.row(line)) await writer.flush();
    if ((i & 16383) === 16383) ctx.progress(contract.name, i + 1);
  }
  await writer.finish();
  ctx.progress(contract.name, writer.rowsWritten);
}
