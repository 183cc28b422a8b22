-- Which genres each demographic group watches: sessions per primary genre within age band x gender,
-- with the genre's share of the group's sessions.
WITH sessions AS (
    SELECT * FROM {{ ref('silver.int_sessions_joined_to_titles') }}
),
grouped AS (
    SELECT
        s.age_band,
        s.gender,
        s.genre_primary,
        {{ kpi('sessions') }} AS sessions,
        {{ kpi('watch_hours') }} AS watch_hours
    FROM sessions s
    GROUP BY s.age_band, s.gender, s.genre_primary
)
SELECT
    g.*,
    CAST(g.sessions AS DOUBLE) / sum(g.sessions) OVER (PARTITION BY g.age_band, g.gender) AS genre_share
FROM grouped g
