// Builders for the column shapes the six contracts repeat, so a contract lists one call per column and
// a shared column (a key, a reference to users or movies, an event date, a True/False flag, the country)
// is declared once: `required` for a column every row fills, `blankable` for one that may be blank at
// the published rate. They only build ColumnContract values; nothing here knows a table.
import { COUNTRIES, COUNTRY_WEIGHTS, EVENT_DATE_RANGE } from './domains.js';
import type { ColumnContract, ColumnType } from './types.js';

/** What a column declares beyond its name, type, description and blank rate. */
type ColumnDetails = Omit<ColumnContract, 'name' | 'type' | 'description' | 'nullable' | 'expectedBlankRate'>;

/** A column every row fills: never blank in the published files. */
export function required(name: string, type: ColumnType, description: string, details: ColumnDetails = {}): ColumnContract {
  return { name, type, description, nullable: false, expectedBlankRate: 0, ...details };
}

/** A column that may be blank; `expectedBlankRate` is the published share of blank rows. */
export function blankable(
  name: string,
  type: ColumnType,
  description: string,
  expectedBlankRate: number,
  details: ColumnDetails = {},
): ColumnContract {
  return { name, type, description, nullable: true, expectedBlankRate, ...details };
}

/** The table's key: `prefix` and at least `minDigits` zero-padded digits (`user_00042`). */
export function keyColumn(name: string, description: string, prefix: string, minDigits: number): ColumnContract {
  return required(name, 'string', description, { keyFormat: { prefix, minDigits } });
}

/** An event's account: `user_id`, a reference to users. */
export function userRef(description: string): ColumnContract {
  return required('user_id', 'string', description, { foreignKey: { table: 'users', column: 'user_id' } });
}

/** An event's title: `movie_id`, a reference to movies. */
export function titleRef(description: string): ColumnContract {
  return required('movie_id', 'string', description, { foreignKey: { table: 'movies', column: 'movie_id' } });
}

/** The day an event happened, inside the event tables' date range. */
export function eventDate(name: string, description: string): ColumnContract {
  return required(name, 'date', description, { range: EVENT_DATE_RANGE });
}

/** A boolean written `True` / `False`; `weights` (True, False) where the published shares are known. */
export function flag(name: string, description: string, weights?: readonly number[]): ColumnContract {
  return required(name, 'boolean', description, { allowedValues: ['True', 'False'], ...(weights ? { weights } : {}) });
}

/** A country, with the published shares of the countries. */
export function countryColumn(name: string, description: string): ColumnContract {
  return required(name, 'string', description, { allowedValues: COUNTRIES, weights: COUNTRY_WEIGHTS });
}
