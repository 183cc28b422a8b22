// Runs checks against the warehouse: one scan per table for the counts of all its checks, one
// meta.check_results row per check.
// `drop` checks additionally move failing rows of a freshly built temp table to quarantine before
// the runner swaps it in, so nothing a rule rejects is lost.
import { isPiiColumn, maskFor } from '../contracts/pii.js';
import type { Engine } from '../engine/engine.js';
import { raw, sql, type SqlQuery } from '../engine/sql.js';
import { ensureWarehouse, QUARANTINE_COLUMNS } from '../warehouse/schema.js';
import type { CheckDefinition, CheckResult } from './check.js';
import { CHECKED_ROW, compileCheck, fillNames, SAMPLE_SIZE, type CompiledCheck } from './compile-check.js';

export { compileCheck, TABLE_LEVEL_KINDS, SAMPLE_SIZE, type CompiledCheck, type CompileCheckOptions } from './compile-check.js';

export interface RunChecksOptions {
  runId: string;
  layer: string;
  /** Read this table instead of each check's dataset (the runner's temp table); results still name the dataset. */
  table?: string;
}

interface CountRow {
  passed_records: number;
  failed_records: number;
  check_passed: boolean;
  [key: string]: unknown;
}

/** Column names of a table, in order, or [] when it has no rows (then no sample is needed). */
async function firstColumn(engine: Engine, table: string): Promise<string | undefined> {
  const rows = await engine.query(`SELECT * FROM ${table} LIMIT 1`);
  return rows.length > 0 ? Object.keys(rows[0])[0] : undefined;
}

/** Engines whose meta tables exist already (checks run many times per run; the DDL once is enough). */
const warehouseReady = new WeakSet<Engine>();

/**
 * Record the results in meta.check_results, one row per check, in one multi-row INSERT (a statement
 * per check costs more than the checks themselves on small tables).
 */
async function recordResults(engine: Engine, entries: ReadonlyArray<{ result: CheckResult; check: CheckDefinition }>): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(
    ({ result, check }) => sql`(${result.runId}, ${result.layer}, ${result.dataset}, ${result.check}, ${result.kind},
      ${check.column ?? null}, ${result.action}, ${check.reasonCode}, ${result.passedRecords}, ${result.failedRecords}, ${result.passed},
      ${JSON.stringify(result.sample)}, current_timestamp)`,
  );
  await engine.exec(sql`INSERT INTO meta.check_results
    (run_id, layer, dataset, check_name, kind, column_name, action, reason_code, passed_records, failed_records, passed, sample, checked_at)
    VALUES ${sqlList(rows)}`);
}

/** Join bound SQL fragments with commas, keeping their parameters. */
function sqlList(parts: readonly SqlQuery[]): SqlQuery {
  return parts.reduce((acc, part, i) => (i === 0 ? part : sql`${acc}, ${part}`));
}

/**
 * Counts of every check: the checks whose counts are plain aggregates of their table (all kinds
 * but distribution_drift) are evaluated together, one scan per table with three columns per check;
 * the others run their own query. Same numbers as running each failedCountSql alone.
 */
async function countAll(engine: Engine, compiled: readonly CompiledCheck[], tables: readonly string[]): Promise<CountRow[]> {
  const counts: CountRow[] = new Array(compiled.length);
  const batches = new Map<string, number[]>();
  compiled.forEach((c, i) => {
    if (!c.countAggregates) return;
    const batch = batches.get(tables[i]) ?? [];
    batch.push(i);
    batches.set(tables[i], batch);
  });
  for (const [table, indexes] of batches) {
    // Inner query: every check's aggregates once (named c<i>_<name>); outer: the three results.
    const inner = indexes.flatMap((i) =>
      Object.entries(compiled[i].countAggregates!.aggregates).map(([name, agg]) => `${agg} AS c${i}_${name}`),
    );
    const columns = indexes.flatMap((i) => {
      const a = compiled[i].countAggregates!;
      const fill = (e: string) => fillNames(e, `c${i}_`);
      return [`${fill(a.passedRecords)} AS p${i}`, `${fill(a.failedRecords)} AS f${i}`, `${fill(a.checkPassed)} AS ok${i}`];
    });
    const [row] = await engine.query(
      `SELECT ${columns.join(',\n  ')}\nFROM (SELECT ${inner.join(',\n  ')} FROM ${table} AS ${CHECKED_ROW}) t`,
    );
    for (const i of indexes)
      counts[i] = {
        passed_records: row[`p${i}`] as number,
        failed_records: row[`f${i}`] as number,
        check_passed: row[`ok${i}`] as boolean,
      };
  }
  for (const [i, c] of compiled.entries()) {
    if (!c.countAggregates) [counts[i]] = await engine.query<CountRow>(c.failedCountSql);
  }
  return counts;
}

