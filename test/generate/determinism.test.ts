import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTRACTS } from '../../src/contracts/index.js';
import { generateInTemp } from './fixtures.js';

const FILES = [...CONTRACTS.map((c) => c.file), 'ground_truth.json'];
const dirs: string[] = [];
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  for (const seed of [5, 5, 6]) {
    const { dir, cleanup } = await generateInTemp({ scale: 0.02, seed, signal: 'realistic' });
    dirs.push(dir);
    cleanups.push(cleanup);
  }
});
afterAll(() => cleanups.forEach((c) => c()));

it('writes byte-identical files for the same seed', () => {
  for (const f of FILES) expect(readFileSync(join(dirs[1], f)).equals(readFileSync(join(dirs[0], f))), f).toBe(true);
});

it('writes different files for another seed', () => {
  for (const f of FILES) expect(readFileSync(join(dirs[2], f)).equals(readFileSync(join(dirs[0], f))), f).toBe(false);
});
