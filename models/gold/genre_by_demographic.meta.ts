import type { ModelMeta } from '../../src/pipeline/step.js';
import { kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.genre_by_demographic', ['sessions', 'watch_hours']);

export default {
  description: 'Genre taste by demographic group (grain: age_band x gender x genre_primary).',
  columns: {
    age_band: 'Age band of the viewer (Unknown where age is missing or implausible).',
    gender: 'Gender (Unknown where not given).',
    genre_primary: 'Main genre of the title.',
    ...pick(kpis.columns, ['sessions', 'watch_hours']),
    genre_share: "Share of the group's sessions (sums to 1 per age band and gender).",
  },
  checks: kpis.checks,
} satisfies ModelMeta;
