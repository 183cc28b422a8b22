-- Views per title and ISO week (Monday start).
SELECT
    s.movie_id,
    {{ week_start(s.watch_date) }} AS week,
    {{ kpi('views') }} AS views,
    {{ kpi('unique_viewers') }} AS unique_viewers,
    {{ kpi('watch_hours') }} AS watch_hours,
    {{ kpi('completion_rate') }} AS completion_rate
FROM {{ ref('silver.int_sessions_joined_to_titles') }} s
GROUP BY s.movie_id, {{ week_start(s.watch_date) }}
