// One tagged-template helper for SQL written inside TypeScript: values become bound parameters,
// identifiers are quoted, fragments nest. Never build SQL by concatenating user input.
import type { SqlQuery } from './engine.js';
import { quoteIdent } from './dialect.js';

export type { SqlQuery };

const IDENT = Symbol('ident');
const RAW = Symbol('raw');
interface Ident {
  [IDENT]: string;
}
interface Raw {
  [RAW]: string;
}

/** A quoted identifier: `ident('bronze', 'users')` -> "bronze"."users". */
export function ident(...parts: string[]): Ident {
  return { [IDENT]: parts.map(quoteIdent).join('.') };
}

/** Trusted SQL text (compiled models, macros). Never pass user input here. */
export function raw(text: string): Raw {
  return { [RAW]: text };
}

function isSqlQuery(v: unknown): v is SqlQuery {
  return typeof v === 'object' && v !== null && 'text' in v && 'params' in v;
}

/** sql`SELECT * FROM ${ident('gold', t)} WHERE country = ${country}` -> text with $1.., params. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (typeof value === 'object' && value !== null && IDENT in value) text += (value as Ident)[IDENT];
    else if (typeof value === 'object' && value !== null && RAW in value) text += (value as Raw)[RAW];
    else if (isSqlQuery(value)) {
      // Renumber the nested fragment's placeholders after ours.
      const offset = params.length;
      text += value.text.replace(/\$(\d+)/g, (_, n: string) => '$' + (Number(n) + offset));
      for (const p of value.params) params.push(p); // no spread: a fragment may carry very many parameters
    } else {
      params.push(value);
      text += '$' + params.length;
    }
    text += strings[i + 1];
  });
  return { text, params };
}

/** Quote a string as a SQL literal (for DDL where parameters are not allowed, e.g. file paths). */
export function literal(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}
