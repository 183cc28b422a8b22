// A fragment of the Data Quality page (not a page itself): its gold views, the quality scorecard (five dimensions scored 0-100 per layer
// and dataset, from the latest run's checks) and the reconciliation of gold totals with silver.
// Both tables are rewritten by every gold run, so they always describe the latest run.
import { sql } from '../../../engine/sql.js';
import { heatmapChart, SCORE_COLOURS } from '../../charts.js';
import type { ViewSpec } from '../../views.js';

export const goldQualityViews: readonly ViewSpec[] = [
  {
    id: 'scorecard',
    title: 'Quality scorecard (latest run)',
    caption:
      'Score of each dataset (row) in each quality dimension (column): the record-weighted share of its checks that passed; green is clean (100 % = every check passed), red is poor, blank = no check of that dimension. Details in the table below.',
    tables: ['gold.quality_scorecard'],
    query: () => sql`
      SELECT dataset, coalesce(dimension, 'unclassified') AS dimension, score / 100.0 AS score
      FROM gold.quality_scorecard ORDER BY dataset, dimension`,
    chart: (rows) =>
      heatmapChart(rows, {
        x: { key: 'dimension', label: 'Quality dimension', format: 'text' },
        y: { key: 'dataset', label: 'Dataset', format: 'text' },
        value: { key: 'score', label: 'Quality score', format: 'percent' },
        min: 0,
        max: 1,
        colours: SCORE_COLOURS,
      }),
  },
  {
    id: 'scorecard-table',
    title: 'Scorecard details',
    caption:
      'Each dataset and dimension with its score, how many checks passed out of how many, and the checks behind it. Lowest scores first.',
    tables: ['gold.quality_scorecard'],
    query: () => sql`
      SELECT layer, dataset, coalesce(dimension, 'unclassified') AS dimension, score, checks_passed, checks, check_names FROM gold.quality_scorecard
      ORDER BY score, layer, dataset, dimension`,
    table: [
      { key: 'layer', label: 'Layer', format: 'text' },
      { key: 'dataset', label: 'Dataset', format: 'text' },
      { key: 'dimension', label: 'Dimension', format: 'text' },
      { key: 'score', label: 'Score (0-100)', format: 'number' },
      { key: 'checks_passed', label: 'Checks passed', format: 'integer' },
      { key: 'checks', label: 'Checks', format: 'integer' },
      { key: 'check_names', label: 'Checks behind the score', format: 'text' },
    ],
    maxRows: 300,
  },
  {
    id: 'reconciliation',
    title: 'Gold reconciliation (latest run)',
    caption:
      'Totals that must agree between silver and gold (e.g. sessions in silver = sessions summed over gold user-months), with the tolerance allowed (relative to the expected total, or absolute below 1). Failed comparisons first: a failure means a gold table lost or double-counted rows.',
    tables: ['gold.reconciliation'],
    query: () => sql`
      SELECT CASE WHEN passed THEN 'passed' ELSE 'FAILED' END AS status, comparison, description, expected, actual, actual - expected AS difference, tolerance
      FROM gold.reconciliation ORDER BY passed, comparison`,
    table: [
      { key: 'status', label: 'Status', format: 'text' },
      { key: 'comparison', label: 'Comparison', format: 'text' },
      { key: 'description', label: 'What must agree', format: 'text' },
      { key: 'expected', label: 'Silver', format: 'number' },
      { key: 'actual', label: 'Gold', format: 'number' },
      { key: 'difference', label: 'Difference', format: 'number' },
      { key: 'tolerance', label: 'Tolerance (relative)', format: 'number' },
    ],
  },
];
