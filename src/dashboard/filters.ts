// Dashboard filters: date range, country, plan, device, customer segment (RFM). Parsed from the URL (so a view can be shared),
// validated against the source contracts (unknown names or values are rejected, never passed on), and
// applied in SQL only as bound parameters through the `sql` tagged template.
import { CANONICAL_DEVICES, COUNTRIES, EVENT_DATE_RANGE, columnOf } from '../contracts/index.js';
import { ident, sql, type SqlQuery } from '../engine/sql.js';
import { RFM_SEGMENT_RULES } from '../ml/cluster/rfm.js';

export const FILTER_NAMES = ['from', 'to', 'country', 'plan', 'device', 'segment', 'title'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** Validated filters; an absent field means "all". */
export interface Filters {
  from?: string;
  to?: string;
  country?: string;
  plan?: string;
  device?: string;
  /** An RFM customer segment (gold.user_segments.rfm_segment, names from RFM_SEGMENT_RULES); honoured by per-account views. */
  segment?: string;
  /** A title's key (movie_id) for the title drill-down page; only views with a `title` column honour it. */
  title?: string;
}

/** A movie_id as the catalogue writes them (letters, digits, '_' and '-'); anything else is rejected. */
const TITLE_KEY = /^[A-Za-z0-9_-]{1,40}$/;

/** The earliest year a date filter accepts (a half-typed year such as 0002 is refused). */
export const MIN_FILTER_YEAR = 1900;

/** The allowed values of each choice filter, read from the contracts (never restated here). */
export function filterOptions(): {
  country: readonly string[];
  plan: readonly string[];
  device: readonly string[];
  segment: readonly string[];
  dateRange: { min: string; max: string };
} {
  return {
    country: COUNTRIES,
    plan: columnOf('users', 'subscription_plan').allowedValues ?? [],
    device: CANONICAL_DEVICES,
    segment: RFM_SEGMENT_RULES.map((r) => r.segment),
    dateRange: { min: EVENT_DATE_RANGE.min, max: EVENT_DATE_RANGE.max },
  };
}

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

/** A real calendar date written YYYY-MM-DD (2025-02-30 is rejected, not rolled over). */
function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Shorten untrusted text before echoing it in an error message. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value);
}

/**
 * Parse and validate filters from a URL query. Empty values mean "all". Throws FilterError naming the
 * parameter and the allowed values for: an unknown parameter, a repeated one, a value outside the
 * contract's vocabulary, a malformed date or a range whose start is after its end.
 */
export function parseFilters(params: URLSearchParams): Filters {
  const options = filterOptions();
  const filters: Filters = {};
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (!(FILTER_NAMES as readonly string[]).includes(name)) {
      throw new FilterError(`Unknown filter ${shown(name)}; expected one of ${FILTER_NAMES.join(', ')}`);
    }
    if (seen.has(name)) throw new FilterError(`Filter '${name}' given more than once`);
    seen.add(name);
    if (value === '') continue;
    const key = name as FilterName;
    if (key === 'from' || key === 'to') {
      if (!isIsoDate(value)) throw new FilterError(`Filter '${key}' expects a date YYYY-MM-DD, got ${shown(value)}`);
      if (Number(value.slice(0, 4)) < MIN_FILTER_YEAR)
        throw new FilterError(`Filter '${key}' got ${shown(value)}; the year must be ${MIN_FILTER_YEAR} or later`);
      filters[key] = value;
    } else if (key === 'title') {
      if (!TITLE_KEY.test(value))
        throw new FilterError(`Filter 'title' expects a title key (letters, digits, _ or -), got ${shown(value)}`);
      filters.title = value;
    } else {
      const allowed = options[key];
      if (!allowed.includes(value)) {
        throw new FilterError(`Filter '${key}' got ${shown(value)}; allowed values: ${allowed.join(', ')}`);
      }
      filters[key] = value;
    }
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new FilterError(`Filter 'from' (${filters.from}) is after 'to' (${filters.to})`);
  }
  return filters;
}

/** The URL query for a set of filters (stable order; "all" filters are left out). */
export function filtersToQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Which column of a view's table each filter applies to; a filter without a column is not applied. */
export interface FilterColumns {
  /** A DATE (or TIMESTAMP) column compared with from/to, both inclusive. */
  date?: string;
  country?: string;
  plan?: string;
  device?: string;
  /** The account key column (user_id): the segment filter keeps accounts of that RFM segment in gold.user_segments. */
  segment?: string;
  title?: string;
}

/** The table the segment filter reads: each account's RFM segment, written by the ML segmentation step. */
export const SEGMENT_MEMBERS_TABLE = 'gold.user_segments';

/** The filters a view honours, given its column mapping: shown in the UI next to the view. */
export function appliedFilterNames(columns: FilterColumns | undefined): FilterName[] {
  if (!columns) return [];
  const names: FilterName[] = [];
  if (columns.date) names.push('from', 'to');
  if (columns.country) names.push('country');
  if (columns.plan) names.push('plan');
  if (columns.device) names.push('device');
  if (columns.segment) names.push('segment');
  if (columns.title) names.push('title');
  return names;
}

/**
 * A WHERE clause (always present: `WHERE TRUE` when nothing applies) with every value bound as a
 * parameter and every column quoted as an identifier.
 */
export function whereFilters(filters: Filters, columns: FilterColumns, alias?: string): SqlQuery {
  const col = (name: string) => (alias ? ident(alias, name) : ident(name));
  let clause = sql`WHERE TRUE`;
  if (columns.date && filters.from) clause = sql`${clause} AND CAST(${col(columns.date)} AS DATE) >= CAST(${filters.from} AS DATE)`;
  if (columns.date && filters.to) clause = sql`${clause} AND CAST(${col(columns.date)} AS DATE) <= CAST(${filters.to} AS DATE)`;
  for (const key of ['country', 'plan', 'device', 'title'] as const) {
    const column = columns[key];
    const value = filters[key];
    if (column && value) clause = sql`${clause} AND ${col(column)} = ${value}`;
  }
  if (columns.segment && filters.segment)
    clause = sql`${clause} AND ${col(columns.segment)} IN (SELECT user_id FROM gold.user_segments WHERE rfm_segment = ${filters.segment})`;
  return clause;
}
