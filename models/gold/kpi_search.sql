-- Search outcomes overall and by typo, filter use and device: zero-result rate, click-through,
-- mean click position, and clicks on positions beyond the results returned (a data-quality tell).
WITH searches AS (
    SELECT * FROM {{ ref('silver.search_logs') }}
),
by_dimension AS (
    SELECT 'overall' AS dimension, 'all' AS value, {{ kpi('searches') }} AS searches, {{ kpi('zero_result_rate') }} AS zero_result_rate, {{ kpi('search_click_through') }} AS search_click_through, {{ kpi('mean_click_position') }} AS mean_click_position, sum(CASE WHEN q.is_click_beyond_results THEN 1 ELSE 0 END) AS clicks_beyond_results FROM searches q
    UNION ALL
    SELECT 'had_typo', CASE WHEN q.had_typo THEN 'typo' ELSE 'no typo' END, {{ kpi('searches') }}, {{ kpi('zero_result_rate') }}, {{ kpi('search_click_through') }}, {{ kpi('mean_click_position') }}, sum(CASE WHEN q.is_click_beyond_results THEN 1 ELSE 0 END) FROM searches q GROUP BY q.had_typo
    UNION ALL
    SELECT 'used_filters', CASE WHEN q.used_filters THEN 'filters' ELSE 'no filters' END, {{ kpi('searches') }}, {{ kpi('zero_result_rate') }}, {{ kpi('search_click_through') }}, {{ kpi('mean_click_position') }}, sum(CASE WHEN q.is_click_beyond_results THEN 1 ELSE 0 END) FROM searches q GROUP BY q.used_filters
    UNION ALL
    SELECT 'device', q.device_type, {{ kpi('searches') }}, {{ kpi('zero_result_rate') }}, {{ kpi('search_click_through') }}, {{ kpi('mean_click_position') }}, sum(CASE WHEN q.is_click_beyond_results THEN 1 ELSE 0 END) FROM searches q GROUP BY q.device_type
)
SELECT * FROM by_dimension
