// The missing-value strategy of every silver column that has blanks: one typed table. The silver
// models call {{ impute('table', 'column') }} and {{ impute_flag('table', 'column') }}, which expand
// to the SQL generated here (median strategies read medians joined in by the model's
// FROM {{ imputation_medians('table', 'relation') }}), and the imputation-quality step re-runs the
// same SQL on a holdout: the strategy is written once.
import { columnOf, contractFor, type SourceTableName } from '../contracts/index.js';
import { literal } from '../engine/sql.js';

export type ImputationStrategy =
  /**
   * Median of the known values in the row's group (all rows when groupBy is empty), then the overall
   * median; with `derived`, a SQL expression over other columns of the row comes first.
   */
  | { kind: 'group_median'; groupBy: readonly string[]; derived?: string }
  /** An explicit marker value (categories where a guess would invent information). */
  | { kind: 'constant'; value: string }
  /** Not filled: the blank is meaningful or a guess would distort analysis; an indicator says it is missing. */
  | { kind: 'leave_blank' };

export interface ColumnImputation {
  table: SourceTableName;
  column: string;
  strategy: ImputationStrategy;
  /** SQL predicate: where the column applies. Outside it a blank is structural ("not applicable") and stays blank. */
  applicableWhen?: string;
  /** Integer columns: the filled median is rounded. */
  integer?: boolean;
  /** Column holding the row key (for the seeded holdout sample): the contract's primary key. */
  key: string;
  /** Other columns the strategy's SQL reads besides the column and its groups (derived, applicableWhen). */
  reads?: readonly string[];
  why: string;
}

const series = `content_type IN ('TV Series', 'Limited Series')`;

const median = (...groupBy: string[]): ImputationStrategy => ({ kind: 'group_median', groupBy });
const LEAVE_BLANK: ImputationStrategy = { kind: 'leave_blank' };

/** A movies column that exists only where `applicableWhen` holds, filled there with the median of its content type. */
function onlyWhere(column: string, applicableWhen: string, why: string): Omit<ColumnImputation, 'key'> {
  return { table: 'movies', column, integer: true, applicableWhen, reads: ['content_type'], strategy: median('content_type'), why };
}

/** The table of strategies; each row's key column is its table's primary key (src/contracts). */
const DECLARED: ReadonlyArray<Omit<ColumnImputation, 'key'>> = [
  {
    table: 'users',
    column: 'age',
    integer: true,
    strategy: median('subscription_plan', 'country'),
    why: 'Age differs little by plan and country but the group median keeps segment mixes stable; invalid ages are blanked first and filled the same way.',
  },
  {
    table: 'users',
    column: 'gender',
    strategy: { kind: 'constant', value: 'Unknown' },
    why: "Self-reported category: guessing would invent a person's gender; an explicit Unknown group is honest and countable.",
  },
  {
    table: 'users',
    column: 'monthly_spend',
    strategy: median('subscription_plan'),
    why: 'Spend is driven by plan; the median is robust to the 200-1000 outlier band.',
  },
  {
    table: 'users',
    column: 'household_size',
    integer: true,
    strategy: median(),
    why: 'No column predicts household size; the overall median is the least-biased single value.',
  },
  {
    table: 'movies',
    column: 'imdb_rating',
    strategy: median('genre_primary'),
    why: 'Ratings cluster by genre more than by anything else in the catalogue.',
  },
  onlyWhere(
    'production_budget',
    `content_type = 'Movie'`,
    'Budgets exist only for Movie; the median of movies fills movies, other types stay structurally blank.',
  ),
  onlyWhere('box_office_revenue', `content_type = 'Movie'`, 'Revenue exists only for Movie; same rule as the budget.'),
  onlyWhere('number_of_seasons', series, 'Seasons exist only for series; the median per series type (TV vs Limited) fills them.'),
  onlyWhere(
    'number_of_episodes',
    series,
    'Episodes exist only for series (complete in the published data; the rule is there for new files).',
  ),
  {
    table: 'movies',
    column: 'genre_secondary',
    strategy: LEAVE_BLANK,
    why: 'Most titles have one genre: a blank second genre means "none", not missing.',
  },
  {
    table: 'watch_history',
    column: 'watch_duration_minutes',
    reads: ['progress_percentage', 'title_duration_minutes'],
    strategy: {
      kind: 'group_median',
      derived: 'progress_percentage / 100.0 * NULLIF(title_duration_minutes, 0)',
      groupBy: ['action', 'device_type'],
    },
    why: 'Progress times the title length is the best estimate when both are known; otherwise the median of sessions ending the same way on the same device.',
  },
  {
    table: 'watch_history',
    column: 'progress_percentage',
    strategy: LEAVE_BLANK,
    why: 'Progress feeds completion metrics; a made-up progress would fake completions. Left blank with an indicator.',
  },
  {
    table: 'watch_history',
    column: 'user_rating',
    strategy: LEAVE_BLANK,
    why: 'Most sessions are not rated (80%): a blank means "no rating given", which is information.',
  },
  {
    table: 'reviews',
    column: 'sentiment_score',
    strategy: median('sentiment'),
    why: 'The score lies in a band fixed by the sentiment label; the median within the label stays inside the band.',
  },
  {
    table: 'reviews',
    column: 'helpful_votes',
    integer: true,
    strategy: LEAVE_BLANK,
    why: 'Votes are blank together with total_votes: unknown, and a fill would change helpfulness ratios.',
  },
  {
    table: 'reviews',
    column: 'total_votes',
    integer: true,
    strategy: LEAVE_BLANK,
    why: 'Blank together with helpful_votes; left blank for the same reason.',
  },
  {
    table: 'reviews',
    column: 'review_text',
    strategy: LEAVE_BLANK,
    why: 'Free text cannot be imputed; a review without text is still a rating.',
  },
  {
    table: 'recommendation_logs',
    column: 'recommendation_score',
    strategy: median('recommendation_type'),
    why: 'Each recommender has its own score scale; the median per type keeps it.',
  },
  {
    table: 'recommendation_logs',
    column: 'algorithm_version',
    strategy: { kind: 'constant', value: 'unknown' },
    why: 'A release label cannot be guessed; unknown keeps those impressions countable per version.',
  },
  {
    table: 'search_logs',
    column: 'search_duration_seconds',
    strategy: median('device_type'),
    why: 'Time spent searching depends mostly on the device (typing on a TV is slow).',
  },
];

