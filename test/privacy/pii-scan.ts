// Finds raw personal data of an input set in places it must never reach: warehouse tables outside
// bronze and quarantine, report files, API responses, a run's output. The needles come from the
// input users.csv (the PII columns the contract marks); a finding names where it was seen.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contractFor } from '../../src/contracts/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { splitCsvLine } from '../../src/contracts/csv-line.js';

export interface PiiNeedles {
  /** Lower-cased emails: distinctive enough to search as substrings anywhere. */
  emails: Set<string>;
  /** "First Last" as written in the input. */
  fullNames: Set<string>;
  /** First and last names of 4+ characters, matched only as whole values (cells, JSON strings, HTML text). */
  names: Set<string>;
}

/**
 * Needles from the users.csv of an input folder. A name that is also the whole value of a
 * non-personal field anywhere in the input (first name 'Virginia' and the state Virginia, a last
 * name that is also a city) cannot be told apart from that value, so it is left out of `names` and
 * counted in `ambiguous`; emails and full names are always kept.
 */
export function needlesFromInput(dir: string): PiiNeedles & { ambiguous: Set<string> } {
  const needles = needlesFromUsersCsv(join(dir, 'users.csv'));
  const ordinary = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    const table = name.replace(/\.csv$/, '');
    const [header, ...lines] = readFileSync(join(dir, name), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.length > 0);
    const columns = splitCsvLine(header);
    const pii = new Set(
      table === 'users'
        ? contractFor('users')
            .columns.filter((c) => c.pii)
            .map((c) => c.name)
        : [],
    );
    for (const line of lines)
      splitCsvLine(line).forEach((v, i) => {
        if (!pii.has(columns[i])) ordinary.add(v.trim());
      });
  }
  const ambiguous = new Set([...needles.names].filter((n) => ordinary.has(n)));
  for (const n of ambiguous) needles.names.delete(n);
  return { ...needles, ambiguous };
}

export function needlesFromUsersCsv(file: string): PiiNeedles {
  const [header, ...lines] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const columns = splitCsvLine(header);
  const pii = contractFor('users')
    .columns.filter((c) => c.pii)
    .map((c) => c.name);
  const at = (name: string) => columns.indexOf(name);
  if (!pii.includes('email') || at('email') < 0 || at('first_name') < 0 || at('last_name') < 0)
    throw new Error('users.csv lacks the PII columns');
  const needles: PiiNeedles = { emails: new Set(), fullNames: new Set(), names: new Set() };
  for (const line of lines) {
    const f = splitCsvLine(line);
    const email = f[at('email')]?.trim().toLowerCase();
    const first = f[at('first_name')]?.trim();
    const last = f[at('last_name')]?.trim();
    if (email) needles.emails.add(email);
    if (first && last) needles.fullNames.add(`${first} ${last}`);
    for (const n of [first, last]) if (n && n.length >= 4) needles.names.add(n);
  }
  return needles;
}

export interface Finding {
  where: string;
  value: string;
}

/** Every string inside a JSON value (keys and values). */
function* jsonStrings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* jsonStrings(v);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* jsonStrings(v);
    }
  }
}

/** Substring search for emails and full names in free text (logs, HTML, any file). */
export function scanText(text: string, needles: PiiNeedles, where: string): Finding[] {
  const found: Finding[] = [];
  const lower = text.toLowerCase();
  // Candidate emails by shape, then membership: linear in the text, not in the number of needles.
  for (const m of lower.matchAll(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g))
    if (needles.emails.has(m[0])) found.push({ where, value: m[0] });
  for (const full of needles.fullNames) if (text.includes(full)) found.push({ where, value: full });
  return found;
}

/** A single value (table cell, JSON string, HTML text node): exact names, or any email/full name inside. */
export function scanValue(value: string, needles: PiiNeedles, where: string): Finding[] {
  const trimmed = value.trim();
  const found = scanText(value, needles, where);
  if (needles.names.has(trimmed)) found.push({ where, value: trimmed });
  // A value that is itself JSON (top values, samples, metadata) is searched value by value too.
  if (/^[[{]/.test(trimmed)) {
    try {
      for (const s of jsonStrings(JSON.parse(trimmed))) if (s !== value) found.push(...scanValue(s, needles, where));
    } catch {
      /* not JSON */
    }
  }
  return found;
}

export function scanJson(value: unknown, needles: PiiNeedles, where: string): Finding[] {
  return [...jsonStrings(value)].flatMap((s) => scanValue(s, needles, where));
}

/** Text nodes and attribute values of an HTML document, plus its embedded JSON blocks. */
export function scanHtml(html: string, needles: PiiNeedles, where: string): Finding[] {
  const found = scanText(html, needles, where);
  for (const m of html.matchAll(/>([^<]+)</g)) {
    const text = m[1].replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');
    found.push(...scanValue(text, needles, where));
  }
  for (const m of html.matchAll(/="([^"]*)"/g)) found.push(...scanValue(m[1], needles, where));
  return found;
}

/** Every file under `dir` (recursively): JSON parsed, HTML by text node, anything else as text. */
export function scanFiles(dir: string, needles: PiiNeedles): { files: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      files++;
      const text = readFileSync(path, 'utf8');
      const where = relative(dir, path);
      if (name.endsWith('.json')) findings.push(...scanJson(JSON.parse(text), needles, where), ...scanText(text, needles, where));
      else if (name.endsWith('.html')) findings.push(...scanHtml(text, needles, where));
      else findings.push(...scanText(text, needles, where));
    }
  };
  walk(dir);
  return { files, findings };
}

/** Every string cell of every table outside bronze and quarantine. */
export async function scanTables(engine: Engine, needles: PiiNeedles): Promise<{ tables: string[]; findings: Finding[] }> {
  const tables = (await engine.listTables())
    .filter((t) => !['bronze', 'quarantine'].includes(t.table_schema))
    .map((t) => `${t.table_schema}.${t.table_name}`);
  const findings: Finding[] = [];
  for (const table of tables) {
    const textColumns = (await engine.listColumns(table)).filter((c) => /VARCHAR|JSON|STRING|\[\]|STRUCT|MAP/.test(c.data_type));
    if (textColumns.length === 0) continue;
    const rows = await engine.query(
      `SELECT ${textColumns.map((c) => `CAST("${c.column_name}" AS VARCHAR) AS "${c.column_name}"`).join(', ')} FROM ${table}`,
    );
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string') findings.push(...scanValue(value, needles, `${table}.${column}`));
      }
    }
  }
  return { tables, findings };
}

/** Findings grouped by place, for a readable assertion message. */
export function summarise(findings: readonly Finding[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of findings) {
    const list = (out[f.where] ??= []);
    if (list.length < 5 && !list.includes(f.value)) list.push(f.value);
  }
  return out;
}
