-- Per user and day, everything the user did (grain: user_id x activity_date). As-of-agnostic on
-- purpose: gold sums the days up to its as-of date to build point-in-time features.
WITH session_days AS (
    SELECT
        user_id,
        watch_date AS activity_date,
        count(*) AS sessions,
        sum(CASE WHEN is_invalid_duration THEN 0 ELSE watch_duration_minutes END) AS watch_minutes,
        sum(CASE WHEN action = 'completed' THEN 1 ELSE 0 END) AS completed_sessions,
        sum(CASE WHEN is_binge THEN 1 ELSE 0 END) AS binge_sessions,
        0 AS impressions, 0 AS impressions_clicked, 0 AS searches, 0 AS searches_clicked, 0 AS reviews, 0 AS review_rating_sum
    FROM {{ ref('silver.watch_history') }}
    GROUP BY user_id, watch_date
),

impression_days AS (
    SELECT
        user_id, recommendation_date AS activity_date,
        0, 0, 0, 0,
        count(*), sum(CASE WHEN was_clicked THEN 1 ELSE 0 END), 0, 0, 0, 0
    FROM {{ ref('silver.recommendation_logs') }}
    GROUP BY user_id, recommendation_date
),

search_days AS (
    SELECT
        user_id, search_date AS activity_date,
        0, 0, 0, 0, 0, 0,
        count(*), sum(CASE WHEN clicked THEN 1 ELSE 0 END), 0, 0
    FROM {{ ref('silver.search_logs') }}
    GROUP BY user_id, search_date
),

review_days AS (
    SELECT
        user_id, review_date AS activity_date,
        0, 0, 0, 0, 0, 0, 0, 0,
        count(*), sum(rating)
    FROM {{ ref('silver.reviews') }}
    GROUP BY user_id, review_date
),

all_days AS (
    SELECT * FROM session_days
    UNION ALL SELECT * FROM impression_days
    UNION ALL SELECT * FROM search_days
    UNION ALL SELECT * FROM review_days
)

SELECT
    user_id,
    activity_date,
    CAST(sum(sessions) AS BIGINT) AS sessions,
    CAST(sum(watch_minutes) AS DOUBLE) AS watch_minutes,
    CAST(sum(completed_sessions) AS BIGINT) AS completed_sessions,
    CAST(sum(binge_sessions) AS BIGINT) AS binge_sessions,
    CAST(sum(impressions) AS BIGINT) AS impressions,
    CAST(sum(impressions_clicked) AS BIGINT) AS impressions_clicked,
    CAST(sum(searches) AS BIGINT) AS searches,
    CAST(sum(searches_clicked) AS BIGINT) AS searches_clicked,
    CAST(sum(reviews) AS BIGINT) AS reviews,
    CAST(sum(review_rating_sum) AS BIGINT) AS review_rating_sum
FROM all_days
GROUP BY user_id, activity_date
