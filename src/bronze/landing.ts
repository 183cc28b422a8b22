// The landing folder: which files belong to which source table. A table arrives as `<table>.csv`,
// `<table>_*.csv` (e.g. watch_history_2025_10.csv) or any `*.csv` inside a `<table>/` folder; each
// file is one batch, loaded in name order. A CSV file (or a folder) that matches no table is
// "unrecognised": listed in the run output and the quality report, fatal with `marquee run --strict`.
// Other files (ground_truth.json, notes.txt) and hidden entries are not source data and are ignored.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS, type SourceTableName } from '../contracts/index.js';
import { UserError } from '../errors.js';

export interface Landing {
  /** Files per table, in load order (name order of the path relative to the folder). */
  files: Map<SourceTableName, string[]>;
  /** Paths (absolute) of CSV files and folders that match no table. */
  unrecognised: string[];
}

const isCsv = (name: string) => /\.csv$/i.test(name);

/** The table a top-level file name belongs to; the longest matching table name wins. */
export function tableOfFileName(name: string): SourceTableName | undefined {
  if (!isCsv(name)) return undefined;
  const stem = name.slice(0, -4);
  const matches = CONTRACTS.map((c) => c.name).filter((t) => stem === t || stem.startsWith(`${t}_`));
  return matches.sort((a, b) => b.length - a.length)[0];
}

/** Byte order of the path relative to the landing folder: `t.csv` < `t/...` < `t_...`. */
const byName = (a: { rel: string }, b: { rel: string }) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);

export function listLanding(inputDir: string, options: { allowMissing?: boolean } = {}): Landing {
  if (!existsSync(inputDir) || !statSync(inputDir).isDirectory()) {
    // Bronze's planner reports each table's missing file instead; the CLI checks the folder first.
    if (options.allowMissing) return { files: new Map(), unrecognised: [] };
    throw new UserError(
      `input folder ${inputDir} does not exist or is not a folder (generate the default data set with 'marquee generate', or pass --input DIR)`,
    );
  }
  const found = new Map<SourceTableName, { rel: string; path: string }[]>();
  const unrecognised: string[] = [];
  const add = (table: SourceTableName, rel: string, path: string) => {
    const list = found.get(table) ?? [];
    list.push({ rel, path });
    found.set(table, list);
  };
  for (const entry of readdirSync(inputDir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(inputDir, entry.name);
    if (entry.isDirectory()) {
      const table = CONTRACTS.find((c) => c.name === entry.name)?.name;
      if (!table) {
        unrecognised.push(path);
        continue;
      }
      for (const inner of readdirSync(path, { withFileTypes: true })) {
        if (inner.name.startsWith('.') || !inner.isFile() || !isCsv(inner.name)) continue;
        add(table, `${entry.name}/${inner.name}`, join(path, inner.name));
      }
    } else if (entry.isFile() && isCsv(entry.name)) {
      const table = tableOfFileName(entry.name);
      if (table) add(table, entry.name, path);
      else unrecognised.push(path);
    }
  }
  const files = new Map<SourceTableName, string[]>();
  for (const c of CONTRACTS)
    files.set(
      c.name,
      (found.get(c.name) ?? []).sort(byName).map((f) => f.path),
    );
  return { files, unrecognised: unrecognised.sort() };
}

/** The rules in one phrase, for messages. */
export const LANDING_RULE = '<table>.csv, <table>_*.csv or <table>/*.csv';

/** One line naming the unrecognised files (for the run output and --strict). */
export function unrecognisedMessage(inputDir: string, unrecognised: readonly string[]): string {
  return (
    `${unrecognised.length} file(s) in ${inputDir} match no source table and were not loaded: ${unrecognised.join(', ')} ` +
    `(a table's files are named ${LANDING_RULE}; tables: ${CONTRACTS.map((c) => c.name).join(', ')})`
  );
}
