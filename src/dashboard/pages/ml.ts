// ML: churn models against their baselines (metrics with 95 % CIs, ROC and calibration curves,
// feature importance, the plain-words verdict) and user segmentation (sizes, profiles, the silhouette
// curve). Every view reads the latest run of its use case from the ml.* tables the ML steps write.
import type { Row } from '../../engine/engine.js';
import { ident, raw, sql } from '../../engine/sql.js';
import { barChart, lineChart, PALETTE } from '../charts.js';
import type { ChartSpec, PageSpec } from '../views.js';
import { mlUseCaseViews } from './ml-use-cases.js';

/** The newest run of a use case (run ids start with their start time, so the newest trained_at wins). */
const latestRun = (useCase: string) =>
  sql`(SELECT run_id FROM ml.model_runs WHERE use_case = ${useCase} ORDER BY trained_at DESC, run_id DESC LIMIT 1)`;

/** Curves with a numeric x axis (ROC, reliability): one line per model, plus a dashed diagonal. */
export function xyChart(
  rows: Row[],
  options: { x: string; y: string; xLabel: string; yLabel: string; seriesKey: string; diagonal: string },
): ChartSpec {
  const series = new Map<string, Array<[number, number]>>();
  for (const r of rows) {
    const name = String(r[options.seriesKey]);
    if (!series.has(name)) series.set(name, []);
    series.get(name)!.push([Number(r[options.x]), Number(r[options.y])]);
  }
  const lines = [...series.entries()].map(([name, data]) => ({ type: 'line', name, data, showSymbol: data.length < 25 }));
  lines.push({
    type: 'line',
    name: options.diagonal,
    data: [
      [0, 0],
      [1, 1],
    ],
    showSymbol: false,
    lineStyle: { type: 'dashed', color: '#999999' },
  } as never);
  return {
    option: {
      color: PALETTE,
      tooltip: { trigger: 'item' },
      legend: { show: true, top: 0, type: 'scroll' },
      grid: { left: 72, right: 24, top: 40, bottom: 48 },
      xAxis: { type: 'value', name: options.xLabel, nameLocation: 'middle', nameGap: 28, min: 0, max: 1 },
      yAxis: { type: 'value', name: options.yLabel, nameLocation: 'middle', nameGap: 48, min: 0, max: 1 },
      series: lines,
    },
    formats: { x: 'number', y: 'number', value: 'number' },
    height: 360,
  };
}

/** A panel that states a verdict in words instead of drawing a chart (no signal: nothing to plot). */
export function verdictChart(text: string): ChartSpec {
  return {
    option: {
      title: {
        text: 'No driver chart: the best model has no signal',
        subtext: text,
        left: 'center',
        top: 'middle',
        subtextStyle: { width: 640, overflow: 'break' },
      },
      series: [],
    },
    formats: {},
    height: 200,
  };
}

/** One metric of the long ml.metrics table as a column (field names come from code, never from input). */
const metricColumn = (metric: string, field: 'value' | 'ci_low' | 'ci_high', alias: string) =>
  sql`max(CASE WHEN metric = ${metric} THEN ${raw(field)} END) AS ${ident(alias)}`;

