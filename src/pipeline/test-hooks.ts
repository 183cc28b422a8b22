// A test-only hook so reliability tests can kill a run at a known point instead of guessing with
// timers: MARQUEE_TEST_PAUSE_AT=after:<step> pauses once that step's meta.step_runs row is written;
// MARQUEE_TEST_PAUSE_AT=before-swap:<table> pauses after the table's temp build, before the swap.
// On reaching the point the process prints `marquee-test-paused <point>` to stderr and waits until
// it is killed, or (given the run's abort signal) until the run is asked to stop, so a test can send
// SIGTERM at a known point. Unset (always, outside tests) it does nothing.
import { readEnvironment } from '../config.js';

export async function pauseIfRequested(point: string, signal?: AbortSignal): Promise<void> {
  const wanted = readEnvironment().testPauseAt;
  if (!wanted || wanted !== point) return;
  process.stderr.write(`marquee-test-paused ${point}\n`);
  // Keep the event loop alive until the test sends SIGKILL (or the run is cancelled).
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => undefined, 60_000);
    signal?.addEventListener(
      'abort',
      () => {
        clearInterval(timer);
        resolve();
      },
      { once: true },
    );
  });
}
