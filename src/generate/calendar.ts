// The event calendar (2024-01-01 .. 2025-12-31) and the planted time structure of the realistic
// signal: weekly and yearly activity cycles with a gentle growth trend, and genre seasons
// (horror in October, family and holiday titles in December, romance in February).
import { EVENT_DATE_RANGE, GENRES } from '../contracts/index.js';
import { DAY_MS, dayNumber } from './format.js';

export const EVENT_FIRST_DAY = dayNumber(EVENT_DATE_RANGE.min);
export const EVENT_LAST_DAY = dayNumber(EVENT_DATE_RANGE.max);
export const EVENT_DAYS = EVENT_LAST_DAY - EVENT_FIRST_DAY + 1;

/** Activity by weekday, Sunday first (index = getUTCDay()). */
export const WEEKDAY_FACTOR = [1.2, 0.85, 0.85, 0.9, 0.95, 1.15, 1.3] as const;
/** Activity by month, January first. */
export const MONTH_FACTOR = [1.1, 1.0, 0.95, 0.92, 0.9, 0.95, 1.0, 0.98, 0.95, 1.02, 1.08, 1.2] as const;
/** Platform growth: activity rises linearly by this share over the two event years. */
export const GROWTH_OVER_PERIOD = 0.12;

/** Genre season multipliers by month (1-based month -> factor); genres not listed stay at 1. */
export const GENRE_SEASONS: Readonly<Partial<Record<(typeof GENRES)[number], Readonly<Record<number, number>>>>> = {
  Horror: { 9: 1.4, 10: 2.6, 11: 1.1 },
  Family: { 11: 1.3, 12: 2.0 },
  Animation: { 11: 1.2, 12: 1.6 },
  Romance: { 2: 1.8 },
  Documentary: { 1: 1.3 },
  Sport: { 6: 1.3, 7: 1.3 },
};
/** Titles tagged "holiday" (Christmas, Holiday, Winter ... in the title) by month. */
export const HOLIDAY_TITLE_SEASON: Readonly<Record<number, number>> = { 11: 2.0, 12: 5.0 };
export const HOLIDAY_OFF_SEASON = 0.6;

const monthOfDayIndex = new Uint8Array(EVENT_DAYS);
const weekdayOfDayIndex = new Uint8Array(EVENT_DAYS);
for (let i = 0; i < EVENT_DAYS; i++) {
  const d = new Date((EVENT_FIRST_DAY + i) * DAY_MS);
  monthOfDayIndex[i] = d.getUTCMonth();
  weekdayOfDayIndex[i] = d.getUTCDay();
}

/** Month 0..11 of a day index (days since EVENT_FIRST_DAY). */
export function monthOf(dayIndex: number): number {
  return monthOfDayIndex[dayIndex];
}

/** Relative platform activity on a day (weekday x month x growth). */
export function calendarFactor(dayIndex: number): number {
  return (
    WEEKDAY_FACTOR[weekdayOfDayIndex[dayIndex]] *
    MONTH_FACTOR[monthOfDayIndex[dayIndex]] *
    (1 + (GROWTH_OVER_PERIOD * dayIndex) / EVENT_DAYS)
  );
}

export const MAX_CALENDAR_FACTOR = Math.max(...WEEKDAY_FACTOR) * Math.max(...MONTH_FACTOR) * (1 + GROWTH_OVER_PERIOD);

export function genreSeason(genre: number, month0: number): number {
  return GENRE_SEASONS[GENRES[genre]]?.[month0 + 1] ?? 1;
}

export function holidaySeason(month0: number): number {
  return HOLIDAY_TITLE_SEASON[month0 + 1] ?? HOLIDAY_OFF_SEASON;
}
