// The ML steps' CPU figures count their own thread only: a worker thread burning CPU beside this one
// must not show up in this thread's clock, though it does in the process's.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CPU_CLOCK_IS_PER_THREAD, threadCpuSeconds } from '../../../src/ml/core/cpu-clock.js';

const processCpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

describe.skipIf(!CPU_CLOCK_IS_PER_THREAD)('thread CPU clock', () => {
  it("counts this thread's work", () => {
    const before = threadCpuSeconds();
    const started = performance.now();
    let x = 0;
    while (performance.now() - started < 400) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(threadCpuSeconds() - before).toBeGreaterThan(0.2);
  });

  it("leaves out another thread's work, which the process clock counts", async () => {
    const thread = threadCpuSeconds();
    const processBefore = processCpuSeconds();
    // A worker busy for 600 ms while this thread only waits.
    const worker = new Worker('const t = Date.now(); let x = 0; while (Date.now() - t < 600) x += Math.sqrt(x + 1);', { eval: true });
    await new Promise((resolve, reject) => {
      worker.on('exit', resolve);
      worker.on('error', reject);
    });
    expect(processCpuSeconds() - processBefore).toBeGreaterThan(0.4);
    expect(threadCpuSeconds() - thread).toBeLessThan(0.2);
  });
});
