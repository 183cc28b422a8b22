// Browser entry point, bundled by esbuild (src/dashboard/client-bundle.ts) into one classic script.
// Server mode: the page name is in the path and the filters in the query string; data comes from
// /api/page/<name>?<filters>. Report mode: every page's data is embedded in the HTML and the page
// name is in the hash (#data-quality), so the file works from disk with no server.
import type { PageResult } from '../views.js';
import { el, prefersDark } from './dom.js';
import { renderFilterBar, type FilterOptions } from './filter-bar.js';
import { renderPage } from './render.js';

export interface BootData {
  mode: 'server' | 'report';
  pages: Array<{ name: string; title: string; drillDown?: boolean }>;
  /** Server mode: the page this URL shows. */
  page?: string;
  filterOptions: FilterOptions;
  /** Server mode: why the URL could not be served (bad filter value, reversed range): shown in the page. */
  error?: string;
  /** Report mode: every page, computed for the default filters. */
  data?: Record<string, PageResult>;
  generatedAt?: string;
}

function readJson<T>(id: string): T {
  const node = document.getElementById(id);
  if (!node?.textContent) throw new Error(`Missing #${id} data block`);
  return JSON.parse(node.textContent) as T;
}

class PageError extends Error {
  constructor(
    message: string,
    readonly resetHref: string,
  ) {
    super(message);
  }
}

/** The page to show; in the report an unknown hash is an error (with a way back), not a silent fallback. */
function currentPage(boot: BootData): string {
  if (boot.mode === 'server') return boot.page ?? boot.pages[0].name;
  const wanted = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (wanted === '') return boot.pages[0].name;
  if (!boot.pages.some((p) => p.name === wanted)) {
    throw new PageError(`This report has no page ${JSON.stringify(wanted.slice(0, 60))}.`, `#${boot.pages[0].name}`);
  }
  return wanted;
}

/** Navigation keeps the filters but not a drill-down's own subject (title). */
function navSearch(): string {
  const params = new URLSearchParams(location.search);
  params.delete('title');
  const text = params.toString();
  return text ? `?${text}` : '';
}

function renderNav(nav: HTMLElement, boot: BootData, active: string): void {
  nav.replaceChildren();
  for (const page of boot.pages) {
    if (page.drillDown && page.name !== active) continue;
    const link = el('a', page.name === active ? 'active' : undefined, page.title);
    link.href = boot.mode === 'server' ? `/page/${encodeURIComponent(page.name)}${navSearch()}` : `#${encodeURIComponent(page.name)}`;
    link.dataset.page = page.name;
    nav.append(link);
  }
}

function renderReportBar(bar: HTMLElement, boot: BootData): void {
  bar.replaceChildren(
    el(
      'span',
      'note',
      `Static report generated ${boot.generatedAt ?? ''}: all data, no filters, no drill-down. Run \`marquee serve\` to filter and drill down.`,
    ),
  );
}

async function loadPage(boot: BootData, name: string): Promise<PageResult> {
  if (boot.mode === 'report') {
    const page = boot.data?.[name];
    if (!page) throw new PageError(`Page '${name}' is not in this report.`, `#${boot.pages[0].name}`);
    return page;
  }
  const reset = `/page/${encodeURIComponent(name)}`;
  if (boot.error) throw new PageError(boot.error, reset);
  const response = await fetch(`/api/page/${encodeURIComponent(name)}${location.search}`);
  const body = (await response.json()) as PageResult | { error: string };
  if (!response.ok || 'error' in body) throw new PageError('error' in body ? body.error : `HTTP ${response.status}`, reset);
  return body;
}

function renderError(main: HTMLElement, error: Error): void {
  const panel = el('div', 'panel panel-error');
  panel.dataset.role = 'page-error';
  panel.append(el('p', undefined, `Could not show this page: ${error.message}`));
  if (error instanceof PageError) {
    const reset = el('a', 'reset', 'Reset to the unfiltered page');
    reset.href = error.resetHref;
    reset.dataset.role = 'reset';
    panel.append(reset);
  }
  main.replaceChildren(el('h1', undefined, 'Something in the address is not right'), panel);
}

async function show(boot: BootData): Promise<void> {
  const main = document.getElementById('page')!;
  const bar = document.getElementById('filters')!;
  document.body.dataset.state = 'loading';
  document.documentElement.dataset.theme = prefersDark() ? 'dark' : 'light';
  let name = boot.pages[0].name;
  try {
    name = currentPage(boot);
    renderNav(document.getElementById('nav')!, boot, name);
    if (boot.mode === 'report') renderReportBar(bar, boot);
    else renderFilterBar(bar, name, boot.filterOptions);
    const page = await loadPage(boot, name);
    document.title = `${page.title} · Marquee`;
    if (boot.mode === 'server') renderFilterBar(bar, name, boot.filterOptions, page.filterValues);
    renderPage(main, page, { mode: boot.mode });
    document.body.dataset.page = name;
    document.body.dataset.state = 'ready';
  } catch (error) {
    renderNav(document.getElementById('nav')!, boot, name);
    renderError(main, error as Error);
    document.body.dataset.page = name;
    document.body.dataset.state = 'error';
  }
}

const boot = readJson<BootData>('marquee-boot');
if (boot.mode === 'report') {
  boot.data = readJson<Record<string, PageResult>>('marquee-data');
  window.addEventListener('hashchange', () => void show(boot));
}
// Follow the system's light/dark switch without a reload of the data (the report redraws from memory).
if (typeof matchMedia === 'function') matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void show(boot));
void show(boot);
