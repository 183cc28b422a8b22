-- Reviews, one row per review_id: votes typed and left blank when unknown, blank sentiment scores
-- filled within the sentiment's band, sentiment labels checked against the rating.
WITH source AS (
    -- The current (latest) version of each key: later batch wins, within a batch the later line (src/silver/versions.ts).
    {{ current_versions('reviews') }}
),

cleaned AS (
    SELECT
        review_id,
        user_id,
        movie_id,
        rating,
        review_date,
        {{ canonical_device(device_type) }} AS device_type,
        is_verified_watch,
        CAST(round(helpful_votes) AS BIGINT) AS helpful_votes,
        CAST(round(total_votes) AS BIGINT) AS total_votes,
        review_text,
        sentiment,
        sentiment_score + 0.0 AS sentiment_score,
        sentiment <> CASE WHEN rating <= 2 THEN 'negative' WHEN rating = 3 THEN 'neutral' ELSE 'positive' END AS is_sentiment_inconsistent,
        _batch_id,
        _source_file,
        _line_number,
        _row_hash
    FROM source
)

SELECT
    review_id,
    user_id,
    movie_id,
    rating,
    review_date,
    device_type,
    is_verified_watch,
    helpful_votes,
    {{ impute_flag('reviews', 'helpful_votes') }} AS helpful_votes_is_missing,
    total_votes,
    {{ impute_flag('reviews', 'total_votes') }} AS total_votes_is_missing,
    review_text,
    {{ impute_flag('reviews', 'review_text') }} AS review_text_is_missing,
    sentiment,
    {{ impute('reviews', 'sentiment_score') }} AS sentiment_score,
    {{ impute_flag('reviews', 'sentiment_score') }} AS sentiment_score_was_imputed,
    is_sentiment_inconsistent,
    _batch_id,
    _source_file,
    _line_number,
    _row_hash
FROM {{ imputation_medians('reviews', 'cleaned') }}
