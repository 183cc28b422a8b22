// Threaded steps (TsStep.threaded, the ML steps) run in worker threads side by side when the run has
// threads: each on its own connection, its progress and log lines reaching the run, its error
// recorded as the step's failure, and a shared table rebuilt by both keeping both steps' rows.
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/runner.js';
import type { RunReporter } from '../../src/pipeline/reporter.js';
import { silentReporter } from '../../src/pipeline/reporter.js';
import { bronzeLoad, runOptions, withEngine, writeModels } from './fixtures.js';
import { THREAD_STEPS } from './thread-steps.js';
import { ownModuleStep } from './thread-own-module.js';

const entry = new URL('./thread-entry.ts', import.meta.url);

describe('steps in worker threads', () => {
  it('runs two threaded steps at once, each in a thread of its own, and records a thrown error', async () => {
    await withEngine(async (engine, warehouse) => {
      await engine.exec('CREATE TABLE main.rendezvous (step VARCHAR)');
      const progress: string[] = [];
      const reporter: RunReporter = {
        ...silentReporter,
        stepProgress: (name, done, total, note) => progress.push(`${name} ${done}/${total} ${note}`),
      };
      const summary = await runPipeline(
        runOptions(engine, warehouse, writeModels({}), {
          tsSteps: [bronzeLoad, ...THREAD_STEPS],
          threads: { entry, count: 2 },
          reporter,
        }),
      );
      const byName = Object.fromEntries(summary.steps.map((s) => [s.name, s]));
      expect(byName['ml.a'].status).toBe('ok');
      expect(byName['ml.b'].status).toBe('ok');
      expect(byName['ml.fails'].status).toBe('failed');
      expect(byName['ml.fails'].message).toBe('ml.fails: the model did not converge');
      expect(byName['ml.a'].message).toMatch(/^ml\.a ran in thread \d+$/);
      expect(progress).toContain('ml.a 1/3 waiting for the other step');

      const rows = await engine.query<{ step: string; thread: number }>('SELECT step, thread FROM ml.shared ORDER BY step');
      expect(rows.map((r) => r.step)).toEqual(['ml.a', 'ml.b']);
      const threads = new Set(rows.map((r) => r.thread));
      expect(threads.size).toBe(2);
      expect(threads.has(threadId)).toBe(false);
      const metadata = await engine.query<{ step: string; metadata: string }>(
        `SELECT step, metadata_json AS metadata FROM meta.step_runs WHERE step IN ('ml.a', 'ml.b') ORDER BY step`,
      );
      expect(metadata.map((m) => JSON.parse(m.metadata).threadId)).toEqual(rows.map((r) => r.thread));
    });
  }, 120_000);

  it('loads a step that names its own module from that module alone, not from the registry', async () => {
    await withEngine(async (engine, warehouse) => {
      const summary = await runPipeline(
        runOptions(engine, warehouse, writeModels({}), { tsSteps: [bronzeLoad, ownModuleStep], threads: { entry, count: 2 } }),
      );
      const step = summary.steps.find((s) => s.name === 'ml.own_module')!;
      expect(step.status).toBe('ok');
      expect(step.message).toMatch(/^ml\.own_module ran in thread \d+$/);
      const [row] = await engine.query<{ metadata: string }>(
        `SELECT metadata_json AS metadata FROM meta.step_runs WHERE step = 'ml.own_module'`,
      );
      const metadata = JSON.parse(row.metadata) as { threadId: number; registryLoaded: boolean };
      expect(metadata.threadId).not.toBe(threadId);
      expect(metadata.registryLoaded).toBe(false);
    });
  }, 120_000);
});
