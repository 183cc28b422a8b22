// bronze.report leaves the quality report to gold.quality_report when the run holds that step (the
// files would be rewritten unread), and a run whose gold.quality_report does not succeed still ends
// with the report of what it did: written from bronze at the end of the run.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import type { QualityReport } from '../../src/quality/report/index.js';
import { REPO, runCli } from '../helpers/cli.js';

const ENV = { MARQUEE_PSEUDONYM_KEY: 'quality-report-fallback-test-key', TZ: 'UTC' };
const root = mkdtempSync(join(tmpdir(), 'marquee-report-fallback-'));
const input = join(root, 'in');
cpSync(join(REPO, 'test', 'fixtures', 'good'), input, { recursive: true });

async function stepRuns(warehouse: string): Promise<Record<string, { status: string; message: string | null }>> {
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
  try {
    const rows = await engine.query<{ step: string; status: string; message: string | null }>(
      'SELECT step, status, message FROM meta.step_runs',
    );
    return Object.fromEntries(rows.map((r) => [r.step, { status: r.status, message: r.message }]));
  } finally {
    await engine.close();
  }
}

/** Runs that recorded silver profiles, and the silver tables profiled in the last of them. */
async function silverProfileRuns(warehouse: string): Promise<{ runs: number; tables: number }> {
  const engine = await DuckDbEngine.open({ path: join(warehouse, 'marquee.duckdb'), readOnly: true });
  try {
    const [row] = await engine.query<{ runs: number; tables: number }>(`
      SELECT
        (SELECT count(DISTINCT run_id) FROM meta.column_profiles WHERE layer = 'silver') AS runs,
        (SELECT count(DISTINCT dataset) FROM meta.column_profiles WHERE layer = 'silver'
          AND run_id = (SELECT max(run_id) FROM meta.column_profiles WHERE layer = 'silver')) AS tables`);
    return { runs: Number(row.runs), tables: Number(row.tables) };
  } finally {
    await engine.close();
  }
}

/** How often a run's SQL trace (MARQUEE_TRACE_SQL=1) shows silver.users' distinct counts being taken: once per profile of it. */
const silverUsersProfiled = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) =>
      /distinct_count FROM \(SELECT 0 AS col, CAST\("user_id" AS VARCHAR\) AS value, count\(\*\) AS n FROM silver\.users /.test(line),
    ).length;

/** `marquee run ... --through gold`, stopped with SIGTERM once `step` has finished; resolves with the exit code. */
function runStoppedAfter(step: string, warehouse: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const args = [
      '--import',
      'tsx',
      join(REPO, 'src', 'cli', 'main.ts'),
      'run',
      '--input',
      input,
      '--warehouse',
      warehouse,
      '--through',
      'gold',
    ];
    const child = spawn(process.execPath, args, {
      cwd: REPO,
      env: { ...process.env, ...ENV, MARQUEE_TEST_PAUSE_AT: `after:${step}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`marquee-test-paused after:${step}`)) child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

describe('the quality report of a run through gold', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is written once, by gold.quality_report, when that step succeeds', async () => {
    const warehouse = join(root, 'ok');
    const r = await runCli(['run', '--input', input, '--warehouse', warehouse, '--through', 'gold'], {
      env: { ...ENV, MARQUEE_TRACE_SQL: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    const steps = await stepRuns(warehouse);
    expect(steps['bronze.report'].message).toMatch(/^quality report: written by gold\.quality_report later in this run/);
    expect(steps['gold.quality_report'].status).toBe('ok');
    const report = JSON.parse(readFileSync(join(warehouse, 'reports', 'quality.json'), 'utf8')) as QualityReport;
    expect(new Set(report.checks!.map((c) => c.layer))).toEqual(new Set(['bronze', 'silver', 'gold']));
    // Silver is profiled once, by gold.profile_silver (not again by the report), and the report shows it.
    expect(steps['gold.profile_silver'].status).toBe('ok');
    expect(silverUsersProfiled(r.stderr)).toBe(1);
    expect(await silverProfileRuns(warehouse)).toEqual({ runs: 1, tables: 6 });
    expect(report.layers!.find((l) => l.layer === 'silver')?.status).toBe('ran');

    // A run of the report step alone profiles silver itself.
    const alone = await runCli(['run', '--input', input, '--warehouse', warehouse, '--select', 'gold.quality_report'], {
      env: { ...ENV, MARQUEE_TRACE_SQL: '1' },
    });
    expect(alone.status, alone.stderr).toBe(0);
    expect(silverUsersProfiled(alone.stderr)).toBe(1);
    expect((await silverProfileRuns(warehouse)).runs).toBe(2);
  }, 300_000);

  it('is written from bronze at the end when the run stops before gold.quality_report', async () => {
    const warehouse = join(root, 'stopped');
    expect(await runStoppedAfter('silver.reviews', warehouse)).toBe(143); // 128 + SIGTERM: cancelled at a safe point
    const steps = await stepRuns(warehouse);
    expect(steps['bronze.report'].status).toBe('ok');
    expect(steps['gold.quality_report']).toBeUndefined();
    const report = JSON.parse(readFileSync(join(warehouse, 'reports', 'quality.json'), 'utf8')) as QualityReport;
    expect(new Set(report.checks!.map((c) => c.layer))).toEqual(new Set(['bronze']));
    expect(report.layers!.map((l) => [l.layer, l.status])).toEqual([
      ['bronze', 'ran'],
      ['silver', 'ran'],
      ['gold', 'still to run'],
      ['ml', 'did not run'],
    ]);
  }, 300_000);
});
