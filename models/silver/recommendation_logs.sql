-- Recommendation impressions, one row per recommendation_id: canonical device, blank scores filled
-- by recommender type, blank algorithm versions marked 'unknown'.
-- Dedup ranks only the key and lineage columns, then keeps the surviving rows by a join on
-- (key, _batch_id, _line_number): ranking whole rows would sort every column.
WITH survivors AS (
    SELECT recommendation_id, _batch_id, _line_number
    FROM (SELECT recommendation_id, _batch_id, _line_number, {{ dedup_rank('recommendation_logs') }} AS _dup_rank FROM {{ source('recommendation_logs') }}) ranked
    WHERE _dup_rank = 1
),

source AS (
    SELECT b.*
    FROM {{ source('recommendation_logs') }} b
    JOIN survivors k ON {{ null_safe_eq(k.recommendation_id, b.recommendation_id) }} AND k._batch_id = b._batch_id AND k._line_number = b._line_number
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
