-- The most frequent queries with their outcomes.
SELECT
    q.search_query,
    {{ kpi('searches') }} AS searches,
    {{ kpi('zero_result_rate') }} AS zero_result_rate,
    {{ kpi('search_click_through') }} AS search_click_through,
    {{ kpi('mean_click_position') }} AS mean_click_position,
    rank() OVER (ORDER BY count(*) DESC) AS query_rank
FROM {{ ref('silver.search_logs') }} q
GROUP BY q.search_query
