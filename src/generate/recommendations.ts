// recommendation_logs.csv: one row per title shown in a list.
// Realistic: personalised types recommend from the user's taste, trending/new_releases by
// popularity; the score tracks affinity; clicks fall with list position and rise with score and
// affinity (CLICK_MODEL). None: all independent, as published.
import { columnOf, contractFor, EVENT_DEVICES } from '../contracts/index.js';
import { affinityLog, pickDevice } from './behaviour.js';
import { EVENT_FIRST_DAY } from './calendar.js';
import type { GenContext } from './context.js';
import { openEventTable } from './event-table.js';
import { boolText, decimalText } from './format.js';
import type { TitleModel } from './title-model.js';
import { QuotaFlag, clamp, sigmoid } from './sampling.js';
import type { TitleSampler } from './title-sampler.js';
import type { UserModel } from './user-model.js';

const contract = contractFor('recommendation_logs');

const col = (name: string) => columnOf('recommendation_logs', name);
const TYPES = col('recommendation_type').allowedValues!;
const TIMES = col('time_of_day').allowedValues!;
const VERSIONS = col('algorithm_version').allowedValues!;

/** logit P(click) = intercept + position x (pos-1) + score x (score-0.5) + affinity x affinityLog. */
export const CLICK_MODEL = { intercept: -1.2, position: -0.09, score: 2.5, affinity: 0.6 } as const;
/** Click rate with signal none. */
export const FLAT_CLICK_RATE = 0.15;
/** Recommendation types that use the user's taste (others recommend by popularity). */
const TASTE_TYPES = new Set(['personalized', 'genre_based', 'similar_users']);

export async function writeRecommendations(
  ctx: GenContext,
  users: UserModel,
  titles: TitleModel,
  sampler: TitleSampler | undefined,
): Promise<void> {
  const events = openEventTable(ctx, contract, users, titles.n, 'eventDevices');
  const { rng, writer, unique, rowKey, userIds, movieIds, activity, devices } = events;
  const blankScore = new QuotaFlag(unique, col('recommendation_score').expectedBlankRate);
  const blankVersion = new QuotaFlag(unique, col('algorithm_version').expectedBlankRate);

  for (let i = 0; i < unique; i++) {
    const u = activity.user(rng);
    const day = activity.day(rng, u);
    const type = TYPES[rng.int(TYPES.length)];
    const position = rng.between(1, 20);
    let t: number;
    let score: number;
    let clicked: boolean;
    if (sampler) {
      t = TASTE_TYPES.has(type) ? sampler.pickForUser(rng, users, u, day) : sampler.pickPopular(rng, day);
      const aff = affinityLog(users, u, titles.genre1[t]);
      score = clamp(0.45 + 0.2 * Math.tanh(aff) + rng.normal(0, 0.15), 0, 1);
      clicked = rng.bool(
        sigmoid(
          CLICK_MODEL.intercept + CLICK_MODEL.position * (position - 1) + CLICK_MODEL.score * (score - 0.5) + CLICK_MODEL.affinity * aff,
        ),
      );
    } else {
      t = rng.int(titles.n);
      score = rng.float();
      clicked = rng.bool(FLAT_CLICK_RATE);
    }
    const scoreText = blankScore.next(rng) ? '' : decimalText(score, 3);
    const device = pickDevice(rng, users, u, devices, EVENT_DEVICES);
    const time = TIMES[rng.int(TIMES.length)];
    const version = blankVersion.next(rng) ? '' : VERSIONS[rng.int(VERSIONS.length)];
    const line = `${rowKey(i + 1)},${userIds[u]},${movieIds[t]},${ctx.days.text(EVENT_FIRST_DAY + day)},${type},${scoreText},${boolText(clicked)},${position},${device},${time},${version}`;
    if (writer.row(line)) await writer.flush();
    if ((i & 16383) === 16383) ctx.progress(contract.name, i + 1);
  }
  await writer.finish();
  ctx.progress(contract.name, writer.rowsWritten);
}
