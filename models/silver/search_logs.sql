-- Searches, one row per search_id: a blank clicked position means "no click" (clicked = false, the
-- position stays blank and is never imputed); clicks beyond the results returned are flagged.
WITH source AS (
    -- The current (latest) version of each key: later batch wins, within a batch the later line (src/silver/versions.ts).
    {{ current_versions('search_logs') }}
),

cleaned AS (
    SELECT
        search_id,
        user_id,
        search_query,
        search_date,
        results_returned,
        clicked_result_position,
        clicked_result_position IS NOT NULL AS clicked,
        COALESCE(clicked_result_position > results_returned, FALSE) AS is_click_beyond_results,
        {{ canonical_device(device_type) }} AS device_type,
        search_duration_seconds + 0.0 AS search_duration_seconds,
        had_typo,
        used_filters,
        location_country,
        _batch_id,
        _source_file,
        _line_number,
        _row_hash
    FROM source
)

SELECT
    search_id,
    user_id,
    search_query,
    search_date,
    results_returned,
    clicked_result_position,
    clicked,
    is_click_beyond_results,
    device_type,
    {{ impute('search_logs', 'search_duration_seconds') }} AS search_duration_seconds,
    {{ impute_flag('search_logs', 'search_duration_seconds') }} AS search_duration_seconds_was_imputed,
    had_typo,
    used_filters,
    location_country,
    _batch_id,
    _source_file,
    _line_number,
    _row_hash
FROM {{ imputation_medians('search_logs', 'cleaned') }}
