// search_logs.csv: one row per search. Realistic: an intent per search drives the query text,
// results returned, click chance and position, filters and time spent; had_typo queries are really
// misspelled and find less. A few clicks land beyond the results shown, even on zero results
// (published quirk). The true intent of each search goes to ground_truth.json.
import { Faker, en } from '@faker-js/faker';
import { columnOf, contractFor, EVENT_DEVICES } from '../contracts/index.js';
import { eventCountry, pickDevice } from './behaviour.js';
import { EVENT_FIRST_DAY, monthOf } from './calendar.js';
import type { GenContext } from './context.js';
import { openEventTable } from './event-table.js';
import { asciiOnly, boolText, decimalText } from './format.js';
import type { TitleModel } from './title-model.js';
import { Rng } from './rng.js';
import { QuotaFlag, cumulativeOf, pickCumulative } from './sampling.js';
import { FLAT_QUERIES, INTENT_WEIGHTS, composeQuery, misspell } from './search-queries.js';
import type { TitleSampler } from './title-sampler.js';
import type { UserModel } from './user-model.js';
import type { GroundTruthWriter } from './ground-truth.js';

const contract = contractFor('search_logs');

const col = (name: string) => columnOf('search_logs', name);
const INTENT_CUM = cumulativeOf(INTENT_WEIGHTS);

/** Per intent (order of SEARCH_INTENTS): click chance, position decay, results, seconds, filter use. */
export const INTENT_BEHAVIOUR = [
  { click: 0.8, positionP: 0.6, results: [1, 12], zeroIfTypo: 0.35, seconds: 8, filters: 0.05 },
  { click: 0.45, positionP: 0.2, results: [30, 100], zeroIfTypo: 0, seconds: 40, filters: 0.45 },
  { click: 0.4, positionP: 0.2, results: [10, 80], zeroIfTypo: 0, seconds: 55, filters: 0.4 },
  { click: 0.55, positionP: 0.4, results: [1, 30], zeroIfTypo: 0.3, seconds: 15, filters: 0.08 },
  { click: 0.6, positionP: 0.5, results: [10, 60], zeroIfTypo: 0, seconds: 6, filters: 0.05 },
] as const;
export const TYPO_RATE = 0.12;
export const TYPO_CLICK_FACTOR = 0.6;
/** Searches whose click ignores the results shown (may exceed results_returned, even 0). */
export const STRAY_CLICK_RATE = 0.02;

/** Scale factor on intent click chances so the overall click rate matches the contract's 1 - blank rate. */
function clickCalibration(): number {
  const target = 1 - col('clicked_result_position').expectedBlankRate;
  const modelTarget = (target - STRAY_CLICK_RATE) / (1 - STRAY_CLICK_RATE);
  let expected = 0;
  INTENT_BEHAVIOUR.forEach((b, k) => {
    expected += INTENT_WEIGHTS[k] * ((1 - TYPO_RATE) * b.click + TYPO_RATE * (1 - b.zeroIfTypo) * b.click * TYPO_CLICK_FACTOR);
  });
  return modelTarget / expected;
}

export async function writeSearches(
  ctx: GenContext,
  users: UserModel,
  titles: TitleModel,
  sampler: TitleSampler | undefined,
  truth: GroundTruthWriter | undefined,
): Promise<void> {
  const events = openEventTable(ctx, contract, users, undefined, 'eventDevices');
  const { rng, writer, unique, rowKey, userIds, activity, devices } = events;
  const faker = new Faker({ locale: [en] });
  faker.seed(new Rng(ctx.seed, 'search_logs:faker').nextU32());
  const people = Array.from({ length: 200 }, () => asciiOnly(`${faker.person.firstName()} ${faker.person.lastName()}`).toLowerCase());
  const blankSeconds = new QuotaFlag(unique, col('search_duration_seconds').expectedBlankRate);
  const flatClick = new QuotaFlag(unique, 1 - col('clicked_result_position').expectedBlankRate);
  const calibration = clickCalibration();

  for (let i = 0; i < unique; i++) {
    const u = activity.user(rng);
    const day = activity.day(rng, u);
    let query: string;
    let typo: boolean;
    let results: number;
    let position = 0;
    let seconds: number;
    let filters: boolean;
    if (sampler) {
      const intent = pickCumulative(rng, INTENT_CUM);
      const b = INTENT_BEHAVIOUR[intent];
      const genre = sampler.pickGenre(rng, users, u, day);
      const titleName = intent === 0 ? titles.names[sampler.pickForUser(rng, users, u, day)] : '';
      const clean = composeQuery(rng, intent, { titleName, genre, month0: monthOf(day), people });
      typo = rng.bool(TYPO_RATE);
      query = typo ? misspell(rng, clean) : clean;
      results = typo && rng.bool(b.zeroIfTypo) ? 0 : rng.between(b.results[0], b.results[1]);
      const clickChance = results === 0 ? 0 : b.click * calibration * (typo ? TYPO_CLICK_FACTOR : 1);
      if (rng.bool(STRAY_CLICK_RATE)) position = rng.between(1, 10);
      else if (rng.bool(clickChance)) {
        const limit = Math.min(10, results);
        do position = 1 + rng.geometric(b.positionP);
        while (position > limit);
      }
      seconds = rng.logNormal(b.seconds, 0.5) + (typo ? rng.uniform(3, 15) : 0);
      filters = rng.bool(b.filters);
      if (truth?.row(`${intent},${JSON.stringify(clean)}`)) await truth.flush();
    } else {
      query = rng.pick(FLAT_QUERIES);
      typo = rng.bool(TYPO_RATE);
      results = rng.between(0, 100);
      position = flatClick.next(rng) ? rng.between(1, 10) : 0;
      seconds = rng.logNormal(25, 0.8);
      filters = rng.bool(0.3);
    }
    const country = eventCountry(rng, users, u);
    const line = [
      rowKey(i + 1),
      userIds[u],
      query,
      ctx.days.text(EVENT_FIRST_DAY + day),
      String(results),
      position === 0 ? '' : String(position),
      pickDevice(rng, users, u, devices, EVENT_DEVICES),
      blankSeconds.next(rng) ? '' : decimalText(seconds, 1),
      boolText(typo),
      boolText(filters),
      country,
    ].join(',');
    if (writer.row(line)) await writer.flush();
    if ((i & 16383) === 16383) ctx.progress(contract.name, i + 1);
  }
  await writer.finish();
  ctx.progress(contract.name, writer.rowsWritten);
}
