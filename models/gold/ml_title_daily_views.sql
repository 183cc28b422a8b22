-- Daily views per title for forecasting. Sparse on purpose: only days with at least one view are
-- stored (a dense calendar is titles x days, which at scale 100 is tens of millions of zero rows);
-- the forecasting code fills the zero days between the series' bounds.
SELECT
    s.movie_id,
    s.watch_date AS day,
    count(*) AS views,
    count(DISTINCT s.user_id) AS viewers
FROM {{ ref('silver.int_sessions_joined_to_titles') }} s
GROUP BY s.movie_id, s.watch_date
