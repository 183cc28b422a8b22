// The ML page's views of the use cases beyond churn and segmentation (recommendations, review
// sentiment, search intent, forecasting).
// Exported as arrays so the ML page can spread them into its `views`; every view reads the latest
// run of its use case from ml.* and the gold tables those use cases' steps write.
import { ident, raw, sql } from '../../engine/sql.js';
import { lineChart } from '../charts.js';
import type { ViewSpec } from '../views.js';

const latestRun = (useCase: string) =>
  sql`(SELECT run_id FROM ml.model_runs WHERE use_case = ${useCase} ORDER BY trained_at DESC, run_id DESC LIMIT 1)`;
const metricColumn = (metric: string, field: 'value' | 'ci_low' | 'ci_high', alias: string) =>
  sql`max(CASE WHEN metric = ${metric} THEN ${raw(field)} END) AS ${ident(alias)}`;
const verdictView = (useCase: string, title: string): ViewSpec => ({
  id: `${useCase}-verdict`,
  title,
  caption: "Each model card's verdict in plain words. Full cards: <warehouse>/reports/model_cards/.",
  tables: ['ml.model_cards'],
  query: () => sql`SELECT model, verdict_level, verdict FROM ml.model_cards WHERE use_case = ${useCase} ORDER BY model`,
  table: [
    { key: 'model', label: 'Model', format: 'text' },
    { key: 'verdict_level', label: 'Level', format: 'text' },
    { key: 'verdict', label: 'Verdict', format: 'text' },
  ],
});

export const recommendViews: ViewSpec[] = [
  {
    id: 'recommend-metrics',
    title: 'Recommendations: models against popularity (time holdout, top 10)',
    caption:
      "Precision, recall, NDCG and MAP at 10 on the titles each test user first watched after the cutoff, with 95 % bootstrap intervals; catalogue coverage; the paired test against the stronger popularity baseline (beats = significant after Bonferroni). The ceiling ranks by the generator's true choice probability (generated data only).",
    tables: ['ml.metrics', 'ml.model_runs'],
    query: () => sql`
      SELECT model, kind,
        ${metricColumn('ndcg_at_10', 'value', 'ndcg')}, ${metricColumn('ndcg_at_10', 'ci_low', 'ndcg_low')}, ${metricColumn('ndcg_at_10', 'ci_high', 'ndcg_high')},
        ${metricColumn('precision_at_10', 'value', 'precision')}, ${metricColumn('recall_at_10', 'value', 'recall')}, ${metricColumn('map_at_10', 'value', 'map')},
        ${metricColumn('catalogue_coverage', 'value', 'coverage')}, ${metricColumn('paired_bootstrap_p_vs_popularity', 'value', 'p_value')},
        ${metricColumn('beats_popularity', 'value', 'beats')}, ${metricColumn('fraction_of_ceiling_ndcg', 'value', 'of_ceiling')}
      FROM ml.metrics WHERE use_case = 'recommend' AND run_id = ${latestRun('recommend')} AND kind IN ('model', 'baseline', 'ceiling')
      GROUP BY model, kind ORDER BY ndcg DESC`,
    table: [
      { key: 'model', label: 'Model', format: 'text' },
      { key: 'kind', label: 'Kind', format: 'text' },
      { key: 'ndcg', label: 'NDCG@10', format: 'score' },
      { key: 'ndcg_low', label: 'NDCG low', format: 'score' },
      { key: 'ndcg_high', label: 'NDCG high', format: 'score' },
      { key: 'precision', label: 'Precision@10', format: 'score' },
      { key: 'recall', label: 'Recall@10', format: 'score' },
      { key: 'map', label: 'MAP@10', format: 'score' },
      { key: 'coverage', label: 'Catalogue coverage', format: 'percent' },
      { key: 'p_value', label: 'p vs popularity', format: 'score' },
      { key: 'beats', label: 'Beats popularity (1 = yes)', format: 'integer' },
      { key: 'of_ceiling', label: 'Share of ceiling', format: 'percent' },
    ],
  },
  {
    id: 'recommend-logged-ctr',
    title: 'Recommendations: logged click-through by algorithm version',
    caption:
      'Click-through of the algorithms that produced the logged recommendations, with 95 % Wilson intervals. Overlapping intervals mean no measurable difference. Not comparable with the offline NDCG above.',
    tables: ['ml.metrics'],
    query: () => sql`
      SELECT model AS algorithm, ${metricColumn('ctr', 'value', 'ctr')}, ${metricColumn('ctr', 'ci_low', 'ctr_low')}, ${metricColumn('ctr', 'ci_high', 'ctr_high')}, ${metricColumn('impressions', 'value', 'impressions')}
      FROM ml.metrics WHERE use_case = 'recommend' AND kind = 'logged' AND run_id = ${latestRun('recommend')} GROUP BY model ORDER BY model`,
    table: [
      { key: 'algorithm', label: 'Algorithm', format: 'text' },
      { key: 'ctr', label: 'CTR', format: 'percent' },
      { key: 'ctr_low', label: '95 % low', format: 'percent' },
      { key: 'ctr_high', label: '95 % high', format: 'percent' },
      { key: 'impressions', label: 'Impressions', format: 'integer' },
    ],
  },
  verdictView('recommend', 'Recommendations: verdicts (model cards)'),
];

