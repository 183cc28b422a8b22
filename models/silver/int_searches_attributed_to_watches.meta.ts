import type { ModelMeta } from '../../src/pipeline/step.js';
import { ruleChecks } from '../../src/silver/anomaly-rules.js';

export default {
  description: 'Searches with search-to-watch attribution: any session by the user within N days after (grain: search_id).',
  columns: {
    search_id: 'Search key.',
    user_id: 'User who searched.',
    search_query: 'Query text.',
    search_date: 'Day of the search.',
    results_returned: 'Results shown.',
    clicked: 'A result was clicked.',
    clicked_result_position: 'Position clicked (blank = no click).',
    is_click_beyond_results: 'Clicked position beyond the results returned.',
    device_type: 'Canonical device.',
    had_typo: 'Query had a typo.',
    used_filters: 'Filters were applied.',
    attribution_window_days: 'Window N in days (setting searchAttributionDays).',
    watched_within_window: 'True when the user watched anything on the search day or within N days after.',
    attributed_watch_date: 'Day of the first such session.',
    sessions_in_window: 'Sessions by the user within the window.',
    is_before_signup: 'Search dated before the account was created.',
  },
  checks: ruleChecks('silver.int_searches_attributed_to_watches'),
} satisfies ModelMeta;
