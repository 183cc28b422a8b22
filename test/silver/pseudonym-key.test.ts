// The pseudonym key and the HMAC the SQL computes: the SQL hmac_sha256 equals node:crypto's
// createHmac on many values (unicode, empty, long) and key lengths (incl. longer than a block);
// the key file is random per warehouse, mode 0600, read back unchanged, refused when others can read it.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { dialectFor } from '../../src/engine/dialect.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { silverMacros, silverVars } from '../../src/silver/macros.js';
import { hmacPads, keyFilePath, keyFingerprint, pseudonymOf, resolvePseudonymKey } from '../../src/silver/pseudonym-key.js';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'marquee-key-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Values a pseudonym meets: accents, scripts, emoji, quotes, empty, longer than a hash block. */
function values(): string[] {
  const fixed = [
    '',
    'a',
    'Zoë',
    'José Ñúñez',
    'Łukasz Żółć',
    'Ærøskøbing',
    '日本語の名前',
    '김민준',
    'Ελένη',
    'Дмитрий',
    'محمد',
    '🎬🍿 emoji',
    "O'Brien",
    'a"b',
    'back\\slash',
    'tab\there',
    'x'.repeat(1000),
    'zelda.quixote@example.com',
  ];
  const alphabet = [...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .-_@éüßçøåñ中文한국😀\'"'];
  const rng = (() => {
    let s = 12345;
    return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  })();
  const random = Array.from({ length: 300 }, () =>
    Array.from({ length: 1 + Math.floor(rng() * 40) }, () => alphabet[Math.floor(rng() * alphabet.length)]).join(''),
  );
  return [...fixed, ...random];
}

describe('hmac_sha256 in SQL', () => {
  for (const keyLength of [1, 16, 32, 64, 65, 200]) {
    it(`equals createHmac on ${values().length} values with a ${keyLength}-byte key`, async () => {
      const key = randomBytes(keyLength);
      const { inner, outer } = hmacPads(key);
      const macro = dialectFor('duckdb').hmac_sha256('v', `'${inner}'`, `'${outer}'`);
      const engine = await DuckDbEngine.open({ path: ':memory:' });
      try {
        await engine.exec('CREATE TABLE t (i INTEGER, v VARCHAR)');
        const vs = values();
        await engine.writeRows(
          't',
          [
            { name: 'i', type: 'BIGINT' },
            { name: 'v', type: 'VARCHAR' },
          ],
          vs.map((v, i) => [i, v]),
        );
        const rows = await engine.query<{ i: number; h: string }>(`SELECT i, ${macro} AS h FROM t ORDER BY i`);
        expect(rows.map((r) => r.h)).toEqual(vs.map((v) => createHmac('sha256', key).update(v, 'utf8').digest('hex')));
        const [nul] = await engine.query(
          `SELECT ${dialectFor('duckdb').hmac_sha256('CAST(NULL AS VARCHAR)', `'${inner}'`, `'${outer}'`)} AS h`,
        );
        expect(nul.h).toBeNull();
      } finally {
        await engine.close();
      }
    });
  }

  it('the Spark variant hashes bytes the same way (text only: runs under MARQUEE_TEST_SPARK in the cross-engine suite)', () => {
    const text = dialectFor('spark').hmac_sha256('v', "'00'", "'11'");
    expect(text).toBe("sha2(concat(unhex('11'), unhex(sha2(concat(unhex('00'), encode(v, 'UTF-8')), 256))), 256)");
  });

  it('compiled silver.users carries the key only as HMAC blocks, never the key text', () => {
    const key = 'a-secret-pseudonym-key-for-this-test';
    const vars = silverVars({ pseudonymKey: key, warehouse: '/nonexistent' });
    const compiled = compileModel(
      readFileSync(join(import.meta.dirname, '../../models/silver/users.sql'), 'utf8'),
      dialectFor('duckdb'),
      'silver.users',
      vars,
      silverMacros,
    ).sql;
    expect(compiled).not.toContain(key);
    expect(compiled).not.toContain(Buffer.from(key).toString('hex'));
    expect(compiled).toContain(hmacPads(Buffer.from(key)).inner);
  });
});

describe('the pseudonym key', () => {
  it('is created once per warehouse: random 256 bits, mode 0600 in a 0700 folder, read back unchanged', () => {
    const a = freshDir();
    const b = freshDir();
    const first = resolvePseudonymKey({ warehouse: a });
    expect(first.created).toBe(true);
    expect(first.source).toBe('key file');
    expect(first.key).toHaveLength(32);
    expect(statSync(keyFilePath(a)).mode & 0o777).toBe(0o600);
    expect(statSync(join(a, 'secrets')).mode & 0o777).toBe(0o700);
    const again = resolvePseudonymKey({ warehouse: a });
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    const other = resolvePseudonymKey({ warehouse: b });
    expect(other.key.equals(first.key)).toBe(false);
    expect(pseudonymOf(other.key, 'Zelda')).not.toBe(pseudonymOf(first.key, 'Zelda'));
    expect(keyFingerprint(other.key)).not.toBe(keyFingerprint(first.key));
    expect(keyFingerprint(first.key)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('prefers MARQUEE_PSEUDONYM_KEY (config.pseudonymKey) and creates no file then', () => {
    const dir = freshDir();
    const key = resolvePseudonymKey({ warehouse: dir, pseudonymKey: 'an-environment-key-0123456789' });
    expect(key.source).toBe('environment');
    expect(key.key.toString('utf8')).toBe('an-environment-key-0123456789');
    expect(() => statSync(keyFilePath(dir))).toThrow();
  });

  it('refuses a short environment key, a key file others can read, and a malformed one', () => {
    expect(() => resolvePseudonymKey({ warehouse: freshDir(), pseudonymKey: 'short' })).toThrow(/at least 16/);
    const dir = freshDir();
    resolvePseudonymKey({ warehouse: dir });
    chmodSync(keyFilePath(dir), 0o644);
    expect(() => resolvePseudonymKey({ warehouse: dir })).toThrow(/readable by other users \(mode 644\).*chmod 600/);
    const bad = freshDir();
    resolvePseudonymKey({ warehouse: bad });
    writeFileSync(keyFilePath(bad), 'not-hex\n');
    expect(() => resolvePseudonymKey({ warehouse: bad })).toThrow(/expected the pseudonym key as at least 64 hex digits/);
  });
});
