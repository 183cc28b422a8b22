-- One row per account: point-in-time engagement as of the run's as-of date (sessions after it are
-- ignored), recency / frequency / monetary, and a 0-100 engagement score built from percentile
-- ranks so that one extreme user cannot squash everybody else's score.
WITH sessions AS (
    SELECT * FROM {{ ref('silver.int_sessions_joined_to_titles') }}
    WHERE watch_date <= CAST({{ var('as_of_date') }} AS DATE)
),
per_user AS (
    SELECT
        s.user_id,
        {{ kpi('sessions') }} AS sessions,
        {{ kpi('watch_hours') }} AS watch_hours,
        {{ kpi('completion_rate') }} AS completion_rate,
        {{ kpi('distinct_titles') }} AS distinct_titles,
        {{ kpi('distinct_genres') }} AS distinct_genres,
        {{ kpi('binge_sessions') }} AS binge_sessions,
        max(s.watch_date) AS last_watch_date,
        sum(CASE WHEN s.watch_date > {{ add_days({{ var('as_of_date') }}, -90) }} THEN 1 ELSE 0 END) AS sessions_last_90d
    FROM sessions s
    GROUP BY s.user_id
),
joined AS (
    SELECT
        u.user_id,
        u.subscription_plan,
        u.country,
        u.is_active,
        coalesce(p.sessions, 0) AS sessions,
        coalesce(p.watch_hours, 0) AS watch_hours,
        p.completion_rate,
        coalesce(p.distinct_titles, 0) AS distinct_titles,
        coalesce(p.distinct_genres, 0) AS distinct_genres,
        coalesce(p.binge_sessions, 0) AS binge_sessions,
        p.last_watch_date,
        {{ days_between(p.last_watch_date, {{ var('as_of_date') }}) }} AS recency_days,
        coalesce(p.sessions_last_90d, 0) AS frequency_90d,
        u.monthly_spend AS monetary,
        {{ days_between(u.subscription_start_date, {{ var('as_of_date') }}) }} AS tenure_days
    FROM {{ ref('silver.users') }} u
    LEFT JOIN per_user p ON p.user_id = u.user_id
)
SELECT
    j.*,
    {{ round_double(100.0 * (
        percent_rank() OVER (ORDER BY round(j.watch_hours, 6))
        + percent_rank() OVER (ORDER BY j.frequency_90d)
        + percent_rank() OVER (ORDER BY coalesce(j.completion_rate, 0))
        + percent_rank() OVER (ORDER BY coalesce(-j.recency_days, -100000))
    ) / 4.0, 2) }} AS engagement_score
    -- watch_hours is a float sum whose last bits depend on parallel summation order; ranking it
    -- rounded keeps near-ties, and so the score, identical from run to run.
FROM joined j
