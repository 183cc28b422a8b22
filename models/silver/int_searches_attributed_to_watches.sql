-- Searches with whether the user watched anything within the window after the search
-- (grain: search_id). Searches carry no title, so any session of the user counts.
WITH searches AS (
    SELECT * FROM {{ ref('silver.search_logs') }}
),

sessions AS (
    SELECT user_id, watch_date FROM {{ ref('silver.watch_history') }}
),

viewers AS (
    SELECT user_id, created_date AS signup_date FROM {{ ref('silver.users') }}
),

attributed AS (
    SELECT q.search_id, min(s.watch_date) AS first_watch_date, count(*) AS sessions_in_window
    FROM searches q
    JOIN sessions s
        ON s.user_id = q.user_id
        AND s.watch_date >= q.search_date
        AND s.watch_date <= {{ add_days(q.search_date, {{ silver_setting('searchAttributionDays') }}) }}
    GROUP BY q.search_id
)

SELECT
    q.search_id,
    q.user_id,
    q.search_query,
    q.search_date,
    q.results_returned,
    q.clicked,
    q.clicked_result_position,
    q.is_click_beyond_results,
    q.device_type,
    q.had_typo,
    q.used_filters,
    {{ silver_setting('searchAttributionDays') }} AS attribution_window_days,
    a.first_watch_date IS NOT NULL AS watched_within_window,
    a.first_watch_date AS attributed_watch_date,
    COALESCE(a.sessions_in_window, 0) AS sessions_in_window,
    COALESCE(q.search_date < v.signup_date, FALSE) AS is_before_signup
FROM searches q
LEFT JOIN attributed a ON a.search_id = q.search_id
LEFT JOIN viewers v ON v.user_id = q.user_id
