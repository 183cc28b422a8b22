-- Users, one row per user_id: latest version kept, personal data pseudonymised, ages and spend
-- checked, blanks filled by their strategy (src/silver/imputation-strategies.ts).
WITH source AS (
    -- The current (latest) version of each key: later batch wins, within a batch the later line (src/silver/versions.ts).
    SELECT current_rows.*, FALSE AS is_inferred FROM ({{ current_versions('users') }}) current_rows
    UNION ALL
    -- Inferred members: keys that child rows name but users lacks, attributes NULL (src/silver/inferred.ts).
    {{ inferred_members('users') }}
),

-- Each distinct personal value hashed once, joined back by value (src/silver/pseudonym-sql.ts): names repeat.
pseudonyms AS (
    {{ pseudonyms(source, '{{ personal_value(source, email) }}', 'source.first_name', 'source.last_name') }}
),

cleaned AS (
    SELECT
        user_id,
        email_p.pseudonym AS email_pseudonym,
        first_p.pseudonym AS first_name_pseudonym,
        last_p.pseudonym AS last_name_pseudonym,
        -- Rounding the float text to an integer (same result on every engine) also turns -0.0 into 0.
        CAST(round(age) AS BIGINT) AS age_reported,
        CASE WHEN CAST(round(age) AS BIGINT) BETWEEN {{ plausible('users', 'age', 'min') }} AND {{ plausible('users', 'age', 'max') }} THEN CAST(round(age) AS BIGINT) END AS age,
        (age IS NOT NULL AND NOT (CAST(round(age) AS BIGINT) BETWEEN {{ plausible('users', 'age', 'min') }} AND {{ plausible('users', 'age', 'max') }})) AS age_was_invalid,
        gender,
        country,
        state_province,
        city,
        subscription_plan,
        subscription_start_date,
        is_active,
        monthly_spend + 0.0 AS monthly_spend,
        {{ canonical_device(primary_device) }} AS primary_device,
        CAST(round(household_size) AS BIGINT) AS household_size,
        created_at,
        CAST(created_at AS DATE) AS created_date,
        _batch_id,
        _source_file,
        _line_number,
        _row_hash,
        is_inferred
    FROM source
        LEFT JOIN pseudonyms email_p ON email_p.value = {{ personal_value(source, email) }}
        LEFT JOIN pseudonyms first_p ON first_p.value = source.first_name
        LEFT JOIN pseudonyms last_p ON last_p.value = source.last_name
),

spend_center AS (
    SELECT *, {{ median(monthly_spend) }} OVER () AS spend_median
    FROM cleaned
),

spend_spread AS (
    SELECT *, {{ median(abs(monthly_spend - spend_median)) }} OVER () AS spend_mad
    FROM spend_center
),

-- Users per email, by a GROUP BY joined back (a window partitioned by the pseudonym sorted every
-- column of every row: 0.55 s of the model's 1.4 s at scale 10). Inferred members have no email:
-- never "shared" among themselves.
email_shares AS (
    SELECT spend_spread.*, (spend_spread.email_pseudonym IS NOT NULL AND email_users.users > 1) AS is_email_shared
    FROM spend_spread
        LEFT JOIN (
            SELECT email_pseudonym AS shared_pseudonym, count(*) AS users
            FROM spend_spread
            WHERE email_pseudonym IS NOT NULL
            GROUP BY email_pseudonym
        ) email_users ON email_users.shared_pseudonym = spend_spread.email_pseudonym
)

SELECT
    user_id,
    email_pseudonym,
    first_name_pseudonym,
    last_name_pseudonym,
    is_email_shared,
    age_reported,
    {{ impute('users', 'age') }} AS age,
    {{ impute_flag('users', 'age') }} AS age_was_imputed,
    age_was_invalid,
    {{ age_band(age) }} AS age_band,
    {{ impute('users', 'gender') }} AS gender,
    {{ impute_flag('users', 'gender') }} AS gender_was_imputed,
    country,
    state_province,
    city,
    subscription_plan,
    subscription_start_date,
    {{ year_quarter(subscription_start_date) }} AS signup_quarter,
    is_active,
    {{ impute('users', 'monthly_spend') }} AS monthly_spend,
    {{ impute_flag('users', 'monthly_spend') }} AS monthly_spend_was_imputed,
    -- Two spend rules, kept apart: the seed's outlier band (the rule MRR uses) and the robust MAD
    -- rule below it (reported, kept in MRR). is_spend_outlier is either, for readers of both.
    coalesce(monthly_spend >= {{ plausible('users', 'monthly_spend', 'max') }}, FALSE) AS is_spend_in_outlier_band,
    (monthly_spend IS NOT NULL AND monthly_spend < {{ plausible('users', 'monthly_spend', 'max') }}
        AND spend_mad > 0 AND abs(monthly_spend - spend_median) > {{ silver_setting('spendMadK') }} * 1.4826 * spend_mad) AS is_spend_mad_flagged,
    (monthly_spend IS NOT NULL AND (
        monthly_spend >= {{ plausible('users', 'monthly_spend', 'max') }}
        OR (spend_mad > 0 AND abs(monthly_spend - spend_median) > {{ silver_setting('spendMadK') }} * 1.4826 * spend_mad)
    )) AS is_spend_outlier,
    primary_device,
    {{ impute('users', 'household_size') }} AS household_size,
    {{ impute_flag('users', 'household_size') }} AS household_size_was_imputed,
    created_at,
    created_date,
    _batch_id,
    _source_file,
    _line_number,
    _row_hash,
    is_inferred
FROM {{ imputation_medians('users', 'email_shares') }}
