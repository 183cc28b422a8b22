-- Searches, one row per search_id: a blank clicked position means "no click" (clicked = false, the
-- position stays blank and is never imputed); clicks beyond the results returned are flagged.
-- Dedup ranks only the key and lineage columns, then keeps the surviving rows by a join on
-- (key, _batch_id, _line_number): ranking whole rows would sort every column.
WITH survivors AS (
    SELECT search_id, _batch_id, _line_number
    FROM (SELECT search_id, _batch_id, _line_number, {{ dedup_rank('search_logs') }} AS _dup_rank FROM {{ source('search_logs') }}) ranked
    WHERE _dup_rank = 1
),

source AS (
    SELECT b.*
    FROM {{ source('search_logs') }} b
    JOIN survivors k ON {{ null_safe_eq(k.search_id, b.search_id) }} AND k._batch_id = b._batch_id AND k._line_number = b._line_number
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
