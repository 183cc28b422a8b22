// watch_history.csv: one row per viewing session.
// Realistic: action, progress and minutes agree (completed => 92-100%), minutes follow the title's
// runtime (series sessions run several episodes, so minutes exceed the per-episode runtime), and a
// few anomalies are injected (progress unrelated to action, sessions of 5-13+ hours).
// None: every behaviour column drawn independently, as in the published files.
import { columnOf, contractFor, SERIES_TYPES, WATCH_DEVICES } from '../contracts/index.js';
import { affinityLog, eventCountry, pickDevice, ratingFromLatent } from './behaviour.js';
import { EVENT_FIRST_DAY } from './calendar.js';
import type { GenContext } from './context.js';
import { openEventTable } from './event-table.js';
import { boolText, decimalText } from './format.js';
import type { TitleModel } from './title-model.js';
import { Rng } from './rng.js';
import { QuotaFlag, clamp, cumulativeOf, pickCumulative, sigmoid } from './sampling.js';
import { SEGMENTS } from './segments.js';
import type { TitleSampler } from './title-sampler.js';
import type { UserModel } from './user-model.js';

const contract = contractFor('watch_history');

const col = (name: string) => columnOf('watch_history', name);
const ACTIONS = col('action').allowedValues!;
/** Contract index of each internal action code (0 started, 1 stopped, 2 paused, 3 completed). */
const ACTION_INDEX = ['started', 'stopped', 'paused', 'completed'].map((a) => ACTIONS.indexOf(a));
const QUALITY = col('quality').allowedValues!;
const QUALITY_CUM = cumulativeOf(col('quality').weights!);
const CONTENT_TYPES = columnOf('movies', 'content_type').allowedValues!;

/** P(completed) = COMPLETION_SCALE x finish propensity; keeps `completed` near a quarter of sessions. */
export const COMPLETION_SCALE = 0.42;
export const WATCH_ANOMALIES = { progressUnrelatedRate: 0.03, longSessionRate: 0.004, longMin: 300, longMax: 800 };

export async function writeWatchHistory(
  ctx: GenContext,
  users: UserModel,
  titles: TitleModel,
  sampler: TitleSampler | undefined,
): Promise<void> {
  const events = openEventTable(ctx, contract, users, titles.n, 'watchDevices');
  const { rng, writer, unique, rowKey, userIds, movieIds, activity, devices } = events;
  const isSeries = Uint8Array.from(titles.contentType, (c) =>
    SERIES_TYPES.includes(CONTENT_TYPES[c] as (typeof SERIES_TYPES)[number]) ? 1 : 0,
  );
  const blankMinutes = new QuotaFlag(unique, col('watch_duration_minutes').expectedBlankRate);
  const blankProgress = new QuotaFlag(unique, col('progress_percentage').expectedBlankRate);
  const blankRating = new QuotaFlag(unique, col('user_rating').expectedBlankRate);

  for (let i = 0; i < unique; i++) {
    const u = activity.user(rng);
    const day = activity.day(rng, u);
    const t = sampler ? sampler.pickForUser(rng, users, u, day) : rng.int(titles.n);
    const device = pickDevice(rng, users, u, devices, WATCH_DEVICES);
    const runtime = titles.duration[t];
    let action: number;
    let progress: number;
    let minutes: number;
    let rating: number;
    if (users.realistic) {
      const aff = affinityLog(users, u, titles.genre1[t]);
      const finishes = sigmoid(Math.log(users.completion[u] / (1 - users.completion[u])) + 0.6 * aff + 0.3 * (titles.quality[t] - 6.6));
      action = rng.bool(COMPLETION_SCALE * finishes) ? 3 : rng.int(3); // 3 = completed; 0 started, 1 stopped, 2 paused
      progress = progressFor(rng, action);
      if (rng.bool(WATCH_ANOMALIES.progressUnrelatedRate)) progress = rng.uniform(0, 100);
      const episodes = isSeries[t] ? rng.geometric(1 - SEGMENTS[users.segment[u]].bingeContinue) : 0;
      minutes =
        runtime === 0
          ? rng.uniform(0.2, 10)
          : isSeries[t]
            ? runtime * (episodes + progress / 100)
            : runtime * (progress / 100) * rng.uniform(0.95, 1.5);
      rating = ratingFromLatent(rng, aff, titles.quality[t], action === 3 ? 0.4 : -0.3);
    } else {
      action = rng.int(4);
      progress = rng.uniform(0, 100);
      minutes = rng.logNormal(50, 0.95);
      rating = rng.between(1, 5);
    }
    if (rng.bool(WATCH_ANOMALIES.longSessionRate)) minutes = rng.uniform(WATCH_ANOMALIES.longMin, WATCH_ANOMALIES.longMax);
    minutes = clamp(minutes, 0.2, WATCH_ANOMALIES.longMax);
    const country = eventCountry(rng, users, u);
    const download = rng.bool(users.realistic ? (device === 'Mobile' || device === 'Tablet' ? 0.3 : 0.04) : 0.15);

    const minutesText = blankMinutes.next(rng) ? '' : decimalText(minutes, 1);
    const progressText = blankProgress.next(rng) ? '' : decimalText(clamp(progress, 0, 100), 1);
    const quality = QUALITY[pickCumulative(rng, QUALITY_CUM)];
    const ratingText = blankRating.next(rng) ? '' : String(rating);
    // A template literal rather than [...].join(','): this line runs 10M times at scale 100.
    const line = `${rowKey(i + 1)},${userIds[u]},${movieIds[t]},${ctx.days.text(EVENT_FIRST_DAY + day)},${device},${minutesText},${progressText},${ACTIONS[ACTION_INDEX[action]]},${quality},${country},${boolText(download)},${ratingText}`;
    if (writer.row(line)) await writer.flush();
    if ((i & 16383) === 16383) ctx.progress(contract.name, i + 1);
  }
  await writer.finish();
  ctx.progress(contract.name, writer.rowsWritten);
}

function progressFor(rng: Rng, action: number): number {
  switch (action) {
    case 3:
      return rng.uniform(92, 100);
    case 1:
      return rng.uniform(3, 85);
    case 2:
      return rng.uniform(5, 90);
    default:
      return rng.uniform(0, 15);
  }
}
