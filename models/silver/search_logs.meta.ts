import type { ModelMeta } from '../../src/pipeline/step.js';
import { LINEAGE_COLUMNS, imputationColumns, silverChecks, sourceColumn } from '../../src/silver/describe.js';

export default {
  description: 'Searches, one row per search_id: clicked flag from the clicked position (blank = no click), impossible clicks flagged.',
  columns: {
    search_id: sourceColumn('search_logs', 'search_id'),
    user_id: sourceColumn('search_logs', 'user_id'),
    search_query: sourceColumn('search_logs', 'search_query'),
    search_date: sourceColumn('search_logs', 'search_date'),
    results_returned: sourceColumn('search_logs', 'results_returned'),
    clicked_result_position: sourceColumn('search_logs', 'clicked_result_position', 'Never imputed.'),
    clicked: 'True when a result was clicked (clicked_result_position present).',
    is_click_beyond_results: 'True when the clicked position exceeds the results returned.',
    device_type: 'Device on the canonical device list (Unknown when unrecognised).',
    search_duration_seconds: sourceColumn('search_logs', 'search_duration_seconds'),
    had_typo: sourceColumn('search_logs', 'had_typo'),
    used_filters: sourceColumn('search_logs', 'used_filters'),
    location_country: sourceColumn('search_logs', 'location_country'),
    ...imputationColumns('search_logs'),
    ...LINEAGE_COLUMNS,
  },
  checks: silverChecks('search_logs'),
} satisfies ModelMeta;
