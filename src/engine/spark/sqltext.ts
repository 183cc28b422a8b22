// Lexical helpers over Spark SQL text: split a script into statements and rewrite our `$n`
// placeholders, both without touching string literals, quoted identifiers or comments.

/** Index just past the quoted/commented region starting at `i`, or -1 when text[i] starts none. */
function skipRegion(text: string, i: number): number {
  const c = text[i];
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1;
    while (j < text.length) {
      // Spark processes backslash escapes inside string literals ('it\'s'); doubled quotes escape too.
      if (c === "'" && text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text[j] === c) {
        if (text[j + 1] === c) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    throw new Error(`unterminated ${c === "'" ? 'string literal' : 'quoted identifier'} starting at offset ${i}: ${text.slice(i, i + 40)}`);
  }
  if (c === '-' && text[i + 1] === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end + 1;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    if (end === -1) throw new Error(`unterminated /* comment starting at offset ${i}`);
    return end + 2;
  }
  return -1;
}

/** Split on top-level `;` into trimmed, non-empty statements (Spark runs one statement per call). */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const end = skipRegion(script, i);
    if (end !== -1) {
      i = end;
      continue;
    }
    if (script[i] === ';') {
      statements.push(script.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  statements.push(script.slice(start));
  // A piece holding only comments or whitespace is not a statement.
  return statements.map((s) => s.trim()).filter((s) => stripComments(s).trim() !== '');
}

function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const end = skipRegion(text, i);
    if (end === -1) {
      out += text[i];
      i++;
      continue;
    }
    if (text[i] === '-' || text[i] === '/') out += ' ';
    else out += text.slice(i, end);
    i = end;
  }
  return out;
}

/**
 * Rewrite `$1`, `$2` ... (our sql`` placeholders, DuckDB style) to Spark named parameters
 * `:p1`, `:p2` ...; named rather than `?` because a placeholder may repeat or appear out of order.
 * Returns the new text and the placeholder numbers used.
 */
export function toNamedParameters(text: string): { text: string; used: Set<number> } {
  let out = '';
  const used = new Set<number>();
  let i = 0;
  while (i < text.length) {
    const end = skipRegion(text, i);
    if (end !== -1) {
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const match = text[i] === '$' ? /^\$(\d+)/.exec(text.slice(i, i + 12)) : null;
    // `$1` glued to an identifier (e.g. a$1) is part of the name, not a placeholder.
    if (match && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      used.add(Number(match[1]));
      out += ':p' + match[1];
      i += match[0].length;
      continue;
    }
    out += text[i];
    i++;
  }
  return { text: out, used };
}

/**
 * Map DuckDB-style type names Spark rejects to their Spark equivalents, outside literals,
 * quoted identifiers and comments. A bare `VARCHAR` (no length; DuckDB's everyday string type,
 * used by the meta DDL and in casts) becomes `STRING`; `VARCHAR(n)` is left alone.
 * A decimal literal without suffix (`1.0`, `60.0`) becomes a DOUBLE literal (`1.0D`): both engines
 * read it as DECIMAL, but DuckDB turns avg() and division of decimals into DOUBLE while Spark keeps
 * DECIMAL and rounds (avg(CASE ... THEN 1.0 ELSE 0.0 END) is 0.16667 on Spark, 0.1666... on
 * DuckDB). Marquee's SQL is written with DuckDB's results in mind.
 */
export function toSparkTypeNames(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const end = skipRegion(text, i);
    if (end !== -1) {
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const match = /^varchar\b(?!\s*\()/i.exec(text.slice(i, i + 16));
    if (match && !/[A-Za-z0-9_$.]/.test(text[i - 1] ?? '')) {
      out += 'STRING';
      i += match[0].length;
      continue;
    }
    const decimal = /^[0-9]+\.[0-9]+(?![0-9A-Za-z_])/.exec(text.slice(i, i + 64));
    if (decimal && !/[A-Za-z0-9_$.]/.test(text[i - 1] ?? '')) {
      out += decimal[0] + 'D';
      i += decimal[0].length;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}
