// Exact line numbers without asking the CSV reader for them. The reader returns good records in file
// order and, separately, the lines it rejected (with their line numbers). Every other non-blank line
// after the header is a good record, one per line (the contract has no embedded newlines), so the
// n-th good record sits on the n-th line that is neither blank nor rejected. This file turns that
// into quarantine entries for rejected lines and a short segment table the engine joins against.
import type { ReasonCode } from './reasons.js';
import { REASON, reasonForReaderError } from './reasons.js';
import { splitCsvLine } from '../../contracts/csv-line.js';

/** One structurally broken record as the reader reports it. */
export interface ReaderReject {
  line: number;
  errorType: string;
  columnName: string | null;
  /** The record's text; may span several lines (unterminated quote). */
  csvLine: string;
  message: string;
}

export interface RejectedLine {
  line: number;
  rawLine: string;
  reasonCode: ReasonCode;
  reason: string;
}

function describe(reject: ReaderReject, fileColumns: readonly string[], firstLine: string): { code: ReasonCode; reason: string } {
  const code = reasonForReaderError(reject.errorType);
  const expected = fileColumns.length;
  switch (code) {
    case REASON.FIELD_COUNT: {
      const found = splitCsvLine(firstLine).length;
      if (found < expected) {
        return {
          code,
          reason: `too few fields: found ${found}, expected ${expected}; no value for column '${fileColumns[found]}'${expected - found > 1 ? ` and ${expected - found - 1} more` : ''}`,
        };
      }
      return {
        code,
        reason: `too many fields: found ${found}, expected ${expected}; field ${expected + 1} onwards has no column (last column is '${fileColumns[expected - 1]}')`,
      };
    }
    case REASON.BAD_ENCODING:
      return { code, reason: `column '${reject.columnName ?? '?'}': bytes that are not valid UTF-8; expected UTF-8 text` };
    case REASON.BAD_QUOTING:
      return {
        code,
        reason: `column '${reject.columnName ?? '?'}': a quoted field is not closed on its line; expected a closing '"' before the line ends (fields hold no line breaks)`,
      };
    default:
      return { code, reason: `the line cannot be split into ${expected} fields: ${reject.message}` };
  }
}

/**
 * Quarantine entries for rejected records: one per physical non-blank line they cover, so a record
 * swallowed by an unterminated quote still accounts for each line it ate.
 */
export function rejectedLines(
  rejects: readonly ReaderReject[],
  blankLines: ReadonlySet<number>,
  fileColumns: readonly string[],
): RejectedLine[] {
  const byLine = new Map<number, ReaderReject>();
  for (const reject of [...rejects].sort((a, b) => a.line - b.line)) if (!byLine.has(reject.line)) byLine.set(reject.line, reject);
  const out = new Map<number, RejectedLine>();
  for (const reject of byLine.values()) {
    const physical = reject.csvLine
      .replace(/\r?\n$/, '')
      .split('\n')
      .map((l) => l.replace(/\r$/, ''));
    const { code, reason } = describe(reject, fileColumns, physical[0]);
    physical.forEach((text, i) => {
      const line = reject.line + i;
      if (blankLines.has(line) || out.has(line)) return;
      out.set(
        line,
        i === 0
          ? { line, rawLine: text, reasonCode: code, reason }
          : {
              line,
              rawLine: text,
              reasonCode: code,
              reason: `inside the record starting on line ${reject.line}, which the reader could not split (${reason})`,
            },
      );
    });
  }
  return [...out.values()].sort((a, b) => a.line - b.line);
}

/** A run of good records sharing one offset: record index `startIndex` onwards sits on line index + 2 + offset. */
export interface LineSegment {
  startIndex: number;
  offset: number;
}

/**
 * Segments mapping the 0-based index of a good record to its line (header = line 1): the first
 * good record is on line 2 unless lines before it were excluded (blank or rejected).
 */
export function lineSegments(excluded: Iterable<number>): LineSegment[] {
  const sorted = [...new Set(excluded)].filter((l) => l >= 2).sort((a, b) => a - b);
  const byStart = new Map<number, number>();
  let offset = 0;
  for (const line of sorted) {
    // The record that would have sat on `line` moves down one; consecutive exclusions share a start.
    byStart.set(line - 2 - offset, offset + 1);
    offset += 1;
  }
  return [...byStart.entries()].map(([startIndex, off]) => ({ startIndex, offset: off }));
}

/** The line of good record `index` given the segments (reference implementation for tests). */
export function lineOfRecord(index: number, segments: readonly LineSegment[]): number {
  let offset = 0;
  for (const s of segments) if (s.startIndex <= index) offset = s.offset;
  return index + 2 + offset;
}
