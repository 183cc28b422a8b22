-- Churn over time from periodic exports of users: each users batch is a snapshot (taking effect at
-- the month in its file name), each account's state at a snapshot is the version of
-- silver.users_history valid then, and churn is an account active at one export and inactive at the
-- next. One row per snapshot; the first has no previous export, so its movement columns are NULL.
WITH snapshots AS (
    SELECT effective_at AS snapshot_at, row_number() OVER (ORDER BY effective_at) AS snapshot_no
    FROM (SELECT DISTINCT effective_at FROM {{ ref('silver.source_batches') }} WHERE dataset = 'users') s
),
states AS (
    SELECT s.snapshot_no, s.snapshot_at, h.user_id, h.is_active
    FROM snapshots s
    JOIN {{ ref('silver.users_history') }} h
      ON h.valid_from <= s.snapshot_at AND (h.valid_to IS NULL OR h.valid_to > s.snapshot_at)
),
moves AS (
    -- Each account at a snapshot with its state at the previous one (none: it is new).
    SELECT cur.snapshot_no, cur.user_id, cur.is_active, prev.user_id IS NOT NULL AS was_present, COALESCE(prev.is_active, FALSE) AS was_active
    FROM states cur
    LEFT JOIN states prev ON prev.user_id = cur.user_id AND prev.snapshot_no = cur.snapshot_no - 1
)
SELECT
    {{ month_start(s.snapshot_at) }} AS snapshot_month,
    s.snapshot_at,
    s.snapshot_no,
    count(*) AS accounts,
    sum(CASE WHEN t.is_active THEN 1 ELSE 0 END) AS active_accounts,
    CASE WHEN s.snapshot_no > 1 THEN sum(CASE WHEN t.was_active THEN 1 ELSE 0 END) END AS active_at_previous,
    CASE WHEN s.snapshot_no > 1 THEN sum(CASE WHEN t.was_active AND NOT t.is_active THEN 1 ELSE 0 END) END AS churned,
    CASE WHEN s.snapshot_no > 1 THEN sum(CASE WHEN t.was_present AND NOT t.was_active AND t.is_active THEN 1 ELSE 0 END) END AS reactivated,
    CASE WHEN s.snapshot_no > 1 THEN sum(CASE WHEN NOT t.was_present THEN 1 ELSE 0 END) END AS new_accounts,
    CASE WHEN s.snapshot_no > 1 THEN {{ kpi('monthly_churn_rate') }} END AS monthly_churn_rate
FROM snapshots s
JOIN moves t ON t.snapshot_no = s.snapshot_no
GROUP BY s.snapshot_no, s.snapshot_at
