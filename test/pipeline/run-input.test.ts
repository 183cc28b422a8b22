// meta.runs.config_json records what was read, and generator parameters only for generated input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeCsv, describeRunInput, runConfigJson } from '../../src/pipeline/run-input.js';
import { loadConfig } from '../../src/config.js';

const csv = 'id,text\n1,"a\nmultiline"\n2,"say ""hi"""\n3,plain';

describe('what a run read', () => {
  it('counts records (not lines) and hashes the bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-input-'));
    writeFileSync(join(dir, 'users.csv'), csv);
    const d = await describeCsv(join(dir, 'users.csv'));
    expect(d).toEqual({ bytes: Buffer.byteLength(csv), sha256: createHash('sha256').update(csv).digest('hex'), rows: 3 });
  });

  it('records generator parameters only when a generator manifest sits beside the files', async () => {
    const published = mkdtempSync(join(tmpdir(), 'marquee-published-'));
    writeFileSync(join(published, 'users.csv'), csv);
    expect((await describeRunInput(published)).generator).toBeNull();
    const json = JSON.parse(await runConfigJson(loadConfig({ input: published }), false, true)) as Record<string, unknown>;
    expect(json.signal).toBeUndefined();
    expect(json.scale).toBeUndefined();
    expect(json.pseudonymKey).toBeUndefined();
    expect((json.input as { files: Array<{ file: string; rows: number }> }).files).toMatchObject([{ file: 'users.csv', rows: 3 }]);

    const generated = mkdtempSync(join(tmpdir(), 'marquee-generated-'));
    writeFileSync(join(generated, 'users.csv'), csv);
    writeFileSync(
      join(generated, 'ground_truth.json'),
      '{"format":"marquee-ground-truth/1","seed":7,"scale":0.5,"signal":"none","asOfDate":"2025-10-01","parameters":{"x":1}}',
    );
    expect((await describeRunInput(generated)).generator).toEqual({
      manifest: 'ground_truth.json',
      format: 'marquee-ground-truth/1',
      seed: 7,
      scale: 0.5,
      signal: 'none',
    });
  });
});
