// Entry point of the worker threads the runner runs CPU-heavy steps in (src/pipeline/step-thread.ts):
// the same registered steps as the main thread, so the worker finds the step by name.
import { serveStepThread } from '../pipeline/step-thread.js';
import { registeredSteps } from './registry.js';

await serveStepThread(registeredSteps());
