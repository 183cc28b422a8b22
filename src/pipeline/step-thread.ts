// Running a CPU-heavy TypeScript step (the ML steps: model fits, bootstraps) in a worker thread, so
// that steps of one layer run side by side on several cores instead of taking turns on the one
// JavaScript thread. The step's code is unchanged: in the worker its context's engine is a remote
// engine (src/engine/remote/) whose calls this thread answers on the step's own connection; its
// progress and log lines come back as messages. Both halves are here: runStepInThread (this
// thread) and serveStepThread (the worker's entry point calls it with the registered steps).
import { MessageChannel, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { MarqueeConfig } from '../config.js';
import { RemoteEngine, type RemoteEngineInfo } from '../engine/remote/remote-engine.js';
import { revivedError, serializeError, type SerializedError } from '../engine/remote/protocol.js';
import { serveEngine } from '../engine/remote/serve.js';
import type { Layer, StepContext, StepResult, TsStep } from './step.js';
import { startWorker } from '../worker-thread.js';

/** Where the worker's entry point is: a module that calls serveStepThread with the registered steps. */
export interface StepThreads {
  /** The entry module (compiled .js; a .ts entry runs through tsx, for `npm run dev` and tests). */
  entry: URL;
  /** How many steps of one layer may run in threads at once. */
  count: number;
}

interface StepThreadData {
  step: string;
  /** The step's module (TsStep.module), imported alone; without it the worker loads every registered step. */
  module?: string;
  config: MarqueeConfig;
  runId: string;
  fullRefresh: boolean;
  layersInRun: readonly Layer[];
  stepsInRun: readonly string[];
  engine: RemoteEngineInfo;
  port: MessagePort;
}

type StepThreadMessage =
  | { type: 'progress'; done: number; total?: number; note?: string }
  | { type: 'log'; message: string }
  | { type: 'result'; result: StepResult }
  | { type: 'error'; error: SerializedError };

/** Run `step` in a new worker thread with `ctx`, its engine calls answered on `ctx.engine`. */
export async function runStepInThread(threads: StepThreads, step: TsStep, ctx: StepContext): Promise<StepResult> {
  const channel = new MessageChannel();
  const served = serveEngine(channel.port1, ctx.engine);
  const data: StepThreadData = {
    step: step.name,
    module: step.module,
    config: ctx.config,
    runId: ctx.runId,
    fullRefresh: ctx.fullRefresh ?? false,
    layersInRun: ctx.layersInRun ?? [],
    stepsInRun: ctx.stepsInRun ?? [],
    engine: { name: ctx.engine.name, supportsRowLevelDml: ctx.engine.supportsRowLevelDml },
    port: channel.port2,
  };
  const worker = startWorker(threads.entry, { workerData: data, transferList: [channel.port2] });
  try {
    return await new Promise<StepResult>((resolve, reject) => {
      worker.on('message', (message: StepThreadMessage) => {
        if (message.type === 'progress') ctx.progress(message.done, message.total, message.note);
        else if (message.type === 'log') ctx.log(message.message);
        else if (message.type === 'result') resolve(message.result);
        else reject(revivedError(message.error));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the worker thread running ${step.name} exited (code ${code}) before it finished`)));
    });
  } finally {
    await served.close();
    await worker.terminate();
  }
}

/** The step named `name` among a module's exports, if it exports it. */
function exportedStep(exports: Record<string, unknown>, name: string): TsStep | undefined {
  return Object.values(exports).find(
    (value): value is TsStep =>
      typeof value === 'object' && value !== null && (value as TsStep).kind === 'ts' && (value as TsStep).name === name,
  );
}

/**
 * The worker's side: run the step named in workerData, report back to the parent thread. The step
 * comes from its own module when it names one, else from `registered()` (every registered step).
 */
export async function serveStepThread(registered: () => Promise<readonly TsStep[]>): Promise<void> {
  const data = workerData as StepThreadData;
  const port = parentPort!;
  const send = (message: StepThreadMessage) => port.postMessage(message);
  const engine = new RemoteEngine(data.port, data.engine);
  try {
    const own = data.module ? exportedStep((await import(data.module)) as Record<string, unknown>, data.step) : undefined;
    const step = own ?? (await registered()).find((s) => s.name === data.step);
    if (!step) throw new Error(`no TypeScript step named ${data.step} in the worker's registry`);
    const ctx: StepContext = {
      engine,
      config: data.config,
      runId: data.runId,
      fullRefresh: data.fullRefresh,
      layersInRun: data.layersInRun,
      stepsInRun: data.stepsInRun,
      progress: (done, total, note) => send({ type: 'progress', done, total, note }),
      log: (message) => send({ type: 'log', message }),
    };
    send({ type: 'result', result: await step.run(ctx) });
  } catch (error) {
    send({ type: 'error', error: serializeError(error) });
  } finally {
    await engine.close();
  }
}
