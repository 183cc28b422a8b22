// Whole failing rows of a check (every column), for the report: the check's own failing predicate
// (compileCheck) over its table. Personal columns (the contracts' `pii`) never show their values:
// the caller's pseudonymiser turns them into the keyed pseudonym silver would give them (so a reader
// can find the account in silver), and without one they are masked.
import type { Engine } from '../../engine/engine.js';
import { tableExists } from '../../engine/catalog.js';
import { isPiiColumn, maskFor } from '../../contracts/pii.js';
import { CHECKED_ROW, compileCheck, SAMPLE_SIZE, TABLE_LEVEL_KINDS } from '../compile-check.js';
import type { CheckDefinition } from '../check.js';

/** Longest text shown in one cell of a failing row. */
export const FAILING_CELL_MAX_CHARS = 120;

/** The value of a personal column as silver pseudonymises it (column as in the source, e.g. 'email'). */
export type Pseudonymiser = (column: string, value: string) => string;

export interface FailingRows {
  columns: string[];
  rows: string[][];
  /** How personal columns were hidden: 'pseudonymised' (keyed, as silver), 'masked', or absent when the table has none. */
  personalData?: 'pseudonymised' | 'masked';
  /** Why no rows are shown although the check failed (e.g. a drop check moved them to quarantine). */
  note?: string;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
        : String(value);
  return text.length > FAILING_CELL_MAX_CHARS ? `${text.slice(0, FAILING_CELL_MAX_CHARS)}…` : text;
}

/** Up to SAMPLE_SIZE whole rows failing `check`, or undefined for table-level kinds and missing tables. */
export async function failingRows(engine: Engine, check: CheckDefinition, pseudonymise?: Pseudonymiser): Promise<FailingRows | undefined> {
  if (TABLE_LEVEL_KINDS.includes(check.kind) || check.kind === 'conservation' || check.kind === 'quarantine_share') return undefined;
  if (!(await tableExists(engine, check.dataset))) return undefined;
  if (check.action === 'drop') {
    return { columns: [], rows: [], note: `a drop check: its failing rows were moved to quarantine.${check.dataset.split('.')[1]}` };
  }
  const predicate = compileCheck(check, engine.dialect).failingPredicate;
  const names = (await engine.listColumns(check.dataset)).map((c) => c.column_name);
  // Ordered by every column, so copies of one key come out in the same order on every engine.
  const order = names.map((_, i) => String(i + 1)).join(', ');
  const rows = await engine.query(
    `SELECT * FROM ${check.dataset} AS ${CHECKED_ROW} WHERE ${predicate} ORDER BY ${order} LIMIT ${SAMPLE_SIZE}`,
  );
  const personal = names.filter((n) => isPiiColumn(check.dataset, n));
  const hide = (column: string, value: unknown): string => {
    if (value === null || value === undefined || String(value).trim() === '') return '';
    return pseudonymise ? pseudonymise(column, String(value)) : maskFor(column);
  };
  return {
    columns: names.map((n) => (personal.includes(n) ? `${n} (${pseudonymise ? 'pseudonym' : 'masked'})` : n)),
    rows: rows.map((r) => names.map((n) => (personal.includes(n) ? hide(n, r[n]) : cellText(r[n])))),
    ...(personal.length > 0 ? { personalData: pseudonymise ? ('pseudonymised' as const) : ('masked' as const) } : {}),
  };
}
