// Data Quality: what the checks found, run after run, and where rows went (quarantine, dedup), from
// the meta.* evidence tables only (DDL in src/warehouse/schema.ts). Run-level facts: the event filters
// (date, country, plan, device) do not apply here.
import { ident, raw, sql, type SqlQuery } from '../../engine/sql.js';
import { CHECK_STATUS_RANK_SQL, CHECK_STATUS_SQL } from '../../quality/check.js';
import { barChart, lineChart, STATUS_COLOURS } from '../charts.js';
import type { Row } from '../../engine/engine.js';
import type { ChartSpec, PageSpec } from '../views.js';
import { goldQualityViews } from './fragments/gold-quality.js';

/** The newest run (by meta.runs.started_at) that wrote rows to a meta table. */
export function latestRunOf(table: string): SqlQuery {
  return sql`(SELECT r.run_id FROM meta.runs r WHERE r.run_id IN (SELECT run_id FROM ${ident('meta', table)}) ORDER BY r.started_at DESC LIMIT 1)`;
}

/** The latest run's rows per "dataset · group" bucket as horizontal bars (quarantine, duplicates, updates). */
function rowsByBucket(bucketLabel: string, countLabel: string, countKey: string, seriesName = countLabel): (rows: Row[]) => ChartSpec {
  return (rows) =>
    barChart(rows, {
      x: { key: 'bucket', label: bucketLabel, format: 'text' },
      y: { label: countLabel, format: 'count' },
      series: [{ key: countKey, name: seriesName }],
      horizontal: true,
    });
}

