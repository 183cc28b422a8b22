// Steps for the worker-thread tests (step-thread.test.ts): two threaded steps that can only finish
// if they run at the same time (each waits to see the other's row), both rebuilding one shared table
// from its kept rows, and a threaded step that throws. thread-entry.ts serves them in the worker.
import { threadId } from 'node:worker_threads';
import { writeTable } from '../../src/ml/publish/store.js';
import type { TsStep } from '../../src/pipeline/step.js';

export const SHARED = {
  name: 'ml.shared',
  columns: [
    { name: 'step', type: 'VARCHAR' },
    { name: 'thread', type: 'BIGINT' },
  ],
} as const;

function meetingStep(name: string, other: string): TsStep {
  return {
    kind: 'ts',
    name,
    layer: 'ml',
    description: `${name}: waits for ${other}`,
    deps: ['bronze.users'],
    produces: [],
    writesShared: [SHARED.name],
    threaded: true,
    async run(ctx) {
      await ctx.engine.exec(`INSERT INTO main.rendezvous VALUES ('${name}')`);
      ctx.progress(1, 3, 'waiting for the other step');
      const deadline = Date.now() + 60_000;
      for (;;) {
        const seen = await ctx.engine.query(`SELECT 1 FROM main.rendezvous WHERE step = '${other}'`);
        if (seen.length > 0) break;
        if (Date.now() > deadline) throw new Error(`${other} never started while ${name} ran`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await writeTable(ctx.engine, SHARED, [{ step: name, thread: threadId }], { runId: ctx.runId, keepWhere: `step <> '${name}'` });
      ctx.log(`${name} ran in thread ${threadId}`);
      return { rowsOut: 1, metadata: { threadId } };
    },
  };
}

const failing: TsStep = {
  kind: 'ts',
  name: 'ml.fails',
  layer: 'ml',
  description: 'a model fit that throws',
  deps: ['bronze.users'],
  produces: [],
  threaded: true,
  async run() {
    throw new Error('the model did not converge');
  },
};

export const THREAD_STEPS: TsStep[] = [meetingStep('ml.a', 'ml.b'), meetingStep('ml.b', 'ml.a'), failing];
