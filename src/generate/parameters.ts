// The planted parameters, gathered from the modules that use them, for ground_truth.json.
import { GENRES } from '../contracts/index.js';
import { GENRE_SEASONS, GROWTH_OVER_PERIOD, HOLIDAY_OFF_SEASON, HOLIDAY_TITLE_SEASON, MONTH_FACTOR, WEEKDAY_FACTOR } from './calendar.js';
import { TRAVEL_RATE, RATING_CUTS } from './behaviour.js';
import { DURATION_ANOMALIES } from './movies.js';
import { CLICK_MODEL, FLAT_CLICK_RATE } from './recommendations.js';
import { SCORE_BANDS, VERIFIED_WATCH_RATE } from './reviews.js';
import { INTENT_BEHAVIOUR, STRAY_CLICK_RATE, TYPO_CLICK_FACTOR, TYPO_RATE } from './searches.js';
import { INTENT_WEIGHTS, SEARCH_INTENTS } from './search-queries.js';
import { FAVOURITE_WEIGHT, SEGMENTS, SEGMENT_GENRE_TASTE, SEGMENT_TASTE_WEIGHT } from './segments.js';
import { BUCKET_DAYS, PRE_RELEASE_FACTOR, SECONDARY_GENRE_WEIGHT } from './title-sampler.js';
import { AGE_ANOMALIES, EMAIL_NAMESAKE_RATE, SPEND_OUTLIER } from './users.js';
import { CHURN_MODEL, PLAN_CHURN_SHIFT, PLAN_PRICE, type UserModel } from './user-model.js';
import { WATCH_ANOMALIES } from './watch-history.js';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function plantedParameters(users: UserModel): Record<string, unknown> {
  return {
    genres: GENRES,
    segments: SEGMENTS.map((s, k) => ({ index: k, ...s, genre_taste: Array.from(SEGMENT_GENRE_TASTE[k], r4) })),
    segment_taste_weight: SEGMENT_TASTE_WEIGHT,
    favourite_weight: FAVOURITE_WEIGHT,
    churn_model: { ...CHURN_MODEL, intercept: r4(users.churnIntercept), plan_shift: PLAN_CHURN_SHIFT, plan_price: PLAN_PRICE },
    calendar: {
      weekday_factor_sunday_first: WEEKDAY_FACTOR,
      month_factor: MONTH_FACTOR,
      growth_over_period: GROWTH_OVER_PERIOD,
      genre_seasons_by_month: GENRE_SEASONS,
      holiday_title_season_by_month: HOLIDAY_TITLE_SEASON,
      holiday_off_season: HOLIDAY_OFF_SEASON,
    },
    title_popularity: { bucket_days: BUCKET_DAYS, pre_release_factor: PRE_RELEASE_FACTOR, secondary_genre_weight: SECONDARY_GENRE_WEIGHT },
    click_model: CLICK_MODEL,
    flat_click_rate: FLAT_CLICK_RATE,
    rating_cuts: RATING_CUTS,
    travel_rate: TRAVEL_RATE,
    review: { verified_watch_rate: VERIFIED_WATCH_RATE, sentiment_score_bands_by_rating: SCORE_BANDS },
    search: {
      intents: SEARCH_INTENTS,
      intent_weights: INTENT_WEIGHTS,
      intent_behaviour: INTENT_BEHAVIOUR,
      typo_rate: TYPO_RATE,
      typo_click_factor: TYPO_CLICK_FACTOR,
      stray_click_rate: STRAY_CLICK_RATE,
    },
    anomalies: {
      age: AGE_ANOMALIES,
      spend: SPEND_OUTLIER,
      email_namesake_rate: EMAIL_NAMESAKE_RATE,
      duration: DURATION_ANOMALIES,
      watch: WATCH_ANOMALIES,
    },
  };
}
