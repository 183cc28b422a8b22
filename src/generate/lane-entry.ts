// Entry point of the generator's worker thread (src/generate/parallel.ts): writes watch_history.
import { serveWatchHistoryLane } from './parallel.js';

await serveWatchHistoryLane();
