// Engagement: how much and how people watch. Filterable views read gold.kpi_daily_by_segment; active
// viewers (distinct counts, not additive over segments) and weekday patterns are platform-wide.
import { sql } from '../../engine/sql.js';
import { kpi } from '../../gold/kpis.js';
import { barChart, lineChart } from '../charts.js';
import { SEGMENT_MEMBERS_TABLE, whereFilters } from '../filters.js';
import type { PageSpec } from '../views.js';
import { SEGMENT_FILTERS, SEGMENT_TABLE, measure, segmentWhere } from '../segment-filter.js';
import { dailyKpiView } from './fragments/daily-kpis.js';

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
    {
      id: 'watch-hours-by-month',
      title: 'Watch hours by month and device',
      caption:
        'Recorded hours watched per calendar month (sessions with a valid recorded duration; imputed durations are not counted), one line per device.',
      tables: [SEGMENT_TABLE],
      filterColumns: SEGMENT_FILTERS,
      query: (f) => sql`
        SELECT strftime(day, '%Y-%m') AS month, device, ${measure('watch_hours')} AS watch_hours
        FROM gold.kpi_daily_by_segment ${segmentWhere(f)}
        GROUP BY ALL HAVING sum(sessions) > 0 ORDER BY month, device`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'month', label: 'Month', format: 'text' },
          y: { label: kpi('watch_hours').label, format: kpi('watch_hours').format },
          seriesKey: 'device',
          valueKey: 'watch_hours',
        }),
    },
    {
      id: 'completion-by-month',
      title: 'Completion rate by month and plan',
      caption:
        "Share of sessions whose action is 'completed' (the source's label; progress is not consulted), per calendar month, one line per subscription plan. The Overview shows how many of those sessions had progress under 50%.",
      tables: [SEGMENT_TABLE],
      filterColumns: SEGMENT_FILTERS,
      query: (f) => sql`
        SELECT strftime(day, '%Y-%m') AS month, subscription_plan, ${measure('completion_rate')} AS completion_rate
        FROM gold.kpi_daily_by_segment ${segmentWhere(f)}
        GROUP BY ALL HAVING sum(sessions) > 0 ORDER BY month, subscription_plan`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'month', label: 'Month', format: 'text' },
          y: { label: kpi('completion_rate').label, format: kpi('completion_rate').format },
          seriesKey: 'subscription_plan',
          valueKey: 'completion_rate',
        }),
    },
    {
      id: 'session-length',
      title: 'Average session length by plan and device',
      caption: 'Mean minutes per session with a valid recorded (not imputed) duration, for each subscription plan, split by device.',
      tables: [SEGMENT_TABLE],
      filterColumns: SEGMENT_FILTERS,
      query: (f) => sql`
        SELECT subscription_plan, device, ${measure('avg_session_minutes')} AS minutes
        FROM gold.kpi_daily_by_segment ${segmentWhere(f)}
        GROUP BY ALL HAVING sum(timed_sessions) > 0 ORDER BY subscription_plan, device`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'subscription_plan', label: 'Subscription plan', format: 'text' },
          y: { label: kpi('avg_session_minutes').label, format: kpi('avg_session_minutes').format },
          seriesKey: 'device',
          valueKey: 'minutes',
        }),
    },
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
          y: { label: kpi('sessions').label, format: kpi('sessions').format },
          seriesKey: 'segment',
          valueKey: 'sessions',
        }),
      table: [
        { key: 'month', label: 'Month', format: 'text' },
        { key: 'segment', label: 'Customer segment', format: 'text' },
        { key: 'accounts', label: 'Accounts with a session', format: 'integer' },
        { key: 'sessions', label: kpi('sessions').label, format: 'integer' },
        { key: 'watch_hours', label: kpi('watch_hours').label, format: kpi('watch_hours').format },
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
