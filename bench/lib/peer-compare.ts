// Table-by-table comparison of a Marquee warehouse with the Polars peer's Parquet output
// (bench/peers/polars_pipeline.py): for every table the peer covers, row counts and contents as a
// multiset of rows (doubles rounded to 6 decimals, each peer column cast to Marquee's type), plus
// the list of Marquee tables the peer does not cover, so nothing is skipped silently.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { warehouseDbPath } from '../../src/warehouse/layout.js';
import { copyWarehouse } from './warehouse-copy.js';

/** Columns that name a run or a load (batch ids, file paths, load times, Marquee's own row hash), never compared. */
export const RUN_SPECIFIC_COLUMNS = ['_batch_id', '_source_file', '_ingested_at', '_row_hash'];

/** meta.dedup_log: the rows logged, without run ids, batch ids and Marquee's row hashes. */
const DEDUP_LOG_COLUMNS = ['dataset', 'key_value', 'dropped_line_number', 'surviving_line_number'];
/**
 * Columns that hold load times, not data, per table: when a file name carries no month, a batch takes
 * effect when it is loaded, so history validity and users snapshots are the moment of each side's load.
 */
export function loadTimeColumns(table: string): string[] {
  if (table.startsWith('silver.') && table.endsWith('_history')) return ['batch_id', 'valid_from', 'valid_to'];
  if (table === 'silver.source_batches') return ['batch_id', 'source_file', 'effective_at', 'loaded_at'];
  if (['gold.kpi_churn_by_month', 'gold.kpi_mrr_movement_by_month', 'gold.kpi_subscriptions_by_export'].includes(table))
    return ['snapshot_month', 'snapshot_at'];
  return [];
}
const QUARANTINE_COLUMNS = ['line_number', 'reason_code'];

export interface TableComparison {
  table: string;
  marqueeRows: number;
  peerRows: number;
  /** Rows (as compared) found only on one side: 0 and 0 means identical contents. */
  onlyInMarquee: number;
  onlyInPeer: number;
  comparedColumns: string[];
  missingInPeer: string[];
  extraInPeer: string[];
  /**
   * Rows that differ only where a double rounds to either side of a 6th-decimal boundary (13.1546875 summed
   * in another order): paired with a peer row equal in every other column and within 1e-6 in each double.
   */
  pairedWithinTolerance: number;
  /** Up to 3 differing rows from each side, as text, to see what differs. */
  examples: string[];
}

export interface PeerComparison {
  tables: TableComparison[];
  /** Marquee tables (bronze, quarantine, silver, gold) the peer does not produce. */
  notCovered: string[];
}

export const sameContents = (t: TableComparison) =>
  t.onlyInMarquee === 0 && t.onlyInPeer === 0 && t.missingInPeer.length === 0 && t.extraInPeer.length === 0 && t.marqueeRows === t.peerRows;

/** Doubles already rounded to 6 decimals may still differ by one unit in the 6th decimal when the exact value sat on a rounding boundary. */
const ROUNDING_SLACK = 1e-6 + 1e-9;

/**
 * How many rows of `left` pair one to one with a row of `right` that is equal in every column except
 * the doubles, which may differ by one unit in the 6th decimal. Pairs are removed as they are found.
 */
