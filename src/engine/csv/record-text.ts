// The full text of one CSV record, read from the file. DuckDB's rejects table cuts a record's text
// (csv_line) at 10,000 characters, so a record swallowed by an unterminated quote that spans more than
// that would account for only the lines in its first 10,000 characters and the run would fail its
// line conservation. The record is re-read here from the start of its line: it ends at the first line feed
// outside double quotes ('""' inside a quoted field toggles twice, so parity is enough), or at the end
// of the file.
import { closeSync, openSync, readSync } from 'node:fs';
import { UserError } from '../../errors.js';

/** Length at which DuckDB truncates rejects.csv_line. */
export const REJECT_TEXT_LIMIT = 10_000;
/** A record longer than this is not a record but a file broken from this point on. */
const MAX_RECORD_BYTES = 256 * 2 ** 20;

/** Byte offset where physical line `line` (1-based) starts. */
function lineStart(fd: number, line: number): number {
  const chunk = Buffer.alloc(1 << 20);
  let position = 0;
  let current = 1;
  while (current < line) {
    const read = readSync(fd, chunk, 0, chunk.length, position);
    if (read === 0) return position;
    let from = 0;
    while (current < line) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl === -1 || nl >= read) break;
      current += 1;
      from = nl + 1;
      if (current === line) return position + from;
    }
    position += read;
  }
  return position;
}

/**
 * The record starting on physical line `line`. Its start is found by counting line feeds, not from
 * the rejects table's line_byte_position, which can point one byte past a quote opening the line.
 */
export function recordTextAt(path: string, line: number): string {
  const fd = openSync(path, 'r');
  try {
    const byteOffset = lineStart(fd, line);
    const chunk = Buffer.alloc(1 << 20);
    const parts: Buffer[] = [];
    let position = byteOffset;
    let quoted = false;
    let total = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      let end = -1;
      for (let i = 0; i < read; i++) {
        const byte = chunk[i];
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) {
          end = i + 1;
          break;
        }
      }
      parts.push(Buffer.from(chunk.subarray(0, end === -1 ? read : end)));
      total += end === -1 ? read : end;
      if (end !== -1) break;
      if (total > MAX_RECORD_BYTES) {
        throw new UserError(
          `${path}: line ${line}: a quote opened on this line is not closed within ${MAX_RECORD_BYTES / 2 ** 20} MB; expected one record per line with balanced '"' quotes`,
        );
      }
      position += read;
    }
    return Buffer.concat(parts).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The line of the first carriage return that does not end a line (a '\r' not followed by '\n'), or
 * undefined. DuckDB's strict reader stops on one ("the CSV Parser state machine reached an invalid
 * state") or takes it for a line end, so this is only looked for after a read failed or its counts
 * disagree with the file, to say where and what.
 */
export function firstBareCarriageReturn(path: string): number | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let position = 0;
    let line = 1;
    let pendingCr = false;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return pendingCr ? line : undefined;
      for (let i = 0; i < read; i++) {
        const byte = chunk[i];
        if (pendingCr && byte !== 0x0a) return line;
        pendingCr = byte === 0x0d;
        if (byte === 0x0a) line += 1;
      }
      position += read;
    }
  } finally {
    closeSync(fd);
  }
}

export function bareCarriageReturnError(file: string, line: number): UserError {
  return new UserError(
    `${file}: line ${line}: a carriage return (\\r) inside the line; expected line ends of LF (or CRLF) only and no other control characters. Nothing was loaded from this file.`,
  );
}
