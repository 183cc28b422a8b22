-- Titles, one row per movie_id: typed, structural blanks kept as "not applicable", true blanks
-- filled within the applicable content type, implausible durations flagged.
WITH source AS (
    -- The current (latest) version of each key: later batch wins, within a batch the later line (src/silver/versions.ts).
    SELECT current_rows.*, FALSE AS is_inferred FROM ({{ current_versions('movies') }}) current_rows
    UNION ALL
    -- Inferred members: keys that child rows name but movies lacks, attributes NULL (src/silver/inferred.ts).
    {{ inferred_members('movies') }}
),

cleaned AS (
    SELECT
        movie_id,
        title,
        content_type,
        content_type = 'Movie' AS is_movie,
        content_type IN ('TV Series', 'Limited Series') AS is_series,
        genre_primary,
        genre_secondary,
        release_year,
        CAST(round(duration_minutes) AS BIGINT) AS duration_minutes,
        rating,
        language,
        country_of_origin,
        imdb_rating + 0.0 AS imdb_rating,
        CAST(round(production_budget) AS BIGINT) AS production_budget,
        CAST(round(box_office_revenue) AS BIGINT) AS box_office_revenue,
        CAST(round(number_of_seasons) AS BIGINT) AS number_of_seasons,
        CAST(round(number_of_episodes) AS BIGINT) AS number_of_episodes,
        is_netflix_original,
        added_to_platform,
        content_warning,
        _batch_id,
        _source_file,
        _line_number,
        _row_hash,
        is_inferred
    FROM source
)

SELECT
    movie_id,
    title,
    content_type,
    is_movie,
    is_series,
    genre_primary,
    genre_secondary,
    {{ impute_flag('movies', 'genre_secondary') }} AS genre_secondary_is_missing,
    release_year,
    duration_minutes,
    (duration_minutes <= 0
        OR (is_movie AND duration_minutes < {{ silver_setting('movieMinMinutes') }})
        OR duration_minutes > {{ plausible('movies', 'duration_minutes', 'max') }}) AS is_duration_implausible,
    rating,
    language,
    country_of_origin,
    {{ impute('movies', 'imdb_rating') }} AS imdb_rating,
    {{ impute_flag('movies', 'imdb_rating') }} AS imdb_rating_was_imputed,
    {{ impute('movies', 'production_budget') }} AS production_budget,
    {{ impute_flag('movies', 'production_budget') }} AS production_budget_was_imputed,
    {{ impute('movies', 'box_office_revenue') }} AS box_office_revenue,
    {{ impute_flag('movies', 'box_office_revenue') }} AS box_office_revenue_was_imputed,
    {{ impute('movies', 'number_of_seasons') }} AS number_of_seasons,
    {{ impute_flag('movies', 'number_of_seasons') }} AS number_of_seasons_was_imputed,
    {{ impute('movies', 'number_of_episodes') }} AS number_of_episodes,
    {{ impute_flag('movies', 'number_of_episodes') }} AS number_of_episodes_was_imputed,
    is_netflix_original,
    added_to_platform,
    content_warning,
    _batch_id,
    _source_file,
    _line_number,
    _row_hash,
    is_inferred
FROM {{ imputation_medians('movies', 'cleaned') }}
