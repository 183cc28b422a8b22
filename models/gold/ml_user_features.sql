-- Point-in-time features per account for churn models. Every feature reads only events dated
-- before the as-of date. Two labels, neither a feature:
--   churned              = NOT is_active, the users file's snapshot at export (not dated: a user may
--                          have left before the as-of date; this is the seed's target);
--   churned_behavioural  = no viewing session in the label window [as_of, as_of + label_window_days),
--                          defined only for users with a session in the 90 days before as_of (NULL
--                          for the rest: they had already stopped, so they are not future churners).
-- Windows: last 30 / 90 days before the as-of date and the 90 days before those.
-- Watch hours leave out durations silver imputed: silver fills them from statistics over the whole
-- table, sessions after the as-of date included, so they would leak later data into the features.
-- Float sums and means are rounded to 9 decimals: parallel summation order otherwise changes their
-- last bits from run to run.
WITH params AS (
    SELECT CAST({{ var('as_of_date') }} AS DATE) AS as_of, CAST({{ var('label_window_days') }} AS INTEGER) AS label_days
),
sessions AS (
    SELECT s.* FROM {{ ref('silver.int_sessions_joined_to_titles') }} s, params p
    WHERE s.watch_date < p.as_of
),
watch AS (
    SELECT
        s.user_id,
        count(*) AS sessions_total,
        sum(CASE WHEN s.watch_date >= {{ add_days(p.as_of, -30) }} THEN 1 ELSE 0 END) AS sessions_30d,
        sum(CASE WHEN s.watch_date >= {{ add_days(p.as_of, -90) }} THEN 1 ELSE 0 END) AS sessions_90d,
        sum(CASE WHEN s.watch_date >= {{ add_days(p.as_of, -180) }} AND s.watch_date < {{ add_days(p.as_of, -90) }} THEN 1 ELSE 0 END) AS sessions_prev_90d,
        round(sum(CASE WHEN s.watch_date >= {{ add_days(p.as_of, -90) }} AND NOT s.is_invalid_duration AND NOT s.watch_duration_minutes_was_imputed THEN coalesce(s.watch_duration_minutes, 0) ELSE 0 END) / 60.0, 9) AS watch_hours_90d,
        round(sum(CASE WHEN NOT s.is_invalid_duration AND NOT s.watch_duration_minutes_was_imputed THEN coalesce(s.watch_duration_minutes, 0) ELSE 0 END) / 60.0, 9) AS watch_hours_total,
        avg(CASE WHEN s.watch_date >= {{ add_days(p.as_of, -90) }} THEN CASE WHEN s.action = 'completed' THEN 1.0 ELSE 0.0 END END) AS completion_rate_90d,
        avg(CASE WHEN s.action = 'completed' THEN 1.0 ELSE 0.0 END) AS completion_rate_total,
        round(avg(s.progress_percentage), 9) AS avg_progress,
        count(DISTINCT s.movie_id) AS distinct_titles,
        count(DISTINCT s.genre_primary) AS distinct_genres,
        sum(CASE WHEN s.is_binge THEN 1 ELSE 0 END) AS binge_sessions,
        avg(CASE WHEN s.is_download THEN 1.0 ELSE 0.0 END) AS download_share,
        max(s.watch_date) AS last_watch_date
    FROM sessions s, params p
    GROUP BY s.user_id
),
label_window AS (
    SELECT DISTINCT s.user_id
    FROM {{ ref('silver.int_sessions_joined_to_titles') }} s, params p
    WHERE s.watch_date >= p.as_of AND s.watch_date < {{ add_days(p.as_of, p.label_days) }}
),
recs AS (
    SELECT
        r.user_id,
        count(*) AS impressions_90d,
        avg(CASE WHEN r.was_clicked THEN 1.0 ELSE 0.0 END) AS rec_ctr_90d
    FROM {{ ref('silver.recommendation_logs') }} r, params p
    WHERE r.recommendation_date < p.as_of AND r.recommendation_date >= {{ add_days(p.as_of, -90) }}
    GROUP BY r.user_id
),
searches AS (
    SELECT
        q.user_id,
        count(*) AS searches_90d,
        avg(CASE WHEN q.clicked THEN 1.0 ELSE 0.0 END) AS search_ctr_90d
    FROM {{ ref('silver.search_logs') }} q, params p
    WHERE q.search_date < p.as_of AND q.search_date >= {{ add_days(p.as_of, -90) }}
    GROUP BY q.user_id
),
reviews AS (
    SELECT v.user_id, count(*) AS reviews_total, avg(v.rating) AS avg_review_rating
    FROM {{ ref('silver.reviews') }} v, params p
    WHERE v.review_date < p.as_of
    GROUP BY v.user_id
)
SELECT
    u.user_id,
    p.as_of AS as_of_date,
    u.subscription_plan,
    u.country,
    u.primary_device,
    u.age,
    u.household_size,
    u.monthly_spend,
    {{ days_between(u.subscription_start_date, p.as_of) }} AS tenure_days,
    coalesce(w.sessions_total, 0) AS sessions_total,
    coalesce(w.sessions_30d, 0) AS sessions_30d,
    coalesce(w.sessions_90d, 0) AS sessions_90d,
    coalesce(w.sessions_prev_90d, 0) AS sessions_prev_90d,
    (coalesce(w.sessions_90d, 0) + 1.0) / (coalesce(w.sessions_prev_90d, 0) + 1.0) AS session_trend,
    coalesce(w.watch_hours_90d, 0) AS watch_hours_90d,
    coalesce(w.watch_hours_total, 0) AS watch_hours_total,
    w.completion_rate_90d,
    w.completion_rate_total,
    w.avg_progress,
    coalesce(w.distinct_titles, 0) AS distinct_titles,
    coalesce(w.distinct_genres, 0) AS distinct_genres,
    coalesce(w.binge_sessions, 0) AS binge_sessions,
    w.download_share,
    {{ days_between(w.last_watch_date, p.as_of) }} AS days_since_last_watch,
    coalesce(r.impressions_90d, 0) AS impressions_90d,
    r.rec_ctr_90d,
    coalesce(q.searches_90d, 0) AS searches_90d,
    q.search_ctr_90d,
    coalesce(v.reviews_total, 0) AS reviews_total,
    v.avg_review_rating,
    NOT u.is_active AS churned,
    CASE WHEN coalesce(w.sessions_90d, 0) > 0 THEN lw.user_id IS NULL END AS churned_behavioural
FROM {{ ref('silver.users') }} u
CROSS JOIN params p
LEFT JOIN watch w ON w.user_id = u.user_id
LEFT JOIN recs r ON r.user_id = u.user_id
LEFT JOIN searches q ON q.user_id = u.user_id
LEFT JOIN reviews v ON v.user_id = u.user_id
LEFT JOIN label_window lw ON lw.user_id = u.user_id
-- Inferred accounts (named by events, absent from users) have no label or attributes to learn from.
WHERE NOT u.is_inferred
