-- Recommendation click-through by one dimension at a time, each with its impressions and a 95%
-- Wilson interval, so small groups are not read as differences.
WITH impressions AS (
    SELECT * FROM {{ ref('silver.recommendation_logs') }}
),
by_dimension AS (
    SELECT 'overall' AS dimension, 'all' AS value, {{ kpi('impressions') }} AS impressions, {{ kpi('clicks') }} AS clicks FROM impressions r
    UNION ALL
    SELECT 'recommendation_type', r.recommendation_type, {{ kpi('impressions') }}, {{ kpi('clicks') }} FROM impressions r GROUP BY r.recommendation_type
    UNION ALL
    SELECT 'algorithm_version', coalesce(r.algorithm_version, 'unknown'), {{ kpi('impressions') }}, {{ kpi('clicks') }} FROM impressions r GROUP BY coalesce(r.algorithm_version, 'unknown')
    UNION ALL
    SELECT 'position', {{ to_text(r.position_in_list) }}, {{ kpi('impressions') }}, {{ kpi('clicks') }} FROM impressions r GROUP BY r.position_in_list
    UNION ALL
    SELECT 'device', r.device_type, {{ kpi('impressions') }}, {{ kpi('clicks') }} FROM impressions r GROUP BY r.device_type
    UNION ALL
    SELECT 'time_of_day', r.time_of_day, {{ kpi('impressions') }}, {{ kpi('clicks') }} FROM impressions r GROUP BY r.time_of_day
)
SELECT
    b.dimension,
    b.value,
    b.impressions,
    b.clicks,
    {{ safe_div(b.clicks, b.impressions) }} AS ctr,
    {{ wilson_bound(b.clicks, b.impressions, -1) }} AS ctr_ci_low,
    {{ wilson_bound(b.clicks, b.impressions, 1) }} AS ctr_ci_high
FROM by_dimension b
