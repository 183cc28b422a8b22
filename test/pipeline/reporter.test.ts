import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInput } from '../../src/cli/actions/run.js';
import { CONTRACTS } from '../../src/contracts/index.js';
import { plainReporter, summaryTable, type RunSummary } from '../../src/pipeline/reporter.js';

const summary: RunSummary = {
  runId: 'r1',
  status: 'failed',
  steps: [
    { name: 'bronze.load', layer: 'bronze', status: 'ok', rowsIn: null, rowsOut: 1200, durationMs: 1500 },
    { name: 'silver.users', layer: 'silver', status: 'failed', rowsIn: 1200, rowsOut: null, durationMs: 250, message: "check 'x' failed" },
    { name: 'silver.movies', layer: 'silver', status: 'ok', rowsIn: 10, rowsOut: 10, durationMs: 250 },
    { name: 'gold.kpi', layer: 'gold', status: 'skipped', rowsIn: null, rowsOut: null, durationMs: 0 },
  ],
  checks: { passed: 3, warned: 1, dropped: 0, failed: 1 },
  checksByLayer: { bronze: { passed: 2, warned: 1, dropped: 0, failed: 0 }, silver: { passed: 1, warned: 0, dropped: 0, failed: 1 } },
  failures: ["check 'x' failed"],
  durationMs: 2000,
};

describe('run output', () => {
  it('prints one plain line per finished step', () => {
    let out = '';
    const reporter = plainReporter((t) => {
      out += t;
    });
    reporter.stepStarted('bronze.load');
    reporter.stepFinished(summary.steps[0]);
    reporter.stepFinished(summary.steps[1]);
    expect(out).toBe("ok bronze.load rows_in=- rows_out=1200 1.5s\nfailed silver.users rows_in=1200 rows_out=- 0.3s check 'x' failed\n");
  });

  it('summarises steps and rows per layer', () => {
    const lines = summaryTable(summary).split('\n');
    expect(lines[0]).toBe('layer   ok  failed  skipped  rows out  checks pass/warn/drop/fail  time');
    expect(lines[2]).toBe('bronze   1       0        0     1,200                     2/1/0/0  1.5s');
    expect(lines[3]).toBe('silver   1       1        0        10                     1/0/0/1  0.5s');
    expect(lines[4]).toBe('gold     0       0        1         0                           -  0.0s');
    expect(lines[6]).toBe('run r1 failed: steps ok 2, failed 1, skipped 1; checks passed 3, warned 1, dropped 0, failed 1; 2.0s');
  });
});

describe('marquee run input check', () => {
  it('names a missing folder; a landing folder holding only some tables passes (bronze names the tables it has never seen)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marquee-in-'));
    expect(() => checkInput(join(dir, 'absent'))).toThrow(/input folder .*absent does not exist/);
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', CONTRACTS[0].file), 'x\n');
    // A later delivery may hold only new files of some tables; whether the others are loaded already is
    // bronze's question (test/bronze/schema.test.ts: "a missing file").
    expect(() => checkInput(join(dir, 'data'))).not.toThrow();
    writeFileSync(join(dir, 'data', 'notes.csv'), 'x\n');
    expect(() => checkInput(join(dir, 'data'), true)).toThrow(/--strict: 1 file\(s\) .*notes\.csv/);
  });
});
