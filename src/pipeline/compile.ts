// Compiles a SQL model's text for one engine: {{ ref('silver.users') }} and {{ source('users') }}
// become quoted table names, {{ macro(args) }} expands from the engine's dialect. Models never
// hand-write schema.table names, and never branch on the engine.
import type { Dialect } from '../engine/dialect.js';

export interface CompiledModel {
  sql: string;
  refs: string[];
  sources: string[];
}

/** Split macro arguments at top-level commas (not inside parentheses or quotes). */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of text) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '' || args.length > 0) args.push(current.trim());
  return args;
}

function unquote(arg: string): string {
  const m = /^'([^']*)'$|^"([^"]*)"$/.exec(arg.trim());
  if (!m) throw new Error(`Expected a quoted name, got ${arg}`);
  return m[1] ?? m[2];
}

/**
 * `silver.users` stays `silver.users`: our schema and table names are plain lower-case words, which
 * every engine accepts unquoted (DuckDB quotes with "", Spark with ``; unquoted needs neither).
 */
export function quoteTable(name: string): string {
  if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Table name '${name}' must be 'schema.table' in lower case`);
  return name;
}

/**
 * Values a model may read with {{ var('name') }}: run settings such as as_of_date, rendered as SQL
 * literals (strings quoted, numbers as is). The runner fills them from the config.
 */
export type ModelVars = Readonly<Record<string, string | number | boolean | (() => string)>>;

function renderVar(vars: ModelVars, name: string, modelName: string): string {
  if (!(name in vars)) throw new Error(`${modelName}: unknown var '${name}' (known: ${Object.keys(vars).join(', ') || 'none'})`);
  // A function is read only when a model uses the var (the pseudonym key: no key file for a model that needs none).
  const given = vars[name];
  const value = typeof given === 'function' ? given() : given;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return "'" + value.replaceAll("'", "''") + "'";
}

/** Extra named macros supplied by the caller, e.g. kpi('completion_rate') from the KPI registry. */
export type ExtraMacros = Readonly<Record<string, (...args: string[]) => string>>;

export function compileModel(
  text: string,
  dialect: Dialect,
  modelName = '<model>',
  vars: ModelVars = {},
  extra: ExtraMacros = {},
): CompiledModel {
  const refs: string[] = [];
  const sources: string[] = [];
  // Innermost first, so a macro argument may itself hold {{ ref(...) }} or another macro.
  const pattern = /\{\{\s*(\w+)\s*\(((?:(?!\{\{|\}\})[\s\S])*?)\)\s*\}\}/;
  let sqlText = text;
  for (let guard = 0; guard < 10_000; guard++) {
    const m = pattern.exec(sqlText);
    if (!m) break;
    const [whole, name, argText] = m;
    let replacement: string;
    if (name === 'ref') {
      const target = unquote(argText);
      refs.push(target);
      replacement = quoteTable(target);
    } else if (name === 'source') {
      const table = unquote(argText);
      sources.push(table);
      replacement = quoteTable(`bronze.${table}`);
    } else if (name === 'var') {
      replacement = renderVar(vars, unquote(argText), modelName);
    } else if (extra[name]) {
      replacement = extra[name](...splitArgs(argText).map((a) => (/^'.*'$/.test(a) ? unquote(a) : a)));
    } else {
      const macro = dialect[name];
      if (!macro) throw new Error(`${modelName}: unknown macro '${name}' (see src/engine/dialect.ts)`);
      replacement = macro(...splitArgs(argText));
    }
    sqlText = sqlText.slice(0, m.index) + replacement + sqlText.slice(m.index + whole.length);
  }
  if (/\{\{|\}\}/.test(sqlText)) throw new Error(`${modelName}: unbalanced {{ }} in model text`);
  return { sql: sqlText, refs: [...new Set(refs)], sources: [...new Set(sources)] };
}
