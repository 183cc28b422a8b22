// Every KPI, declared once. Gold models compute a KPI with {{ kpi('name') }}, which expands to the
// expression below, so the formula lives only here; gold QA checks each KPI's range; the dashboard
// reads label, format, direction and description; the headline KPIs (src/gold/headline.ts) feed both
// the Overview cards and the `marquee start` summary. Expressions are aggregates over the source rows
// of the KPI's table (aliases: s = session, r = impression, q = search, v = review, u = user); a
// rollup is the same KPI over the additive columns of gold.kpi_daily_by_segment.
import { columnOf } from '../contracts/index.js';
import type { KpiDeclaration } from './kpi-types.js';

/**
 * The seed's spend-outlier band starts at the contract's plausible maximum ($200; the band runs to
 * $1000): the outlier rule for MRR. Silver's wider robust (MAD) flag is reported beside it, not used.
 */
export const SPEND_BAND_MIN = columnOf('users', 'monthly_spend').plausibleRange!.max!;
const inBand = `coalesce(u.monthly_spend >= ${SPEND_BAND_MIN}, FALSE)`;
const recorded = 'NOT s.is_invalid_duration AND NOT s.watch_duration_minutes_was_imputed';

const rate = { min: 0, max: 1 } as const;
const nonNegative = { min: 0 } as const;

