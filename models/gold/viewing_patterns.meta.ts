import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.viewing_patterns', ['sessions', 'watch_hours', 'completion_rate']);

export default {
  description:
    'Viewing patterns by device, quality label, ISO weekday (1 = Monday), month of year and viewing country (grain: dimension x value).',
  columns: {
    dimension: 'device | quality | weekday | month | country.',
    value: 'Value of the dimension (text).',
    ...pick(kpis.columns, ['sessions', 'watch_hours', 'completion_rate']),
    session_share: 'Share of all sessions within the dimension (sums to 1 per dimension).',
  },
  checks: kpis.checks,
} satisfies ModelMeta;
