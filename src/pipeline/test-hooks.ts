// A test-only hook so reliability tests can kill a run at a known point instead of guessing with
// timers: MARQUEE_TEST_PAUSE_AT=after:<step> pauses once that step's meta.step_runs row is written;
// MARQUEE_TEST_PAUSE_AT=before-swap:<table> pauses after the table's temp build, before the swap.
// On reaching the point the process prints `marquee-test-paused <point>` to stderr and waits until
// it is killed. Unset (always, outside tests) it does nothing.
import { readEnvironment } from '../config.js';

export async function pauseIfRequested(point: string): Promise<void> {
  const wanted = readEnvironment().testPauseAt;
  if (!wanted || wanted !== point) return;
  process.stderr.write(`marquee-test-paused ${point}\n`);
  // Keep the event loop alive until the test sends SIGKILL.
  await new Promise<void>(() => setInterval(() => undefined, 60_000));
}
