// Silver anomaly rules as checks (data). Each rule is a flag column its model computes plus a check
// whose expression is true for good rows; the runner counts failures in meta.check_results and, if
// the action is 'drop', moves failing rows to quarantine.<source table>. Defaults keep real users and
// their history (warn + flag). Override an action with MARQUEE_SILVER_ACTIONS, e.g.
// "SESSION_INVALID_DURATION=drop,AGE_OUT_OF_RANGE=fail", or programmatically with ruleChecks(..., overrides).
import { readEnvironment } from '../config.js';
import type { CheckAction, CheckDefinition } from '../quality/check.js';

export interface AnomalyRule {
  reasonCode: string;
  name: string;
  dataset: string;
  column?: string;
  /** SQL predicate over the model's output, true for a good row. */
  expression: string;
  defaultAction: CheckAction;
  description: string;
}

export const ANOMALY_RULES: readonly AnomalyRule[] = [
  {
    reasonCode: 'AGE_OUT_OF_RANGE',
    name: 'age_plausible',
    dataset: 'silver.users',
    column: 'age',
    expression: 'NOT age_was_invalid',
    defaultAction: 'warn',
    description: "Age outside the contract's plausible range: set blank (then imputed), flagged age_was_invalid, user kept.",
  },
  {
    reasonCode: 'SPEND_IN_OUTLIER_BAND',
    name: 'spend_outside_outlier_band',
    dataset: 'silver.users',
    column: 'monthly_spend',
    expression: 'NOT is_spend_in_outlier_band',
    defaultAction: 'warn',
    description:
      "Monthly spend at or above the contract's plausible maximum (the seed's 200-1000 band): flagged; the outlier rule MRR and ARPU use to leave the account out.",
  },
  {
    reasonCode: 'SPEND_MAD_FLAG',
    name: 'spend_within_mad_limit',
    dataset: 'silver.users',
    column: 'monthly_spend',
    expression: 'NOT is_spend_mad_flagged',
    defaultAction: 'warn',
    description:
      'Monthly spend below the outlier band but beyond median +- k x 1.4826 x MAD (robust rule): flagged and reported; the account stays in MRR.',
  },
  {
    reasonCode: 'EMAIL_SHARED',
    name: 'email_not_shared',
    dataset: 'silver.users',
    column: 'email_pseudonym',
    expression: 'NOT is_email_shared',
    defaultAction: 'warn',
    description: 'Email shared with a different user_id: reported, never merged (email is not a key).',
  },
  {
    reasonCode: 'DEVICE_UNKNOWN',
    name: 'device_canonical',
    dataset: 'silver.users',
    column: 'primary_device',
    expression: `primary_device <> 'Unknown'`,
    defaultAction: 'warn',
    description: 'Device label outside the canonical device list.',
  },
  {
    reasonCode: 'TITLE_DURATION_IMPLAUSIBLE',
    name: 'title_duration_plausible',
    dataset: 'silver.movies',
    column: 'duration_minutes',
    expression: 'NOT is_duration_implausible',
    defaultAction: 'warn',
    description: 'Title of 0 minutes, a Movie under the minimum, or longer than the plausible maximum.',
  },
  {
    reasonCode: 'SESSION_BINGE',
    name: 'session_not_binge',
    dataset: 'silver.watch_history',
    column: 'watch_duration_minutes',
    expression: 'NOT is_binge',
    defaultAction: 'warn',
    description: 'Session longer than the binge threshold (5 h): flagged, kept.',
  },
  {
    reasonCode: 'SESSION_INVALID_DURATION',
    name: 'session_duration_valid',
    dataset: 'silver.watch_history',
    column: 'watch_duration_minutes',
    expression: 'NOT is_invalid_duration',
    defaultAction: 'warn',
    description: 'Session longer than 13 h: flagged as an invalid duration (KPIs exclude its minutes); configurable to drop.',
  },
  {
    reasonCode: 'WATCH_EXCEEDS_TITLE',
    name: 'watch_within_title_multiple',
    dataset: 'silver.watch_history',
    column: 'watch_duration_minutes',
    expression: 'NOT is_watch_over_title_multiple',
    defaultAction: 'warn',
    description: 'Watch time beyond a multiple (3x) of the title length.',
  },
  {
    reasonCode: 'PROGRESS_ACTION_INCONSISTENT',
    name: 'progress_consistent_with_action',
    dataset: 'silver.watch_history',
    column: 'progress_percentage',
    expression: 'NOT is_progress_inconsistent',
    defaultAction: 'warn',
    description: 'Session marked completed with progress under the minimum (50%).',
  },
  {
    reasonCode: 'SESSION_BEFORE_TITLE_ADDED',
    name: 'session_after_title_added',
    dataset: 'silver.watch_history',
    column: 'watch_date',
    expression: 'NOT is_before_title_added',
    defaultAction: 'warn',
    description: 'Session dated before the title joined the platform.',
  },
  {
    reasonCode: 'DEVICE_UNKNOWN',
    name: 'device_canonical',
    dataset: 'silver.watch_history',
    column: 'device_type',
    expression: `device_type <> 'Unknown'`,
    defaultAction: 'warn',
    description: 'Device label outside the canonical device list.',
  },
  {
    reasonCode: 'DEVICE_UNKNOWN',
    name: 'device_canonical',
    dataset: 'silver.recommendation_logs',
    column: 'device_type',
    expression: `device_type <> 'Unknown'`,
    defaultAction: 'warn',
    description: 'Device label outside the canonical device list.',
  },
  {
    reasonCode: 'DEVICE_UNKNOWN',
    name: 'device_canonical',
    dataset: 'silver.search_logs',
    column: 'device_type',
    expression: `device_type <> 'Unknown'`,
    defaultAction: 'warn',
    description: 'Device label outside the canonical device list.',
  },
  {
    reasonCode: 'DEVICE_UNKNOWN',
    name: 'device_canonical',
    dataset: 'silver.reviews',
    column: 'device_type',
    expression: `device_type <> 'Unknown'`,
    defaultAction: 'warn',
    description: 'Device label outside the canonical device list.',
  },
  {
    reasonCode: 'CLICK_BEYOND_RESULTS',
    name: 'click_within_results',
    dataset: 'silver.search_logs',
    column: 'clicked_result_position',
    expression: 'NOT is_click_beyond_results',
    defaultAction: 'warn',
    description: 'Clicked position larger than the number of results returned (including clicks on zero results).',
  },
  {
    reasonCode: 'SENTIMENT_RATING_MISMATCH',
    name: 'sentiment_matches_rating',
    dataset: 'silver.reviews',
    column: 'sentiment',
    expression: 'NOT is_sentiment_inconsistent',
    defaultAction: 'warn',
    description: 'Sentiment label not the one its rating implies (1-2 negative, 3 neutral, 4-5 positive).',
  },
  {
    reasonCode: 'EVENT_BEFORE_SIGNUP',
    name: 'session_after_signup',
    dataset: 'silver.int_sessions_joined_to_titles',
    column: 'watch_date',
    expression: 'NOT is_before_signup',
    defaultAction: 'warn',
    description: 'Session dated before the account was created.',
  },
  {
    reasonCode: 'EVENT_BEFORE_SIGNUP',
    name: 'impression_after_signup',
    dataset: 'silver.int_recommendations_attributed_to_watches',
    column: 'recommendation_date',
    expression: 'NOT is_before_signup',
    defaultAction: 'warn',
    description: 'Recommendation shown before the account was created.',
  },
  {
    reasonCode: 'EVENT_BEFORE_SIGNUP',
    name: 'search_after_signup',
    dataset: 'silver.int_searches_attributed_to_watches',
    column: 'search_date',
    expression: 'NOT is_before_signup',
    defaultAction: 'warn',
    description: 'Search dated before the account was created.',
  },
  {
    reasonCode: 'EVENT_BEFORE_SIGNUP',
    name: 'review_after_signup',
    dataset: 'silver.int_reviews_matched_to_watches',
    column: 'review_date',
    expression: 'NOT is_before_signup',
    defaultAction: 'warn',
    description: 'Review dated before the account was created.',
  },
  {
    reasonCode: 'VERIFIED_WATCH_UNMATCHED',
    name: 'verified_watch_consistent',
    dataset: 'silver.int_reviews_matched_to_watches',
    column: 'is_verified_watch',
    expression: 'is_verified_watch_consistent',
    defaultAction: 'warn',
    description: 'is_verified_watch disagrees with whether a session of the title by the reviewer exists on or before the review.',
  },
];

