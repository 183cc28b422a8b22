// Entry point of the worker threads the runner runs CPU-heavy steps in (src/pipeline/step-thread.ts):
// the step from its own module (TsStep.module), or else from the same registered steps as the main
// thread, loaded only then: the registry imports every step of every layer.
import { serveStepThread } from '../pipeline/step-thread.js';

await serveStepThread(async () => (await import('./registry.js')).registeredSteps());
