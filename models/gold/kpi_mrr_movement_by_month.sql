-- MRR movement between periodic exports of users: each account's monthly revenue at an export (its
-- reported spend while active; blank spend and the 200+ outlier band count 0) against the previous
-- export, split into new (paid nothing before: sign-ups and reactivations), expansion, contraction
-- and churned (pays nothing now). One row per snapshot; the first has only its MRR.
WITH snapshots AS (
    SELECT effective_at AS snapshot_at, row_number() OVER (ORDER BY effective_at) AS snapshot_no
    FROM (SELECT DISTINCT effective_at FROM {{ ref('silver.source_batches') }} WHERE dataset = 'users') s
),
states AS (
    SELECT s.snapshot_no, h.user_id,
        CASE WHEN h.is_active AND h.monthly_spend IS NOT NULL AND h.monthly_spend < {{ plausible('users', 'monthly_spend', 'max') }}
             THEN h.monthly_spend ELSE 0.0 END AS mrr
    FROM snapshots s
    JOIN {{ ref('silver.users_history') }} h
      ON h.valid_from <= s.snapshot_at AND (h.valid_to IS NULL OR h.valid_to > s.snapshot_at)
),
moves AS (
    SELECT cur.snapshot_no, cur.mrr AS mrr_now, COALESCE(prev.mrr, 0.0) AS mrr_before
    FROM states cur
    LEFT JOIN states prev ON prev.user_id = cur.user_id AND prev.snapshot_no = cur.snapshot_no - 1
),
by_snapshot AS (
    SELECT
        s.snapshot_no,
        s.snapshot_at,
        sum(t.mrr_before) AS mrr_start,
        sum(CASE WHEN t.mrr_before = 0 AND t.mrr_now > 0 THEN t.mrr_now ELSE 0.0 END) AS new_mrr,
        sum(CASE WHEN t.mrr_before > 0 AND t.mrr_now > t.mrr_before THEN t.mrr_now - t.mrr_before ELSE 0.0 END) AS expansion_mrr,
        sum(CASE WHEN t.mrr_before > 0 AND t.mrr_now > 0 AND t.mrr_now < t.mrr_before THEN t.mrr_before - t.mrr_now ELSE 0.0 END) AS contraction_mrr,
        sum(CASE WHEN t.mrr_before > 0 AND t.mrr_now = 0 THEN t.mrr_before ELSE 0.0 END) AS churned_mrr,
        sum(t.mrr_now) AS mrr_end,
        {{ kpi('net_mrr_movement') }} AS net_mrr_movement,
        sum(CASE WHEN t.mrr_before = 0 AND t.mrr_now > 0 THEN 1 ELSE 0 END) AS accounts_new,
        sum(CASE WHEN t.mrr_before > 0 AND t.mrr_now > t.mrr_before THEN 1 ELSE 0 END) AS accounts_expanded,
        sum(CASE WHEN t.mrr_before > 0 AND t.mrr_now > 0 AND t.mrr_now < t.mrr_before THEN 1 ELSE 0 END) AS accounts_contracted,
        sum(CASE WHEN t.mrr_before > 0 AND t.mrr_now = 0 THEN 1 ELSE 0 END) AS accounts_churned
    FROM snapshots s
    JOIN moves t ON t.snapshot_no = s.snapshot_no
    GROUP BY s.snapshot_no, s.snapshot_at
)
SELECT
    {{ month_start(snapshot_at) }} AS snapshot_month,
    snapshot_at,
    snapshot_no,
    -- The first export has nothing to move from: only its MRR.
    CASE WHEN snapshot_no > 1 THEN {{ round_double(mrr_start, 2) }} END AS mrr_start,
    CASE WHEN snapshot_no > 1 THEN {{ round_double(new_mrr, 2) }} END AS new_mrr,
    CASE WHEN snapshot_no > 1 THEN {{ round_double(expansion_mrr, 2) }} END AS expansion_mrr,
    CASE WHEN snapshot_no > 1 THEN {{ round_double(contraction_mrr, 2) }} END AS contraction_mrr,
    CASE WHEN snapshot_no > 1 THEN {{ round_double(churned_mrr, 2) }} END AS churned_mrr,
    {{ round_double(mrr_end, 2) }} AS mrr_end,
    CASE WHEN snapshot_no > 1 THEN {{ round_double(net_mrr_movement, 2) }} END AS net_mrr_movement,
    CASE WHEN snapshot_no > 1 THEN accounts_new END AS accounts_new,
    CASE WHEN snapshot_no > 1 THEN accounts_expanded END AS accounts_expanded,
    CASE WHEN snapshot_no > 1 THEN accounts_contracted END AS accounts_contracted,
    CASE WHEN snapshot_no > 1 THEN accounts_churned END AS accounts_churned
FROM by_snapshot
