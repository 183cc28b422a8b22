-- Sessions, one row per session_id: typed, canonical device and quality tier, anomalies flagged on
-- the observed duration, blank durations filled from progress x title length where possible.
-- Departure from "no joins in staging": a left lookup of the title's length and added date (1:1 on
-- movie_id, so the grain is unchanged), which the duration imputation and the title rules need.
WITH source AS (
    -- The current (latest) version of each key: later batch wins, within a batch the later line (src/silver/versions.ts).
    {{ current_versions('watch_history') }}
),

titles AS (
    SELECT movie_id, duration_minutes AS title_duration_minutes, added_to_platform AS title_added_date
    FROM {{ ref('silver.movies') }}
),

cleaned AS (
    SELECT
        s.session_id,
        s.user_id,
        s.movie_id,
        s.watch_date,
        {{ canonical_device(s.device_type) }} AS device_type,
        s.watch_duration_minutes + 0.0 AS watch_duration_minutes,
        s.progress_percentage + 0.0 AS progress_percentage,
        s.action,
        s.quality,
        {{ quality_tier(s.quality) }} AS quality_tier,
        {{ quality_rank(s.quality) }} AS quality_rank,
        s.location_country,
        s.is_download,
        s.user_rating,
        t.title_duration_minutes,
        t.title_added_date,
        COALESCE(s.watch_duration_minutes > {{ silver_setting('bingeMinutes') }}, FALSE) AS is_binge,
        COALESCE(s.watch_duration_minutes > {{ silver_setting('invalidDurationMinutes') }}, FALSE) AS is_invalid_duration,
        COALESCE(t.title_duration_minutes > 0 AND s.watch_duration_minutes > {{ silver_setting('watchOverTitleMultiple') }} * t.title_duration_minutes, FALSE) AS is_watch_over_title_multiple,
        COALESCE(s.action = 'completed' AND s.progress_percentage < {{ silver_setting('completedMinProgress') }}, FALSE) AS is_progress_inconsistent,
        COALESCE(s.watch_date < t.title_added_date, FALSE) AS is_before_title_added,
        s._batch_id,
        s._source_file,
        s._line_number,
        s._row_hash
    FROM source s
    LEFT JOIN titles t ON t.movie_id = s.movie_id
)

SELECT
    session_id,
    user_id,
    movie_id,
    watch_date,
    device_type,
    {{ impute('watch_history', 'watch_duration_minutes') }} AS watch_duration_minutes,
    {{ impute_flag('watch_history', 'watch_duration_minutes') }} AS watch_duration_minutes_was_imputed,
    progress_percentage,
    {{ impute_flag('watch_history', 'progress_percentage') }} AS progress_percentage_is_missing,
    action,
    quality,
    quality_tier,
    quality_rank,
    location_country,
    is_download,
    user_rating,
    {{ impute_flag('watch_history', 'user_rating') }} AS user_rating_is_missing,
    title_duration_minutes,
    title_added_date,
    is_binge,
    is_invalid_duration,
    is_watch_over_title_multiple,
    is_progress_inconsistent,
    is_before_title_added,
    _batch_id,
    _source_file,
    _line_number,
    _row_hash
FROM {{ imputation_medians('watch_history', 'cleaned') }}
