// One streaming pass over a source file in Node, independent of the engine: checksum, size, the
// physical line count and where the blank lines are. The engine's CSV reader gives typed records and
// the lines it rejected; this pass is the independent count the conservation check compares against
// (rows read = non-blank data lines) and the map from record order back to exact line numbers.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';

const LF = 0x0a;
const CR = 0x0d;
/** Keep at most this much of line 1: a header longer than this is not a header. */
const MAX_HEADER_BYTES = 1 << 20;
/**
 * A data line longer than this is not handed to the engine's CSV reader: past its own limits a reader
 * loses track of where such a line starts (DuckDB blamed a 32 MB line on the line before it). The
 * line is quarantined as BAD_CSV with its own number and the start of its text. 1 MiB sits well
 * below DuckDB's 2 MB max_line_size and is thousands of times any real record of the contracts.
 */
export const MAX_LINE_BYTES = 1 << 20;
/** How much of an over-long line the quarantine keeps. */
export const LONG_LINE_HEAD_BYTES = 4096;

/** A data line longer than MAX_LINE_BYTES. */
export interface LongLine {
  line: number;
  /** Byte offset of the line's first byte in the file. */
  byteOffset: number;
  /** Length without the line ending. */
  bytes: number;
  /** The first LONG_LINE_HEAD_BYTES bytes as UTF-8 text. */
  head: string;
}

export interface FileScan {
  path: string;
  bytes: number;
  sha256: string;
  modifiedAt: Date;
  /** Physical lines, the header included; a final line without a newline counts. */
  lineCount: number;
  /** 1-based numbers of empty lines (or lines holding only '\r') after the header, ascending. */
  blankLines: number[];
  /** Lines ending in '\r\n', and in a bare '\n'; the first line of each (0 when none). */
  crlfLines: number;
  lfLines: number;
  firstCrlfLine: number;
  firstLfLine: number;
  /** Line 1 as bytes, without its line ending (BOM kept, so the caller can report it). */
  headerBytes: Buffer;
  hasBom: boolean;
  /** Data lines longer than MAX_LINE_BYTES, ascending. */
  longLines: LongLine[];
}

export function nonBlankDataLines(scan: FileScan): number {
  return Math.max(0, scan.lineCount - 1) - scan.blankLines.length;
}

export async function scanFile(path: string): Promise<FileScan> {
  const info = await stat(path);
  const hash = createHash('sha256');
  const headerChunks: Buffer[] = [];
  let headerLength = 0;
  let lineNo = 1;
  let lineLength = 0; // bytes of the current line seen so far
  let lastByte = -1; // last byte of the current line, to recognise '\r\n'
  const blankLines: number[] = [];
  let crlfLines = 0;
  let lfLines = 0;
  let firstCrlfLine = 0;
  let firstLfLine = 0;
  let position = 0; // file offset of the current chunk
  let lineStart = 0; // file offset of the current line
  const longLines: Omit<LongLine, 'head'>[] = [];
  const endLine = (line: number, length: number) => {
    if (line > 1 && length > MAX_LINE_BYTES) longLines.push({ line, byteOffset: lineStart, bytes: length });
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      const end = nl === -1 ? chunk.length : nl;
      if (lineNo === 1 && headerLength < MAX_HEADER_BYTES && end > start) {
        const part = chunk.subarray(start, Math.min(end, start + MAX_HEADER_BYTES - headerLength));
        headerChunks.push(Buffer.from(part));
        headerLength += part.length;
      }
      if (end > start) {
        lineLength += end - start;
        lastByte = chunk[end - 1];
      }
      if (nl === -1) break;
      // End of line `lineNo`.
      const endsWithCr = lineLength > 0 && lastByte === CR;
      if (endsWithCr) {
        crlfLines += 1;
        if (firstCrlfLine === 0) firstCrlfLine = lineNo;
      } else {
        lfLines += 1;
        if (firstLfLine === 0) firstLfLine = lineNo;
      }
      if (lineNo > 1 && (lineLength === 0 || (lineLength === 1 && endsWithCr))) blankLines.push(lineNo);
      endLine(lineNo, endsWithCr ? lineLength - 1 : lineLength);
      lineStart = position + nl + 1;
      lineNo += 1;
      lineLength = 0;
      lastByte = -1;
      start = nl + 1;
    }
    position += chunk.length;
  }
  // A last line without a trailing newline is still a line; a trailing newline does not open one.
  let lineCount = lineNo - 1;
  if (lineLength > 0) {
    lineCount = lineNo;
    if (lineNo > 1 && lineLength === 1 && lastByte === CR) blankLines.push(lineNo);
    endLine(lineNo, lineLength);
  }
  let headerBytes = Buffer.concat(headerChunks);
  if (headerBytes.length > 0 && headerBytes[headerBytes.length - 1] === CR) headerBytes = headerBytes.subarray(0, headerBytes.length - 1);
  const hasBom = headerBytes.length >= 3 && headerBytes[0] === 0xef && headerBytes[1] === 0xbb && headerBytes[2] === 0xbf;
  return {
    path,
    bytes: info.size,
    sha256: hash.digest('hex'),
    modifiedAt: info.mtime,
    lineCount,
    blankLines,
    crlfLines,
    lfLines,
    firstCrlfLine,
    firstLfLine,
    headerBytes,
    hasBom,
    longLines: longLines.map((l) => ({ ...l, head: readHead(path, l.byteOffset) })),
  };
}

function readHead(path: string, offset: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(LONG_LINE_HEAD_BYTES);
    const n = readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The DAG's validate step and each table step scan the same files in one run; remember the last
 * scans, keyed by what any write changes (size, mtime and ctime in nanoseconds, inode), so the
 * second scan is free and a rewritten file is always scanned again.
 */
const recentScans = new Map<string, { key: string; scan: FileScan }>();
const RECENT_SCANS = 16;

export async function scanFileCached(path: string): Promise<FileScan> {
  const info = await stat(path, { bigint: true });
  const key = `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`;
  const hit = recentScans.get(path);
  if (hit && hit.key === key) return hit.scan;
  const scan = await scanFile(path);
  recentScans.delete(path);
  recentScans.set(path, { key, scan });
  if (recentScans.size > RECENT_SCANS) recentScans.delete(recentScans.keys().next().value as string);
  return scan;
}
