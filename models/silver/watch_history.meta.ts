import type { ModelMeta } from '../../src/pipeline/step.js';
import { LINEAGE_COLUMNS, imputationColumns, silverChecks, sourceColumn } from '../../src/silver/describe.js';

export default {
  description:
    'Viewing sessions, one row per session_id: typed, canonical device and quality tier, anomalies flagged, blank durations filled.',
  columns: {
    session_id: sourceColumn('watch_history', 'session_id'),
    user_id: sourceColumn('watch_history', 'user_id'),
    movie_id: sourceColumn('watch_history', 'movie_id'),
    watch_date: sourceColumn('watch_history', 'watch_date'),
    device_type: 'Device on the canonical device list (Unknown when unrecognised).',
    watch_duration_minutes: sourceColumn('watch_history', 'watch_duration_minutes'),
    progress_percentage: sourceColumn('watch_history', 'progress_percentage', 'Never imputed.'),
    action: sourceColumn('watch_history', 'action'),
    quality: sourceColumn('watch_history', 'quality'),
    quality_tier: 'Quality tier: SD, HD or UHD (4K and Ultra HD).',
    quality_rank: 'Order of the tier: 1 SD < 2 HD < 3 UHD.',
    location_country: sourceColumn('watch_history', 'location_country'),
    is_download: sourceColumn('watch_history', 'is_download'),
    user_rating: sourceColumn('watch_history', 'user_rating', 'Blank means not rated.'),
    title_duration_minutes: 'Length of the title watched (from silver.movies).',
    title_added_date: 'Day the title joined the platform (from silver.movies).',
    is_binge: 'True when the observed duration exceeds the binge threshold (5 h).',
    is_invalid_duration: 'True when the observed duration exceeds 13 h (KPIs exclude its minutes).',
    is_watch_over_title_multiple: 'True when watch time exceeds 3x the title length.',
    is_progress_inconsistent: 'True when completed with progress under 50%.',
    is_before_title_added: "True when the session predates the title's added_to_platform date.",
    ...imputationColumns('watch_history'),
    ...LINEAGE_COLUMNS,
  },
  checks: silverChecks('watch_history'),
} satisfies ModelMeta;
