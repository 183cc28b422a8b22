import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';
import { SEARCH_INTENTS as INTENTS } from '../../src/contracts/search-intents.js';

const TABLE = 'gold.search_intent_mix';
const kpis = kpiFields(TABLE, ['searches', 'zero_result_rate', 'search_click_through', 'mean_click_position']);

export default {
  description:
    'Search outcomes per predicted search intent (grain: intent); intents from ml.search_intent, outcomes from silver.search_logs.',
  // It reads gold.search_intent, which the ml.search_intent step writes: run it in the ml layer,
  // after that step, so `--through gold` never reads an intent table that is missing or stale.
  layer: 'ml',
  columns: {
    intent: `Predicted intent (${INTENTS.join(' | ')}), or no_query for searches without query text.`,
    ...pick(kpis.columns, ['searches']),
    intent_share: 'Share of all searches with this intent (sums to 1 over the rows).',
    intent_share_total: 'Sum of intent_share over all rows, the same on every row (checked to be 1).',
    ...pick(kpis.columns, ['zero_result_rate', 'search_click_through', 'mean_click_position']),
  },
  checks: [
    ...kpis.checks,
    {
      name: 'intent_shares_sum_to_one',
      kind: 'expression',
      dataset: TABLE,
      action: 'fail',
      reasonCode: 'SHARES_NOT_SUM_TO_ONE',
      description: 'Intent shares sum to 1 over all intents.',
      params: { expression: 'abs(intent_share_total - 1) < 1e-9' },
    },
    {
      name: 'intent_unique',
      kind: 'unique',
      dataset: TABLE,
      column: 'intent',
      action: 'fail',
      reasonCode: 'DUPLICATE_KEY',
      description: 'One row per intent.',
    },
    {
      name: 'intent_known',
      kind: 'accepted_values',
      dataset: TABLE,
      column: 'intent',
      action: 'fail',
      reasonCode: 'UNKNOWN_INTENT',
      description: 'Every intent is one the classifier knows, or no_query.',
      params: { values: [...INTENTS, 'no_query'] },
    },
  ],
} satisfies ModelMeta;
