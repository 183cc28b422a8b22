// Bounded concurrency for the queries the dashboard runs: a fixed number in flight, a bounded queue
// behind them, and an immediate "busy" for anything beyond, which the server turns into 503 with
// Retry-After. Without a bound, a burst of requests queued without limit and a normal page waited
// half a minute.
export class BusyError extends Error {
  constructor() {
    super('busy');
    this.name = 'BusyError';
  }
}

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly inFlight: number;
  readonly queued: number;
}

export function createLimiter(maxInFlight: number, maxQueued: number): Limiter {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    inFlight -= 1;
    const next = waiting.shift();
    if (next) next();
  };
  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (inFlight >= maxInFlight) {
        if (waiting.length >= maxQueued) throw new BusyError();
        await new Promise<void>((resolveTurn) => waiting.push(resolveTurn));
      }
      inFlight += 1;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
