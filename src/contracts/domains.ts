// Closed vocabularies shared by several source tables. Proportions come from
// ../shared/spec/source-data.md (measured on the published files).

export const COUNTRIES = ['USA', 'Canada'] as const;
export const COUNTRY_WEIGHTS = [0.7, 0.3] as const;

/** 20 US states and the 10 Canadian provinces; state_province is always consistent with country. */
export const REGIONS_BY_COUNTRY: Readonly<Record<(typeof COUNTRIES)[number], readonly string[]>> = {
  USA: [
    // The published files' 20 states (shared/spec/source-data.md): Wisconsin, never Colorado.
    'California',
    'Texas',
    'Florida',
    'New York',
    'Pennsylvania',
    'Illinois',
    'Ohio',
    'Georgia',
    'North Carolina',
    'Michigan',
    'New Jersey',
    'Virginia',
    'Washington',
    'Arizona',
    'Massachusetts',
    'Tennessee',
    'Indiana',
    'Missouri',
    'Maryland',
    'Wisconsin',
  ],
  Canada: [
    'Ontario',
    'Quebec',
    'British Columbia',
    'Alberta',
    'Manitoba',
    'Saskatchewan',
    'Nova Scotia',
    'New Brunswick',
    'Newfoundland and Labrador',
    'Prince Edward Island',
  ],
};

export const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Biography',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'History',
  'Horror',
  'Music',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Sport',
  'Thriller',
  'War',
  'Western',
] as const;

export const USER_DEVICES = ['Desktop', 'Tablet', 'Laptop', 'Smart TV', 'Gaming Console', 'Mobile'] as const;
export const WATCH_DEVICES = ['Desktop', 'Tablet', 'Smart TV', 'Mobile', 'Laptop'] as const;
/** reviews, recommendation_logs and search_logs use this smaller device list. */
export const EVENT_DEVICES = ['Mobile', 'Smart TV', 'Tablet', 'Laptop'] as const;
/** One canonical device vocabulary across tables (silver normalisation maps every table onto it). */
export const CANONICAL_DEVICES = USER_DEVICES;

export const SERIES_TYPES = ['TV Series', 'Limited Series'] as const;

/** Event dates in the published files. */
export const EVENT_DATE_RANGE = { min: '2024-01-01', max: '2025-12-31' } as const;

export const BOOLEAN_TEXT = { true: 'True', false: 'False' } as const;
