// The ML steps' CPU figures count their own thread only: a worker thread burning CPU beside this one
// must not show up in this thread's clock, though it does in the process's.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CPU_CLOCK_IS_PER_THREAD, threadCpuSeconds } from '../../../src/ml/core/cpu-clock.js';

const processCpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

// Both tests run until a CPU figure is reached, not for a wall time: on a loaded machine a busy loop
// of fixed wall time gets an unknown share of a core.
describe.skipIf(!CPU_CLOCK_IS_PER_THREAD)('thread CPU clock', () => {
  it("counts this thread's work", () => {
    const before = threadCpuSeconds();
    const processBefore = processCpuSeconds();
    const started = performance.now();
    let x = 0;
    while (threadCpuSeconds() - before < 0.3 && performance.now() - started < 30_000)
      for (let k = 0; k < 100_000; k++) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    const spent = threadCpuSeconds() - before;
    expect(spent).toBeGreaterThanOrEqual(0.3);
    // The process clock saw the same work (the thread clock counts in 10 ms ticks).
    expect(processCpuSeconds() - processBefore).toBeGreaterThan(spent - 0.02);
  });

  it("leaves out another thread's work, which the process clock counts", async () => {
    const thread = threadCpuSeconds();
    const processBefore = processCpuSeconds();
    // A worker busy until its own thread has used 0.6 s of CPU, while this thread only waits.
    const worker = new Worker(
      `const { readFileSync } = require('node:fs');
       const cpu = () => { const s = readFileSync('/proc/thread-self/stat', 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
       const t = Date.now(); const c0 = cpu(); let x = 0;
       while (cpu() - c0 < 0.6 && Date.now() - t < 30000) for (let k = 0; k < 100000; k++) x += Math.sqrt(x + 1);`,
      { eval: true },
    );
    await new Promise((resolve, reject) => {
      worker.on('exit', resolve);
      worker.on('error', reject);
    });
    expect(processCpuSeconds() - processBefore).toBeGreaterThan(0.5);
    expect(threadCpuSeconds() - thread).toBeLessThan(0.2);
  });
});
