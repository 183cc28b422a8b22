// The page/view registry's types. A page is a list of views; a view names the tables it reads, a
// query over them (a function of the validated filters), and how to show the rows: a chart (rows ->
// ECharts option), a table (columns with formats), or headline KPI cards. The server's JSON API and
// the static report both compute views with computePage() and the same client draws them.
import type { Engine, Row } from '../engine/engine.js';
import type { SqlQuery } from '../engine/sql.js';
import type { KpiDeclaration } from '../gold/kpi-types.js';
import type { FilterColumns, FilterName, Filters } from './filters.js';
import type { ValueFormat } from './format.js';
import type { KpiCard } from './kpi-card.js';

/** A chart as data: it travels to the browser as JSON, so no functions inside `option`. */
export interface ChartSpec {
  option: Record<string, unknown>;
  /** Formats the client applies to axis labels and tooltips (functions cannot travel in JSON). */
  formats?: { x?: ValueFormat; y?: ValueFormat; value?: ValueFormat };
  /** Pixel height of the chart area (default 320). */
  height?: number;
}

export interface TableColumn {
  key: string;
  label: string;
  format?: ValueFormat;
  /** Right-align numbers; defaults to true for every format but text and date. */
  numeric?: boolean;
  /** Sort by this other key of the row (e.g. a status's severity rank), not by the text shown. */
  sortBy?: string;
}

export interface ViewSpec {
  /** Unique within its page; used in the DOM (data-view) and by tests. */
  id: string;
  title: string;
  /** One or two sentences saying what the view shows and how to read it. */
  caption: string;
  /** Every table the query reads, as schema.table. If one is missing the view says so instead of failing. */
  tables: readonly string[];
  /** Which column each filter applies to; filters without a column do not affect this view. */
  filterColumns?: FilterColumns;
  query?: (filters: Filters) => SqlQuery;
  /**
   * Instead of `query`: rows from a read-side function of another module (e.g. titleForecast in
   * src/ml/forecast/query.ts), so the page reads a fact where it is defined. A view has one of the two.
   */
  load?: (engine: Pick<Engine, 'query'>, filters: Filters, tables: ReadonlySet<string>) => Promise<Row[]>;
  /** Why the view has no rows, computed from the warehouse (e.g. why a title has no forecast); overrides emptyMessage. */
  emptyReason?: (engine: Pick<Engine, 'query'>, filters: Filters, tables: ReadonlySet<string>) => Promise<string | undefined>;
  chart?: (rows: Row[]) => ChartSpec;
  table?: readonly TableColumn[];
  /** Headline cards: the query returns rows { kpi, period, value } for these KPIs. */
  kpis?: readonly KpiDeclaration[];
  /** For snapshot KPI cards (no history): why there is no change, shown on each card. */
  kpiNote?: string;
  /**
   * Why the rows cannot answer the view (computed from them, e.g. too few snapshots), or undefined
   * when they can: the panel shows the sentence instead of a chart.
   */
  unavailable?: (rows: Row[]) => string | undefined;
  /** Most rows sent for a table (default 10,000; the browser pages through them); the result says when rows were cut. */
  maxRows?: number;
  /** A sentence computed from the rows (e.g. where the data ends), shown under the caption. */
  note?: (rows: Row[]) => string | undefined;
  /** Sentences computed from the rows, shown beside the view (e.g. whether a rate differs by group). */
  findings?: (rows: Row[]) => string[];
  /** Drill-down: clicking a table row or a bar opens this page with the row's values as URL parameters. */
  drill?: DrillLink;
  /** What an empty result means for this view (default: filters or "not recorded yet"). */
  emptyMessage?: (filters: Filters) => string;
}

/** Where a click on a row leads: `/page/<page>?<param>=<row[key]>`; rows whose value is not allowed have no link. */
export interface DrillLink {
  page: string;
  /** URL parameter name -> row key holding its value. */
  params: Record<string, string>;
  /** Only rows with this row key equal to one of the values get a link (e.g. dimension in plan/country/device). */
  when?: { key: string; values: readonly string[] };
  /** With a `when`, the parameter named by the row's `when.key` value instead of a fixed name. */
  paramFromKey?: boolean;
  /** For charts: the row key whose value is the clicked category (bar or point). */
  chartKey?: string;
  /** For tables: the column whose cell carries the link (default: the first text column). */
  linkColumn?: string;
}

export interface PageSpec {
  /** URL slug: /page/<name>. */
  name: string;
  /** A drill-down page (title, segment): reached from other pages, not listed in the navigation. */
  drillDown?: boolean;
  /** For a drill-down page: the page its Back link opens when there is no browser history. */
  backTo?: string;
  title: string;
  /**
   * A heading computed from the page's subject (the title's name on the title page): a query returning
   * one row { heading }; no row, or a missing table, keeps `title`.
   */
  heading?: { tables: readonly string[]; query: (filters: Filters) => SqlQuery | undefined };
  description: string;
  views: readonly ViewSpec[];
}

export type ViewStatus = 'ok' | 'empty' | 'missing' | 'error';

/** One computed view, as JSON for the client. */
export interface ViewResult {
  id: string;
  title: string;
  caption: string;
  status: ViewStatus;
  /** For missing/empty/error: the sentence shown in the panel. */
  message?: string;
  /** A sentence computed from the data (ViewSpec.note). */
  note?: string;
  drill?: DrillLink;
  /** Chart drill-down: category -> URL query of the drill page. */
  chartLinks?: Record<string, string>;
  /** Filters that change this view's numbers. */
  filters: FilterName[];
  chart?: ChartSpec;
  table?: { columns: readonly TableColumn[]; rows: Row[]; totalRows: number };
  cards?: KpiCard[];
  /** Computed sentences about the rows (ViewSpec.findings). */
  findings?: string[];
}

export interface PageResult {
  name: string;
  drillDown?: boolean;
  backTo?: string;
  title: string;
  description: string;
  filters: Filters;
  views: ViewResult[];
  /** The data's as-of facts, shown on every page. */
  asOf: AsOf;
  /** Filter values that have data behind them (the filter bar offers only these); absent: all allowed values. */
  filterValues?: { country?: string[]; plan?: string[]; device?: string[]; segment?: string[] };
}

export interface AsOf {
  /** The as-of date of the latest pipeline run (meta.runs.as_of_date). */
  asOfDate?: string;
  /** Last day with activity in gold.kpi_daily_by_segment. */
  dataThrough?: string;
  lastRunId?: string;
  lastRunFinished?: string;
}
