// `marquee generate --snapshots N`: the data set as periodic exports instead of one file per table.
// users.csv becomes N monthly exports (users_2025_07.csv ... for the N months before the as-of
// month), each holding the accounts created by the end of its month as they were then; the last
// export is users.csv itself, so silver (the latest version of each account) is the same as with one
// file. Earlier states are drawn per account from a stream seeded by the seed and the account id
// (copies of a row in the duplicate block get the same earlier states, so they stay exact re-sends):
//   - an inactive account churned before the first export (60%) or in one of the later months;
//   - 3% of active accounts were inactive at the exports before a month (reactivated then);
//   - 8% changed plan in one of the later months (upgrade or downgrade by one plan; spend before the
//     change scaled by the plans' price ratio);
//   - 10% changed spend by 5-20% in one of the later months, plan unchanged.
// Event files are split by their event date into the same months (<table>_2025_07.csv holds every
// event up to the end of July, the next files one month each); movies.csv stays one file.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BufferedFile } from './output.js';
import { CONTRACTS, contractFor } from '../contracts/index.js';
import type { SourceTableName } from '../contracts/types.js';
import { decimalText, boolText } from './format.js';
import { Rng } from './rng.js';

/** Plans from cheapest to dearest, with the list price used to scale spend across a plan change. */
const PLAN_LADDER: readonly { plan: string; price: number }[] = [
  { plan: 'Basic', price: 8.99 },
  { plan: 'Standard', price: 13.99 },
  { plan: 'Premium', price: 17.99 },
  { plan: 'Premium+', price: 22.99 },
];
export const SNAPSHOT_RATES = { churnedBeforeFirst: 0.6, reactivated: 0.03, planChange: 0.08, spendChange: 0.1 } as const;

export interface SnapshotMonth {
  /** File suffix, e.g. '2025_07'. */
  label: string;
  /** Last day of the month, 'YYYY-MM-DD'. */
  lastDay: string;
}

/** The `count` calendar months before the as-of date's month, oldest first. */
export function snapshotMonths(asOfDate: string, count: number): SnapshotMonth[] {
  const [year, month] = asOfDate.split('-').map(Number);
  const months: SnapshotMonth[] = [];
  for (let back = count; back >= 1; back--) {
    const first = new Date(Date.UTC(year, month - 1 - back, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    months.push({
      label: `${first.getUTCFullYear()}_${String(first.getUTCMonth() + 1).padStart(2, '0')}`,
      lastDay: last.toISOString().slice(0, 10),
    });
  }
  return months;
}

/** Fields of one CSV line as their raw text (quotes kept), so a line is rebuilt byte for byte. */
export function rawFields(line: string): string[] {
  const fields: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(line.slice(start, i));
      start = i + 1;
    }
  }
  fields.push(line.slice(start));
  return fields;
}

/** One account's state at each export (index 0 = oldest), or undefined where it did not exist yet. */
export function accountHistory(fields: string[], months: readonly SnapshotMonth[], seed: number): (string[] | undefined)[] {
  const at = columnIndexes();
  const rng = new Rng(seed, `snapshots:${fields[at.user_id]}`);
  const n = months.length;
  // The month index from which the final state holds (1..n-1); before it, the earlier state.
  const changeAt = () => 1 + rng.int(Math.max(1, n - 1));
  const active = fields[at.is_active] === boolText(true);
  const spend = fields[at.monthly_spend] === '' ? undefined : Number(fields[at.monthly_spend]);
  const plan = PLAN_LADDER.findIndex((p) => p.plan === fields[at.subscription_plan]);

  const activeFrom: number | undefined = active && rng.bool(SNAPSHOT_RATES.reactivated) ? changeAt() : undefined;
  const churnedAt: number | undefined = !active ? (rng.bool(SNAPSHOT_RATES.churnedBeforeFirst) ? 0 : changeAt()) : undefined;
  let planChange: { at: number; plan: number } | undefined;
  if (plan >= 0 && rng.bool(SNAPSHOT_RATES.planChange)) {
    const other = plan === 0 ? 1 : plan === PLAN_LADDER.length - 1 ? plan - 1 : plan + (rng.bool(0.5) ? 1 : -1);
    planChange = { at: changeAt(), plan: other };
  }
  const spendChange = rng.bool(SNAPSHOT_RATES.spendChange)
    ? { at: changeAt(), factor: 1 + (rng.bool(0.5) ? 1 : -1) * rng.uniform(0.05, 0.2) }
    : undefined;

  const created = fields[at.created_at].slice(0, 10);
  return months.map((month, k) => {
    // The last export is the file as generated: every account, its final state.
    if (k === n - 1) return fields;
    if (created > month.lastDay) return undefined;
    const row = [...fields];
    if (churnedAt !== undefined) row[at.is_active] = boolText(k < churnedAt);
    if (activeFrom !== undefined) row[at.is_active] = boolText(k >= activeFrom);
    let value = spend;
    if (planChange && k < planChange.at) {
      row[at.subscription_plan] = PLAN_LADDER[planChange.plan].plan;
      if (value !== undefined) value = (value * PLAN_LADDER[planChange.plan].price) / PLAN_LADDER[plan].price;
    }
    if (spendChange && k < spendChange.at && value !== undefined) value = value / spendChange.factor;
    if (value !== undefined && value !== spend) row[at.monthly_spend] = decimalText(value, 2);
    return row;
  });
}

