-- Subscribers, churn, MRR and ARPU overall and by plan, country, signup cohort (quarter of the
-- subscription start), primary device and age band.
WITH accounts AS (
    -- Accounts from the users export; inferred members (named by events only) have no plan or status.
    SELECT * FROM {{ ref('silver.users') }} WHERE NOT is_inferred
),
by_dimension AS (
    SELECT 'overall' AS dimension, 'all' AS value, {{ kpi('subscribers') }} AS subscribers, {{ kpi('active_subscribers') }} AS active_subscribers, {{ kpi('churn_rate') }} AS churn_rate, {{ kpi('mrr') }} AS mrr, {{ kpi('arpu') }} AS arpu, {{ kpi('spend_outlier_accounts') }} AS spend_outlier_accounts, {{ kpi('spend_mad_flagged_accounts') }} AS spend_mad_flagged_accounts FROM accounts u
    UNION ALL
    SELECT 'plan', u.subscription_plan, {{ kpi('subscribers') }}, {{ kpi('active_subscribers') }}, {{ kpi('churn_rate') }}, {{ kpi('mrr') }}, {{ kpi('arpu') }}, {{ kpi('spend_outlier_accounts') }}, {{ kpi('spend_mad_flagged_accounts') }} FROM accounts u GROUP BY u.subscription_plan
    UNION ALL
    SELECT 'country', u.country, {{ kpi('subscribers') }}, {{ kpi('active_subscribers') }}, {{ kpi('churn_rate') }}, {{ kpi('mrr') }}, {{ kpi('arpu') }}, {{ kpi('spend_outlier_accounts') }}, {{ kpi('spend_mad_flagged_accounts') }} FROM accounts u GROUP BY u.country
    UNION ALL
    SELECT 'signup_cohort', u.signup_quarter, {{ kpi('subscribers') }}, {{ kpi('active_subscribers') }}, {{ kpi('churn_rate') }}, {{ kpi('mrr') }}, {{ kpi('arpu') }}, {{ kpi('spend_outlier_accounts') }}, {{ kpi('spend_mad_flagged_accounts') }} FROM accounts u GROUP BY u.signup_quarter
    UNION ALL
    SELECT 'device', u.primary_device, {{ kpi('subscribers') }}, {{ kpi('active_subscribers') }}, {{ kpi('churn_rate') }}, {{ kpi('mrr') }}, {{ kpi('arpu') }}, {{ kpi('spend_outlier_accounts') }}, {{ kpi('spend_mad_flagged_accounts') }} FROM accounts u GROUP BY u.primary_device
    UNION ALL
    SELECT 'age_band', u.age_band, {{ kpi('subscribers') }}, {{ kpi('active_subscribers') }}, {{ kpi('churn_rate') }}, {{ kpi('mrr') }}, {{ kpi('arpu') }}, {{ kpi('spend_outlier_accounts') }}, {{ kpi('spend_mad_flagged_accounts') }} FROM accounts u GROUP BY u.age_band
)
SELECT
    b.*,
    {{ wilson_bound(b.subscribers - b.active_subscribers, b.subscribers, -1) }} AS churn_ci_low,
    {{ wilson_bound(b.subscribers - b.active_subscribers, b.subscribers, 1) }} AS churn_ci_high
FROM by_dimension b
