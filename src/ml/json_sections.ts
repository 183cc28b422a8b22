// Parses only some top-level members of a large JSON object. ground_truth.json at scale 100 is
// 131 MB, and JSON.parse builds every value in it: the 2.5 million search rows alone are hundreds of
// MB of small arrays, which the churn, segment and recommend steps never read, and two steps parse
// the file at the same moment in a run. The scanner walks the text once (strings and escapes
// respected, nesting counted), keeps the text of the wanted members and parses only that.

/** The members of the top-level object in `text` whose keys are in `keys`, parsed; others skipped. */
export function parseJsonSections(text: string, keys: readonly string[], where: string): Record<string, unknown> {
  const wanted = new Set(keys);
  const parts: string[] = [];
  let i = skipSpace(text, 0);
  if (text[i] !== '{') throw new Error(`${where}: expected a JSON object at offset ${i}`);
  i = skipSpace(text, i + 1);
  if (text[i] === '}') return {};
  for (;;) {
    if (text[i] !== '"') throw new Error(`${where}: expected a member name at offset ${i}`);
    const keyEnd = endOfString(text, i, where);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') throw new Error(`${where}: expected ':' after member ${JSON.stringify(key)} at offset ${i}`);
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = endOfValue(text, valueStart, where);
    if (wanted.has(key)) parts.push(`${JSON.stringify(key)}:${text.slice(valueStart, valueEnd)}`);
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (text[i] === '}') break;
    throw new Error(`${where}: expected ',' or '}' at offset ${i}`);
  }
  if (skipSpace(text, i + 1) !== text.length) throw new Error(`${where}: unexpected text after the top-level object at offset ${i + 1}`);
  // JSON.parse checks the kept values in full (a malformed skipped member is caught by the scan's structure checks only).
  return JSON.parse(`{${parts.join(',')}}`) as Record<string, unknown>;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Index just past the string starting at text[i] (a '"'). */
function endOfString(text: string, i: number, where: string): number {
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 92 /* \\ */) k++;
    else if (c === 34 /* " */) return k + 1;
  }
  throw new Error(`${where}: unterminated string starting at offset ${i}`);
}

/** Index just past the JSON value starting at text[i]. */
function endOfValue(text: string, i: number, where: string): number {
  const c = text[i];
  if (c === '"') return endOfString(text, i, where);
  if (c === '{' || c === '[') {
    // The closers still expected, innermost last: a '}' where a ']' is due is an error, not a close.
    const closers: number[] = [];
    for (let k = i; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d === 34) k = endOfString(text, k, where) - 1;
      else if (d === 123) closers.push(125);
      else if (d === 91) closers.push(93);
      else if (d === 125 || d === 93) {
        const due = closers.pop();
        if (d !== due) throw new Error(`${where}: expected '${String.fromCharCode(due!)}' at offset ${k}, got '${text[k]}'`);
        if (closers.length === 0) return k + 1;
      }
    }
    throw new Error(`${where}: unterminated ${c === '{' ? 'object' : 'array'} starting at offset ${i}`);
  }
  // A number, true, false or null: up to the next delimiter.
  let k = i;
  while (k < text.length && !',}] \n\r\t'.includes(text[k])) k++;
  if (k === i) throw new Error(`${where}: expected a value at offset ${i}`);
  return k;
}
