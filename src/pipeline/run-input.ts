// What a run read, for meta.runs.config_json: each input CSV with its size, SHA-256 and record count,
// and the generator's parameters only when the files were generated (a ground_truth.json beside
// them, written by `marquee generate`); never assumed from the config's defaults.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { MarqueeConfig } from '../config.js';
import { GROUND_TRUTH_FILE } from '../generate/ground-truth.js';

export interface InputFile {
  file: string;
  bytes: number;
  sha256: string;
  rows: number;
}

export interface RunInput {
  dir: string;
  files: InputFile[];
  /** seed / scale / signal from the generator's manifest, or null: the files were not generated here. */
  generator: Record<string, unknown> | null;
}

/** SHA-256 and data rows (records after the header; newlines inside quoted fields do not count). */
export async function describeCsv(path: string): Promise<Omit<InputFile, 'file'>> {
  const hash = createHash('sha256');
  let newlines = 0;
  let inQuote = false;
  let last = -1;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22)
        inQuote = !inQuote; // "" inside a quoted field toggles twice: no change
      else if (b === 0x0a && !inQuote) newlines++;
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1];
  }
  const records = newlines + (last !== -1 && last !== 0x0a ? 1 : 0);
  return { bytes: statSync(path).size, sha256: hash.digest('hex'), rows: Math.max(0, records - 1) };
}

/** The header fields of ground_truth.json (before its large sections), or null when absent or unreadable. */
export async function generatorManifest(dir: string): Promise<Record<string, unknown> | null> {
  const path = join(dir, GROUND_TRUTH_FILE);
  if (!existsSync(path)) return null;
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const cut = head.indexOf(',"parameters"');
    if (cut < 0) return null;
    const header = JSON.parse(`${head.slice(0, cut)}}`) as Record<string, unknown>;
    const { seed, scale, signal, format } = header;
    return { manifest: GROUND_TRUTH_FILE, format, seed, scale, signal };
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

export async function describeRunInput(dir: string): Promise<RunInput> {
  if (!existsSync(dir)) return { dir, files: [], generator: null };
  const files: InputFile[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()) {
    files.push({ file, ...(await describeCsv(join(dir, file))) });
  }
  return { dir, files, generator: await generatorManifest(dir) };
}

/**
 * The config_json of a run: the settings that shape results (no secrets), what was read, and the
 * generator's parameters only for generated input. `scale` stays as the row-count expectation the
 * bronze checks use, under that name, not as a claim the data was generated at that scale.
 */
export async function runConfigJson(config: MarqueeConfig, fullRefresh: boolean, readsInput: boolean): Promise<string> {
  const { pseudonymKey: _secret, scale, signal: _signal, ...settings } = config;
  const input = readsInput
    ? await describeRunInput(config.input)
    : { dir: config.input, files: [], generator: null, note: 'no bronze step selected: no input file read' };
  return JSON.stringify({ ...settings, fullRefresh, expectedRowScale: scale, input });
}