/** Run the checks (counts in one scan per table, a sample for each failed one) and record one meta.check_results row each. */
export async function runChecks(engine: Engine, checks: readonly CheckDefinition[], options: RunChecksOptions): Promise<CheckResult[]> {
  if (!warehouseReady.has(engine)) {
    await ensureWarehouse(engine);
    warehouseReady.add(engine);
  }
  const keyByTable = new Map<string, string | undefined>();
  const tables = checks.map((check) => options.table ?? check.dataset);
  const compiled: CompiledCheck[] = [];
  for (const [i, check] of checks.entries()) {
    const table = tables[i];
    if (!keyByTable.has(table)) keyByTable.set(table, await firstColumn(engine, table));
    compiled.push(compileCheck(check, engine.dialect, { table, keyColumn: keyByTable.get(table) }));
  }
  const counts = await countAll(engine, compiled, tables);
  const entries: Array<{ result: CheckResult; check: CheckDefinition }> = [];
  for (const [i, check] of checks.entries()) {
    const passed = counts[i].check_passed === true;
    // The sample names failing rows by their key column (params.key, else the table's first column);
    // when that column is personal data the values are masked (meta is past bronze).
    const sampleKey = typeof check.params?.key === 'string' ? check.params.key : (keyByTable.get(tables[i]) ?? check.column);
    const masked = sampleKey !== undefined && isPiiColumn(check.dataset, sampleKey);
    const sample = passed
      ? []
      : (await engine.query<{ sample: string | null }>(compiled[i].sampleSql))
          .map((r) => r.sample)
          .filter((s): s is string => s !== null)
          .slice(0, SAMPLE_SIZE)
          .map((s) => (masked ? maskFor(sampleKey) : s));
    const result: CheckResult = {
      runId: options.runId,
      layer: options.layer,
      dataset: check.dataset,
      check: check.name,
      kind: check.kind,
      action: check.action,
      passedRecords: Number(counts[i].passed_records),
      failedRecords: Number(counts[i].failed_records),
      sample,
      passed,
    };
    entries.push({ result, check });
  }
  await recordResults(engine, entries);
  return entries.map((e) => e.result);
}

export interface DropOptions {
  runId: string;
  layer: string;
  /** Source table name: rows go to quarantine.<sourceTable>. */
  sourceTable: string;
}

export interface DropOutcome {
  results: CheckResult[];
  /** Rows moved to quarantine (a row failing several drop checks counts once). */
  quarantined: number;
}

/** Bronze lineage columns carried into quarantine when the table has them. */
const LINEAGE_COLUMNS = { batch_id: '_batch_id', source_file: '_source_file', line_number: '_line_number' } as const;

/**
 * Apply the `drop` checks among `checks` to a freshly built temp table: record each check's counts,
 * copy failing rows into quarantine.<sourceTable> (a row failing several checks goes once, with the
 * first check's reason code, in declaration order), then keep only the passing rows in the temp table.
 * Every drop check is evaluated against the table as built, so the order does not change which rows go.
 */
export async function applyDropChecks(
  engine: Engine,
  tempTable: string,
  checks: readonly CheckDefinition[],
  options: DropOptions,
): Promise<DropOutcome> {
  const dropChecks = checks.filter((c) => c.action === 'drop');
  if (dropChecks.length === 0) return { results: [], quarantined: 0 };
  if (!/^[a-z_][a-z0-9_]*$/.test(options.sourceTable))
    throw new Error(`quarantine table name must be lower case, got '${options.sourceTable}'`);
  const results = await runChecks(engine, dropChecks, { runId: options.runId, layer: options.layer, table: tempTable });
  if (results.every((r) => r.failedRecords === 0)) return { results, quarantined: 0 };

  const quarantine = `quarantine.${options.sourceTable}`;
  await engine.exec(`CREATE TABLE IF NOT EXISTS ${quarantine} (${QUARANTINE_COLUMNS})`);
  const [firstRow] = await engine.query(`SELECT * FROM ${tempTable} LIMIT 1`);
  const present = new Set(Object.keys(firstRow ?? {}));
  const lineage = (target: keyof typeof LINEAGE_COLUMNS, type: string) =>
    present.has(LINEAGE_COLUMNS[target]) ? `CAST(${LINEAGE_COLUMNS[target]} AS ${type})` : `CAST(NULL AS ${type})`;

  const predicates = dropChecks.map((c) => compileCheck(c, engine.dialect, { table: tempTable }).failingPredicate);
  let quarantined = 0;
  for (const [i, check] of dropChecks.entries()) {
    if (results[i].failedRecords === 0) continue;
    const earlier = predicates.slice(0, i);
    const onlyHere = earlier.length === 0 ? predicates[i] : `${predicates[i]} AND NOT (${earlier.join(' OR ')})`;
    const before = await countRows(engine, quarantine);
    await engine.exec(sql`INSERT INTO ${raw(quarantine)}
      (run_id, layer, batch_id, source_file, line_number, raw_line, row_json, reason_code, reason, quarantined_at)
      SELECT ${options.runId}, ${options.layer}, ${raw(lineage('batch_id', 'STRING'))}, ${raw(lineage('source_file', 'STRING'))},
        ${raw(lineage('line_number', 'BIGINT'))}, CAST(NULL AS STRING), ${raw(engine.dialect.row_to_json(CHECKED_ROW))},
        ${check.reasonCode}, ${`${check.name}: ${check.description}`}, current_timestamp
      FROM ${raw(tempTable)} AS ${raw(CHECKED_ROW)} WHERE ${raw(onlyHere)}`);
    quarantined += (await countRows(engine, quarantine)) - before;
  }
  const kept = `${tempTable}__kept`;
  await engine.exec(`DROP TABLE IF EXISTS ${kept}`);
  await engine.exec(`CREATE TABLE ${kept} AS SELECT * FROM ${tempTable} AS ${CHECKED_ROW} WHERE NOT (${predicates.join(' OR ')})`);
  await engine.swapTable(kept, tempTable);
  return { results, quarantined };
}

async function countRows(engine: Engine, table: string): Promise<number> {
  const [row] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}
