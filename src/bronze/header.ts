// Validates a file's header (line 1) against its contract before anything is loaded. Problems that
// make the file unreadable are fatal (returned as errors; the caller throws one UserError for all
// files); problems the loader can absorb (BOM, CRLF, reordered columns) become warnings.
import { distance } from 'fastest-levenshtein';
import type { TableContract } from '../contracts/index.js';
import type { FileScan } from './file-scan.js';
import { splitCsvLine } from '../contracts/csv-line.js';

export interface HeaderCheck {
  /** Column names as they appear in the file, in file order (valid only when `errors` is empty). */
  fileColumns: string[];
  errors: string[];
  warnings: string[];
}

const OTHER_DELIMITERS: ReadonlyArray<[string, string]> = [
  [';', "';'"],
  ['\t', 'a tab'],
  ['|', "'|'"],
];

/** The contract name closest to `name` by edit distance, preferring columns the file lacks. */
export function closestColumn(name: string, missing: readonly string[], all: readonly string[]): string | undefined {
  const pool = missing.length > 0 ? missing : all;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of pool) {
    // A name contained in the other (duration / watch_duration_minutes) is a strong hint whatever the distance.
    const contained = candidate.includes(name) || name.includes(candidate);
    const score = distance(name.toLowerCase(), candidate) - (contained ? 100 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  // Suggest only when it is plausibly the same column: contained, or fewer edits than half its length.
  const plain = distance(name.toLowerCase(), best);
  return best.includes(name) || name.includes(best) || plain <= Math.max(2, Math.floor(best.length / 2)) ? best : undefined;
}

/** Check line 1 of `scan` against `contract`. `label` names the file in messages. */
export function checkHeader(label: string, scan: FileScan, contract: TableContract): HeaderCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const expected = contract.columns.map((c) => c.name);
  const expectedText = expected.join(',');
  if (scan.bytes === 0) {
    return { fileColumns: [], errors: [`${label}: the file is empty (0 bytes); expected a header on line 1: ${expectedText}`], warnings };
  }
  let bytes = scan.headerBytes;
  if (scan.hasBom) {
    warnings.push(`${label}: line 1 starts with a UTF-8 byte-order mark; ignored (the contract expects plain ASCII/UTF-8 without a BOM)`);
    bytes = bytes.subarray(3);
  }
  if (scan.crlfLines > 0 && scan.lfLines > 0) {
    // DuckDB's strict reader fails outright on mixed line ends; the file must pick one style.
    return {
      fileColumns: [],
      warnings,
      errors: [
        `${label}: line ${Math.max(scan.firstCrlfLine, scan.firstLfLine)}: mixed line ends: ${scan.crlfLines} line(s) end in CRLF (first: line ${scan.firstCrlfLine}) and ${scan.lfLines} in LF (first: line ${scan.firstLfLine}); expected one style throughout (LF, as the contract says)`,
      ],
    };
  }
  if (scan.crlfLines > 0) {
    warnings.push(`${label}: ${scan.crlfLines} line(s) end in CRLF (\\r\\n); accepted as line ends (the contract expects LF)`);
  }
  let header: string;
  try {
    header = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      fileColumns: [],
      errors: [`${label}: line 1 (header) is not valid UTF-8; expected the header ${expectedText} (re-save the file as UTF-8)`],
      warnings,
    };
  }
  if (header.trim() === '') {
    return { fileColumns: [], errors: [`${label}: line 1 is blank; expected the header ${expectedText}`], warnings };
  }
  if (!header.includes(',')) {
    const used = OTHER_DELIMITERS.find(([d]) => header.split(d).length >= Math.min(expected.length, 3));
    if (used) {
      return {
        fileColumns: [],
        errors: [
          `${label}: line 1: fields are separated by ${used[1]}, expected ',' (comma-separated values with the header ${expectedText})`,
        ],
        warnings,
      };
    }
  }
  const fileColumns = splitCsvLine(header);
  const trimmed = fileColumns.map((c) => c.trim());
  trimmed.forEach((name, i) => {
    if (name !== fileColumns[i])
      warnings.push(`${label}: line 1, column ${i + 1}: header name '${fileColumns[i]}' has surrounding spaces; read as '${name}'`);
  });

  const positions = new Map<string, number[]>();
  trimmed.forEach((name, i) => positions.set(name, [...(positions.get(name) ?? []), i + 1]));
  for (const [name, at] of positions) {
    if (at.length > 1)
      errors.push(`${label}: line 1: column '${name}' appears ${at.length} times (columns ${at.join(', ')}); each column must appear once`);
  }
  trimmed.forEach((name, i) => {
    if (name === '') errors.push(`${label}: line 1, column ${i + 1}: empty column name; expected one of ${expectedText}`);
  });

  const present = new Set(trimmed);
  const missing = expected.filter((name) => !present.has(name));
  const extra = trimmed.map((name, i) => ({ name, column: i + 1 })).filter((c) => c.name !== '' && !expected.includes(c.name));
  for (const { name, column } of extra) {
    const suggestion = closestColumn(name, missing, expected);
    errors.push(
      `${label}: line 1, column ${column}: unexpected column '${name}'` +
        (suggestion ? ` (did you mean '${suggestion}'?)` : '') +
        `; the ${contract.name} contract has no such column`,
    );
  }
  for (const name of missing) {
    const nullable = contract.columns.find((c) => c.name === name)?.nullable;
    errors.push(
      `${label}: line 1: missing column '${name}' (position ${expected.indexOf(name) + 1} in the contract${nullable ? ', nullable but still required' : ''}); expected the header ${expectedText}`,
    );
  }
  if (errors.length === 0 && trimmed.some((name, i) => name !== expected[i])) {
    warnings.push(`${label}: line 1: columns are in a different order than the contract (${trimmed.join(',')}); loaded by name`);
  }
  return { fileColumns: trimmed, errors, warnings };
}
