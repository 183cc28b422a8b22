// The part of a source file a batch reads, when that is not simply the whole file:
// - an append: a known file that grew and whose earlier bytes are unchanged loads only its new lines;
// - over-long lines: lines past MAX_LINE_BYTES are quarantined by bronze itself, never shown to the
//   engine's CSV reader.
// Both are served by a readable copy in the temp folder: the header, then the lines to read, with each
// over-long line replaced by an empty line (readers skip empty lines, and the line map counts them as
// blank, so every other line keeps its number). Line L >= 2 of the copy is line L + lineOffset of the
// file. A copy costs one extra pass over the new bytes; the common case (a new whole file without
// over-long lines) reads the file itself.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileScan } from './file-scan.js';

const LF = 0x0a;

export interface KnownPrefix {
  /** sha256 of the file's first `bytes` bytes equals the recorded one. */
  matches: boolean;
  /** Line feeds in those bytes: the first new line is line `lineFeeds + 1`. */
  lineFeeds: number;
  /** The prefix ends at a line end (a prefix cut inside a line cannot be appended to). */
  endsWithNewline: boolean;
}

/** Hash and count lines of the first `bytes` bytes of a file (one streaming pass over them). */
export async function readKnownPrefix(path: string, bytes: number, sha256: string): Promise<KnownPrefix> {
  if (bytes <= 0) return { matches: false, lineFeeds: 0, endsWithNewline: false };
  const hash = createHash('sha256');
  let lineFeeds = 0;
  let last = -1;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) lineFeeds += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1];
  }
  return { matches: hash.digest('hex') === sha256, lineFeeds, endsWithNewline: last === LF };
}

export interface ReadableCopy {
  path: string;
  /** Line L (>= 2) of the copy is line L + lineOffset of the original file. */
  lineOffset: number;
  remove(): void;
}

/**
 * Write header + the file from `fromByte` (a line start, line `firstLine`) to a temp file, with the
 * lines in `blankOut` (original numbers) emptied. Line ends are kept as they are.
 */
export async function writeReadableCopy(
  scan: FileScan,
  fromByte: number,
  firstLine: number,
  blankOut: ReadonlySet<number>,
): Promise<ReadableCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-batch-'));
  const path = join(dir, 'batch.csv');
  const out = createWriteStream(path);
  const headerEnd = scan.crlfLines > 0 && scan.firstCrlfLine === 1 ? '\r\n' : '\n';
  const copy = async function* (source: AsyncIterable<Buffer>) {
    yield Buffer.concat([scan.headerBytes, Buffer.from(headerEnd)]);
    let line = firstLine;
    let skipping = blankOut.has(line);
    let lastByte = -1;
    for await (const chunk of source) {
      let start = 0;
      const parts: Buffer[] = [];
      for (;;) {
        const nl = chunk.indexOf(LF, start);
        const end = nl === -1 ? chunk.length : nl + 1;
        if (!skipping) parts.push(chunk.subarray(start, end));
        else if (nl === -1 && end > start) lastByte = chunk[end - 1];
        else if (nl !== -1) {
          const cr = (nl > start ? chunk[nl - 1] : lastByte) === 0x0d;
          parts.push(Buffer.from(cr ? '\r\n' : '\n'));
        }
        if (nl === -1) break;
        line += 1;
        skipping = blankOut.has(line);
        lastByte = -1;
        start = nl + 1;
      }
      if (parts.length > 0) yield Buffer.concat(parts);
    }
  };
  await pipeline(createReadStream(scan.path, { start: fromByte, highWaterMark: 1 << 20 }), copy, out);
  return { path, lineOffset: firstLine - 2, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
