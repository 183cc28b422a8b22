// A threaded step that names its own module (TsStep.module), for step-thread.test.ts: the worker
// must import this module for it (thread-entry.ts's registry does not hold it), and never load the
// registry (thread-entry.ts marks the worker when it does).
import { threadId } from 'node:worker_threads';
import type { TsStep } from '../../src/pipeline/step.js';

export const ownModuleStep: TsStep = {
  kind: 'ts',
  name: 'ml.own_module',
  layer: 'ml',
  description: 'a threaded step found through its own module',
  deps: ['bronze.users'],
  produces: [],
  threaded: true,
  module: import.meta.url,
  async run(ctx) {
    ctx.log(`ml.own_module ran in thread ${threadId}`);
    return { metadata: { threadId, registryLoaded: (globalThis as { registryLoaded?: boolean }).registryLoaded === true } };
  },
};
