import type { ModelMeta } from '../../src/pipeline/step.js';

export default {
  description: 'Search queries with outcomes for intent classification and auto-completion (grain: search_id).',
  columns: {
    search_id: 'Search key.',
    search_date: 'Day of the search.',
    search_query: 'Query text.',
    had_typo: 'Source typo flag.',
    used_filters: 'Filters applied.',
    results_returned: 'Results shown.',
    clicked: 'A result was clicked.',
    clicked_result_position: 'Position clicked (NULL: no click).',
    device_type: 'Device.',
  },
} satisfies ModelMeta;