export const sentimentViews: ViewSpec[] = [
  {
    id: 'sentiment-metrics',
    title: 'Review sentiment: text models against baselines (held-out reviews)',
    caption:
      'Macro-F1 with 95 % bootstrap intervals on all held-out reviews, on reviews with a negation and on mixed opinions. The star-rating baseline is exact by construction (the label is defined from the rating); the text models predict the label from the text alone.',
    tables: ['ml.metrics', 'ml.model_runs'],
    query: () => sql`
      SELECT model, kind, ${metricColumn('macro_f1', 'value', 'f1')}, ${metricColumn('macro_f1', 'ci_low', 'f1_low')}, ${metricColumn('macro_f1', 'ci_high', 'f1_high')},
        ${metricColumn('accuracy', 'value', 'accuracy')}, ${metricColumn('macro_f1_negation', 'value', 'f1_negation')}, ${metricColumn('macro_f1_mixed', 'value', 'f1_mixed')},
        ${metricColumn('macro_f1_unseen_text', 'value', 'f1_unseen')}, ${metricColumn('permutation_p_value', 'value', 'p_value')}
      FROM ml.metrics WHERE use_case = 'sentiment' AND run_id = ${latestRun('sentiment')} GROUP BY model, kind ORDER BY f1 DESC`,
    table: [
      { key: 'model', label: 'Model', format: 'text' },
      { key: 'kind', label: 'Kind', format: 'text' },
      { key: 'f1', label: 'Macro-F1', format: 'score' },
      { key: 'f1_low', label: 'F1 low', format: 'score' },
      { key: 'f1_high', label: 'F1 high', format: 'score' },
      { key: 'accuracy', label: 'Accuracy', format: 'percent' },
      { key: 'f1_negation', label: 'F1 negations', format: 'score' },
      { key: 'f1_mixed', label: 'F1 mixed opinions', format: 'score' },
      { key: 'f1_unseen', label: 'F1 unseen texts', format: 'score' },
      { key: 'p_value', label: 'Permutation p', format: 'score' },
    ],
  },
  verdictView('sentiment', 'Review sentiment: verdicts (model cards)'),
];

