// meta.runs.config_json records what was read, and generator parameters only for generated input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countUnquotedLineFeeds, describeCsv, describeRunInput, runConfigJson } from '../../src/pipeline/run-input.js';
import { loadConfig } from '../../src/config.js';

const csv = 'id,text\n1,"a\nmultiline"\n2,"say ""hi"""\n3,plain';

describe('what a run read', () => {
  it('counts records (not lines) and hashes the bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-input-'));
    writeFileSync(join(dir, 'users.csv'), csv);
    const d = await describeCsv(join(dir, 'users.csv'));
    expect(d).toEqual({ bytes: Buffer.byteLength(csv), sha256: createHash('sha256').update(csv).digest('hex'), rows: 3 });
  });

  it('counts line feeds outside quotes as a byte-by-byte scan does, whatever the chunk boundaries', () => {
    // The reference: one byte at a time, a quote toggles, a line feed outside quotes counts.
    const byteByByte = (bytes: Buffer, startsInQuote: boolean) => {
      let inQuote = startsInQuote;
      let lineFeeds = 0;
      for (const b of bytes) {
        if (b === 0x22) inQuote = !inQuote;
        else if (b === 0x0a && !inQuote) lineFeeds++;
      }
      return { lineFeeds, endsInQuote: inQuote };
    };
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = ['a', 'b', ',', '\n', '\r', '"', '""', ' ', 'é'];
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(random() * 200);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const bytes = Buffer.from(text);
      // The whole buffer, from either state, and the same bytes cut into chunks carrying the state over.
      for (const startsInQuote of [false, true])
        expect(countUnquotedLineFeeds(bytes, startsInQuote)).toEqual(byteByByte(bytes, startsInQuote));
      let inQuote = false;
      let total = 0;
      for (let at = 0; at < bytes.length;) {
        const next = Math.min(bytes.length, at + 1 + Math.floor(random() * 20));
        const part = countUnquotedLineFeeds(bytes.subarray(at, next), inQuote);
        total += part.lineFeeds;
        inQuote = part.endsInQuote;
        at = next;
      }
      expect({ lineFeeds: total, endsInQuote: inQuote }).toEqual(byteByByte(bytes, false));
    }
    expect(countUnquotedLineFeeds(Buffer.from('a\n"b\nc"\n"""\n"\n'), false)).toEqual({ lineFeeds: 3, endsInQuote: false });
    expect(countUnquotedLineFeeds(Buffer.alloc(0), true)).toEqual({ lineFeeds: 0, endsInQuote: true });
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
