// The facts the Polars peer (bench/peers/polars_pipeline.py) needs from Marquee's single sources of
// truth, written as one JSON file so the peer never restates them: each source contract (columns,
// types, text spellings, hard and plausible ranges, key formats), the silver thresholds and the
// as-of date. The peer implements the rules itself; only the parameters come from here.
import { writeFileSync } from 'node:fs';
import { CONTRACTS, keyFormatOf, keyPattern } from '../../src/contracts/index.js';
import { SILVER_SETTINGS } from '../../src/silver/settings.js';
import { loadConfig } from '../../src/config.js';

export interface PeerSpec {
  asOfDate: string;
  labelWindowDays: number;
  silver: Record<string, number>;
  tables: {
    name: string;
    file: string;
    primaryKey: string;
    columns: {
      name: string;
      type: string;
      text?: string;
      range?: { min?: number | string; max?: number | string };
      plausibleRange?: { min?: number; max?: number };
      keyPattern?: string;
      foreignKey?: { table: string; column: string };
      pii?: boolean;
    }[];
  }[];
}

export function peerSpec(): PeerSpec {
  return {
    asOfDate: loadConfig().asOfDate,
    labelWindowDays: loadConfig().labelWindowDays,
    silver: { ...SILVER_SETTINGS },
    tables: CONTRACTS.map((c) => ({
      name: c.name,
      file: c.file,
      primaryKey: c.primaryKey,
      columns: c.columns.map((col) => {
        const key = col.type === 'string' ? keyFormatOf(col) : undefined;
        return {
          name: col.name,
          type: col.type,
          text: col.text,
          range: col.range,
          plausibleRange: col.plausibleRange,
          keyPattern: key ? keyPattern(key) : undefined,
          foreignKey: col.foreignKey,
          pii: col.pii,
        };
      }),
    })),
  };
}

export function writePeerSpec(path: string): string {
  writeFileSync(path, JSON.stringify(peerSpec(), null, 1));
  return path;
}
