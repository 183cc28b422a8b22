// CPU and wall seconds per part of a forecasting run (reading, each model's validation and test
// origins, the LSTM's training, the published forecasts, trending, anomalies). The step logs them
// and bench/forecast.ts prints them: on a shared machine wall time follows the load, while the
// thread's CPU seconds (user + system; core/cpu-clock.ts) stay put, so both are kept. CPU that DuckDB's
// own threads spend on the step's queries is not in them (wall seconds include it).

import { threadCpuSeconds } from '../core/cpu-clock.js';

export interface ProfilePart {
  part: string;
  cpuSeconds: number;
  wallSeconds: number;
}

/** CPU seconds (user + system) of this thread: the step's own work, even beside another step in another thread. */
export function cpuSeconds(): number {
  return threadCpuSeconds();
}

/** Lets the event loop run (progress output, a test runner's RPC) between long synchronous pieces. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class RunProfile {
  readonly parts: ProfilePart[] = [];

  /** Runs `fn`, records its CPU and wall seconds under `part`, then yields to the event loop. */
  async time<T>(part: string, fn: () => T | Promise<T>): Promise<T> {
    const cpu = cpuSeconds();
    const wall = performance.now();
    const out = await fn();
    this.parts.push({ part, cpuSeconds: cpuSeconds() - cpu, wallSeconds: (performance.now() - wall) / 1000 });
    await yieldToEventLoop();
    return out;
  }

  /** CPU seconds of the parts whose name starts with `prefix`. */
  cpu(prefix = ''): number {
    return this.parts.filter((p) => p.part.startsWith(prefix)).reduce((a, p) => a + p.cpuSeconds, 0);
  }

  /** One line per part, largest CPU first. */
  lines(): string[] {
    return [...this.parts]
      .sort((a, b) => b.cpuSeconds - a.cpuSeconds)
      .map((p) => `${p.part}: ${p.cpuSeconds.toFixed(2)} s CPU, ${p.wallSeconds.toFixed(2)} s wall`);
  }
}
