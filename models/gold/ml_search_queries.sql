-- Search queries with their outcomes for intent models and query suggestion.
SELECT
    q.search_id,
    q.search_date,
    q.search_query,
    q.had_typo,
    q.used_filters,
    q.results_returned,
    q.clicked,
    q.clicked_result_position,
    q.device_type
FROM {{ ref('silver.search_logs') }} q
