// The filter bar (server mode). Choices apply at once; a date applies when it is complete and
// plausible (on blur or Enter, year 1900 or later), never while the year is still being typed (a
// date input reports 0002 after the first digit). Every change reloads with a shareable URL.
import { el } from './dom.js';

export interface FilterOptions {
  country: string[];
  plan: string[];
  device: string[];
  segment: string[];
  dateRange: { min: string; max: string };
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

/** A complete, real calendar date YYYY-MM-DD with a year from 1900 on, or '' (no filter). */
export function acceptableDate(value: string): boolean {
  if (value === '') return true;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const date = new Date(`${value}T00:00:00Z`);
  return year >= MIN_YEAR && year <= MAX_YEAR && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function select(name: string, label: string, values: string[], current: string, withData?: string[]): HTMLElement {
  const wrap = el('label', undefined, `${label} `);
  const box = el('select');
  box.name = name;
  const all = el('option', undefined, 'All');
  all.value = '';
  box.append(all);
  // Only values with data behind them; a value set in the URL stays visible (marked) so the bar tells the truth.
  const offered = withData ? values.filter((v) => withData.includes(v) || v === current) : values;
  for (const value of offered) {
    const option = el('option', undefined, withData && !withData.includes(value) ? `${value} (no data)` : value);
    option.value = value;
    option.selected = value === current;
    box.append(option);
  }
  wrap.append(box);
  return wrap;
}

function dateInput(name: string, label: string, current: string, range: { min: string; max: string }): HTMLElement {
  const wrap = el('label', undefined, `${label} `);
  const input = el('input');
  input.type = 'date';
  input.name = name;
  input.value = current;
  input.min = range.min;
  input.max = range.max;
  input.dataset.committed = current;
  wrap.append(input);
  return wrap;
}

export function renderFilterBar(
  bar: HTMLElement,
  page: string,
  options: FilterOptions,
  withData?: { country?: string[]; plan?: string[]; device?: string[]; segment?: string[] },
): void {
  bar.replaceChildren();
  const params = new URLSearchParams(location.search);
  const form = el('form');
  form.append(
    dateInput('from', 'From', params.get('from') ?? '', options.dateRange),
    dateInput('to', 'To', params.get('to') ?? '', options.dateRange),
    select('country', 'Country', options.country, params.get('country') ?? '', withData?.country),
    select('plan', 'Plan', options.plan, params.get('plan') ?? '', withData?.plan),
    select('device', 'Device', options.device, params.get('device') ?? '', withData?.device),
  );
  // The customer segment (RFM) exists only once the ML segmentation has run; without it the choice is hidden.
  const segment = params.get('segment') ?? '';
  if ((withData?.segment?.length ?? 0) > 0 || segment !== '')
    form.append(select('segment', 'Segment', options.segment, segment, withData?.segment ?? []));
  const reset = el('a', 'reset', 'Reset filters');
  // Reset keeps what the page is about (a drill-down's title), drops every filter.
  const keep = params.get('title');
  reset.href = `/page/${encodeURIComponent(page)}${keep ? `?title=${encodeURIComponent(keep)}` : ''}`;
  reset.dataset.role = 'reset';
  const message = el('span', 'filter-error');
  message.setAttribute('role', 'status');
  form.append(reset, message);

  const commit = () => {
    const next = new URLSearchParams();
    if (keep) next.set('title', keep);
    let bad: HTMLInputElement | undefined;
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((control) => {
      if (control instanceof HTMLInputElement && control.type === 'date' && (control.validity.badInput || !acceptableDate(control.value)))
        bad ??= control;
      if (control.value !== '') next.set(control.name, control.value);
    });
    if (bad) {
      message.textContent = `${bad.name === 'from' ? 'From' : 'To'}: enter a full date, year ${MIN_YEAR} or later.`;
      return;
    }
    message.textContent = '';
    const query = next.toString();
    if (`?${query}` === (location.search || '?')) return;
    location.search = query ? `?${query}` : '';
  };
  form.addEventListener('change', (event) => {
    // Date inputs fire change on every keystroke of the year: wait for blur or Enter.
    if ((event.target as HTMLInputElement).type === 'date') return;
    commit();
  });
  form.querySelectorAll<HTMLInputElement>('input[type="date"]').forEach((input) => {
    input.addEventListener('blur', () => {
      if (input.value !== input.dataset.committed) commit();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        commit();
      }
    });
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  bar.append(form);
}