let indexes: Record<'user_id' | 'is_active' | 'monthly_spend' | 'subscription_plan' | 'created_at', number> | undefined;
function columnIndexes() {
  if (!indexes) {
    const names = contractFor('users').columns.map((c) => c.name);
    const at = (name: string) => names.indexOf(name);
    indexes = {
      user_id: at('user_id'),
      is_active: at('is_active'),
      monthly_spend: at('monthly_spend'),
      subscription_plan: at('subscription_plan'),
      created_at: at('created_at'),
    };
  }
  return indexes;
}

/**
 * Field `k` of a CSV line as its raw text, found by commas alone when no quote comes before its end
 * (the common case: quoted fields are rare); otherwise, or when the line has fewer fields, as
 * rawFields reads it.
 */
export function rawField(line: string, k: number): string | undefined {
  let start = 0;
  for (let i = 0; i < k; i++) {
    const comma = line.indexOf(',', start);
    if (comma === -1) return rawFields(line)[k];
    start = comma + 1;
  }
  const comma = line.indexOf(',', start);
  const end = comma === -1 ? line.length : comma;
  const quote = line.indexOf('"');
  return quote !== -1 && quote < end ? rawFields(line)[k] : line.slice(start, end);
}

/**
 * The lines of a text as a line reader gives them: split at \n, \r\n and a lone \r. `rest` is the
 * unfinished last line, carried into the next chunk.
 */
function completeLines(text: string, emit: (line: string) => void): string {
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    const line = text.slice(start, text.charCodeAt(nl - 1) === 13 && nl > start ? nl - 1 : nl);
    if (line.includes('\r')) for (const part of line.split('\r')) emit(part);
    else emit(line);
    start = nl + 1;
  }
  return text.slice(start);
}

/**
 * Split `<dir>/<table>.csv` into one file per month; `route` picks the file(s) of each data line.
 * Read in 1 MB chunks and written through BufferedFile (one write per ~256 KB, not one awaited
 * write per line: that was most of the split's time, and the split most of `--snapshots`).
 */
async function splitFile(
  dir: string,
  table: string,
  months: readonly SnapshotMonth[],
  route: (line: string) => (string | undefined)[],
): Promise<string[]> {
  const source = join(dir, `${table}.csv`);
  const names = months.map((m) => `${table}_${m.label}.csv`);
  // Bytes in = bytes out: read and write as latin1, whatever the text holds.
  const outputs = names.map((name) => new BufferedFile(join(dir, name), 'latin1'));
  let header = true;
  let full = false;
  const emit = (line: string) => {
    if (header) {
      for (const out of outputs) out.add(`${line}\n`);
      header = false;
      return;
    }
    if (line === '') return;
    const perFile = route(line);
    for (let k = 0; k < perFile.length; k++) {
      const text = perFile[k];
      if (text !== undefined && outputs[k].add(`${text}\n`)) full = true;
    }
  };
  let rest = '';
  for await (const chunk of createReadStream(source, { encoding: 'latin1', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    rest = completeLines(rest + chunk, emit);
    if (full) {
      for (const out of outputs) await out.flush();
      full = false;
    }
  }
  // A last line without a line feed is still a line.
  if (rest !== '') for (const part of rest.split('\r')) emit(part);
  for (const out of outputs) await out.close();
  await rm(source);
  return names;
}

/** The tables `--snapshots` splits by month: users (account states per export) and every table with an event date. */
export const MONTHLY_TABLES: readonly SourceTableName[] = CONTRACTS.filter((c) => c.name === 'users' || c.eventDateColumn).map(
  (c) => c.name,
);

/**
 * Replace `<table>.csv` in `dir` by its monthly files (users as account states per export, an event
 * table by event date); each table is split on its own, so a table can be split as soon as it is written.
 */
export async function splitTable(dir: string, table: SourceTableName, months: readonly SnapshotMonth[], seed: number): Promise<string[]> {
  if (table === 'users')
    return splitFile(dir, 'users', months, (line) => accountHistory(rawFields(line), months, seed).map((row) => row?.join(',')));
  const contract = contractFor(table);
  if (!contract.eventDateColumn) throw new Error(`splitTable: ${table} has no event date to split by`);
  const dateAt = contract.columns.findIndex((c) => c.name === contract.eventDateColumn);
  return splitFile(dir, table, months, (line) => {
    const day = rawField(line, dateAt)!.slice(0, 10);
    // The first export holds everything up to its month's end; later ones a month each; any
    // event after the last month (or undated) goes to the last.
    let k = months.findIndex((m) => day !== '' && day <= m.lastDay);
    if (k === -1) k = months.length - 1;
    return months.map((_, i) => (i === k ? line : undefined));
  });
}
