// Personal data stays in bronze and quarantine: on a generated set (plus two users lines that go to
// quarantine), a full CLI run, the static report and every dashboard API response are searched for
// every raw email, "first last" name and first/last name (4+ characters, as whole values) of the
// input. Positive controls make sure the search can find them where they belong (bronze, quarantine).
// Also: the pseudonyms are HMACs under the warehouse's own key, which no dictionary without the key
// reverses, and a key change rebuilds silver and says so.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../src/dashboard/pages/index.js';
import { startServer } from '../../src/dashboard/server.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { hmacPads, keyFilePath } from '../../src/silver/pseudonym-key.js';
import {
  needlesFromInput,
  scanFiles,
  scanHtml,
  scanJson,
  scanTables,
  scanText,
  scanValue,
  summarise,
  type PiiNeedles,
} from './pii-scan.js';
import { runCli } from '../helpers/cli.js';

/** The environment without a pseudonym key: the warehouse makes its own. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'MARQUEE_PSEUDONYM_KEY'));

async function cli(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ stdout: string; stderr: string }> {
  const run = await runCli(args, { env, inheritEnv: false, timeoutMs: 300_000 });
  if (run.status !== 0) throw new Error(`marquee ${args.join(' ')} failed (${run.status}):\n${run.stderr}\n${run.stdout.slice(-2000)}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

let root: string;
let data: string;
let warehouse: string;
let needles: PiiNeedles & { ambiguous: Set<string> };
let output = '';
/** Two users lines that bronze cannot type: one with a bad age, one cut short. */
let quarantinedEmails: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'marquee-pii-'));
  data = join(root, 'data');
  warehouse = join(root, 'wh');
  await cli(['generate', '--out', data, '--scale', '0.02', '--seed', '11']);
  const users = join(data, 'users.csv');
  const [, first, second] = readFileSync(users, 'utf8').split('\n');
  const badAge = first.split(',');
  badAge[0] = 'user_99001';
  badAge[4] = 'forty';
  const short = second.split(',').slice(0, 5);
  short[0] = 'user_99002';
  appendFileSync(users, `${badAge.join(',')}\n${short.join(',')}\n`);
  quarantinedEmails = [badAge[1], short[1]];
  needles = needlesFromInput(data);
  const run = await cli(['run', '--input', data, '--warehouse', warehouse]);
  const report = await cli(['report', '--warehouse', warehouse]);
  output = [run.stdout, run.stderr, report.stdout, report.stderr].join('\n');
}, 900_000); // a full run (ML included) and a report by the CLI: minutes at high load
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('no raw personal data past bronze and quarantine', () => {
  it('the needles are real: many emails and names, found in bronze and (masked away) quarantine raw lines', async () => {
    expect(needles.emails.size).toBeGreaterThan(150);
    expect(needles.names.size).toBeGreaterThan(100);
    // Names that are also ordinary values of the input (a state, a city) are too few to blunt the test.
    expect(needles.ambiguous.size).toBeLessThan(needles.names.size / 20);
    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
    try {
      const bronze = await engine.query('SELECT email, first_name FROM bronze.users');
      expect(bronze.flatMap((r) => scanValue(String(r.email), needles, 'bronze')).length).toBe(bronze.length);
      const quarantine = await engine.query("SELECT raw_line FROM quarantine.users WHERE layer = 'bronze' ORDER BY line_number");
      expect(quarantine).toHaveLength(2);
      expect(quarantine.map((r) => scanText(String(r.raw_line), needles, 'q').map((f) => f.value)).flat()).toEqual(quarantinedEmails);
    } finally {
      await engine.close();
    }
  });

  it('every table outside bronze and quarantine', async () => {
    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
    try {
      const { tables, findings } = await scanTables(engine, needles);
      expect(tables.length).toBeGreaterThan(40);
      expect(tables).toContain('meta.column_profiles');
      expect(summarise(findings)).toEqual({});
      // Profiles of PII columns keep counts and lengths, not values.
      const [email] = await engine.query(
        "SELECT min_value, max_value, top_values_json, distinct_count, mean FROM meta.column_profiles WHERE dataset = 'bronze.users' AND column_name = 'email'",
      );
      expect(email.min_value).toMatch(/^length \d+$/);
      expect(email.max_value).toMatch(/^length \d+$/);
      expect(email.top_values_json).toBe('[]');
      expect(Number(email.distinct_count)).toBeGreaterThan(150);
      expect(Number(email.mean)).toBeGreaterThan(10);
    } finally {
      await engine.close();
    }
  });

  it('every file under reports/, with the quarantined lines shown masked', () => {
    const { files, findings } = scanFiles(join(warehouse, 'reports'), needles);
    expect(files).toBeGreaterThan(3);
    expect(summarise(findings)).toEqual({});
    const quality = readFileSync(join(warehouse, 'reports', 'quality.html'), 'utf8');
    expect(quality).toContain('user_99001,[email masked],[first_name masked],[last_name masked],forty');
    expect(quality).toContain('user_99002,[field masked],[field masked],[field masked]');
    expect(quality).toContain('personal data: counts and lengths only');
  });

  it('every dashboard page and API response', async () => {
    const server = await startServer({ warehouse, port: 0 });
    try {
      const findings = [];
      for (const page of PAGES) {
        const api = await fetch(`${server.url}/api/page/${page.name}`);
        expect(api.status, page.name).toBe(200);
        findings.push(...scanJson(await api.json(), needles, `/api/page/${page.name}`));
        findings.push(...scanHtml(await (await fetch(`${server.url}/page/${page.name}`)).text(), needles, `/page/${page.name}`));
      }
      expect(summarise(findings)).toEqual({});
    } finally {
      await server.close();
    }
  });

  it("the run's and the report's output", () => {
    expect(output).toMatch(/run r\w+ ok/);
    expect(output).toContain('quarantined 2');
    expect(summarise(scanText(output, needles, 'output'))).toEqual({});
  });
});