export const KPIS: readonly KpiDeclaration[] = [
  // Engagement (rows: silver.watch_history sessions, alias s)
  { name: 'sessions', label: 'Sessions', description: 'Viewing sessions started.', table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: 'count(*)', rollup: 'sum(sessions)', format: 'count', direction: 'up', range: nonNegative, headline: true },
  { name: 'watch_hours', label: 'Watch hours (recorded)', description: 'Hours watched in sessions with a recorded duration; imputed durations and sessions flagged as invalid duration (over 13 h) are left out (imputed hours are their own measure).', table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: `sum(CASE WHEN ${recorded} THEN coalesce(s.watch_duration_minutes, 0) ELSE 0 END) / 60.0`, rollup: 'sum(watch_hours)', format: 'hours', direction: 'up', range: nonNegative, headline: true },
  { name: 'imputed_watch_hours', label: 'Imputed watch hours', description: 'Hours filled in by silver imputation for sessions whose duration was blank (an estimate; its holdout error is in the imputation log), not counted in recorded watch hours.', table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: 'sum(CASE WHEN NOT s.is_invalid_duration AND s.watch_duration_minutes_was_imputed THEN coalesce(s.watch_duration_minutes, 0) ELSE 0 END) / 60.0', rollup: 'sum(imputed_watch_hours)', format: 'hours', direction: 'neutral', range: nonNegative, headline: true },
  { name: 'completion_rate', label: 'Completion rate', description: "Share of sessions whose action is 'completed' (the source's own end-of-session label; progress is not consulted).", table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: 'avg(CASE WHEN s.action = \'completed\' THEN 1.0 ELSE 0.0 END)', rollup: 'sum(completed_sessions) / nullif(sum(sessions), 0)', format: 'percent', direction: 'up', range: rate, headline: true },
  { name: 'completed_low_progress_share', label: 'Completed with progress under 50%', description: "Of the sessions labelled 'completed', the share whose progress is under 50% (silver's is_progress_inconsistent): how far the completion label and progress disagree.", table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: "{{ safe_div(sum(CASE WHEN s.is_progress_inconsistent THEN 1.0 ELSE 0.0 END), sum(CASE WHEN s.action = 'completed' THEN 1.0 ELSE 0.0 END)) }}", rollup: 'sum(completed_low_progress_sessions) / nullif(sum(completed_sessions), 0)', format: 'percent', direction: 'down', range: rate, headline: true },
  { name: 'distinct_titles', label: 'Distinct titles', description: 'Different titles watched.', table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: 'count(DISTINCT s.movie_id)', format: 'count', direction: 'up', range: nonNegative },
  { name: 'distinct_genres', label: 'Distinct genres', description: 'Different primary genres watched.', table: 'gold.kpi_engagement_by_user', grain: 'user', expression: 'count(DISTINCT s.genre_primary)', format: 'count', direction: 'up', range: nonNegative },
  { name: 'binge_sessions', label: 'Binge sessions', description: 'Sessions longer than 5 hours (silver binge flag).', table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: 'sum(CASE WHEN s.is_binge THEN 1 ELSE 0 END)', format: 'count', direction: 'neutral', range: nonNegative },
  { name: 'avg_session_minutes', label: 'Average session length', description: 'Mean minutes per session with a recorded (not imputed), valid duration.', table: 'gold.kpi_engagement_by_user_month', grain: 'user x month', expression: `avg(CASE WHEN ${recorded} THEN s.watch_duration_minutes END)`, rollup: 'sum(watch_hours) * 60 / nullif(sum(timed_sessions), 0)', format: 'minutes', direction: 'up', range: nonNegative },

  // Content (rows: sessions of a title, alias s)
  { name: 'views', label: 'Views', description: 'Sessions of the title.', table: 'gold.kpi_content_by_title', grain: 'title', expression: 'count(*)', format: 'count', direction: 'up', range: nonNegative },
  { name: 'unique_viewers', label: 'Unique viewers', description: 'Different users who watched the title.', table: 'gold.kpi_content_by_title', grain: 'title', expression: 'count(DISTINCT s.user_id)', format: 'count', direction: 'up', range: nonNegative },

  // Recommendations (rows: silver.recommendation_logs impressions, alias r)
  { name: 'impressions', label: 'Impressions', description: 'Titles shown in recommendation lists.', table: 'gold.kpi_recommendation_ctr', grain: 'dimension x value', expression: 'count(*)', rollup: 'sum(impressions)', format: 'count', direction: 'neutral', range: nonNegative },
  { name: 'clicks', label: 'Clicks', description: 'Recommended titles clicked.', table: 'gold.kpi_recommendation_ctr', grain: 'dimension x value', expression: 'sum(CASE WHEN r.was_clicked THEN 1 ELSE 0 END)', rollup: 'sum(clicks)', format: 'count', direction: 'up', range: nonNegative },
  { name: 'ctr', label: 'Click-through rate', description: 'Clicks per impression.', table: 'gold.kpi_recommendation_ctr', grain: 'dimension x value', expression: 'avg(CASE WHEN r.was_clicked THEN 1.0 ELSE 0.0 END)', rollup: 'sum(clicks) / nullif(sum(impressions), 0)', format: 'percent', direction: 'up', range: rate, headline: true },

  // Search (rows: silver.search_logs, alias q)
  { name: 'searches', label: 'Searches', description: 'Searches run.', table: 'gold.kpi_search', grain: 'dimension x value', expression: 'count(*)', rollup: 'sum(searches)', format: 'count', direction: 'neutral', range: nonNegative },
  { name: 'zero_result_rate', label: 'Zero-result rate', description: 'Share of searches that returned no results.', table: 'gold.kpi_search', grain: 'dimension x value', expression: 'avg(CASE WHEN q.results_returned = 0 THEN 1.0 ELSE 0.0 END)', format: 'percent', direction: 'down', range: rate },
  { name: 'search_click_through', label: 'Search click-through', description: 'Share of searches with a clicked result.', table: 'gold.kpi_search', grain: 'dimension x value', expression: 'avg(CASE WHEN q.clicked THEN 1.0 ELSE 0.0 END)', rollup: 'sum(searches_clicked) / nullif(sum(searches), 0)', format: 'percent', direction: 'up', range: rate, headline: true },
  { name: 'mean_click_position', label: 'Mean click position', description: 'Average position of the clicked result (lower is better).', table: 'gold.kpi_search', grain: 'dimension x value', expression: 'avg(q.clicked_result_position)', format: 'number', direction: 'down', range: { min: 1, max: 10 } },

  // Reviews (rows: silver.reviews, alias v)
  { name: 'reviews', label: 'Reviews', description: 'Reviews written.', table: 'gold.kpi_reviews', grain: 'dimension x value', expression: 'count(*)', rollup: 'sum(reviews)', format: 'count', direction: 'up', range: nonNegative },
  { name: 'avg_rating', label: 'Average rating', description: 'Mean star rating (1-5).', table: 'gold.kpi_reviews', grain: 'dimension x value', expression: 'avg(v.rating)', rollup: 'sum(rating_sum) / nullif(sum(rated_reviews), 0)', format: 'number', direction: 'up', range: { min: 1, max: 5 }, headline: true },
  { name: 'positive_share', label: 'Positive share', description: 'Share of reviews labelled positive.', table: 'gold.kpi_reviews', grain: 'dimension x value', expression: 'avg(CASE WHEN v.sentiment = \'positive\' THEN 1.0 ELSE 0.0 END)', format: 'percent', direction: 'up', range: rate },
  { name: 'negative_share', label: 'Negative share', description: 'Share of reviews labelled negative.', table: 'gold.kpi_reviews', grain: 'dimension x value', expression: 'avg(CASE WHEN v.sentiment = \'negative\' THEN 1.0 ELSE 0.0 END)', format: 'percent', direction: 'down', range: rate },
  { name: 'helpfulness', label: 'Helpfulness', description: 'Helpful votes per vote cast, over reviews with votes.', table: 'gold.kpi_reviews', grain: 'dimension x value', expression: '{{ safe_div(sum(v.helpful_votes), sum(v.total_votes)) }}', format: 'percent', direction: 'up', range: rate },

  // Business (rows: silver.users, alias u)
  { name: 'subscribers', label: 'Subscribers', description: 'Accounts in the group.', table: 'gold.kpi_churn_by_segment', grain: 'dimension x value', expression: 'count(*)', format: 'count', direction: 'up', range: nonNegative },
  { name: 'active_subscribers', label: 'Active subscribers', description: 'Accounts whose subscription is active.', table: 'gold.kpi_churn_by_segment', grain: 'dimension x value', expression: 'sum(CASE WHEN u.is_active THEN 1 ELSE 0 END)', format: 'count', direction: 'up', range: nonNegative, headline: true },
  { name: 'churn_rate', label: 'Churn rate', description: 'Share of accounts no longer active.', table: 'gold.kpi_churn_by_segment', grain: 'dimension x value', expression: 'avg(CASE WHEN u.is_active THEN 0.0 ELSE 1.0 END)', format: 'percent', direction: 'down', range: rate, headline: true },
  { name: 'mrr', label: 'MRR', description: `Monthly recurring revenue: monthly spend summed over active accounts (imputed spend included). Outlier rule: accounts spending $${SPEND_BAND_MIN} or more a month (the seed's $${SPEND_BAND_MIN}-1000 band) are left out; accounts flagged only by silver's robust MAD rule stay in and are counted separately.`, table: 'gold.kpi_churn_by_segment', grain: 'dimension x value', expression: `sum(CASE WHEN u.is_active AND NOT ${inBand} THEN u.monthly_spend ELSE 0 END)`, format: 'currency', direction: 'up', range: nonNegative, headline: true },
  { name: 'arpu', label: 'ARPU', description: `Average revenue per active account: MRR / active accounts outside the $${SPEND_BAND_MIN}+ outlier band.`, table: 'gold.kpi_churn_by_segment', grain: 'dimension x value', expression: `{{ safe_div(sum(CASE WHEN u.is_active AND NOT ${inBand} THEN u.monthly_spend ELSE 0 END), sum(CASE WHEN u.is_active AND NOT ${inBand} THEN 1 ELSE 0 END)) }}`, format: 'currency', direction: 'up', range: nonNegative },
  { name: 'spend_outlier_accounts', label: 'Spend outliers (left out of MRR)', description: `Active accounts spending $${SPEND_BAND_MIN} or more a month (the outlier band), left out of MRR and ARPU.`, table: 'gold.kpi_churn_by_segment', grain: 'dimension x value', expression: `sum(CASE WHEN u.is_active AND ${inBand} THEN 1 ELSE 0 END)`, format: 'count', direction: 'neutral', range: nonNegative },
  { name: 'spend_mad_flagged_accounts', label: 'Other spend flags (kept in MRR)', description: `Active accounts below $${SPEND_BAND_MIN} that silver's robust MAD rule flags as unusual spend: reported, still counted in MRR.`, table: 'gold.kpi_churn_by_segment', grain: 'dimension x value', expression: `sum(CASE WHEN u.is_active AND u.is_spend_outlier AND NOT ${inBand} THEN 1 ELSE 0 END)`, format: 'count', direction: 'neutral', range: nonNegative },

  // Business over time (rows: one account's move from one users export to the next, alias t)
  { name: 'monthly_churn_rate', label: 'Monthly churn rate', description: 'Of the accounts active at the previous export of users, the share inactive at this one.', table: 'gold.kpi_churn_by_month', grain: 'users export (month)', expression: '{{ safe_div(sum(CASE WHEN t.was_active AND NOT t.is_active THEN 1 ELSE 0 END), sum(CASE WHEN t.was_active THEN 1 ELSE 0 END)) }}', format: 'percent', direction: 'down', range: rate },
  { name: 'net_mrr_movement', label: 'Net MRR movement', description: 'Change in MRR since the previous export of users: new + expansion - contraction - churned.', table: 'gold.kpi_mrr_movement_by_month', grain: 'users export (month)', expression: 'sum(t.mrr_now - t.mrr_before)', format: 'currency', direction: 'up' },
];

export function kpi(name: string): KpiDeclaration {
  const found = KPIS.find((k) => k.name === name);
  if (!found) throw new Error(`Unknown KPI '${name}' (declared in src/gold/kpis.ts)`);
  return found;
}

/** The {{ kpi('name') }} macro for the model compiler (registered by src/cli/registry.ts). */
export const kpiMacros = { kpi: (name: string) => kpi(name).expression };