export const mlPage: PageSpec = {
  name: 'ml',
  title: 'ML',
  description:
    'Churn models against baselines with 95 % confidence intervals and a plain-words verdict; user segments with their profiles; recommendations, forecasts, review sentiment and search intent against their baselines.',
  views: [
    {
      id: 'churn-metrics',
      title: 'Churn: models against baselines (held-out users)',
      caption:
        "Target: churned = NOT is_active, the users file's snapshot at export (not dated). Beside it, the AUC on the behavioural label: no viewing session in the label window after the as-of date, among users active in the 90 days before it. ROC-AUC and PR-AUC with 95 % bootstrap intervals on the test users, log loss and Brier score (lower is better), calibration error, the label-permutation p-value (above 0.05: no evidence of signal) and, on generated data, the share of the best achievable AUC.",
      tables: ['ml.metrics', 'ml.model_runs'],
      query: () => sql`
        SELECT model, kind,
          ${metricColumn('roc_auc', 'value', 'roc_auc')}, ${metricColumn('roc_auc', 'ci_low', 'roc_auc_low')}, ${metricColumn('roc_auc', 'ci_high', 'roc_auc_high')},
          ${metricColumn('average_precision', 'value', 'pr_auc')}, ${metricColumn('average_precision', 'ci_low', 'pr_auc_low')}, ${metricColumn('average_precision', 'ci_high', 'pr_auc_high')},
          ${metricColumn('log_loss', 'value', 'log_loss')}, ${metricColumn('brier', 'value', 'brier')},
          ${metricColumn('calibration_ece', 'value', 'ece')}, ${metricColumn('permutation_p_value', 'value', 'p_value')},
          ${metricColumn('fraction_of_ceiling', 'value', 'fraction_of_ceiling')}, ${metricColumn('roc_auc_behavioural_label', 'value', 'auc_behavioural')}
        FROM ml.metrics
        WHERE use_case = 'churn' AND run_id = ${latestRun('churn')} AND kind IN ('model', 'baseline', 'ceiling')
        GROUP BY model, kind
        ORDER BY CASE kind WHEN 'model' THEN 0 WHEN 'baseline' THEN 1 ELSE 2 END, model`,
      table: [
        { key: 'model', label: 'Model', format: 'text' },
        { key: 'kind', label: 'Kind', format: 'text' },
        { key: 'roc_auc', label: 'ROC-AUC', format: 'score' },
        { key: 'roc_auc_low', label: 'AUC 95 % low', format: 'score' },
        { key: 'roc_auc_high', label: 'AUC 95 % high', format: 'score' },
        { key: 'pr_auc', label: 'PR-AUC', format: 'score' },
        { key: 'pr_auc_low', label: 'PR-AUC low', format: 'score' },
        { key: 'pr_auc_high', label: 'PR-AUC high', format: 'score' },
        { key: 'log_loss', label: 'Log loss', format: 'score' },
        { key: 'brier', label: 'Brier', format: 'score' },
        { key: 'ece', label: 'Calibration error', format: 'score' },
        { key: 'p_value', label: 'Permutation p', format: 'score' },
        { key: 'fraction_of_ceiling', label: 'Share of best AUC', format: 'percent' },
        { key: 'auc_behavioural', label: 'AUC, behavioural label', format: 'score' },
      ],
    },
    {
      id: 'churn-verdict',
      title: 'Churn: is there a signal? (model cards)',
      caption:
        'Each model card\'s verdict in plain words. "No signal" means the model does not rank churners above chance on held-out users; a suspicious run means one feature alone predicts the label almost perfectly (possible leakage). Full cards: <warehouse>/reports/model_cards/.',
      tables: ['ml.model_cards'],
      query: () => sql`SELECT model, verdict_level, suspicious, verdict FROM ml.model_cards WHERE use_case = 'churn' ORDER BY model`,
      table: [
        { key: 'model', label: 'Model', format: 'text' },
        { key: 'verdict_level', label: 'Level', format: 'text' },
        { key: 'suspicious', label: 'Suspicious', format: 'text', numeric: false },
        { key: 'verdict', label: 'Verdict', format: 'text' },
      ],
    },
    {
      id: 'churn-roc',
      title: 'Churn: ROC curves (test users)',
      caption:
        'Share of churners caught (true positive rate) against share of non-churners flagged (false positive rate) as the risk cut-off falls. The dashed diagonal is chance; the ground-truth curve (generated data only) is the best achievable.',
      tables: ['ml.roc_curve'],
      query: () => sql`SELECT model, point, fpr, tpr FROM ml.roc_curve WHERE use_case = 'churn' ORDER BY model, point`,
      chart: (rows) =>
        xyChart(rows, {
          x: 'fpr',
          y: 'tpr',
          xLabel: 'False positive rate (share)',
          yLabel: 'True positive rate (share)',
          seriesKey: 'model',
          diagonal: 'chance',
        }),
    },
    {
      id: 'churn-calibration',
      title: 'Churn: calibration (reliability curve)',
      caption:
        'Test users grouped by predicted churn probability: the mean prediction against the share who actually churned. Points on the dashed diagonal are well calibrated.',
      tables: ['ml.calibration'],
      query: () => sql`SELECT model, bin, mean_predicted, observed_rate FROM ml.calibration WHERE use_case = 'churn' ORDER BY model, bin`,
      chart: (rows) =>
        xyChart(rows, {
          x: 'mean_predicted',
          y: 'observed_rate',
          xLabel: 'Predicted churn probability',
          yLabel: 'Observed churn rate (share)',
          seriesKey: 'model',
          diagonal: 'perfect calibration',
        }),
    },
    {
      id: 'churn-importance',
      title: 'Churn: what drives the best model (top 12 features)',
      caption:
        'Feature importance of the model with the highest test AUC, normalised so the importances sum to 1 (gain for boosting, impurity for the forest, |standardised coefficient| for logistic regression). Shown only when that model has signal; otherwise its verdict is shown instead, because the drivers of a model without signal describe noise.',
      tables: ['ml.feature_importance', 'ml.metrics', 'ml.model_cards'],
      query: () => sql`
        WITH best AS (
          SELECT c.model, c.verdict_level, c.verdict FROM ml.model_cards c
          WHERE c.use_case = 'churn' AND c.model = (
            SELECT model FROM ml.metrics WHERE use_case = 'churn' AND kind = 'model' AND metric = 'roc_auc' AND run_id = ${latestRun('churn')}
            ORDER BY value DESC LIMIT 1)
        ),
        drivers AS (
          SELECT f.feature, f.importance / nullif(sum(f.importance) OVER (), 0) AS importance, CAST(NULL AS VARCHAR) AS verdict
          FROM ml.feature_importance f JOIN best b ON b.model = f.model
          WHERE f.use_case = 'churn' AND b.verdict_level = 'signal'
        )
        SELECT feature, importance, verdict FROM (SELECT * FROM drivers ORDER BY importance DESC LIMIT 12) d
        UNION ALL
        SELECT CAST(NULL AS VARCHAR) AS feature, CAST(NULL AS DOUBLE) AS importance, verdict FROM best WHERE verdict_level <> 'signal'`,
      chart: (rows) =>
        rows.length === 1 && rows[0].verdict
          ? verdictChart(String(rows[0].verdict))
          : barChart(rows, {
              x: { key: 'feature', label: 'Feature', format: 'text' },
              y: { label: 'Importance (share)', format: 'percent' },
              series: [{ key: 'importance', name: 'importance' }],
              horizontal: true,
            }),
    },
    {
      id: 'segment-profiles',
      title: 'Segments: sizes and what distinguishes them (k-means)',
      caption:
        'Each segment\'s size and its strongest differences from the average user (in standard deviations: "far" above 1.5, plain above 0.8, "somewhat" above 0.5). Segments are named only when k-means beats its null reference (components permuted); otherwise one row says there is no cluster structure.',
      tables: ['ml.segment_profiles'],
      query: () =>
        sql`SELECT segment_name, size, share, description FROM ml.segment_profiles WHERE use_case = 'segmentation' AND method = 'kmeans' ORDER BY size DESC`,
      table: [
        { key: 'segment_name', label: 'Segment', format: 'text' },
        { key: 'size', label: 'Users', format: 'integer' },
        { key: 'share', label: 'Share', format: 'percent' },
        { key: 'description', label: 'Profile', format: 'text' },
      ],
    },
    {
      id: 'segment-silhouette',
      title: 'Segments: choosing the number of segments (silhouette)',
      caption:
        'Mean silhouette of k-means for each number of segments k (higher means tighter, better separated segments); the highest is chosen.',
      tables: ['ml.selection_curves'],
      query: () =>
        sql`SELECT CAST(CAST(x AS BIGINT) AS VARCHAR) AS k, value AS silhouette FROM ml.selection_curves WHERE use_case = 'segmentation' AND method = 'kmeans' AND criterion = 'silhouette' ORDER BY x`,
      chart: (rows) =>
        lineChart(rows, {
          x: { key: 'k', label: 'Number of segments k', format: 'text' },
          y: { label: 'Mean silhouette', format: 'score' },
          series: [{ key: 'silhouette', name: 'silhouette' }],
        }),
    },
    {
      id: 'segment-methods',
      title: 'Segments: methods compared',
      caption:
        'Segments found by each method, their silhouette, agreement with the planted segments (adjusted Rand index, generated data only; 1 = identical, 0 = chance) and k-means stability across seeds.',
      tables: ['ml.metrics', 'ml.model_runs'],
      query: () => sql`
        SELECT model AS method, ${metricColumn('k', 'value', 'k')}, ${metricColumn('silhouette', 'value', 'silhouette')},
          ${metricColumn('ari_vs_planted_segments', 'value', 'ari')}, ${metricColumn('stability_mean_ari_across_seeds', 'value', 'stability')}
        FROM ml.metrics WHERE use_case = 'segmentation' AND run_id = ${latestRun('segmentation')}
        GROUP BY model ORDER BY model`,
      table: [
        { key: 'method', label: 'Method', format: 'text' },
        { key: 'k', label: 'Segments', format: 'integer' },
        { key: 'silhouette', label: 'Silhouette', format: 'score' },
        { key: 'ari', label: 'ARI vs planted', format: 'score' },
        { key: 'stability', label: 'Stability (ARI across seeds)', format: 'score' },
      ],
    },
    {
      id: 'segment-rfm',
      title: 'Segments: RFM tiers (rule-based, not discovered segments)',
      caption:
        'Users by recency (days since the last session before the as-of date), frequency (sessions in the 90 days before it) and monetary value (monthly spend), each scored 1-5 by quintile and named by the fixed RFM rule table: tiers a rule assigns, shown whether or not the data has cluster structure.',
      tables: ['ml.segment_profiles'],
      query: () =>
        sql`SELECT segment_name, size, share FROM ml.segment_profiles WHERE use_case = 'segmentation' AND method = 'rfm' ORDER BY size DESC`,
      table: [
        { key: 'segment_name', label: 'RFM segment', format: 'text' },
        { key: 'size', label: 'Users', format: 'integer' },
        { key: 'share', label: 'Share', format: 'percent' },
      ],
    },
    {
      id: 'model-runs',
      title: 'Model runs',
      caption:
        'Each training run: use case, model, data window, rows used and when it ran (latest pipeline run first; within a run by use case and model).',
      tables: ['ml.model_runs'],
      // Within one pipeline run the ML steps may train side by side in worker threads, so their
      // training times say which thread finished first: the order within a run is by name instead.
      query: () =>
        sql`SELECT m.trained_at, m.use_case, m.model, m.data_window, m.n_train, m.n_test, m.seed, m.run_id
          FROM ml.model_runs m
          JOIN (SELECT run_id, max(trained_at) AS run_trained_at FROM ml.model_runs GROUP BY run_id) r ON r.run_id = m.run_id
          ORDER BY r.run_trained_at DESC, m.run_id DESC, m.use_case, m.model LIMIT 60`,
      table: [
        { key: 'trained_at', label: 'Trained (UTC)', format: 'date' },
        { key: 'use_case', label: 'Use case', format: 'text' },
        { key: 'model', label: 'Model', format: 'text' },
        { key: 'data_window', label: 'Data window', format: 'text' },
        { key: 'n_train', label: 'Train rows', format: 'integer' },
        { key: 'n_test', label: 'Test rows', format: 'integer' },
        { key: 'seed', label: 'Seed', format: 'integer' },
        { key: 'run_id', label: 'Run', format: 'text' },
      ],
    },
    ...mlUseCaseViews,
  ],
};
