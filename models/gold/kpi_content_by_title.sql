-- One row per title: audience, completion, ratings, review sentiment, recommendation CTR,
-- popularity rank and a 28-day trend ending at the as-of date.
WITH sessions AS (
    SELECT * FROM {{ ref('silver.int_sessions_joined_to_titles') }}
),
watch AS (
    SELECT
        s.movie_id,
        {{ kpi('views') }} AS views,
        {{ kpi('unique_viewers') }} AS unique_viewers,
        {{ kpi('watch_hours') }} AS watch_hours,
        {{ kpi('completion_rate') }} AS completion_rate,
        avg(s.user_rating) AS avg_session_rating,
        sum(CASE WHEN s.watch_date > {{ add_days({{ var('as_of_date') }}, -28) }} AND s.watch_date <= CAST({{ var('as_of_date') }} AS DATE) THEN 1 ELSE 0 END) AS views_last_28d,
        sum(CASE WHEN s.watch_date > {{ add_days({{ var('as_of_date') }}, -56) }} AND s.watch_date <= {{ add_days({{ var('as_of_date') }}, -28) }} THEN 1 ELSE 0 END) AS views_prev_28d
    FROM sessions s
    GROUP BY s.movie_id
),
review_mix AS (
    SELECT
        v.movie_id,
        {{ kpi('reviews') }} AS reviews,
        {{ kpi('avg_rating') }} AS avg_rating,
        {{ kpi('positive_share') }} AS positive_share,
        avg(CASE WHEN v.sentiment = 'neutral' THEN 1.0 ELSE 0.0 END) AS neutral_share,
        {{ kpi('negative_share') }} AS negative_share
    FROM {{ ref('silver.reviews') }} v
    GROUP BY v.movie_id
),
recs AS (
    SELECT r.movie_id, {{ kpi('impressions') }} AS impressions, {{ kpi('clicks') }} AS clicks, {{ kpi('ctr') }} AS ctr
    FROM {{ ref('silver.recommendation_logs') }} r
    GROUP BY r.movie_id
)
SELECT
    m.movie_id,
    m.title,
    m.content_type,
    m.genre_primary,
    m.release_year,
    coalesce(w.views, 0) AS views,
    coalesce(w.unique_viewers, 0) AS unique_viewers,
    coalesce(w.watch_hours, 0) AS watch_hours,
    w.completion_rate,
    w.avg_session_rating,
    coalesce(rm.reviews, 0) AS reviews,
    rm.avg_rating,
    rm.positive_share,
    rm.neutral_share,
    rm.negative_share,
    coalesce(rc.impressions, 0) AS impressions,
    coalesce(rc.clicks, 0) AS clicks,
    rc.ctr,
    rank() OVER (ORDER BY coalesce(w.views, 0) DESC) AS popularity_rank,
    coalesce(w.views_last_28d, 0) AS views_last_28d,
    coalesce(w.views_prev_28d, 0) AS views_prev_28d,
    {{ safe_div(coalesce(w.views_last_28d, 0) - coalesce(w.views_prev_28d, 0), coalesce(w.views_prev_28d, 0)) }} AS trend_28d
FROM {{ ref('silver.movies') }} m
LEFT JOIN watch w ON w.movie_id = m.movie_id
LEFT JOIN review_mix rm ON rm.movie_id = m.movie_id
LEFT JOIN recs rc ON rc.movie_id = m.movie_id
