// The columns of gold.ml_user_features (models/gold/ml_user_features.sql) with what each means. The
// model's meta file documents the table with them, and ml.churn puts them in its model cards:
// one home for both, in the gold layer that both may import.
export const ML_USER_FEATURE_COLUMNS: Record<string, string> = {
  user_id: 'Account key.',
  as_of_date: 'Features read only events strictly before this date.',
  subscription_plan: 'Plan.',
  country: 'Country.',
  primary_device: 'Main device.',
  age: 'Age (NULL when missing or implausible).',
  household_size: 'Household size.',
  monthly_spend: 'Monthly spend, USD.',
  tenure_days: 'Days from subscription start to as_of_date.',
  sessions_total: 'Sessions before as_of_date.',
  sessions_30d: 'Sessions in the 30 days before as_of_date.',
  sessions_90d: 'Sessions in the 90 days before as_of_date.',
  sessions_prev_90d: 'Sessions in the 90 days before those (days 91-180 before as_of_date).',
  session_trend: '(sessions_90d + 1) / (sessions_prev_90d + 1): below 1 means declining.',
  watch_hours_90d: 'Valid watch hours in the last 90 days (durations silver imputed are left out: they use later data).',
  watch_hours_total: 'Valid watch hours before as_of_date (imputed durations left out).',
  completion_rate_90d: 'Completed share of sessions in the last 90 days.',
  completion_rate_total: 'Completed share of all earlier sessions.',
  avg_progress: 'Mean progress percentage.',
  distinct_titles: 'Different titles watched.',
  distinct_genres: 'Different genres watched.',
  binge_sessions: 'Sessions over 5 hours.',
  download_share: 'Share of sessions watched from downloads.',
  days_since_last_watch: 'Days from the last session to as_of_date (NULL: never).',
  impressions_90d: 'Recommendations shown in the last 90 days.',
  rec_ctr_90d: 'Their click-through rate.',
  searches_90d: 'Searches in the last 90 days.',
  search_ctr_90d: 'Share of them with a click.',
  reviews_total: 'Reviews written before as_of_date.',
  avg_review_rating: 'Their mean rating.',
  churned:
    'Label (the seed target): NOT is_active, the users file snapshot at export; not dated, so it includes users who left before as_of_date.',
  churned_behavioural:
    'Behavioural label: no viewing session in the label window after as_of_date, among users with a session in the 90 days before it (NULL otherwise).',
};
