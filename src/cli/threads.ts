// How the CLI runs the threaded (ML) steps: the default thread count and where the worker's entry
// point is. Kept out of registry.ts so that defining the commands (`marquee --help`) loads no step.
import { availableParallelism } from 'node:os';
import type { StepThreads } from '../pipeline/step-thread.js';
import { siblingEntry } from '../worker-thread.js';

/** How many ML steps run at once in worker threads unless `--threads` says otherwise: one per core. */
export const DEFAULT_THREADS = availableParallelism();

/**
 * Worker threads for the threaded (ML) steps: `count` at once, each loading the registered steps
 * from step-thread-entry (its .ts source when this module runs from source, under tsx or vitest).
 * A count of 1 or less runs them in the main thread, one at a time.
 */
export function stepThreads(count: number = DEFAULT_THREADS): StepThreads | undefined {
  if (count <= 1) return undefined;
  return { entry: siblingEntry(import.meta.url, './step-thread-entry'), count };
}
