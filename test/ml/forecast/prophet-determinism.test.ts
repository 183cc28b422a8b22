// Prophet's intervals come from augurs' uncertainty simulation, whose random generator is seeded from
// the system's random source: without Marquee's seeded source around each call, every run gave other
// intervals (and so other coverage figures and Holm-adjusted verdicts).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadAugurs, prophetForecaster } from '../../../src/ml/forecast/augurs.js';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, 'fixtures', 'prophet-run.ts');
const REPO = join(import.meta.dirname, '..', '..', '..');

async function forecastsOfAFreshProcess(): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: REPO, maxBuffer: 16 << 20 });
  return stdout;
}

describe('Prophet forecasts', () => {
  it('are the same, intervals included, in two separate runs', async () => {
    const first = await forecastsOfAFreshProcess();
    const second = await forecastsOfAFreshProcess();
    const parsed = JSON.parse(first) as { lower: (number | null)[] }[];
    expect(parsed).toHaveLength(3);
    expect(parsed[0].lower.every((v) => typeof v === 'number')).toBe(true);
    expect(second).toBe(first);
  }, 120_000);

  it('leave the system random source as it was', async () => {
    await loadAugurs();
    const before = globalThis.crypto.getRandomValues;
    prophetForecaster(19000).forecast(
      Float64Array.from({ length: 60 }, (_, t) => 10 + (t % 7)),
      7,
      0.9,
    );
    expect(globalThis.crypto.getRandomValues).toBe(before);
    const a = globalThis.crypto.getRandomValues(new Uint8Array(16));
    const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  }, 60_000);
});
