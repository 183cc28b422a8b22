-- Engagement per user and calendar month, from every valid session.
WITH sessions AS (
    SELECT * FROM {{ ref('silver.int_sessions_joined_to_titles') }}
)
SELECT
    s.user_id,
    {{ month_start(s.watch_date) }} AS month,
    {{ kpi('sessions') }} AS sessions,
    {{ kpi('watch_hours') }} AS watch_hours,
    {{ kpi('imputed_watch_hours') }} AS imputed_watch_hours,
    {{ kpi('completion_rate') }} AS completion_rate,
    {{ kpi('completed_low_progress_share') }} AS completed_low_progress_share,
    {{ kpi('distinct_titles') }} AS distinct_titles,
    {{ kpi('distinct_genres') }} AS distinct_genres,
    {{ kpi('binge_sessions') }} AS binge_sessions,
    {{ kpi('avg_session_minutes') }} AS avg_session_minutes
FROM sessions s
GROUP BY s.user_id, {{ month_start(s.watch_date) }}
