import type { TableContract } from './types.js';
import { GENRES, SERIES_TYPES } from './domains.js';

export const CONTENT_TYPES = ['Movie', 'TV Series', 'Documentary', 'Stand-up Comedy', 'Limited Series'] as const;
export const CONTENT_RATINGS = ['G', 'PG', 'PG-13', 'R', 'NC-17', 'TV-Y', 'TV-Y7', 'TV-G', 'TV-PG', 'TV-14', 'TV-MA'] as const;
export const LANGUAGES = ['English', 'Spanish', 'French', 'Hindi', 'Japanese', 'Italian', 'Korean', 'German'] as const;

export const movies: TableContract = {
  name: 'movies',
  file: 'movies.csv',
  description: 'One row per title in the catalogue (movies, series, documentaries, stand-up).',
  primaryKey: 'movie_id',
  uniqueRowsAtScale1: 1_000,
  duplicateRate: 0.04,
  columns: [
    { name: 'movie_id', type: 'string', description: 'Title key.', nullable: false, expectedBlankRate: 0, keyFormat: { prefix: 'movie_', minDigits: 4 } },
    { name: 'title', type: 'string', description: 'Display title; not unique (about 673 distinct per 1,000).', nullable: false, expectedBlankRate: 0 },
    { name: 'content_type', type: 'string', description: 'Kind of title.', nullable: false, expectedBlankRate: 0, allowedValues: CONTENT_TYPES, weights: [0.44, 0.26, 0.14, 0.11, 0.05] },
    { name: 'genre_primary', type: 'string', description: 'Main genre.', nullable: false, expectedBlankRate: 0, allowedValues: GENRES },
    { name: 'genre_secondary', type: 'string', description: 'Second genre, when there is one.', nullable: true, expectedBlankRate: 0.64, allowedValues: GENRES },
    { name: 'release_year', type: 'integer', description: 'Year of first release.', nullable: false, expectedBlankRate: 0, range: { min: 1900, max: 2100 }, plausibleRange: { min: 1953, max: 2024 } },
    { name: 'duration_minutes', type: 'integer', text: 'float-text', description: 'Runtime in minutes (per episode for series); one is 0, some movies are under 30, some over 300.', nullable: true, expectedBlankRate: 0, range: { min: 0, max: 10_000 }, plausibleRange: { min: 1, max: 300 } },
    { name: 'rating', type: 'string', description: 'Content rating.', nullable: false, expectedBlankRate: 0, allowedValues: CONTENT_RATINGS },
    { name: 'language', type: 'string', description: 'Original language.', nullable: false, expectedBlankRate: 0, allowedValues: LANGUAGES, weights: [0.58, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06] },
    { name: 'country_of_origin', type: 'string', description: 'Production country.', nullable: false, expectedBlankRate: 0, allowedValues: ['USA', 'South Korea', 'Canada', 'UK', 'Japan', 'Germany', 'France', 'India'] },
    { name: 'imdb_rating', type: 'float', description: 'IMDb score out of 10.', nullable: true, expectedBlankRate: 0.14, range: { min: 0, max: 10 } },
    { name: 'production_budget', type: 'integer', text: 'float-text', description: 'Budget in USD; only for movies.', nullable: true, expectedBlankRate: 0.65, range: { min: 0 }, structuralBlank: { column: 'content_type', values: ['Movie'], missingRateWhenApplicable: 0.2, label: 'only for Movie' } },
    { name: 'box_office_revenue', type: 'integer', text: 'float-text', description: 'Box-office revenue in USD; only for movies.', nullable: true, expectedBlankRate: 0.68, range: { min: 0 }, structuralBlank: { column: 'content_type', values: ['Movie'], missingRateWhenApplicable: 0.27, label: 'only for Movie' } },
    { name: 'number_of_seasons', type: 'integer', text: 'float-text', description: 'Seasons; only for series.', nullable: true, expectedBlankRate: 0.72, range: { min: 0, max: 1000 }, structuralBlank: { column: 'content_type', values: SERIES_TYPES, missingRateWhenApplicable: 0.1, label: 'only for series' } },
    { name: 'number_of_episodes', type: 'integer', text: 'float-text', description: 'Episodes in total; only for series.', nullable: true, expectedBlankRate: 0.69, range: { min: 0, max: 100_000 }, structuralBlank: { column: 'content_type', values: SERIES_TYPES, missingRateWhenApplicable: 0, label: 'only for series' } },
    { name: 'is_netflix_original', type: 'boolean', description: 'Produced for the platform.', nullable: false, expectedBlankRate: 0, allowedValues: ['True', 'False'] },
    { name: 'added_to_platform', type: 'date', description: 'When the title joined the catalogue.', nullable: false, expectedBlankRate: 0, range: { min: '2020-08-01', max: '2025-08-31' } },
    { name: 'content_warning', type: 'boolean', description: 'Carries a content warning.', nullable: false, expectedBlankRate: 0, allowedValues: ['True', 'False'] },
  ],
};
