// Worker entry for step-thread.test.ts: serves the test's threaded steps (beside the fixture bronze step).
import { serveStepThread } from '../../src/pipeline/step-thread.js';
import { bronzeLoad } from './fixtures.js';
import { THREAD_STEPS } from './thread-steps.js';

await serveStepThread([bronzeLoad, ...THREAD_STEPS]);
