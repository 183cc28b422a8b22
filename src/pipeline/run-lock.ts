// One writer per warehouse. A run holds `<warehouse>/.marquee-run.lock` (its PID) from before it opens
// the database until it ends, so a second `marquee run` (or `start`) on the same warehouse is told who
// is writing instead of getting DuckDB's "Could not set lock on file". A lock whose process is gone
// (SIGKILL, a crash) is stale: the next run takes it over; the runner then marks that process's run
// 'abandoned' in meta.runs. Readers (the dashboard) never take this lock; see openWritable for how a
// run waits for them.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';

export const RUN_LOCK_FILE = '.marquee-run.lock';

export interface RunLock {
  path: string;
  /** Set when a stale lock of a dead process was taken over. */
  staleFrom?: number;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Take the warehouse's run lock, or fail with one line naming the run that holds it. */
export function acquireRunLock(warehouseDir: string): RunLock {
  const path = join(warehouseDir, RUN_LOCK_FILE);
  let staleFrom: number | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      const release = () => {
        if (holderOf(path) === process.pid) rmSync(path, { force: true });
        process.removeListener('exit', release);
      };
      // Also on process.exit() paths; a SIGKILL leaves the file, which the next run finds stale.
      process.on('exit', release);
      return { path, staleFrom, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(path);
      if (holder !== undefined && holder !== process.pid && alive(holder)) {
        throw new UserError(
          `another run (PID ${holder}) is writing this warehouse (${warehouseDir}); wait for it to finish, or stop it with kill -TERM ${holder}`,
        );
      }
      // Stale (its process is gone) or unreadable: take it over.
      staleFrom = holder;
      rmSync(path, { force: true });
    }
  }
  throw new UserError(`could not take the run lock ${path}: other runs keep taking it`);
}
