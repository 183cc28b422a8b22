-- Sessions, hours and completion by one dimension at a time (device, quality tier, weekday,
-- month of year, viewing country), with each value's share of all sessions in that dimension.
WITH sessions AS (
    SELECT * FROM {{ ref('silver.int_sessions_joined_to_titles') }}
),
by_dimension AS (
    SELECT 'device' AS dimension, s.device_type AS value, {{ kpi('sessions') }} AS sessions, {{ kpi('watch_hours') }} AS watch_hours, {{ kpi('completion_rate') }} AS completion_rate FROM sessions s GROUP BY s.device_type
    UNION ALL
    SELECT 'quality', s.quality, {{ kpi('sessions') }}, {{ kpi('watch_hours') }}, {{ kpi('completion_rate') }} FROM sessions s GROUP BY s.quality
    UNION ALL
    SELECT 'weekday', {{ to_text({{ iso_dow(s.watch_date) }}) }}, {{ kpi('sessions') }}, {{ kpi('watch_hours') }}, {{ kpi('completion_rate') }} FROM sessions s GROUP BY {{ iso_dow(s.watch_date) }}
    UNION ALL
    SELECT 'month', {{ to_text(month(s.watch_date)) }}, {{ kpi('sessions') }}, {{ kpi('watch_hours') }}, {{ kpi('completion_rate') }} FROM sessions s GROUP BY month(s.watch_date)
    UNION ALL
    SELECT 'country', s.location_country, {{ kpi('sessions') }}, {{ kpi('watch_hours') }}, {{ kpi('completion_rate') }} FROM sessions s GROUP BY s.location_country
)
SELECT
    b.dimension,
    b.value,
    b.sessions,
    b.watch_hours,
    b.completion_rate,
    CAST(b.sessions AS DOUBLE) / sum(b.sessions) OVER (PARTITION BY b.dimension) AS session_share
FROM by_dimension b
