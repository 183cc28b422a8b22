import type { StructuralBlank, TableContract } from './types.js';
import { blankable, flag, keyColumn, required } from './columns.js';
import { GENRES, SERIES_TYPES } from './domains.js';

export const CONTENT_TYPES = ['Movie', 'TV Series', 'Documentary', 'Stand-up Comedy', 'Limited Series'] as const;
export const CONTENT_RATINGS = ['G', 'PG', 'PG-13', 'R', 'NC-17', 'TV-Y', 'TV-Y7', 'TV-G', 'TV-PG', 'TV-14', 'TV-MA'] as const;
export const LANGUAGES = ['English', 'Spanish', 'French', 'Hindi', 'Japanese', 'Italian', 'Korean', 'German'] as const;

/** Budget and box office apply to movies only; `missing` is the share blank among movies. */
const onlyForMovies = (missing: number): StructuralBlank => ({
  column: 'content_type',
  values: ['Movie'],
  missingRateWhenApplicable: missing,
  label: 'only for Movie',
});
/** Seasons and episodes apply to series only; `missing` is the share blank among series. */
const onlyForSeries = (missing: number): StructuralBlank => ({
  column: 'content_type',
  values: SERIES_TYPES,
  missingRateWhenApplicable: missing,
  label: 'only for series',
});

export const movies: TableContract = {
  name: 'movies',
  file: 'movies.csv',
  description: 'One row per title in the catalogue (movies, series, documentaries, stand-up).',
  primaryKey: 'movie_id',
  uniqueRowsAtScale1: 1_000,
  duplicateRate: 0.04,
  columns: [
    keyColumn('movie_id', 'Title key.', 'movie_', 4),
    required('title', 'string', 'Display title; not unique (about 673 distinct per 1,000).'),
    required('content_type', 'string', 'Kind of title.', { allowedValues: CONTENT_TYPES, weights: [0.44, 0.26, 0.14, 0.11, 0.05] }),
    required('genre_primary', 'string', 'Main genre.', { allowedValues: GENRES }),
    blankable('genre_secondary', 'string', 'Second genre, when there is one.', 0.64, { allowedValues: GENRES }),
    required('release_year', 'integer', 'Year of first release.', {
      range: { min: 1900, max: 2100 },
      plausibleRange: { min: 1953, max: 2024 },
    }),
    blankable(
      'duration_minutes',
      'integer',
      'Runtime in minutes (per episode for series); one is 0, some movies are under 30, some over 300.',
      0,
      { text: 'float-text', range: { min: 0, max: 10_000 }, plausibleRange: { min: 1, max: 300 } },
    ),
    required('rating', 'string', 'Content rating.', { allowedValues: CONTENT_RATINGS }),
    required('language', 'string', 'Original language.', {
      allowedValues: LANGUAGES,
      weights: [0.58, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06],
    }),
    required('country_of_origin', 'string', 'Production country.', {
      allowedValues: ['USA', 'South Korea', 'Canada', 'UK', 'Japan', 'Germany', 'France', 'India'],
    }),
    blankable('imdb_rating', 'float', 'IMDb score out of 10.', 0.14, { range: { min: 0, max: 10 } }),
    blankable('production_budget', 'integer', 'Budget in USD; only for movies.', 0.65, {
      text: 'float-text',
      range: { min: 0 },
      structuralBlank: onlyForMovies(0.2),
    }),
    blankable('box_office_revenue', 'integer', 'Box-office revenue in USD; only for movies.', 0.68, {
      text: 'float-text',
      range: { min: 0 },
      structuralBlank: onlyForMovies(0.27),
    }),
    blankable('number_of_seasons', 'integer', 'Seasons; only for series.', 0.72, {
      text: 'float-text',
      range: { min: 0, max: 1000 },
      structuralBlank: onlyForSeries(0.1),
    }),
    blankable('number_of_episodes', 'integer', 'Episodes in total; only for series.', 0.69, {
      text: 'float-text',
      range: { min: 0, max: 100_000 },
      structuralBlank: onlyForSeries(0),
    }),
    flag('is_netflix_original', 'Produced for the platform.'),
    required('added_to_platform', 'date', 'When the title joined the catalogue.', { range: { min: '2020-08-01', max: '2025-08-31' } }),
    flag('content_warning', 'Carries a content warning.'),
  ],
};
