// Pure helpers behind the analyst fixes: natural category order (age bands), one format per table
// column, drill-down links, why a view is empty, and the note where signups end.
import { describe, expect, it } from 'vitest';
import { naturalOrder } from '../../src/dashboard/charts.js';
import { emptyMessage } from '../../src/dashboard/compute.js';
import { drillQuery, chartDrillTargets } from '../../src/dashboard/drill.js';
import { formatCell } from '../../src/dashboard/format.js';
import { signupsEndNote } from '../../src/dashboard/pages/business.js';
import { acceptableDate } from '../../src/dashboard/client/filter-bar.js';
import { parseFilters } from '../../src/dashboard/filters.js';

describe('analyst helpers', () => {
  it('orders age bands naturally with Unknown last, and text alphabetically', () => {
    expect(naturalOrder(['Unknown', '25-34', 'under 18', '65+', '18-24', '55-64'])).toEqual([
      'under 18',
      '18-24',
      '25-34',
      '55-64',
      '65+',
      'Unknown',
    ]);
    expect(naturalOrder(['b', 'Unknown', 'a'])).toEqual(['a', 'b', 'Unknown']);
    expect(naturalOrder(['10', '2', '1'])).toEqual(['1', '2', '10']);
  });

  it('writes every number of a column the same way (no compact suffix in tables)', () => {
    expect([formatCell(50_000, 'count'), formatCell(9947, 'count')]).toEqual(['50,000', '9,947']);
    expect(formatCell(12345.67, 'hours')).toBe('12,345.7 h');
    expect(formatCell(1_234_567.891, 'currency')).toBe('$1,234,567.89');
    expect(formatCell(-0.5, 'number')).toBe('-0.5');
    expect(formatCell(0.345, 'percent')).toBe('34.5\u00a0%');
    expect(formatCell(null, 'count')).toBe('–');
  });

  it('builds drill links only for rows that qualify', () => {
    const drill = {
      page: 'segment',
      params: { value: 'value' },
      when: { key: 'dimension', values: ['plan', 'country'] },
      paramFromKey: true,
    };
    expect(drillQuery(drill, { dimension: 'plan', value: 'Basic' })).toBe('?plan=Basic');
    expect(drillQuery(drill, { dimension: 'age_band', value: '18-24' })).toBeUndefined();
    expect(drillQuery({ page: 'title', params: { title: 'movie_id' } }, { movie_id: null })).toBeUndefined();
    expect(chartDrillTargets({ page: 'segment', params: { plan: 'plan' }, chartKey: 'plan' }, [{ plan: 'A&B' }])).toEqual({
      'A&B': '?plan=A%26B',
    });
  });

  it('mentions filters in an empty view only when filters it honours are set', () => {
    expect(emptyMessage([], { country: 'Canada' })).toBe('No rows: the pipeline has not recorded any yet.');
    expect(emptyMessage(['from', 'to', 'country'], {})).toBe('No rows: the pipeline has not recorded any yet.');
    expect(emptyMessage(['from', 'to', 'country'], { from: '2025-01-01', country: 'Canada' })).toBe(
      'No rows for these filters (date, country).',
    );
  });

  it('notes the months after the last subscription start, and nothing when there are none', () => {
    const rows = [
      { month: '2025-07', new_subscriptions: 3 },
      { month: '2025-08', new_subscriptions: 7 },
      { month: '2025-09', new_subscriptions: 0 },
      { month: '2025-10', new_subscriptions: 0 },
    ];
    expect(signupsEndNote(rows)).toMatch(
      /^The latest subscription start in the account data is in 2025-08; the 2 later months \(to 2025-10\)/,
    );
    expect(signupsEndNote(rows.slice(0, 2))).toBeUndefined();
  });

  it('accepts only full dates from 1900 on, in the bar and in the URL', () => {
    expect(acceptableDate('0002-03-15')).toBe(false);
    expect(acceptableDate('2025-02-30')).toBe(false);
    expect(acceptableDate('2025-03-15')).toBe(true);
    expect(acceptableDate('')).toBe(true);
    expect(() => parseFilters(new URLSearchParams('from=0002-03-15'))).toThrow(/year must be 1900 or later/);
    expect(() => parseFilters(new URLSearchParams('title=x%27%20OR%201=1'))).toThrow(/title key/);
    expect(parseFilters(new URLSearchParams('title=movie_0005'))).toEqual({ title: 'movie_0005' });
  });
});
