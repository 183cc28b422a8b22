import { describe, expect, it } from 'vitest';
import { bronzeSteps } from '../../src/bronze/index.js';
import { CONTRACTS } from '../../src/contracts/index.js';
import type { StepContext } from '../../src/pipeline/step.js';
import { UserError } from '../../src/errors.js';
import { configFor, count, inputFolder, snapshot, withEngine } from './helpers.js';

function context(engine: StepContext['engine'], input: string, logs: string[]): StepContext {
  return { engine, config: configFor(input), runId: 'run-1', progress: () => undefined, log: (m) => logs.push(m) };
}

describe('bronze steps', () => {
  it('declares one step per source table producing bronze.<table>, after validation and before checks, profile and report', () => {
    const names = bronzeSteps.map((s) => s.name);
    expect(names).toEqual([
      'bronze.validate',
      ...CONTRACTS.map((c) => `bronze.${c.name}`),
      'bronze.checks',
      'bronze.profile',
      'bronze.report',
    ]);
    for (const c of CONTRACTS) {
      const step = bronzeSteps.find((s) => s.name === `bronze.${c.name}`)!;
      expect(step).toMatchObject({ kind: 'ts', layer: 'bronze', deps: ['bronze.validate'], produces: [`bronze.${c.name}`] });
    }
    expect(bronzeSteps.find((s) => s.name === 'bronze.report')?.deps).toEqual(['bronze.profile', 'bronze.checks']);
  });

  it('runs in order and reports rows in and out per table', async () => {
    await withEngine(async (engine) => {
      const logs: string[] = [];
      const ctx = context(engine, inputFolder(), logs);
      const results = [];
      for (const step of bronzeSteps) results.push(await step.run(ctx));
      expect(results[1]).toMatchObject({ rowsIn: 6, rowsOut: 6 });
      expect(await count(engine, 'meta.check_results', `run_id = 'run-1'`)).toBeGreaterThan(100);
      expect(logs.some((l) => l.startsWith('quality report: '))).toBe(true);
    });
  });

  it('stops in validation, before any table changes, when a file is broken', async () => {
    await withEngine(async (engine) => {
      const good = context(engine, inputFolder(), []);
      for (const step of bronzeSteps.slice(0, 7)) await step.run(good);
      const before = await snapshot(engine);
      const ctx = context(engine, inputFolder('renamed-column'), []);
      await expect(bronzeSteps[0].run(ctx)).rejects.toThrow(UserError);
      expect(await snapshot(engine)).toBe(before);
    });
  });

  it('fails a table step whose blocking check fails (empty table), so its downstream is skipped', async () => {
    await withEngine(async (engine) => {
      const ctx = context(engine, inputFolder('header-only'), []);
      await bronzeSteps[0].run(ctx);
      const movies = bronzeSteps.find((s) => s.name === 'bronze.movies')!;
      await expect(movies.run(ctx)).rejects.toThrow(/bronze\.movies not_empty/);
    });
  });
});
