-- Reviews overall and by star rating, sentiment label, device and verified-watch claim.
WITH reviews AS (
    SELECT * FROM {{ ref('silver.reviews') }}
),
by_dimension AS (
    SELECT 'overall' AS dimension, 'all' AS value, {{ kpi('reviews') }} AS reviews, {{ kpi('avg_rating') }} AS avg_rating, {{ kpi('positive_share') }} AS positive_share, {{ kpi('negative_share') }} AS negative_share, {{ kpi('helpfulness') }} AS helpfulness FROM reviews v
    UNION ALL
    SELECT 'rating', {{ to_text(v.rating) }}, {{ kpi('reviews') }}, {{ kpi('avg_rating') }}, {{ kpi('positive_share') }}, {{ kpi('negative_share') }}, {{ kpi('helpfulness') }} FROM reviews v GROUP BY v.rating
    UNION ALL
    SELECT 'sentiment', v.sentiment, {{ kpi('reviews') }}, {{ kpi('avg_rating') }}, {{ kpi('positive_share') }}, {{ kpi('negative_share') }}, {{ kpi('helpfulness') }} FROM reviews v GROUP BY v.sentiment
    UNION ALL
    SELECT 'device', v.device_type, {{ kpi('reviews') }}, {{ kpi('avg_rating') }}, {{ kpi('positive_share') }}, {{ kpi('negative_share') }}, {{ kpi('helpfulness') }} FROM reviews v GROUP BY v.device_type
    UNION ALL
    SELECT 'verified_watch', CASE WHEN v.is_verified_watch THEN 'verified' ELSE 'not verified' END, {{ kpi('reviews') }}, {{ kpi('avg_rating') }}, {{ kpi('positive_share') }}, {{ kpi('negative_share') }}, {{ kpi('helpfulness') }} FROM reviews v GROUP BY v.is_verified_watch
)
SELECT
    b.*,
    CAST(b.reviews AS DOUBLE) / sum(b.reviews) OVER (PARTITION BY b.dimension) AS review_share
FROM by_dimension b
