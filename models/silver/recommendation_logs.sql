-- Recommendation impressions, one row per recommendation_id: canonical device, blank scores filled
-- by recommender type, blank algorithm versions marked 'unknown'.
WITH source AS (
    -- The current (latest) version of each key: later batch wins, within a batch the later line (src/silver/versions.ts).
    {{ current_versions('recommendation_logs') }}
),

cleaned AS (
    SELECT
        recommendation_id,
        user_id,
        movie_id,
        recommendation_date,
        recommendation_type,
        recommendation_score + 0.0 AS recommendation_score,
        was_clicked,
        position_in_list,
        {{ canonical_device(device_type) }} AS device_type,
        time_of_day,
        algorithm_version,
        _batch_id,
        _source_file,
        _line_number,
        _row_hash
    FROM source
)

SELECT
    recommendation_id,
    user_id,
    movie_id,
    recommendation_date,
    recommendation_type,
    {{ impute('recommendation_logs', 'recommendation_score') }} AS recommendation_score,
    {{ impute_flag('recommendation_logs', 'recommendation_score') }} AS recommendation_score_was_imputed,
    was_clicked,
    position_in_list,
    device_type,
    time_of_day,
    {{ impute('recommendation_logs', 'algorithm_version') }} AS algorithm_version,
    {{ impute_flag('recommendation_logs', 'algorithm_version') }} AS algorithm_version_was_imputed,
    _batch_id,
    _source_file,
    _line_number,
    _row_hash
FROM {{ imputation_medians('recommendation_logs', 'cleaned') }}
