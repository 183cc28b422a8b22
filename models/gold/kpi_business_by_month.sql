-- Platform usage per calendar month: monthly and average daily active viewers, stickiness
-- (DAU / MAU), sessions, watch hours and new subscriptions.
WITH sessions AS (
    SELECT * FROM {{ ref('silver.int_sessions_joined_to_titles') }}
),
daily AS (
    SELECT s.watch_date, count(DISTINCT s.user_id) AS dau
    FROM sessions s
    GROUP BY s.watch_date
),
monthly AS (
    SELECT
        {{ month_start(s.watch_date) }} AS month,
        count(DISTINCT s.user_id) AS mau,
        {{ kpi('sessions') }} AS sessions,
        {{ kpi('watch_hours') }} AS watch_hours,
        {{ kpi('completion_rate') }} AS completion_rate
    FROM sessions s
    GROUP BY {{ month_start(s.watch_date) }}
),
dau_by_month AS (
    SELECT {{ month_start(d.watch_date) }} AS month, avg(d.dau) AS avg_dau
    FROM daily d
    GROUP BY {{ month_start(d.watch_date) }}
),
signups AS (
    SELECT {{ month_start(u.subscription_start_date) }} AS month, count(*) AS new_subscriptions
    FROM {{ ref('silver.users') }} u
    GROUP BY {{ month_start(u.subscription_start_date) }}
)
SELECT
    m.month,
    m.mau,
    d.avg_dau,
    {{ safe_div(d.avg_dau, m.mau) }} AS stickiness,
    m.sessions,
    m.watch_hours,
    m.completion_rate,
    coalesce(g.new_subscriptions, 0) AS new_subscriptions
FROM monthly m
JOIN dau_by_month d ON d.month = m.month
LEFT JOIN signups g ON g.month = m.month