describe('keyed pseudonyms', () => {
  it('come from a random key in <warehouse>/secrets (mode 0600) that appears in no table, report or output', async () => {
    const path = keyFilePath(warehouse);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(warehouse, 'secrets')).mode & 0o077).toBe(0);
    const keyHex = readFileSync(path, 'utf8').trim();
    expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(output).toContain("created this warehouse's pseudonym key");
    expect(output).not.toContain(keyHex);
    // The compiled SQL carries the key's HMAC blocks (the key XOR a constant): they must not be stored either.
    const pads = hmacPads(Buffer.from(keyHex, 'hex'));
    const secrets = [keyHex, pads.inner, pads.outer];
    const keyNeedle: PiiNeedles = { emails: new Set(), fullNames: new Set(secrets), names: new Set() };
    expect(scanFiles(join(warehouse, 'reports'), keyNeedle).findings).toEqual([]);
    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
    try {
      const all = await engine.listTables();
      for (const t of all) {
        const text = JSON.stringify(await engine.query(`SELECT * FROM ${t.table_schema}.${t.table_name}`));
        for (const secret of secrets) expect(text.includes(secret), `${t.table_schema}.${t.table_name}`).toBe(false);
      }
    } finally {
      await engine.close();
    }
  });

  it('only the key reproduces them: other keys and sha256 dictionaries (plain or with the old constant) find none', async () => {
    const key = Buffer.from(readFileSync(keyFilePath(warehouse), 'utf8').trim(), 'hex');
    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await engine.query(
        'SELECT s.first_name_pseudonym, s.last_name_pseudonym, s.email_pseudonym, b.first_name, b.last_name, b.email FROM silver.users s JOIN bronze.users b USING (user_id, _batch_id, _line_number)',
      );
    } finally {
      await engine.close();
    }
    expect(rows.length).toBeGreaterThan(150);
    const hmac = (k: Buffer, v: string) => createHmac('sha256', k).update(v, 'utf8').digest('hex');
    // The key holder re-identifies every one (positive control: the attack below could succeed).
    for (const r of rows) {
      expect(r.first_name_pseudonym).toBe(hmac(key, String(r.first_name)));
      expect(r.email_pseudonym).toBe(hmac(key, String(r.email).trim().toLowerCase()));
    }
    const pseudonyms = new Set(rows.flatMap((r) => [r.first_name_pseudonym, r.last_name_pseudonym, r.email_pseudonym].map(String)));
    const dictionary = [
      ...needles.names,
      ...needles.emails,
      ...rows.map((r) => String(r.first_name)),
      ...rows.map((r) => String(r.last_name)),
    ];
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const guesses = [
      ...dictionary.map(sha),
      ...dictionary.map((v) => sha(`marquee-local-development-key|${v}`)),
      ...dictionary.map((v) => hmac(Buffer.from('marquee-local-development-key'), v)),
      ...dictionary.map((v) => hmac(randomBytes(32), v)),
    ];
    expect(guesses.filter((g) => pseudonyms.has(g))).toEqual([]);
  });

  it('two warehouses get different keys, hence different pseudonyms for the same person', async () => {
    const other = join(root, 'wh-other');
    await cli(['run', '--input', data, '--warehouse', other, '--through', 'bronze']);
    // --through bronze compiles silver.users too, so the key exists after the warehouse's first run.
    const a = readFileSync(keyFilePath(warehouse), 'utf8');
    const b = readFileSync(keyFilePath(other), 'utf8');
    expect(b).toMatch(/^[0-9a-f]{64}\n$/);
    expect(b).not.toBe(a);
  });

  it('a key change is a full refresh of silver, said in the run output', async () => {
    const newKey = randomBytes(32).toString('hex');
    const run = await cli(['run', '--input', data, '--warehouse', warehouse, '--select', 'gold.kpi_search'], {
      ...ENV,
      MARQUEE_PSEUDONYM_KEY: newKey,
    });
    expect(run.stdout).toMatch(/the pseudonym key changed \(fingerprint [0-9a-f]{16} -> [0-9a-f]{16}\): full refresh of silver/);
    expect(run.stdout).toMatch(/ok silver\.users /);
    expect(run.stdout).toMatch(/ok silver\.int_user_activity_rolled_up_by_day /);
    expect(run.stdout).not.toContain(newKey);
    const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
    try {
      const [row] = await engine.query(
        'SELECT s.first_name_pseudonym, b.first_name FROM silver.users s JOIN bronze.users b USING (user_id, _batch_id, _line_number) ORDER BY user_id LIMIT 1',
      );
      expect(row.first_name_pseudonym).toBe(createHmac('sha256', Buffer.from(newKey, 'utf8')).update(String(row.first_name)).digest('hex'));
      const fingerprints = await engine.query('SELECT fingerprint FROM meta.pseudonym_keys ORDER BY recorded_at');
      expect(fingerprints).toHaveLength(2);
    } finally {
      await engine.close();
    }
    // The same key again: nothing to refresh.
    const again = await cli(['run', '--input', data, '--warehouse', warehouse, '--select', 'gold.kpi_search'], {
      ...ENV,
      MARQUEE_PSEUDONYM_KEY: newKey,
    });
    expect(again.stdout).not.toMatch(/pseudonym key changed/);
    expect(again.stdout).not.toMatch(/ok silver\.users /);
  });
});
