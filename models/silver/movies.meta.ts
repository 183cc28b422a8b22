import type { ModelMeta } from '../../src/pipeline/step.js';
import { LINEAGE_COLUMNS, imputationColumns, inferredColumn, silverChecks, sourceColumn } from '../../src/silver/describe.js';

export default {
  description:
    'Titles, one row per movie_id: typed, structural blanks kept as not applicable, true blanks filled within the applicable type.',
  columns: {
    movie_id: sourceColumn('movies', 'movie_id'),
    title: sourceColumn('movies', 'title'),
    content_type: sourceColumn('movies', 'content_type'),
    is_movie: 'True for content_type Movie (budget and box office apply).',
    is_series: 'True for TV Series and Limited Series (seasons and episodes apply).',
    genre_primary: sourceColumn('movies', 'genre_primary'),
    genre_secondary: sourceColumn('movies', 'genre_secondary', 'Blank means no second genre.'),
    release_year: sourceColumn('movies', 'release_year'),
    duration_minutes: sourceColumn('movies', 'duration_minutes'),
    is_duration_implausible: "True for 0 minutes, a Movie under the minimum, or over the contract's plausible maximum.",
    rating: sourceColumn('movies', 'rating'),
    language: sourceColumn('movies', 'language'),
    country_of_origin: sourceColumn('movies', 'country_of_origin'),
    imdb_rating: sourceColumn('movies', 'imdb_rating'),
    production_budget: sourceColumn('movies', 'production_budget', 'Blank outside Movie = not applicable.'),
    box_office_revenue: sourceColumn('movies', 'box_office_revenue', 'Blank outside Movie = not applicable.'),
    number_of_seasons: sourceColumn('movies', 'number_of_seasons', 'Blank outside series = not applicable.'),
    number_of_episodes: sourceColumn('movies', 'number_of_episodes', 'Blank outside series = not applicable.'),
    is_netflix_original: sourceColumn('movies', 'is_netflix_original'),
    added_to_platform: sourceColumn('movies', 'added_to_platform'),
    content_warning: sourceColumn('movies', 'content_warning'),
    ...imputationColumns('movies'),
    ...LINEAGE_COLUMNS,
    ...inferredColumn('movies'),
  },
  checks: silverChecks('movies'),
} satisfies ModelMeta;