export const IMPUTATIONS: readonly ColumnImputation[] = DECLARED.map((imp) => ({ ...imp, key: contractFor(imp.table).primaryKey }));

export function imputationFor(table: string, column: string): ColumnImputation {
  const found = IMPUTATIONS.find((i) => i.table === table && i.column === column);
  if (!found) throw new Error(`No imputation strategy for ${table}.${column} (see src/silver/imputation-strategies.ts)`);
  return found;
}

/** Is the column a number (numeric error metrics) or a category (accuracy)? From the contract. */
export function isNumeric(imp: ColumnImputation): boolean {
  const type = columnOf(imp.table, imp.column).type;
  return type === 'integer' || type === 'float';
}

/** Name of the joined column holding the column's median within the row's group, or over all rows. */
function medianColumn(imp: ColumnImputation, scope: 'group' | 'all'): string {
  return `_median_${scope}_${imp.column}`;
}

function groupsOf(imp: ColumnImputation): readonly string[] | undefined {
  return imp.strategy.kind === 'group_median' ? imp.strategy.groupBy : undefined;
}

/**
 * FROM-clause text: `relation` with the medians every median strategy among `imps` needs joined in
 * (a grouped aggregate per group median, matched NULL-safely on the group columns like a window
 * partition, and a one-row aggregate for the overall median). Grouped aggregates joined back cost a
 * small fraction of median() OVER (PARTITION BY ...), which sorts the whole wide relation once per
 * partition spec. `relation` must be a plain name (a CTE or table) without an alias.
 */
export function imputationMediansFrom(imps: readonly ColumnImputation[], relation: string): string {
  let from = relation;
  for (const imp of imps) {
    const groups = groupsOf(imp);
    if (!groups) continue;
    const col = imp.column;
    if (groups.length > 0) {
      const alias = `_mg_${col}`;
      const keys = groups.map((g, i) => `${g} AS ${alias}_k${i}`).join(', ');
      const on = groups.map((g, i) => `{{ null_safe_eq(${alias}.${alias}_k${i}, ${relation}.${g}) }}`).join(' AND ');
      from += `\n    LEFT JOIN (SELECT ${keys}, {{ median(${col}) }} AS ${medianColumn(imp, 'group')} FROM ${relation} GROUP BY ${groups.join(', ')}) ${alias} ON ${on}`;
    }
    from += `\n    CROSS JOIN (SELECT {{ median(${col}) }} AS ${medianColumn(imp, 'all')} FROM ${relation}) _ma_${col}`;
  }
  return from;
}

/**
 * The filled value of a column as SQL over the row. Median strategies read the median columns that
 * imputationMediansFrom joins in, so the row's relation must be that FROM clause. The text may
 * contain dialect macros, which the model compiler expands after this one.
 */
export function imputeSql(imp: ColumnImputation): string {
  const col = imp.column;
  const s = imp.strategy;
  const medians = () =>
    groupsOf(imp)!.length > 0 ? `${medianColumn(imp, 'group')}, ${medianColumn(imp, 'all')}` : medianColumn(imp, 'all');
  let fill: string;
  switch (s.kind) {
    case 'leave_blank':
      return col;
    case 'constant':
      fill = literal(s.value);
      break;
    case 'group_median':
      fill = s.derived ? `COALESCE(${s.derived}, ${medians()})` : `COALESCE(${medians()})`;
      break;
  }
  if (imp.integer) fill = `CAST(round(${fill}) AS BIGINT)`;
  else if (isNumeric(imp)) fill = `CAST(${fill} AS DOUBLE)`;
  return `(CASE WHEN ${flagSql(imp)} THEN ${fill} ELSE ${col} END)`;
}

/** True where the column is blank where it applies: filled (or, for leave_blank, still missing). */
export function flagSql(imp: ColumnImputation): string {
  return imp.applicableWhen ? `(${imp.column} IS NULL AND ${imp.applicableWhen})` : `(${imp.column} IS NULL)`;
}

/** Name of the indicator column: <column>_was_imputed, or <column>_is_missing when left blank. */
export function flagColumn(imp: ColumnImputation): string {
  return imp.strategy.kind === 'leave_blank' ? `${imp.column}_is_missing` : `${imp.column}_was_imputed`;
}

export function describeStrategy(imp: ColumnImputation): string {
  const s = imp.strategy;
  const where = imp.applicableWhen ? ` where ${imp.applicableWhen}` : '';
  switch (s.kind) {
    case 'leave_blank':
      return 'leave_blank';
    case 'constant':
      return `constant '${s.value}'${where}`;
    case 'group_median':
      if (s.derived) return `derived (${s.derived}) else median by ${s.groupBy.join(', ')}${where}`;
      return (s.groupBy.length ? `median by ${s.groupBy.join(', ')}` : 'median') + where;
  }
}

/** Every column the strategy's SQL reads (the column itself, its groups and other inputs). */
export function columnsRead(imp: ColumnImputation): string[] {
  const groups = 'groupBy' in imp.strategy ? imp.strategy.groupBy : [];
  return [...new Set([imp.column, ...groups, ...(imp.reads ?? [])])];
}
