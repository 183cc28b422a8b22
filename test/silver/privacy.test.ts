import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialectFor } from '../../src/engine/dialect.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { silverMacros } from '../../src/silver/macros.js';
import {
  buildSilver,
  createBronze,
  createEmptyBronze,
  freshEngine,
  modelText,
  SILVER_MODEL_ORDER,
  TEST_KEY,
  testVars,
} from './fixtures.js';

const person = { user_id: 'user_00001', email: 'Zelda.Quixote@Example.com', first_name: 'Zelda', last_name: 'Quixote' };

describe('pseudonymisation', () => {
  it('replaces email and names with a keyed HMAC-SHA256: deterministic, key-dependent, email case-insensitive', async () => {
    const engine = await freshEngine();
    await createBronze(engine, 'users', [person, { ...person, user_id: 'user_00002', email: 'zelda.quixote@example.com' }]);
    await buildSilver(engine, ['users']);
    const rows = await engine.query('SELECT email_pseudonym, first_name_pseudonym, last_name_pseudonym FROM silver.users ORDER BY user_id');
    const expected = (text: string, key = TEST_KEY) => createHmac('sha256', key).update(text, 'utf8').digest('hex');
    expect(rows[0]).toEqual({
      email_pseudonym: expected('zelda.quixote@example.com'),
      first_name_pseudonym: expected('Zelda'),
      last_name_pseudonym: expected('Quixote'),
    });
    expect(rows[1].email_pseudonym).toBe(rows[0].email_pseudonym);
    // Not the old unkeyed construction sha256(key || '|' || value), which a dictionary of names reverses.
    expect(rows[0].first_name_pseudonym).not.toBe(createHash('sha256').update(`${TEST_KEY}|Zelda`).digest('hex'));

    // Another key gives other pseudonyms (a leaked table cannot be joined back without the key).
    const otherKey = 'another-key-of-sixteen-plus-chars';
    const other = compileModel(modelText('users'), dialectFor('duckdb'), 'silver.users', testVars(otherKey), silverMacros).sql;
    const [again] = await engine.query(`SELECT email_pseudonym FROM (${other}) WHERE user_id = 'user_00001'`);
    expect(again.email_pseudonym).toBe(expected('zelda.quixote@example.com', otherKey));
    expect(again.email_pseudonym).not.toBe(rows[0].email_pseudonym);
    await engine.close();
  });

  it('leaves no raw email or name in any silver table', async () => {
    const engine = await freshEngine();
    await createEmptyBronze(engine, ['users']);
    await createBronze(engine, 'users', [person]);
    await buildSilver(engine);
    for (const name of SILVER_MODEL_ORDER) {
      const text = JSON.stringify(await engine.query(`SELECT * FROM silver.${name}`)).toLowerCase();
      expect(text, name).not.toMatch(/zelda|quixote|@example/);
    }
    const bronze = JSON.stringify(await engine.query('SELECT * FROM bronze.users')).toLowerCase();
    expect(bronze).toMatch(/zelda/); // the raw value is there to be removed
    await engine.close();
  });

  it('refuses to compile without the pseudonym key vars', () => {
    expect(() => compileModel(modelText('users'), dialectFor('duckdb'), 'silver.users', {}, silverMacros)).toThrow(
      /unknown var 'pseudonym_key_inner'/,
    );
  });
});
