-- Recommendation impressions with whether the user watched the recommended title within the
-- attribution window after the impression (grain: recommendation_id).
WITH recommendations AS (
    SELECT * FROM {{ ref('silver.recommendation_logs') }}
),

sessions AS (
    SELECT user_id, movie_id, watch_date FROM {{ ref('silver.watch_history') }}
),

viewers AS (
    SELECT user_id, created_date AS signup_date FROM {{ ref('silver.users') }}
),

attributed AS (
    SELECT r.recommendation_id, min(s.watch_date) AS first_watch_date, count(*) AS sessions_in_window
    FROM recommendations r
    JOIN sessions s
        ON s.user_id = r.user_id
        AND s.movie_id = r.movie_id
        AND s.watch_date >= r.recommendation_date
        AND s.watch_date <= {{ add_days(r.recommendation_date, {{ silver_setting('recommendationAttributionDays') }}) }}
    GROUP BY r.recommendation_id
)

SELECT
    r.recommendation_id,
    r.user_id,
    r.movie_id,
    r.recommendation_date,
    r.recommendation_type,
    r.recommendation_score,
    r.was_clicked,
    r.position_in_list,
    r.device_type,
    r.time_of_day,
    r.algorithm_version,
    {{ silver_setting('recommendationAttributionDays') }} AS attribution_window_days,
    a.first_watch_date IS NOT NULL AS watched_within_window,
    a.first_watch_date AS attributed_watch_date,
    {{ days_between(r.recommendation_date, a.first_watch_date) }} AS days_to_watch,
    COALESCE(a.sessions_in_window, 0) AS sessions_in_window,
    COALESCE(r.recommendation_date < v.signup_date, FALSE) AS is_before_signup
FROM recommendations r
LEFT JOIN attributed a ON a.recommendation_id = r.recommendation_id
LEFT JOIN viewers v ON v.user_id = r.user_id
