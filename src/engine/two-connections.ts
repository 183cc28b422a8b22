// Read-only work over a list, shared out between the engine's connection and a second one where the
// engine can open it (DuckDB's fork; Spark has none and does the list alone). Each item runs on one
// connection; the results come back in the list's order, so the caller sees what doing the items one
// after another gives, provided every item only reads what was committed before the call.
import type { Engine } from './engine.js';

export async function mapOnTwoConnections<T, R>(
  engine: Engine,
  items: readonly T[],
  work: (connection: Engine, item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const drain = async (connection: Engine) => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await work(connection, items[i], i);
      } catch (error) {
        next = items.length; // the other connection takes no further item: the whole call fails anyway
        throw error;
      }
    }
  };
  const second = items.length > 1 && engine.fork ? await engine.fork() : undefined;
  try {
    // allSettled: the second connection closes only once neither side has a query in flight.
    const settled = await Promise.allSettled(second ? [drain(engine), drain(second)] : [drain(engine)]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    await second?.close();
  }
  return results;
}
