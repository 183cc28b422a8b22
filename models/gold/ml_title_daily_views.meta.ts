import type { ModelMeta } from '../../src/pipeline/step.js';

export default {
  description: 'Title-by-day view series for forecasting (grain: movie_id x day); days without views are absent and mean zero.',
  columns: {
    movie_id: 'Title key.',
    day: 'Calendar day.',
    views: 'Sessions that day.',
    viewers: 'Distinct viewers that day.',
  },
} satisfies ModelMeta;
