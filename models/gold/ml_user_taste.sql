-- Per-account taste shares for segmentation, in long form (grain: user_id x kind x value):
-- kind 'genre'  : primary genre of titles the account watched, reviewed, or was recommended by a
--                 taste-driven recommender (personalized, genre_based, similar_users);
-- kind 'watch_device' : device of its viewing sessions;
-- kind 'event_device' : device of its searches, recommendations and reviews.
-- Only events before the as-of date count, like every other ML input. share = events / all events of
-- that kind for the account, so the shares of one kind sum to 1.
WITH params AS (
    SELECT CAST({{ var('as_of_date') }} AS DATE) AS as_of
),
genre_events AS (
    SELECT s.user_id, s.genre_primary AS value
    FROM {{ ref('silver.int_sessions_joined_to_titles') }} s, params p
    WHERE s.watch_date < p.as_of
    UNION ALL
    SELECT v.user_id, m.genre_primary
    FROM {{ ref('silver.reviews') }} v
    JOIN {{ ref('silver.movies') }} m ON m.movie_id = v.movie_id, params p
    WHERE v.review_date < p.as_of
    UNION ALL
    SELECT r.user_id, m.genre_primary
    FROM {{ ref('silver.recommendation_logs') }} r
    JOIN {{ ref('silver.movies') }} m ON m.movie_id = r.movie_id, params p
    WHERE r.recommendation_date < p.as_of AND r.recommendation_type IN ('personalized', 'genre_based', 'similar_users')
),
watch_devices AS (
    SELECT s.user_id, s.device_type AS value
    FROM {{ ref('silver.int_sessions_joined_to_titles') }} s, params p
    WHERE s.watch_date < p.as_of
),
event_devices AS (
    SELECT q.user_id, q.device_type AS value FROM {{ ref('silver.search_logs') }} q, params p WHERE q.search_date < p.as_of
    UNION ALL
    SELECT r.user_id, r.device_type FROM {{ ref('silver.recommendation_logs') }} r, params p WHERE r.recommendation_date < p.as_of
    UNION ALL
    SELECT v.user_id, v.device_type FROM {{ ref('silver.reviews') }} v, params p WHERE v.review_date < p.as_of
),
counted AS (
    SELECT user_id, 'genre' AS kind, value, count(*) AS events FROM genre_events WHERE value IS NOT NULL GROUP BY user_id, value
    UNION ALL
    SELECT user_id, 'watch_device' AS kind, value, count(*) AS events FROM watch_devices WHERE value IS NOT NULL GROUP BY user_id, value
    UNION ALL
    SELECT user_id, 'event_device' AS kind, value, count(*) AS events FROM event_devices WHERE value IS NOT NULL GROUP BY user_id, value
)
SELECT
    c.user_id,
    c.kind,
    c.value,
    c.events,
    CAST(c.events AS DOUBLE) / sum(c.events) OVER (PARTITION BY c.user_id, c.kind) AS share
FROM counted c
