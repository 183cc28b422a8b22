// The Polars peer (bench/peers/polars_pipeline.py) against Marquee on the same files at scale 0.1:
// every table the peer covers must have the same rows (doubles to 6 decimals), and the tables it does
// not cover are listed by name. Hand-made bad lines (typing, range, key, field count, quoting) make the quarantine comparison non-empty.
// Needs python3 with polars: skipped with a message when missing, failed when MARQUEE_TEST_PEERS=1
// (CI sets it after `pip install polars`, see .ci/run).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { comparePeer, sameContents } from '../../bench/lib/peer-compare.js';
import { writePeerSpec } from '../../bench/lib/peer-spec.js';
import { peerTables, polarsUnavailable, POLARS_PEER } from '../../bench/lib/polars-peer.js';

const root = join(import.meta.dirname, '..', '..');
const missing = polarsUnavailable();
const required = process.env.MARQUEE_TEST_PEERS === '1';
if (missing && !required) console.warn(`polars peer test skipped: ${missing} (set MARQUEE_TEST_PEERS=1 to make this a failure)`);

describe.skipIf(missing !== undefined && !required)('the Polars peer matches Marquee table by table at scale 0.1', () => {
  const work = mkdtempSync(join(tmpdir(), 'marquee-peer-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const env = { ...process.env, CI: 'true', MARQUEE_PSEUDONYM_KEY: 'polars-peer-test-key-0123456789abcdef' };
  const data = join(work, 'data');
  const warehouse = join(work, 'wh');
  const peerOut = join(work, 'peer');
  // Asynchronous children: a worker blocked for minutes in a synchronous call misses vitest's RPC heartbeats.
  const run = promisify(execFile);
  const cli = async (...args: string[]) =>
    (
      await run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'main.ts'), ...args], {
        cwd: root,
        env,
        maxBuffer: 64 * 2 ** 20,
      })
    ).stdout;

  it('builds the same tables as Marquee, and a changed value is caught', async () => {
    expect(missing, `MARQUEE_TEST_PEERS=1 but ${missing}`).toBeUndefined();
    await cli('generate', '--out', data, '--scale', '0.1', '--seed', '7');
    // Lines that must go to quarantine: a bad date, a progress above 100, a key in the wrong case, too
    // many fields, too few, and (last, as it swallows what follows) a quote that is never closed.
    const sessions = join(data, 'watch_history.csv');
    const [, first, , , , fifth] = readFileSync(sessions, 'utf8').split('\n');
    const template = first.split(',');
    const line = (edit: Record<number, string>) => template.map((v, i) => edit[i] ?? v).join(',');
    const bad = [
      line({ 0: 'session_9900001', 3: '2024-13-45' }),
      line({ 0: 'session_9900002', 6: '150.0' }),
      line({ 0: 'SESSION_9900003' }),
      `${line({ 0: 'session_9900004' })},extra`,
      template.slice(0, 5).join(','),
      line({ 0: 'session_9900006', 1: `"${template[1]}` }),
    ];
    // Updates: the first session with another progress, sent twice, then its first values again (three
    // versions, one exact re-send), and the fifth session with another action (two versions).
    const updates = [
      line({ 6: template[6] === '42.0' ? '43.0' : '42.0' }),
      line({ 6: template[6] === '42.0' ? '43.0' : '42.0' }),
      first,
      fifth
        .split(',')
        .map((v, i) => (i === 7 ? (v === 'completed' ? 'paused' : 'completed') : v))
        .join(','),
    ];
    appendFileSync(sessions, [...updates, ...bad].join('\n') + '\n');
    const output = await cli('run', '--input', data, '--warehouse', warehouse, '--through', 'gold');
    expect(output).toMatch(/ok: steps ok \d+, failed 0/);
    const spec = writePeerSpec(join(work, 'spec.json'));
    await run('python3', [POLARS_PEER, '--input', data, '--spec', spec, '--out', peerOut], { env, maxBuffer: 64 * 2 ** 20 });

    const covered = peerTables();
    const result = await comparePeer(warehouse, peerOut, covered);
    const differing = result.tables.filter((t) => !sameContents(t));
    expect(differing).toEqual([]);
    // What the peer covers, exactly: a table added to or dropped from either side shows up here.
    expect(result.tables.map((t) => t.table)).toEqual(Object.entries(covered).flatMap(([s, names]) => names.map((n) => `${s}.${n}`)));
    // Marquee's own quality tables (reconciliation of gold with silver, the quality scorecard) have no peer equivalent.
    expect(result.notCovered).toEqual(['gold.quality_scorecard', 'gold.reconciliation']);
    const quarantined = result.tables.find((t) => t.table === 'quarantine.watch_history')!;
    expect(quarantined.marqueeRows).toBe(bad.length);
    expect(result.tables.find((t) => t.table === 'meta.dedup_log')!.marqueeRows).toBeGreaterThan(0);
    const rows = (name: string) => result.tables.find((t) => t.table === name)!.marqueeRows;
    expect(rows('silver.watch_history_history') - rows('silver.watch_history')).toBe(3);

    // The comparison can fail: one title's watch hours nudged by 1e-4 in the peer's output is caught.
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    const table = join(peerOut, 'gold.kpi_content_by_title.parquet');
    await engine.exec(`CREATE TABLE t AS SELECT * FROM read_parquet('${table}')`);
    await engine.exec(`UPDATE t SET watch_hours = watch_hours + 1e-4 WHERE movie_id = (SELECT min(movie_id) FROM t)`);
    await engine.exec(`COPY t TO '${table}' (FORMAT parquet)`);
    await engine.close();
    const nudged = (await comparePeer(warehouse, peerOut, covered)).tables.find((t) => t.table === 'gold.kpi_content_by_title')!;
    expect(sameContents(nudged)).toBe(false);
    expect([nudged.onlyInMarquee, nudged.onlyInPeer]).toEqual([1, 1]);
  }, 300_000);
});
