// Browser entry point, bundled by esbuild (src/dashboard/client-bundle.ts) into one classic script.
// Server mode: the page name is in the path and the filters in the query string; data comes from
// /api/page/<name>?<filters>. Report mode: every page's data is embedded in the HTML and the page
// name is in the hash (#data-quality), so the file works from disk with no server.
import type { PageResult } from '../views.js';
import { el, renderPage } from './render.js';

export interface BootData {
  mode: 'server' | 'report';
  pages: Array<{ name: string; title: string }>;
  /** Server mode: the page this URL shows. */
  page?: string;
  filterOptions: { country: string[]; plan: string[]; device: string[]; dateRange: { min: string; max: string } };
  /** Report mode: every page, computed for the default filters. */
  data?: Record<string, PageResult>;
  generatedAt?: string;
}

function readJson<T>(id: string): T {
  const node = document.getElementById(id);
  if (!node?.textContent) throw new Error(`Missing #${id} data block`);
  return JSON.parse(node.textContent) as T;
}

function currentPage(boot: BootData): string {
  if (boot.mode === 'server') return boot.page ?? boot.pages[0].name;
  const wanted = decodeURIComponent(location.hash.replace(/^#/, ''));
  return boot.pages.some((p) => p.name === wanted) ? wanted : boot.pages[0].name;
}

function renderNav(nav: HTMLElement, boot: BootData, active: string): void {
  nav.replaceChildren();
  for (const page of boot.pages) {
    const link = el('a', page.name === active ? 'active' : undefined, page.title);
    link.href = boot.mode === 'server' ? `/page/${encodeURIComponent(page.name)}${location.search}` : `#${encodeURIComponent(page.name)}`;
    link.dataset.page = page.name;
    nav.append(link);
  }
}

function select(name: string, label: string, values: string[], current: string): HTMLElement {
  const wrap = el('label', undefined, `${label} `);
  const box = el('select');
  box.name = name;
  const all = el('option', undefined, 'All');
  all.value = '';
  box.append(all);
  for (const value of values) {
    const option = el('option', undefined, value);
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
  wrap.append(input);
  return wrap;
}

/** The filter bar. Changing a control reloads the page with the new query string (shareable URL). */
function renderFilters(bar: HTMLElement, boot: BootData): void {
  bar.replaceChildren();
  if (boot.mode === 'report') {
    bar.append(el('span', 'note', `Static report generated ${boot.generatedAt ?? ''}: all data, no filters. Run \`marquee serve\` to filter.`));
    return;
  }
  const params = new URLSearchParams(location.search);
  const options = boot.filterOptions;
  const form = el('form');
  form.append(
    dateInput('from', 'From', params.get('from') ?? '', options.dateRange),
    dateInput('to', 'To', params.get('to') ?? '', options.dateRange),
    select('country', 'Country', options.country, params.get('country') ?? ''),
    select('plan', 'Plan', options.plan, params.get('plan') ?? ''),
    select('device', 'Device', options.device, params.get('device') ?? ''),
  );
  form.addEventListener('change', () => {
    const next = new URLSearchParams();
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((control) => {
      if (control.value !== '') next.set(control.name, control.value);
    });
    const query = next.toString();
    location.search = query ? `?${query}` : '';
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  bar.append(form);
}

async function loadPage(boot: BootData, name: string): Promise<PageResult> {
  if (boot.mode === 'report') {
    const page = boot.data?.[name];
    if (!page) throw new Error(`Page '${name}' is not in this report`);
    return page;
  }
  const response = await fetch(`/api/page/${encodeURIComponent(name)}${location.search}`);
  const body = (await response.json()) as PageResult | { error: string };
  if (!response.ok || 'error' in body) throw new Error('error' in body ? body.error : `HTTP ${response.status}`);
  return body;
}

async function show(boot: BootData): Promise<void> {
  const name = currentPage(boot);
  const main = document.getElementById('page')!;
  document.body.dataset.state = 'loading';
  renderNav(document.getElementById('nav')!, boot, name);
  renderFilters(document.getElementById('filters')!, boot);
  try {
    const page = await loadPage(boot, name);
    document.title = `${page.title} · Marquee`;
    renderPage(main, page);
    document.body.dataset.page = name;
    document.body.dataset.state = 'ready';
  } catch (error) {
    main.replaceChildren(el('div', 'panel panel-error', `Could not load this page: ${(error as Error).message}`));
    document.body.dataset.state = 'error';
  }
}

const boot = readJson<BootData>('marquee-boot');
if (boot.mode === 'report') {
  boot.data = readJson<Record<string, PageResult>>('marquee-data');
  window.addEventListener('hashchange', () => void show(boot));
}
void show(boot);
