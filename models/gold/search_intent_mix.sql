-- Search outcomes per search intent (the ml.search_intent classifier's label per search): share of
-- searches, zero-result rate, click-through and mean click position. Searches without a query text
-- have no intent and form their own 'no_query' row, so searches add up to silver.search_logs.
WITH searches AS (
    SELECT q.*, coalesce(i.predicted_intent, 'no_query') AS intent
    FROM {{ ref('silver.search_logs') }} q
    LEFT JOIN {{ ref('gold.search_intent') }} i ON i.search_id = q.search_id
),
by_intent AS (
    SELECT
        q.intent,
        {{ kpi('searches') }} AS searches,
        {{ kpi('zero_result_rate') }} AS zero_result_rate,
        {{ kpi('search_click_through') }} AS search_click_through,
        {{ kpi('mean_click_position') }} AS mean_click_position
    FROM searches q
    GROUP BY q.intent
),
shared AS (
    SELECT b.*, CAST(b.searches AS DOUBLE) / sum(b.searches) OVER () AS intent_share
    FROM by_intent b
)
SELECT
    s.intent,
    s.searches,
    s.intent_share,
    -- The same on every row: lets a row-level check hold the shares to a total of 1.
    sum(s.intent_share) OVER () AS intent_share_total,
    s.zero_result_rate,
    s.search_click_through,
    s.mean_click_position
FROM shared s
