// The generator's second lane (src/generate/parallel.ts): watch_history written in a worker thread
// must give the very bytes of every table written one after another in one thread, and a failure in
// the worker must reach the caller.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { makeDayText, type GenContext } from '../../src/generate/context.js';
import { defaultGenerateThreads, laneUserModel, TWO_LANES_FROM_SCALE, watchHistoryLane } from '../../src/generate/parallel.js';
import { generateInTemp } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

async function filesOf(options: Parameters<typeof generateInTemp>[0]): Promise<Map<string, Buffer>> {
  const { dir, cleanup } = await generateInTemp(options);
  cleanups.push(cleanup);
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

it.each([
  { signal: 'realistic' as const, snapshots: 3 },
  { signal: 'none' as const, snapshots: 1 },
])(
  'writes the same files with the worker lane as in one thread (signal $signal, $snapshots export(s))',
  async ({ signal, snapshots }) => {
    const base = { scale: 0.03, seed: 17, signal, snapshots };
    const oneThread = await filesOf({ ...base, threads: 1 });
    const twoLanes = await filesOf({ ...base, threads: 2 });
    expect([...twoLanes.keys()].sort()).toEqual([...oneThread.keys()].sort());
    // watch_history comes from the worker; with snapshots it is split there too.
    expect([...twoLanes.keys()].some((name) => name.startsWith('watch_history'))).toBe(true);
    for (const [name, bytes] of oneThread) expect(twoLanes.get(name)!.equals(bytes), name).toBe(true);
  },
  60_000,
);

it('writes in one thread below TWO_LANES_FROM_SCALE, on every core from it', () => {
  expect(defaultGenerateThreads(1)).toBe(1);
  expect(defaultGenerateThreads(TWO_LANES_FROM_SCALE - 0.01)).toBe(1);
  expect(defaultGenerateThreads(TWO_LANES_FROM_SCALE)).toBe(availableParallelism());
  expect(defaultGenerateThreads(100)).toBe(availableParallelism());
});

it("rejects with the worker's own error when the worker cannot write", async () => {
  const root = mkdtempSync(join(tmpdir(), 'marquee-lane-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const ctx: GenContext = {
    dir: join(root, 'no-such-folder'),
    seed: 1,
    scale: 0.01,
    realistic: true,
    asOfDay: 20_400,
    labelWindowDays: 30,
    days: makeDayText(),
    keyCache: new Map(),
    progress: () => {},
  };
  const lane = watchHistoryLane(ctx, null, 2);
  // A title model as small as the lane accepts: the write fails on opening the file, before any row.
  lane.start(
    {
      n: 1,
      names: ['A'],
      contentType: new Uint8Array(1),
      genre1: new Uint8Array(1),
      genre2: new Uint8Array(1),
      duration: new Int32Array(1),
      addedDay: new Int32Array(1),
      quality: new Float32Array(1),
      holiday: new Uint8Array(1),
      basePopularity: new Float32Array(1),
      decayDays: new Float32Array(1),
      floor: new Float32Array(1),
      trendPerYear: new Float32Array(1),
    },
    laneUserModel(ctx),
    undefined,
  );
  await expect(lane.done).rejects.toThrow(/no-such-folder/);
}, 30_000);
