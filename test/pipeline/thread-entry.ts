// Worker entry for step-thread.test.ts: serves the test's threaded steps (beside the fixture bronze
// step), and marks the worker when it had to load them (a step naming its own module never does).
import { serveStepThread } from '../../src/pipeline/step-thread.js';
import { bronzeLoad } from './fixtures.js';
import { THREAD_STEPS } from './thread-steps.js';

await serveStepThread(async () => {
  (globalThis as { registryLoaded?: boolean }).registryLoaded = true;
  return [bronzeLoad, ...THREAD_STEPS];
});