/** Parse "CODE=action,CODE=action" (e.g. from MARQUEE_SILVER_ACTIONS). */
export function parseActionOverrides(text: string | undefined): Record<string, CheckAction> {
  const out: Record<string, CheckAction> = {};
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [code, action] = part.split('=').map((s) => s.trim());
    if (!ANOMALY_RULES.some((r) => r.reasonCode === code)) throw new Error(`MARQUEE_SILVER_ACTIONS: unknown reason code '${code}'`);
    if (action !== 'warn' && action !== 'drop' && action !== 'fail')
      throw new Error(`MARQUEE_SILVER_ACTIONS: action for ${code} must be warn, drop or fail, got '${action}'`);
    out[code] = action;
  }
  return out;
}

/** The checks of one silver dataset, with actions from the overrides (default: env, then the rule's default). */
export function ruleChecks(
  dataset: string,
  overrides: Record<string, CheckAction> = parseActionOverrides(readEnvironment().silverActions),
): CheckDefinition[] {
  return ANOMALY_RULES.filter((r) => r.dataset === dataset).map((r) => ({
    name: r.name,
    kind: 'expression',
    dataset: r.dataset,
    column: r.column,
    action: overrides[r.reasonCode] ?? r.defaultAction,
    reasonCode: r.reasonCode,
    description: r.description,
    params: { expression: r.expression },
  }));
}
