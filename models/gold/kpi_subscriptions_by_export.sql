-- The snapshot KPIs (active subscribers, churn rate, MRR) at each export of users, with the formulas
-- declared in src/gold/kpis.ts applied to the account versions valid at the export (the same
-- snapshots as kpi_churn_by_month). This is the history the Overview's subscription cards compare
-- against: month on month (the previous export) and year on year (the export twelve months before).
-- Values are as exported: silver.users imputes a blank spend, the history does not, so a blank spend
-- adds nothing to MRR here.
WITH snapshots AS (
    SELECT effective_at AS snapshot_at, row_number() OVER (ORDER BY effective_at) AS snapshot_no
    FROM (SELECT DISTINCT effective_at FROM {{ ref('silver.source_batches') }} WHERE dataset = 'users') s
),
states AS (
    SELECT s.snapshot_no, s.snapshot_at, h.is_active, h.monthly_spend
    FROM snapshots s
    JOIN {{ ref('silver.users_history') }} h
      ON h.valid_from <= s.snapshot_at AND (h.valid_to IS NULL OR h.valid_to > s.snapshot_at)
)
SELECT
    {{ month_start(u.snapshot_at) }} AS snapshot_month,
    u.snapshot_at,
    u.snapshot_no,
    {{ kpi('active_subscribers') }} AS active_subscribers,
    {{ kpi('churn_rate') }} AS churn_rate,
    {{ kpi('mrr') }} AS mrr
FROM states u
GROUP BY u.snapshot_no, u.snapshot_at
