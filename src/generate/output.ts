// Streaming writers. Rows are gathered into a string buffer and handed to a file stream in ~256 KB
// chunks, waiting for 'drain' when the stream pushes back, so memory stays flat at any scale.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Rng } from './rng.js';

const CHUNK_CHARS = 256 * 1024;

export class BufferedFile {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;
  private failure: Error | undefined;

  constructor(
    readonly path: string,
    encoding: 'utf8' | 'latin1' = 'utf8',
  ) {
    this.stream = createWriteStream(path, { encoding, highWaterMark: 1 << 20 });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  /** Queue text; true when the buffer is full and the caller should `await flush()`. */
  add(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }
}

/**
 * One source CSV: the header, `unique` rows written by the caller (row numbers 1..unique), then the
 * duplicate block. Which rows get copied is decided up front from the table's own stream (each of
 * the `duplicates` copy slots picks a random earlier row, so some rows are copied 2-3 times); those
 * rows' text is captured as it goes by and written again, in slot order, by `finish()`.
 */
export class TableWriter {
  private readonly file: BufferedFile;
  private readonly copySources: Int32Array;
  /** Distinct rows to capture, ascending; captured text k lives at arena[offsets[k]..offsets[k+1]). */
  private readonly wanted: Int32Array;
  private wantedPos = 0;
  // Captured rows go into one growing byte arena rather than a Map of strings: event lines are
  // V8 rope strings several times their length, and at scale 100 the copies are ~500k lines.
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaUsed = 0;
  private readonly offsets: Float64Array;
  private rowNumber = 0;

  constructor(
    path: string,
    header: readonly string[],
    readonly unique: number,
    duplicates: number,
    rng: Rng,
  ) {
    this.file = new BufferedFile(path);
    this.file.add(`${header.join(',')}\n`);
    this.copySources = new Int32Array(duplicates);
    for (let i = 0; i < duplicates; i++) this.copySources[i] = 1 + rng.int(unique);
    this.wanted = Int32Array.from(new Set(this.copySources)).sort();
    this.offsets = new Float64Array(this.wanted.length + 1);
  }

  /** Add the next unique row (a complete CSV line without its newline); true when `flush()` is due. */
  row(line: string): boolean {
    this.rowNumber++;
    if (this.wantedPos < this.wanted.length && this.wanted[this.wantedPos] === this.rowNumber) this.capture(line);
    return this.file.add(`${line}\n`);
  }

  private capture(line: string): void {
    const bytes = Buffer.byteLength(line, 'latin1') + 1;
    if (this.arenaUsed + bytes > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + bytes));
      this.arena.copy(bigger, 0, 0, this.arenaUsed);
      this.arena = bigger;
    }
    this.arenaUsed += this.arena.write(`${line}\n`, this.arenaUsed, 'latin1');
    this.wantedPos++;
    this.offsets[this.wantedPos] = this.arenaUsed;
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  get rowsWritten(): number {
    return this.rowNumber;
  }

  async finish(): Promise<void> {
    if (this.rowNumber !== this.unique) {
      throw new Error(`${this.file.path}: wrote ${this.rowNumber} unique rows, expected ${this.unique}`);
    }
    for (const source of this.copySources) {
      const k = lowerBound(this.wanted, source);
      const text = this.arena.toString('latin1', this.offsets[k], this.offsets[k + 1]);
      if (this.file.add(text)) await this.file.flush();
    }
    this.arena = Buffer.alloc(0);
    await this.file.close();
  }
}

/** First index i with sorted[i] >= value. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
