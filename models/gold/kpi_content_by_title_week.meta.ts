import type { ModelMeta } from '../../src/pipeline/step.js';
import { keyExistsCheck, kpiFields, pick } from '../../src/gold/kpi-checks.js';

const kpis = kpiFields('gold.kpi_content_by_title_week', ['views', 'unique_viewers', 'watch_hours', 'completion_rate']);

export default {
  description: 'Weekly performance per title (grain: movie_id x week).',
  columns: {
    movie_id: 'Title key.',
    week: 'Monday of the ISO week.',
    ...pick(kpis.columns, ['views', 'unique_viewers', 'watch_hours', 'completion_rate']),
  },
  checks: [...kpis.checks, keyExistsCheck('gold.kpi_content_by_title_week', 'movie_id', 'silver.movies')],
} satisfies ModelMeta;