export function pairWithinTolerance(left: Record<string, unknown>[], right: Record<string, unknown>[], doubles: readonly string[]): number {
  const text = (row: Record<string, unknown>) =>
    JSON.stringify(
      Object.entries(row).filter(([k]) => !doubles.includes(k)),
      (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
    );
  const pool = new Map<string, Record<string, unknown>[]>();
  for (const row of right) pool.set(text(row), [...(pool.get(text(row)) ?? []), row]);
  let paired = 0;
  for (const row of left) {
    const candidates = pool.get(text(row)) ?? [];
    const i = candidates.findIndex((c) =>
      doubles.every((d) => {
        const [a, b] = [row[d], c[d]];
        return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= ROUNDING_SLACK);
      }),
    );
    if (i >= 0) {
      candidates.splice(i, 1);
      paired++;
    }
  }
  return paired;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function comparePeer(warehouse: string, peerDir: string, covered: Record<string, string[]>): Promise<PeerComparison> {
  const engine = await DuckDbEngine.open({ path: warehouseDbPath(copyWarehouse(warehouse, 'marquee-peer-compare-')) });
  try {
    const tables: TableComparison[] = [];
    const coveredNames = Object.entries(covered).flatMap(([schema, names]) => names.map((n) => `${schema}.${n}`));
    const [latest] = await engine.query<{ run_id: string }>(`SELECT run_id FROM meta.runs ORDER BY started_at DESC LIMIT 1`);
    for (const name of coveredNames) {
      const [schema, table] = name.split('.');
      const parquet = join(peerDir, `${name}.parquet`);
      if (!existsSync(parquet)) throw new Error(`the peer wrote no ${parquet}`);
      const marqueeColumns = (
        await engine.query<{ c: string; ty: string }>(
          `SELECT column_name AS c, data_type AS ty FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table}' ORDER BY ordinal_position`,
        )
      ).filter((r) => !RUN_SPECIFIC_COLUMNS.includes(r.c) && !loadTimeColumns(name).includes(r.c));
      if (marqueeColumns.length === 0) throw new Error(`Marquee's warehouse has no table ${name}`);
      const peerColumns = (await engine.query<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).map(
        (r) => r.column_name,
      );
      const chosen = schema === 'quarantine' ? QUARANTINE_COLUMNS : name === 'meta.dedup_log' ? DEDUP_LOG_COLUMNS : undefined;
      const wanted = chosen ? marqueeColumns.filter((c) => chosen.includes(c.c)) : marqueeColumns;
      const missingInPeer = wanted.map((c) => c.c).filter((c) => !peerColumns.includes(c));
      const extraInPeer = chosen
        ? []
        : peerColumns.filter((c) => !loadTimeColumns(name).includes(c) && !marqueeColumns.some((m) => m.c === c));
      const both = wanted.filter((c) => peerColumns.includes(c.c));
      const canon = (ty: string, expr: string) =>
        ty === 'DOUBLE' || ty === 'FLOAT' ? `round(CAST(${expr} AS DOUBLE), 6)` : `CAST(${expr} AS ${ty})`;
      const select = both.map((c) => `${canon(c.ty, q(c.c))} AS ${q(c.c)}`).join(', ');
      const marqueeWhere = name === 'meta.dedup_log' ? `WHERE run_id = '${latest.run_id}'` : '';
      const m = `(SELECT ${select} FROM ${schema}.${q(table)} ${marqueeWhere})`;
      const p = `(SELECT ${select} FROM read_parquet('${parquet}'))`;
      const n = async (from: string) => Number((await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${from} x`))[0].n);
      const onlyM = `(SELECT * FROM ${m} EXCEPT ALL SELECT * FROM ${p})`;
      const onlyP = `(SELECT * FROM ${p} EXCEPT ALL SELECT * FROM ${m})`;
      let [onlyInMarquee, onlyInPeer] = [await n(onlyM), await n(onlyP)];
      let pairedWithinTolerance = 0;
      if (onlyInMarquee > 0 && onlyInPeer > 0 && onlyInMarquee + onlyInPeer <= 4000) {
        const doubles = both.filter((c) => c.ty === 'DOUBLE' || c.ty === 'FLOAT').map((c) => c.c);
        const [left, right] = [await engine.query(`SELECT * FROM ${onlyM} x`), await engine.query(`SELECT * FROM ${onlyP} x`)];
        pairedWithinTolerance = pairWithinTolerance(left, right, doubles);
        onlyInMarquee -= pairedWithinTolerance;
        onlyInPeer -= pairedWithinTolerance;
      }
      const examples: string[] = [];
      for (const [side, from, count] of [
        ['marquee', onlyM, onlyInMarquee],
        ['peer', onlyP, onlyInPeer],
      ] as const) {
        if (count === 0) continue;
        for (const row of await engine.query(`SELECT * FROM ${from} x ORDER BY ALL LIMIT 3`)) {
          examples.push(`${side}: ${JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))}`);
        }
      }
      tables.push({
        table: name,
        marqueeRows: await n(m),
        peerRows: await n(p),
        onlyInMarquee,
        onlyInPeer,
        pairedWithinTolerance,
        comparedColumns: both.map((c) => c.c),
        missingInPeer,
        extraInPeer,
        examples,
      });
    }
    const all = await engine.query<{ s: string; t: string }>(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_schema IN ('bronze', 'quarantine', 'silver', 'gold') AND table_name NOT LIKE '%__tmp_%' ORDER BY 1, 2`);
    const notCovered = all.map((r) => `${r.s}.${r.t}`).filter((t) => !coveredNames.includes(t));
    return { tables, notCovered };
  } finally {
    await engine.close();
  }
}