export const dataQualityPage: PageSpec = {
  name: 'data-quality',
  title: 'Data Quality',
  description:
    'The gold quality scorecard and reconciliation, check results across runs, rows set aside (quarantine) or dropped as duplicates, column profiles and how well imputation did.',
  views: [
    ...goldQualityViews,
    {
      id: 'check-history',
      title: 'Checks passed, warned and failed per run',
      caption:
        'Each bar is one pipeline run: checks that passed, checks that found bad records and kept or quarantined them (warn), and checks that found bad records and stopped the run (fail). A growing orange or red part means data quality got worse.',
      tables: ['meta.check_results', 'meta.runs'],
      query: () => sql`
        SELECT c.run_id, min(r.started_at) AS started_at,
          sum(CASE WHEN c.passed THEN 1 ELSE 0 END) AS passed_checks,
          sum(CASE WHEN NOT c.passed AND c.action <> 'fail' THEN 1 ELSE 0 END) AS warned_checks,
          sum(CASE WHEN NOT c.passed AND c.action = 'fail' THEN 1 ELSE 0 END) AS failed_checks
        FROM meta.check_results c JOIN meta.runs r ON r.run_id = c.run_id
        GROUP BY c.run_id ORDER BY started_at, c.run_id`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'run_id', label: 'Run', format: 'text' },
          y: { label: 'Checks', format: 'count' },
          series: [
            { key: 'passed_checks', name: 'Pass', colour: STATUS_COLOURS.passed },
            { key: 'warned_checks', name: 'Warn', colour: STATUS_COLOURS.warn },
            { key: 'failed_checks', name: 'Fail', colour: STATUS_COLOURS.failed },
          ],
          stacked: true,
        }),
    },
    {
      id: 'failed-records-history',
      title: 'Failed records per check across runs',
      caption:
        'Records each check flagged, run by run, for the eight checks with the most failures among those that did not pass in at least one run (a check that always passed is never drawn as a failure, even when it counts records within its limit, as a completeness check does). A check whose line jumps is the first place to look after a bad load.',
      tables: ['meta.check_results', 'meta.runs'],
      query: () => sql`
        SELECT c.run_id, c.dataset || '.' || c.check_name AS check_label, sum(c.failed_records) AS failed_records, min(r.started_at) AS started_at
        FROM meta.check_results c JOIN meta.runs r ON r.run_id = c.run_id
        WHERE EXISTS (SELECT 1 FROM meta.check_results f WHERE f.dataset = c.dataset AND f.check_name = c.check_name AND NOT f.passed)
        GROUP BY c.run_id, c.dataset, c.check_name ORDER BY started_at, c.run_id, check_label`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'run_id', label: 'Run', format: 'text' },
          y: { label: 'Failed records', format: 'count' },
          seriesKey: 'check_label',
          valueKey: 'failed_records',
          maxSeries: 8,
        }),
    },
    {
      id: 'latest-checks',
      title: 'Check results in the latest run',
      caption:
        'Every check of the newest run, worst first: fail (bad records found, the run stopped downstream), warn (bad records found and kept, or quarantined by a drop check), then pass. A passing check may still count records (a completeness check within its blank-rate limit). For duplicate checks the failed records are the extra copies, rows beyond the first per key.',
      tables: ['meta.check_results', 'meta.runs'],
      query: () => sql`
        SELECT ${raw(CHECK_STATUS_SQL)} AS status, ${raw(CHECK_STATUS_RANK_SQL)} AS status_rank, layer, dataset, check_name, kind, column_name, action, reason_code, passed_records, failed_records,
          CASE WHEN passed_records + failed_records > 0 THEN failed_records * 1.0 / (passed_records + failed_records) END AS failed_share,
          passed, sample
        FROM meta.check_results WHERE run_id = ${latestRunOf('check_results')}
        ORDER BY ${raw(CHECK_STATUS_RANK_SQL)}, failed_records DESC, layer, dataset, check_name`,
      table: [
        // Values pass / warn / fail; sorting by it sorts by severity (fail, warn, pass), never alphabetically (fail, pass, warn).
        { key: 'status', label: 'Status', format: 'text', sortBy: 'status_rank' },
        { key: 'layer', label: 'Layer', format: 'text' },
        { key: 'dataset', label: 'Dataset', format: 'text' },
        { key: 'check_name', label: 'Check', format: 'text' },
        { key: 'kind', label: 'Kind', format: 'text' },
        { key: 'column_name', label: 'Column', format: 'text' },
        { key: 'action', label: 'Action', format: 'text' },
        { key: 'failed_records', label: 'Failed records', format: 'integer' },
        { key: 'failed_share', label: 'Failed share', format: 'percent' },
        { key: 'sample', label: 'Sample of failing values', format: 'text' },
      ],
    },
    {
      id: 'quarantine',
      title: 'Rows quarantined in the latest run',
      caption:
        'Rows set aside instead of loaded, by dataset and reason: bronze rows that could not be typed, and silver rows dropped by a check with action drop.',
      tables: ['meta.check_results', 'meta.ingestions', 'meta.runs'],
      query: () => sql`
        SELECT dataset || ' · ' || reason AS bucket, sum(n) AS quarantined_rows FROM (
          SELECT dataset, 'not typeable (bronze)' AS reason, rows_quarantined AS n
          FROM meta.ingestions WHERE run_id = ${latestRunOf('ingestions')} AND rows_quarantined > 0
          UNION ALL
          SELECT dataset, coalesce(reason_code, check_name) AS reason, failed_records AS n
          FROM meta.check_results WHERE run_id = ${latestRunOf('check_results')} AND action = 'drop' AND failed_records > 0
        ) q GROUP BY dataset, reason ORDER BY quarantined_rows DESC, bucket`,
      chart: rowsByBucket('Dataset · reason', 'Quarantined rows', 'quarantined_rows'),
    },
    {
      id: 'dedup',
      title: 'Duplicates removed in the latest run',
      caption:
        'Rows dropped as duplicates, by dataset and the rule that matched them. Each dropped row is logged with the row that survived, so nothing is lost silently.',
      tables: ['meta.dedup_log', 'meta.runs'],
      query: () => sql`
        SELECT dataset || ' · ' || rule AS bucket, count(*) AS dropped_rows
        FROM meta.dedup_log WHERE run_id = ${latestRunOf('dedup_log')}
        GROUP BY dataset, rule ORDER BY dropped_rows DESC, bucket`,
      chart: rowsByBucket('Dataset · rule', 'Duplicate rows dropped', 'dropped_rows', 'Dropped rows'),
    },
    {
      id: 'updates',
      title: 'Updates applied in the latest run',
      caption:
        'Keys that arrived again with other values (silver keeps the latest version), by dataset and the columns that changed. Each superseded version is logged in meta.change_log with its old and new values and kept in silver.<table>_history.',
      tables: ['meta.change_log', 'meta.runs'],
      query: () => sql`
        SELECT dataset || ' · ' || changed_columns AS bucket, count(*) AS updates
        FROM meta.change_log WHERE run_id = ${latestRunOf('change_log')}
        GROUP BY dataset, changed_columns ORDER BY updates DESC, bucket LIMIT 25`,
      chart: rowsByBucket('Dataset · changed columns', 'Rows updated', 'updates'),
    },
    {
      id: 'blank-rates',
      title: 'Blank values: observed against expected',
      caption:
        'Share of blank values per column in the latest profile, next to the rate the source contract expects. A bar far above its expectation is a data problem; structural blanks (not applicable) are counted as expected.',
      tables: ['meta.column_profiles', 'meta.runs'],
      query: () => sql`
        SELECT dataset || '.' || column_name AS column_label, blank_pct AS observed, expected_blank_pct AS expected
        FROM meta.column_profiles WHERE run_id = ${latestRunOf('column_profiles')}
          AND (coalesce(blank_pct, 0) > 0 OR coalesce(expected_blank_pct, 0) > 0)
        ORDER BY blank_pct DESC NULLS LAST, column_label LIMIT 25`,
      chart: (rows) =>
        barChart(rows, {
          x: { key: 'column_label', label: 'Column', format: 'text' },
          y: { label: 'Blank values', format: 'percent' },
          series: [
            { key: 'observed', name: 'Observed' },
            { key: 'expected', name: 'Expected (contract)' },
          ],
          horizontal: true,
        }),
    },
    {
      id: 'profiles',
      title: 'Column profiles (latest run)',
      caption:
        'One row per profiled column: type, rows, blanks, distinct values and range. Use it to spot a column whose shape changed. Personal-data columns (email, names) keep counts and lengths only: their min and max are lengths, their mean the mean length.',
      tables: ['meta.column_profiles', 'meta.runs'],
      query: () => sql`
        SELECT layer, dataset, column_name, column_type, row_count, blank_pct, expected_blank_pct, distinct_count, min_value, max_value, mean
        FROM meta.column_profiles WHERE run_id = ${latestRunOf('column_profiles')}
        ORDER BY layer, dataset, column_name`,
      table: [
        { key: 'layer', label: 'Layer', format: 'text' },
        { key: 'dataset', label: 'Dataset', format: 'text' },
        { key: 'column_name', label: 'Column', format: 'text' },
        { key: 'column_type', label: 'Type', format: 'text' },
        { key: 'row_count', label: 'Rows', format: 'count' },
        { key: 'blank_pct', label: 'Blank', format: 'percent' },
        { key: 'expected_blank_pct', label: 'Expected blank', format: 'percent' },
        { key: 'distinct_count', label: 'Distinct', format: 'count' },
        { key: 'min_value', label: 'Min', format: 'text', numeric: true },
        { key: 'max_value', label: 'Max', format: 'text', numeric: true },
        { key: 'mean', label: 'Mean', format: 'number' },
      ],
      maxRows: 500,
    },
    {
      id: 'imputation',
      title: 'Imputation quality (latest run)',
      caption:
        'Blank values filled in silver, per column and strategy, with the error measured on a held-out sample of known values (lower MAE/RMSE, higher accuracy is better) and the mean before and after filling.',
      tables: ['meta.imputation_log', 'meta.runs'],
      query: () => sql`
        SELECT dataset, column_name, strategy, rows_filled, holdout_size, mae, rmse, accuracy, mean_before, mean_after, note
        FROM meta.imputation_log WHERE run_id = ${latestRunOf('imputation_log')}
        ORDER BY dataset, column_name`,
      table: [
        { key: 'dataset', label: 'Dataset', format: 'text' },
        { key: 'column_name', label: 'Column', format: 'text' },
        { key: 'strategy', label: 'Strategy', format: 'text' },
        { key: 'rows_filled', label: 'Rows filled', format: 'count' },
        { key: 'holdout_size', label: 'Holdout', format: 'count' },
        { key: 'mae', label: 'MAE', format: 'number' },
        { key: 'rmse', label: 'RMSE', format: 'number' },
        { key: 'accuracy', label: 'Accuracy', format: 'percent' },
        { key: 'mean_before', label: 'Mean before', format: 'number' },
        { key: 'mean_after', label: 'Mean after', format: 'number' },
        { key: 'note', label: 'Note', format: 'text' },
      ],
    },
  ],
};
