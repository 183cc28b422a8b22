// Engagement: how much and how people watch. Filterable views read gold.kpi_daily_by_segment; active
// viewers (distinct counts, not additive over segments) and weekday patterns are platform-wide.
import { sql } from '../../engine/sql.js';
import { kpi } from '../../gold/kpis.js';
import { barChart, lineChart } from '../charts.js';
import { SEGMENT_MEMBERS_TABLE, whereFilters } from '../filters.js';
import type { PageSpec } from '../views.js';
import { segmentKpiView } from './fragments/segment-kpi-view.js';
import { dailyKpiView } from './fragments/daily-kpis.js';
import { kpiAxis, kpiColumn } from '../kpi-labels.js';

export const engagementPage: PageSpec = {
  name: 'engagement',
  title: 'Engagement',
  description: 'Sessions, watch time, completion and active viewers.',
  views: [
    dailyKpiView('sessions', 'sessions-by-day', 'Sessions by day', 'Viewing sessions started each day.'),
    dailyKpiView(
      'views',
      'views-by-day',
      'Title views by day',
      'Views of all titles each day (the catalogue series the forecasts are made for).',
    ),
    segmentKpiView({
      id: 'watch-hours-by-month',
      title: 'Watch hours by month and device',
      caption:
        'Recorded hours watched per calendar month (sessions with a valid recorded duration; imputed durations are not counted), one line per device.',
      kpi: 'watch_hours',
      x: 'month',
      seriesBy: 'device',
      shownWhen: 'sessions',
      chart: 'line',
    }),
    segmentKpiView({
      id: 'completion-by-month',
      title: 'Completion rate by month and plan',
      caption:
        "Share of sessions whose action is 'completed' (the source's label; progress is not consulted), per calendar month, one line per subscription plan. The Overview shows how many of those sessions had progress under 50%.",
      kpi: 'completion_rate',
      x: 'month',
      seriesBy: 'subscription_plan',
      shownWhen: 'sessions',
      chart: 'line',
    }),
    segmentKpiView({
      id: 'session-length',
      title: 'Average session length by plan and device',
      caption: 'Mean minutes per session with a valid recorded (not imputed) duration, for each subscription plan, split by device.',
      kpi: 'avg_session_minutes',
      valueKey: 'minutes',
      x: 'subscription_plan',
      seriesBy: 'device',
      shownWhen: 'timed_sessions',
      chart: 'bar',
    }),
    {
      id: 'segment-engagement-by-month',
      title: 'Accounts, sessions and watch hours by month, by customer segment',
      caption:
        'Accounts with a session, sessions and recorded watch hours per calendar month, from the per-account table, one line per RFM customer segment (recency, frequency and monetary value at the as-of date; gold.user_segments, written by the ML segmentation step, "no segment" before it has run). Filtered by date (months starting inside the range) and by segment; not by country, plan or device.',
      tables: ['gold.kpi_engagement_by_user_month'],
      filterColumns: { date: 'month', segment: 'user_id' },
      load: (engine, f, tables) =>
        engine.query(sql`
          SELECT strftime(e.month, '%Y-%m') AS month, ${tables.has(SEGMENT_MEMBERS_TABLE) ? sql`coalesce(s.rfm_segment, 'no segment')` : sql`'no segment'`} AS segment,
            count(DISTINCT CASE WHEN e.sessions > 0 THEN e.user_id END) AS accounts, sum(e.sessions) AS sessions, sum(e.watch_hours) AS watch_hours
          FROM gold.kpi_engagement_by_user_month e
          ${tables.has(SEGMENT_MEMBERS_TABLE) ? sql`LEFT JOIN gold.user_segments s ON s.user_id = e.user_id` : sql``}
          ${whereFilters(f, { date: 'month', segment: 'user_id' }, 'e')}
          GROUP BY ALL ORDER BY month, segment`),
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'month', label: 'Month', format: 'text' },
          y: kpiAxis('sessions'),
          seriesKey: 'segment',
          valueKey: 'sessions',
        }),
      table: [
        { key: 'month', label: 'Month', format: 'text' },
        { key: 'segment', label: 'Customer segment', format: 'text' },
        { key: 'accounts', label: 'Accounts with a session', format: 'integer' },
        { key: 'sessions', label: kpi('sessions').label, format: 'integer' },
        kpiColumn('watch_hours'),
      ],
    },
    {
      id: 'active-viewers',
      title: 'Active viewers by month',
      caption:
        'Distinct accounts with a session in the month (MAU) and on an average day (DAU). Not filtered by country, plan or device: distinct viewers cannot be added up across segments; the date filter keeps months that start inside the range.',
      tables: ['gold.kpi_business_by_month'],
      filterColumns: { date: 'month' },
      query: (f) => sql`
        SELECT strftime(month, '%Y-%m') AS month, mau, avg_dau
        FROM gold.kpi_business_by_month ${whereFilters(f, { date: 'month' })} ORDER BY month`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'month', label: 'Month', format: 'text' },
          y: { label: 'Active viewers', format: 'count' },
          series: [
            { key: 'mau', name: 'Monthly active (MAU)' },
            { key: 'avg_dau', name: 'Daily active, monthly mean (DAU)' },
          ],
        }),
    },
    {
      id: 'weekday-pattern',
      title: 'Sessions by weekday',
      caption:
        'Share of all sessions started on each day of the week (ISO weekdays, Monday first). All data; not filtered (a platform-wide pattern from gold.viewing_patterns).',
      tables: ['gold.viewing_patterns'],
      query: () => sql`
        SELECT ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][CAST(value AS INTEGER)] AS weekday, session_share
        FROM gold.viewing_patterns WHERE dimension = 'weekday' ORDER BY CAST(value AS INTEGER)`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'weekday', label: 'Day of week', format: 'text' },
          y: { label: 'Share of sessions', format: 'percent' },
          series: [{ key: 'session_share', name: 'Share of sessions' }],
        }),
    },
  ],
};
