-- Signup-cohort retention: of the accounts whose subscription started in a month, the share with
-- at least one session k months later. Sessions dated before the subscription start (a known
-- source anomaly) are left out.
WITH cohorts AS (
    SELECT u.user_id, {{ month_start(u.subscription_start_date) }} AS cohort_month
    FROM {{ ref('silver.users') }} u
    WHERE NOT u.is_inferred
),
cohort_sizes AS (
    SELECT c.cohort_month, count(*) AS cohort_size FROM cohorts c GROUP BY c.cohort_month
),
activity AS (
    SELECT DISTINCT s.user_id, {{ month_start(s.watch_date) }} AS active_month
    FROM {{ ref('silver.int_sessions_joined_to_titles') }} s
),
retained AS (
    SELECT
        c.cohort_month,
        CAST(12 * (year(a.active_month) - year(c.cohort_month)) + month(a.active_month) - month(c.cohort_month) AS INTEGER) AS months_since_start,
        count(DISTINCT a.user_id) AS retained_accounts
    FROM cohorts c
    JOIN activity a ON a.user_id = c.user_id AND a.active_month >= c.cohort_month
    GROUP BY 1, 2
)
SELECT
    r.cohort_month,
    r.months_since_start,
    z.cohort_size,
    r.retained_accounts,
    CAST(r.retained_accounts AS DOUBLE) / z.cohort_size AS retention_rate
FROM retained r
JOIN cohort_sizes z ON z.cohort_month = r.cohort_month