export const intentViews: ViewSpec[] = [
  {
    id: 'intent-metrics',
    title: 'Search intent: weak-label classifier against the true intents',
    caption:
      "Accuracy and macro-F1 (95 % bootstrap intervals) on held-out searches against the generator's planted intents, overall and on misspelt queries, for the TF-IDF model and the query-embedding model beside it. Empty on data without planted intents. The predicted mix of intents is on the Search page.",
    tables: ['ml.metrics', 'ml.model_runs'],
    query: () => sql`
      SELECT model, kind, ${metricColumn('accuracy', 'value', 'accuracy')}, ${metricColumn('accuracy', 'ci_low', 'acc_low')}, ${metricColumn('accuracy', 'ci_high', 'acc_high')},
        ${metricColumn('macro_f1', 'value', 'f1')}, ${metricColumn('accuracy_had_typo', 'value', 'acc_typo')}, ${metricColumn('accuracy_unseen_query', 'value', 'acc_unseen')}, ${metricColumn('rule_coverage', 'value', 'coverage')}
      FROM ml.metrics WHERE use_case = 'search_intent' AND run_id = ${latestRun('search_intent')} AND model <> 'query_completer' GROUP BY model, kind ORDER BY accuracy DESC`,
    table: [
      { key: 'model', label: 'Model', format: 'text' },
      { key: 'kind', label: 'Kind', format: 'text' },
      { key: 'accuracy', label: 'Accuracy', format: 'percent' },
      { key: 'acc_low', label: '95 % low', format: 'percent' },
      { key: 'acc_high', label: '95 % high', format: 'percent' },
      { key: 'f1', label: 'Macro-F1', format: 'score' },
      { key: 'acc_typo', label: 'Accuracy, misspelt', format: 'percent' },
      { key: 'acc_unseen', label: 'Accuracy, unseen queries', format: 'percent' },
      { key: 'coverage', label: 'Rule coverage', format: 'percent' },
    ],
  },
  {
    id: 'query-suggestions',
    title: 'Query suggestions for the most typed prefixes',
    caption:
      'Top suggestions from the query log for the most common prefixes (by how often the completed query was run). For misspelt held-out queries, the share whose intended query is in the top 5 is in ml.metrics (typo_intended_in_top5).',
    tables: ['gold.query_suggestions'],
    query: () =>
      sql`SELECT prefix, rank, suggestion, count FROM gold.query_suggestions WHERE length(prefix) >= 3 ORDER BY prefix, rank LIMIT 100`,
    table: [
      { key: 'prefix', label: 'Prefix', format: 'text' },
      { key: 'rank', label: 'Rank', format: 'integer' },
      { key: 'suggestion', label: 'Suggestion', format: 'text' },
      { key: 'count', label: 'Times searched', format: 'integer' },
    ],
  },
  verdictView('search_intent', 'Search intent: verdict (model card)'),
];

