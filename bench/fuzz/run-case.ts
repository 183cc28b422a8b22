// One bronze fuzz case: write the mutated file into its own input folder, ingest that one table into
// a fresh in-memory warehouse, and judge the outcome. A case holds when bronze did not crash and
// either refused the file with a clear message (a UserError naming the file) or loaded it with every
// line accounted for: rows read (its own count of non-blank data lines) = rows loaded + rows
// quarantined in meta.ingestions, each quarantined row with a reason.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { loadConfig } from '../../src/config.js';
import { CONTRACTS, type SourceTableName } from '../../src/contracts/index.js';
import { ingestAll } from '../../src/bronze/run.js';
import { UserError } from '../../src/errors.js';
import { sql } from '../../src/engine/sql.js';
import { seededRandom, type Mutation } from './mutations.js';

export interface FuzzCase {
  index: number;
  mutation: Mutation;
  table: string;
  seed: number;
}

export interface FuzzOutcome {
  case: string;
  held: boolean;
  /** 'refused' (clear error), 'loaded' (rows accounted for), or what went wrong. */
  outcome: 'refused' | 'loaded' | 'crashed' | 'not-conserved' | 'unclear-message';
  detail: string;
  seconds: number;
}

/** Non-blank lines after the header, counted on the bytes (LF or CRLF ends; a last line without LF counts). */
export function dataLines(bytes: Buffer): number {
  const text = bytes.toString('latin1');
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls.slice(1).filter((l) => l !== '' && l !== '\r').length;
}

export async function runFuzzCase(baseInput: string, fuzz: FuzzCase, workDir: string): Promise<FuzzOutcome> {
  const contract = CONTRACTS.find((c) => c.name === fuzz.table)!;
  const label = `#${fuzz.index} ${fuzz.mutation.name} on ${contract.file} (seed ${fuzz.seed})`;
  const input = join(workDir, `case-${fuzz.index}`);
  mkdirSync(input, { recursive: true });
  const mutated = fuzz.mutation.apply(readFileSync(join(baseInput, contract.file)), seededRandom(fuzz.seed));
  const path = join(input, contract.file);
  writeFileSync(path, mutated);
  const started = performance.now();
  const engine = await DuckDbEngine.open({ path: ':memory:', threads: 1 });
  const done = (outcome: FuzzOutcome['outcome'], detail: string): FuzzOutcome => ({
    case: label,
    held: outcome === 'refused' || outcome === 'loaded',
    outcome,
    detail: detail.slice(0, 400),
    seconds: (performance.now() - started) / 1000,
  });
  try {
    const config = loadConfig({ input, warehouse: workDir });
    try {
      await ingestAll(engine, config, 'fuzz', { tables: [contract.name as SourceTableName] });
    } catch (error) {
      const message = (error as Error).message;
      if (!(error instanceof UserError)) return done('crashed', `${(error as Error).name}: ${message}`);
      return message.includes(path) ? done('refused', message) : done('unclear-message', message);
    }
    const [row] = await engine.query<{ rows_read: number; rows_loaded: number; rows_quarantined: number }>(
      sql`SELECT rows_read, rows_loaded, rows_quarantined FROM meta.ingestions WHERE dataset = ${`bronze.${contract.name}`}`,
    );
    const read = Number(row.rows_read);
    const accounted = Number(row.rows_loaded) + Number(row.rows_quarantined);
    const expected = dataLines(mutated);
    const [loaded] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM bronze.${contract.name}`);
    const [unexplained] = await engine.query<{ n: number }>(
      `SELECT count(*) AS n FROM quarantine.${contract.name} WHERE reason IS NULL OR reason = '' OR reason_code IS NULL`,
    );
    const figures = `read ${read} (file has ${expected} data lines), loaded ${row.rows_loaded} (table ${loaded.n}), quarantined ${row.rows_quarantined}`;
    if (read !== accounted || read !== expected || Number(loaded.n) !== Number(row.rows_loaded)) return done('not-conserved', figures);
    if (Number(unexplained.n) > 0) return done('unclear-message', `${unexplained.n} quarantined row(s) without a reason; ${figures}`);
    return done('loaded', figures);
  } finally {
    await engine.close();
  }
}
