// The generator on two cores: watch_history, the largest table (about half the rows and the time),
// is written in a worker thread while the main thread writes the other tables (from scale 2; see
// TWO_LANES_FROM_SCALE). Every table draws
// from its own named random stream (src/generate/rng.ts) and only reads the user and title models,
// so the order the tables are written in changes no byte of any file: the worker builds the same
// user model from the seed, and takes the title model from the main thread (it is drawn while
// movies.csv is written). With `--snapshots`, each lane splits its own tables by month once they are
// written.
import { availableParallelism } from 'node:os';
import { parentPort, workerData, type Worker } from 'node:worker_threads';
import { CONTRACTS, rowsAtScale } from '../contracts/index.js';
import type { SourceTableName } from '../contracts/types.js';
import { revivedError, serializeError, type SerializedError } from '../engine/remote/protocol.js';
import { siblingEntry, startWorker } from '../worker-thread.js';
import { makeDayText, type GenContext, type GenSettings } from './context.js';
import type { TitleModel } from './title-model.js';
import { Rng } from './rng.js';
import { splitTable, type SnapshotMonth } from './snapshots.js';
import { TitleSampler } from './title-sampler.js';
import { buildUserModel, type UserModel } from './user-model.js';
import { writeWatchHistory } from './watch-history.js';

/** What the worker needs to rebuild the generator's context: the options, without the shared caches. */
interface LaneSettings extends GenSettings {
  /** The months to split each written table into (`--snapshots`), or null for one file per table. */
  months: SnapshotMonth[] | null;
}

type LaneMessage = { type: 'progress'; table: string; rows: number } | { type: 'done' } | { type: 'error'; error: SerializedError };

/** The user model every lane starts from: a pure function of the seed and the options. */
export function laneUserModel(settings: GenSettings): UserModel {
  return buildUserModel(
    rowsAtScale(CONTRACTS[0], settings.scale).unique,
    new Rng(settings.seed, 'user-model'),
    settings.realistic,
    settings.asOfDay,
    settings.labelWindowDays,
  );
}

/** The table the second lane writes (and splits); the main thread writes and splits the others. */
export const LANE_TABLE: SourceTableName = 'watch_history';

/** watch_history, then its monthly split: the work of the second lane, in whichever thread runs it. */
async function writeWatchHistoryLane(
  ctx: GenContext,
  months: SnapshotMonth[] | null,
  users: UserModel,
  titles: TitleModel,
  sampler: TitleSampler | undefined,
): Promise<void> {
  await writeWatchHistory(ctx, users, titles, sampler);
  if (months) await splitTable(ctx.dir, LANE_TABLE, months, ctx.seed);
}

export interface WatchHistoryLane {
  /** Hand the models over; the lane starts writing then (a worker takes the titles and builds the rest itself). */
  start(titles: TitleModel, users: UserModel, sampler: TitleSampler | undefined): void;
  /** Settles when the lane has written (and split) watch_history; rejects with the lane's error. */
  readonly done: Promise<void>;
  /** Stop the lane (after a failure elsewhere); its half-written file goes with the temporary folder. */
  stop(): Promise<void>;
}
/**
 * Below this scale the generator writes in one thread unless told otherwise: at scale 1 (about a
 * second of work) the thread's start-up and two lanes slowing each other down on a 2-core machine
 * cost what the second lane saves (`marquee generate --scale 1 --snapshots 3`: 1.26 s median in one
 * thread, 1.35 s in two); from scale 2 on the second lane wins (scale 2: 1.66 -> 1.50 s, scale 10:
 * 7.75 -> 5.6 s; bench/RESULTS.md, session 15).
 */
export const TWO_LANES_FROM_SCALE = 2;

/** Threads the generator uses at `scale` when not told: two lanes on a machine with two cores, from TWO_LANES_FROM_SCALE on. */
export function defaultGenerateThreads(scale: number): number {
  return scale >= TWO_LANES_FROM_SCALE ? availableParallelism() : 1;
}

/**
 * The second lane: a worker thread when `threads` is 2 or more, else the same work in this thread,
 * on `ctx` and the models the main thread built, once they are handed over.
 */
export function watchHistoryLane(ctx: GenContext, months: SnapshotMonth[] | null, threads: number): WatchHistoryLane {
  if (threads < 2) return inThisThread(ctx, months);
  const { days: _days, keyCache: _keyCache, progress, ...options } = ctx;
  const settings: LaneSettings = { ...options, months };
  const worker: Worker = startWorker(siblingEntry(import.meta.url, './lane-entry'), { workerData: settings });
  let stopped = false;
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: LaneMessage) => {
      if (message.type === 'progress') progress(message.table, message.rows);
      else if (message.type === 'done') resolve();
      else reject(revivedError(message.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!stopped) reject(new Error(`the generator's watch_history thread exited (code ${code}) before it finished`));
    });
  });
  const finished = done.finally(() => {
    stopped = true;
    return worker.terminate();
  });
  // The caller awaits `done` once its own tables are written; an earlier failure waits for it there.
  finished.catch(() => undefined);
  return {
    start: (titles) => worker.postMessage(titles),
    done: finished,
    async stop() {
      stopped = true;
      await worker.terminate();
    },
  };
}

function inThisThread(ctx: GenContext, months: SnapshotMonth[] | null): WatchHistoryLane {
  let begin: (models: [TitleModel, UserModel, TitleSampler | undefined]) => void = () => {};
  const ready = new Promise<[TitleModel, UserModel, TitleSampler | undefined]>((resolve) => (begin = resolve));
  const done = ready.then(([titles, users, sampler]) => writeWatchHistoryLane(ctx, months, users, titles, sampler));
  done.catch(() => undefined);
  return { start: (titles, users, sampler) => begin([titles, users, sampler]), done, stop: async () => {} };
}

/** The worker's side (lane-entry.ts calls it): build the user model while the title model is drawn, then write. */
export async function serveWatchHistoryLane(): Promise<void> {
  const port = parentPort!;
  const { months, ...options } = workerData as LaneSettings;
  const send = (message: LaneMessage) => port.postMessage(message);
  try {
    const users = laneUserModel(options);
    const titles = await new Promise<TitleModel>((resolve) => port.once('message', resolve));
    const ctx: GenContext = {
      ...options,
      days: makeDayText(),
      keyCache: new Map(),
      progress: (table, rows) => send({ type: 'progress', table, rows }),
    };
    await writeWatchHistoryLane(ctx, months, users, titles, ctx.realistic ? new TitleSampler(titles) : undefined);
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'error', error: serializeError(error) });
  }
}
