-- Implicit feedback for recommenders: one row per account and title with how much it was watched,
-- when first and last, and the best progress reached.
SELECT
    s.user_id,
    s.movie_id,
    count(*) AS sessions,
    sum(CASE WHEN s.is_invalid_duration THEN 0 ELSE coalesce(s.watch_duration_minutes, 0) END) AS minutes,
    max(s.progress_percentage) AS max_progress,
    max(CASE WHEN s.action = 'completed' THEN 1 ELSE 0 END) = 1 AS completed,
    avg(s.user_rating) AS avg_user_rating,
    min(s.watch_date) AS first_watch_date,
    max(s.watch_date) AS last_watch_date
FROM {{ ref('silver.int_sessions_joined_to_titles') }} s
GROUP BY s.user_id, s.movie_id
