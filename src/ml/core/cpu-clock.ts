// CPU seconds of the calling thread. The ML steps may run in worker threads side by side
// (src/pipeline/step-thread.ts), where process.cpuUsage() counts every thread of the process: the
// other step's fits and DuckDB's threads too. A step's own CPU figures (the forecast profile, the
// LSTM's CPU budget) must count only its own work, or they would change with whatever runs beside it.
import { readFileSync } from 'node:fs';

type Clock = () => number;

/** Linux: utime + stime of this thread from /proc/thread-self/stat, in clock ticks (USER_HZ, 100 per second). */
function procThreadClock(): Clock | undefined {
  const read = () => {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: state is first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
}

/** Node 23.9+ has a per-thread counter of its own. */
function nodeThreadClock(): Clock | undefined {
  const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
  if (typeof threadCpuUsage !== 'function') return undefined;
  return () => {
    const c = threadCpuUsage.call(process);
    return (c.user + c.system) / 1e6;
  };
}

/** The process's CPU (every thread): the fallback where no per-thread clock exists. */
const processClock: Clock = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

const clock: Clock = nodeThreadClock() ?? procThreadClock() ?? processClock;

/** CPU seconds (user + system) this thread has used; on Linux in steps of 10 ms. */
export function threadCpuSeconds(): number {
  return clock();
}

/** Whether threadCpuSeconds counts this thread only (false: the whole process, on a platform without a thread clock). */
export const CPU_CLOCK_IS_PER_THREAD = clock !== processClock;
