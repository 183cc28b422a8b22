-- Additive daily activity per segment, so the dashboard can filter by date, country, plan and device
-- and still add rows up: every column is a sum (rates are stored as numerator and denominator).
-- Country and plan are the account's (silver.users); device is the device of the event itself.
-- Distinct counts (active viewers) are not additive across days or segments and are left out on
-- purpose: MAU and DAU live, unfiltered, in gold.kpi_business_by_month.
-- Numerators are recovered from the declared rate KPIs (rate x rows), so no formula is restated.
WITH accounts AS (
    SELECT u.user_id, u.country, u.subscription_plan FROM {{ ref('silver.users') }} u
),
watching AS (
    SELECT
        s.watch_date AS day, s.user_country AS country, s.subscription_plan, s.device_type AS device,
        {{ kpi('sessions') }} AS sessions,
        {{ kpi('watch_hours') }} AS watch_hours,
        {{ kpi('imputed_watch_hours') }} AS imputed_watch_hours,
        CAST(round({{ kpi('completion_rate') }} * {{ kpi('sessions') }}) AS BIGINT) AS completed_sessions,
        -- completed_low_progress_share x completed sessions = the completed sessions under 50% progress.
        CAST(round(coalesce({{ kpi('completed_low_progress_share') }}, 0) * round({{ kpi('completion_rate') }} * {{ kpi('sessions') }})) AS BIGINT) AS completed_low_progress_sessions,
        -- The rows avg_session_minutes averages over: sessions with a recorded (not imputed), valid duration.
        count(CASE WHEN NOT s.is_invalid_duration AND NOT s.watch_duration_minutes_was_imputed THEN s.watch_duration_minutes END) AS timed_sessions,
        0 AS impressions, 0 AS clicks, 0 AS searches, 0 AS searches_clicked, 0 AS reviews, 0 AS rated_reviews, 0 AS rating_sum
    FROM {{ ref('silver.int_sessions_joined_to_titles') }} s
    GROUP BY 1, 2, 3, 4
),
recommending AS (
    SELECT
        r.recommendation_date, a.country, a.subscription_plan, r.device_type,
        0, 0, 0, 0, 0, 0,
        {{ kpi('impressions') }}, {{ kpi('clicks') }},
        0, 0, 0, 0, 0
    FROM {{ ref('silver.recommendation_logs') }} r
    LEFT JOIN accounts a ON a.user_id = r.user_id
    GROUP BY 1, 2, 3, 4
),
searching AS (
    SELECT
        q.search_date, a.country, a.subscription_plan, q.device_type,
        0, 0, 0, 0, 0, 0, 0, 0,
        {{ kpi('searches') }},
        CAST(round({{ kpi('search_click_through') }} * {{ kpi('searches') }}) AS BIGINT),
        0, 0, 0
    FROM {{ ref('silver.search_logs') }} q
    LEFT JOIN accounts a ON a.user_id = q.user_id
    GROUP BY 1, 2, 3, 4
),
reviewing AS (
    SELECT
        v.review_date, a.country, a.subscription_plan, v.device_type,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        {{ kpi('reviews') }},
        count(v.rating),
        -- avg_rating x rated reviews = the sum of the ratings avg_rating averages.
        CAST(round({{ kpi('avg_rating') }} * count(v.rating)) AS BIGINT)
    FROM {{ ref('silver.reviews') }} v
    LEFT JOIN accounts a ON a.user_id = v.user_id
    GROUP BY 1, 2, 3, 4
),
facts AS (
    SELECT * FROM watching
    UNION ALL SELECT * FROM recommending
    UNION ALL SELECT * FROM searching
    UNION ALL SELECT * FROM reviewing
)
SELECT
    f.day,
    f.country,
    f.subscription_plan,
    f.device,
    CAST(sum(f.sessions) AS BIGINT) AS sessions,
    sum(f.watch_hours) AS watch_hours,
    sum(f.imputed_watch_hours) AS imputed_watch_hours,
    CAST(sum(f.completed_sessions) AS BIGINT) AS completed_sessions,
    CAST(sum(f.completed_low_progress_sessions) AS BIGINT) AS completed_low_progress_sessions,
    CAST(sum(f.timed_sessions) AS BIGINT) AS timed_sessions,
    CAST(sum(f.impressions) AS BIGINT) AS impressions,
    CAST(sum(f.clicks) AS BIGINT) AS clicks,
    CAST(sum(f.searches) AS BIGINT) AS searches,
    CAST(sum(f.searches_clicked) AS BIGINT) AS searches_clicked,
    CAST(sum(f.reviews) AS BIGINT) AS reviews,
    CAST(sum(f.rated_reviews) AS BIGINT) AS rated_reviews,
    CAST(sum(f.rating_sum) AS BIGINT) AS rating_sum
FROM facts f
GROUP BY f.day, f.country, f.subscription_plan, f.device
