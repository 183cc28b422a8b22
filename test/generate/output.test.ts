import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TableWriter } from '../../src/generate/output.js';
import { Rng } from '../../src/generate/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'marquee-generate-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('appends exact copies of earlier rows, in the planned slot order, across arena growth', async () => {
  const unique = 4000;
  const duplicates = 3000; // ~3000 x 300 bytes: the 64 KB capture arena has to grow several times
  const path = join(dir, 't.csv');
  const writer = new TableWriter(path, ['id', 'text'], unique, duplicates, new Rng(1, 'plan'));
  const line = (n: number) => `${n},${'abcdefghij'.repeat(29)}${n % 97}`;
  for (let n = 1; n <= unique; n++) if (writer.row(line(n))) await writer.flush();
  await writer.finish();

  const lines = readFileSync(path, 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  expect(lines[0]).toBe('id,text');
  expect(lines.length).toBe(1 + unique + duplicates);
  // The plan is reproducible from the same stream: slot i copies row 1 + int(unique).
  const plan = new Rng(1, 'plan');
  const copies = lines.slice(1 + unique);
  copies.forEach((copy, i) => expect(copy).toBe(line(1 + plan.int(unique))));
  const counts = new Map<string, number>();
  for (const c of copies) counts.set(c, (counts.get(c) ?? 0) + 1);
  expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(3); // some rows copied 2-3+ times
});

it('refuses to finish with fewer unique rows than planned', async () => {
  const writer = new TableWriter(join(dir, 'short.csv'), ['id'], 3, 1, new Rng(2));
  writer.row('1');
  await expect(writer.finish()).rejects.toThrow(/wrote 1 unique rows, expected 3/);
});
