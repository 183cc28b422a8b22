-- Sessions joined to their title and viewer (grain: session_id), with per-session features.
WITH sessions AS (
    SELECT * FROM {{ ref('silver.watch_history') }}
),

titles AS (
    SELECT movie_id, title, content_type, genre_primary, genre_secondary, release_year, rating AS content_rating, language, is_netflix_original
    FROM {{ ref('silver.movies') }}
),

viewers AS (
    SELECT user_id, age, age_band, gender, country AS user_country, subscription_plan, created_date AS signup_date
    FROM {{ ref('silver.users') }}
)

SELECT
    s.session_id,
    s.user_id,
    s.movie_id,
    s.watch_date,
    s.device_type,
    s.watch_duration_minutes,
    s.watch_duration_minutes_was_imputed,
    s.progress_percentage,
    s.progress_percentage_is_missing,
    s.action,
    s.quality,
    s.quality_tier,
    s.quality_rank,
    s.location_country,
    s.is_download,
    s.user_rating,
    s.title_duration_minutes,
    s.title_added_date,
    t.title,
    t.content_type,
    t.genre_primary,
    t.genre_secondary,
    t.release_year,
    t.content_rating,
    t.language,
    t.is_netflix_original,
    v.age,
    v.age_band,
    v.gender,
    v.user_country,
    v.subscription_plan,
    v.signup_date,
    {{ safe_div(s.watch_duration_minutes, s.title_duration_minutes) }} AS completion_ratio,
    {{ iso_dow(s.watch_date) }} AS watch_iso_dow,
    {{ iso_dow(s.watch_date) }} >= 6 AS is_weekend,
    month(s.watch_date) AS watch_month,
    {{ year_month(s.watch_date) }} AS watch_year_month,
    {{ days_between(v.signup_date, s.watch_date) }} AS days_since_signup,
    {{ days_between(s.title_added_date, s.watch_date) }} AS days_since_title_added,
    s.is_binge,
    s.is_invalid_duration,
    s.is_watch_over_title_multiple,
    s.is_progress_inconsistent,
    s.is_before_title_added,
    COALESCE(s.watch_date < v.signup_date, FALSE) AS is_before_signup
FROM sessions s
LEFT JOIN titles t ON t.movie_id = s.movie_id
LEFT JOIN viewers v ON v.user_id = s.user_id
