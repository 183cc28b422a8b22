-- Reviews matched with the reviewer's sessions of the same title (grain: review_id): did a watch
-- happen on or before the review, and does is_verified_watch agree?
WITH reviews AS (
    SELECT * FROM {{ ref('silver.reviews') }}
),

sessions AS (
    SELECT user_id, movie_id, watch_date FROM {{ ref('silver.watch_history') }}
),

viewers AS (
    SELECT user_id, created_date AS signup_date FROM {{ ref('silver.users') }}
),

titles AS (
    SELECT movie_id, added_to_platform FROM {{ ref('silver.movies') }}
),

matched AS (
    SELECT
        v.review_id,
        count(*) AS sessions_of_title,
        sum(CASE WHEN s.watch_date <= v.review_date THEN 1 ELSE 0 END) AS sessions_before_review,
        min(s.watch_date) AS first_watch_date
    FROM reviews v
    JOIN sessions s ON s.user_id = v.user_id AND s.movie_id = v.movie_id
    GROUP BY v.review_id
)

SELECT
    v.review_id,
    v.user_id,
    v.movie_id,
    v.rating,
    v.review_date,
    v.device_type,
    v.sentiment,
    v.sentiment_score,
    v.is_verified_watch,
    COALESCE(m.sessions_of_title, 0) AS sessions_of_title,
    COALESCE(m.sessions_before_review, 0) AS sessions_before_review,
    m.first_watch_date,
    COALESCE(m.sessions_before_review, 0) > 0 AS has_watch_before_review,
    v.is_verified_watch = (COALESCE(m.sessions_before_review, 0) > 0) AS is_verified_watch_consistent,
    COALESCE(v.review_date < u.signup_date, FALSE) AS is_before_signup,
    COALESCE(v.review_date < t.added_to_platform, FALSE) AS is_before_title_added
FROM reviews v
LEFT JOIN matched m ON m.review_id = v.review_id
LEFT JOIN viewers u ON u.user_id = v.user_id
LEFT JOIN titles t ON t.movie_id = v.movie_id
