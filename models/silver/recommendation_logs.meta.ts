import type { ModelMeta } from '../../src/pipeline/step.js';
import { LINEAGE_COLUMNS, imputationColumns, silverChecks, sourceColumn } from '../../src/silver/describe.js';

export default {
  description: 'Recommendation impressions, one row per recommendation_id: canonical device, blank scores and versions filled.',
  columns: {
    recommendation_id: sourceColumn('recommendation_logs', 'recommendation_id'),
    user_id: sourceColumn('recommendation_logs', 'user_id'),
    movie_id: sourceColumn('recommendation_logs', 'movie_id'),
    recommendation_date: sourceColumn('recommendation_logs', 'recommendation_date'),
    recommendation_type: sourceColumn('recommendation_logs', 'recommendation_type'),
    recommendation_score: sourceColumn('recommendation_logs', 'recommendation_score'),
    was_clicked: sourceColumn('recommendation_logs', 'was_clicked'),
    position_in_list: sourceColumn('recommendation_logs', 'position_in_list'),
    device_type: 'Device on the canonical device list (Unknown when unrecognised).',
    time_of_day: sourceColumn('recommendation_logs', 'time_of_day'),
    algorithm_version: sourceColumn('recommendation_logs', 'algorithm_version', 'Blank becomes unknown.'),
    ...imputationColumns('recommendation_logs'),
    ...LINEAGE_COLUMNS,
  },
  checks: silverChecks('recommendation_logs'),
} satisfies ModelMeta;
