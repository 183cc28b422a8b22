// Splitting one CSV line into fields (commas; double quotes with "" escapes), in Node: bronze's
// header check reads the header with it, the CSV readers' line map counts a rejected line's fields
// with it, and the PII masker places personal fields of raw quarantined lines with it.
/** Split one CSV line on commas, honouring double quotes ("a,b" and "" escapes). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