export const forecastViews: ViewSpec[] = [
  {
    id: 'forecast-accuracy',
    title: 'Forecasting: models against the strongest baseline (28-day horizon)',
    caption:
      "MASE on validation origins (where the strongest baseline and the best model are chosen) and on later test origins (where each model is judged), MAE and 90 % interval coverage on the test origins, and the Holm-adjusted one-sided Diebold-Mariano p of each model against its group's strongest baseline.",
    tables: ['ml.metrics', 'ml.model_runs'],
    query: () => sql`
      SELECT model, kind, ${metricColumn('validation_mase', 'value', 'validation_mase')}, ${metricColumn('mase', 'value', 'mase')}, ${metricColumn('mae', 'value', 'mae')}, ${metricColumn('coverage_90', 'value', 'coverage')},
        ${metricColumn('dm_p_value_holm', 'value', 'p_holm')}
      FROM ml.metrics WHERE use_case = 'forecast' AND run_id = ${latestRun('forecast')} AND model NOT LIKE 'trending:%' GROUP BY model, kind ORDER BY model`,
    table: [
      { key: 'model', label: 'Series : model', format: 'text' },
      { key: 'kind', label: 'Kind', format: 'text' },
      { key: 'validation_mase', label: 'MASE (validation)', format: 'score' },
      { key: 'mase', label: 'MASE (test)', format: 'score' },
      { key: 'mae', label: 'MAE (views/day)', format: 'number' },
      { key: 'coverage', label: '90 % coverage', format: 'percent' },
      { key: 'p_holm', label: 'Holm p vs baseline', format: 'score' },
    ],
  },
  {
    id: 'forecast-catalogue',
    title: 'Forecasting: catalogue views, next 28 days',
    caption:
      'Forecast daily views of the whole catalogue with the 90 % prediction interval, from the chosen forecaster (the best model that beat the strongest baseline, else that baseline; named in gold.title_forecasts.model).',
    tables: ['gold.title_forecasts'],
    query: () =>
      sql`SELECT CAST(day AS VARCHAR) AS day, forecast, lo, hi FROM gold.title_forecasts WHERE movie_id = '__catalogue__' ORDER BY day`,
    chart: (rows) =>
      lineChart(rows, {
        x: { key: 'day', label: 'Day', format: 'text' },
        y: { label: 'Views per day', format: 'number' },
        series: [
          { key: 'forecast', name: 'forecast' },
          { key: 'lo', name: '90 % low', colour: '#999999' },
          { key: 'hi', name: '90 % high', colour: '#999999' },
        ],
      }),
  },
  {
    id: 'forecast-titles',
    title: 'Forecasting: each forecast title, next 28 days',
    caption:
      'Per title: the chosen forecaster and its 28-day total with the sum of the 90 % bounds (a rough total band: daily bounds do not add exactly).',
    tables: ['gold.title_forecasts'],
    query: () =>
      sql`SELECT movie_id, min(model) AS model, sum(forecast) AS forecast, sum(lo) AS lo, sum(hi) AS hi FROM gold.title_forecasts WHERE movie_id <> '__catalogue__' GROUP BY movie_id ORDER BY sum(forecast) DESC, movie_id`,
    table: [
      { key: 'movie_id', label: 'Title', format: 'text' },
      { key: 'model', label: 'Forecaster', format: 'text' },
      { key: 'forecast', label: '28-day views', format: 'number' },
      { key: 'lo', label: 'Low', format: 'number' },
      { key: 'hi', label: 'High', format: 'number' },
    ],
  },
  {
    id: 'forecast-trending',
    title: 'Forecasting: will a new title trend? (first 14 days)',
    caption:
      'The early-engagement classifier against ranking by early views on held-out titles (ROC-AUC, Holm-adjusted one-sided paired p), or why it was not evaluated; trending = top 20 % of views in the 90 days after the first 14.',
    tables: ['ml.model_cards'],
    query: () =>
      sql`SELECT model, verdict_level, verdict FROM ml.model_cards WHERE use_case = 'forecast' AND run_id = ${latestRun('forecast')} AND model LIKE 'trending:%' ORDER BY model`,
    table: [
      { key: 'model', label: 'Model', format: 'text' },
      { key: 'verdict_level', label: 'Verdict', format: 'text' },
      { key: 'verdict', label: 'What the run found', format: 'text' },
    ],
  },
  {
    id: 'kpi-anomalies',
    title: 'Daily KPI anomalies (views, sessions, click-through)',
    caption:
      'Days whose value leaves the weekly pattern by more than 4 robust standard deviations (outlier), and level shifts found by a Bayesian online changepoint detector (changepoint); from gold.kpi_anomalies_by_day.',
    tables: ['gold.kpi_anomalies_by_day'],
    // A run that finds none says so in a row rather than leaving the view empty.
    query: () => sql`SELECT kpi, CAST(day AS VARCHAR) AS day, kind, value, expected, score FROM gold.kpi_anomalies_by_day
      UNION ALL SELECT 'views, sessions, ctr' AS kpi, NULL AS day, 'none found' AS kind, NULL AS value, NULL AS expected, NULL AS score WHERE NOT EXISTS (SELECT 1 FROM gold.kpi_anomalies_by_day)
      ORDER BY day NULLS FIRST, kpi`,
    table: [
      { key: 'day', label: 'Day', format: 'text' },
      { key: 'kpi', label: 'KPI', format: 'text' },
      { key: 'kind', label: 'Kind', format: 'text' },
      { key: 'value', label: 'Value', format: 'number' },
      { key: 'expected', label: 'Expected', format: 'number' },
      { key: 'score', label: 'Robust z', format: 'number' },
    ],
  },
  verdictView('forecast', 'Forecasting: verdicts (model cards)'),
];

/** Every view of these use cases, in page order. */
export const mlUseCaseViews: ViewSpec[] = [...recommendViews, ...sentimentViews, ...intentViews, ...forecastViews];
