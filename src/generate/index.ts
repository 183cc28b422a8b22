// generateDataset: writes the six source CSVs plus ground_truth.json into a temporary folder beside
// the target and renames it into place at the end, so a failed run never leaves half a data set.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { CONTRACTS, rowsAtScale } from '../contracts/index.js';
import { defaultConfig } from '../config.js';
import { dayNumber } from './format.js';
import { makeDayText, type GenContext, type GenerateProgress, type SignalMode } from './context.js';
import { GROUND_TRUTH_FILE, GROUND_TRUTH_FORMAT, GroundTruthWriter, titleColumns, userColumns } from './ground-truth.js';
import { writeMovies } from './movies.js';
import { plantedParameters } from './parameters.js';
import { writeRecommendations } from './recommendations.js';
import { writeReviews } from './reviews.js';
import { writeSearches } from './searches.js';
import { MONTHLY_TABLES, snapshotMonths, splitTable, type SnapshotMonth } from './snapshots.js';
import { defaultGenerateThreads, LANE_TABLE, laneUserModel, watchHistoryLane } from './parallel.js';
import { TitleSampler } from './title-sampler.js';
import { writeUsers } from './users.js';

export type { GenerateProgress, SignalMode } from './context.js';

export interface GenerateOptions {
  out: string;
  /** Multiplies every table's row count (1 = the published sizes). */
  scale?: number;
  seed?: number;
  signal?: SignalMode;
  /** Replace a non-empty output folder. */
  force?: boolean;
  /** Churn dates are planted relative to these (defaults from config.ts). */
  asOfDate?: string;
  labelWindowDays?: number;
  /**
   * Write users as this many monthly exports (users_2025_07.csv ...) and split the event files by
   * month the same way (src/generate/snapshots.ts); 1 or absent: one file per table.
   */
  snapshots?: number;
  /**
   * Threads to write with; 1 writes every table in this thread, 2 or more writes watch_history in a
   * worker thread beside the rest. Default: defaultGenerateThreads(scale). Same bytes either way.
   */
  threads?: number;
}

export interface GenerateResult {
  out: string;
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
}

export async function generateDataset(options: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<GenerateResult> {
  const defaults = defaultConfig();
  const scale = options.scale ?? defaults.scale;
  const seed = options.seed ?? defaults.seed;
  const signal = options.signal ?? defaults.signal;
  const asOfDate = options.asOfDate ?? defaults.asOfDate;
  const labelWindowDays = options.labelWindowDays ?? defaults.labelWindowDays;
  if (!Number.isFinite(scale) || scale <= 0) throw new UserError(`scale must be a number greater than 0, got '${scale}'`);
  if (!Number.isInteger(seed) || seed < 0) throw new UserError(`seed must be a whole number >= 0, got '${seed}'`);
  const snapshots = options.snapshots ?? 1;
  if (!Number.isInteger(snapshots) || snapshots < 1 || snapshots > 24)
    throw new UserError(`snapshots must be a whole number from 1 to 24, got '${snapshots}'`);
  if (signal !== 'realistic' && signal !== 'none') throw new UserError(`signal must be 'realistic' or 'none', got '${signal}'`);

  const target = resolve(options.out);
  await checkTarget(target, options.force ?? false);
  const parent = dirname(target);
  const temp = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(temp);
  } catch (error) {
    throw new UserError(`cannot write the output folder ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }

  const started = performance.now();
  const totals = Object.fromEntries(CONTRACTS.map((c) => [c.name, rowsAtScale(c, scale).total]));
  const rowsTotal = Object.values(totals).reduce((a, b) => a + b, 0);
  const done: Record<string, number> = {};
  const ctx: GenContext = {
    dir: temp,
    seed,
    scale,
    realistic: signal === 'realistic',
    asOfDay: dayNumber(asOfDate),
    labelWindowDays,
    days: makeDayText(),
    keyCache: new Map(),
    progress: (table, rows) => {
      done[table] = rows;
      onProgress?.({ table, rowsDone: Object.values(done).reduce((a, b) => a + b, 0), rowsTotal });
    },
  };
  try {
    const months = snapshots > 1 ? snapshotMonths(asOfDate, snapshots) : null;
    await writeAll(ctx, { seed, scale, signal, asOfDate, labelWindowDays }, months, options.threads);
    await swapIntoPlace(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { out: target, rows: totals, totalRows: rowsTotal, seconds: (performance.now() - started) / 1000 };
}

/**
 * Every table and ground_truth.json, the monthly tables (MONTHLY_TABLES) split by month when `months`
 * is given. watch_history goes to a second lane (src/generate/parallel.ts: a worker thread with
 * `threads` of 2 or more, by default from scale 2 on a machine with two cores), which splits it
 * itself; this thread writes and splits the rest.
 */
async function writeAll(
  ctx: GenContext,
  header: Record<string, unknown>,
  months: SnapshotMonth[] | null,
  threads: number | undefined,
): Promise<void> {
  const lane = watchHistoryLane(ctx, months, threads ?? defaultGenerateThreads(ctx.scale));
  try {
    const users = laneUserModel(ctx);
    await writeUsers(ctx, users);
    const titles = await writeMovies(ctx);
    const sampler = ctx.realistic ? new TitleSampler(titles) : undefined;
    lane.start(titles, users, sampler);

    const truth = new GroundTruthWriter(join(ctx.dir, GROUND_TRUTH_FILE));
    await truth.begin({ format: GROUND_TRUTH_FORMAT, ...header, event_first_day: '2024-01-01', parameters: plantedParameters(users) });
    await truth.columnarSection('users', users.n, userColumns(users, ctx.days));
    await truth.columnarSection('titles', titles.n, titleColumns(titles));

    await writeRecommendations(ctx, users, titles, sampler);
    if (sampler) truth.beginRows('searches', ['intent', 'clean_query']);
    else truth.nullSection('searches');
    await writeSearches(ctx, users, titles, sampler, sampler ? truth : undefined);
    if (sampler) truth.endRows();
    await truth.close();
    await writeReviews(ctx, users, titles, sampler);
    // This thread's share of the monthly split: every monthly table but the lane's.
    if (months) for (const table of MONTHLY_TABLES) if (table !== LANE_TABLE) await splitTable(ctx.dir, table, months, ctx.seed);
    await lane.done;
  } catch (error) {
    await lane.stop();
    throw error;
  }
}

async function checkTarget(target: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    const info = await stat(target);
    if (!info.isDirectory()) throw new UserError(`output path ${target} exists and is not a folder`);
    entries = await readdir(target);
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UserError(`cannot read the output folder ${target}: ${(error as NodeJS.ErrnoException).code}`);
  }
  if (entries.length > 0 && !force) throw new UserError(`output folder ${target} is not empty (use --force to replace it)`);
}

/** Rename the finished temp folder onto the target, moving an old target aside first. */
async function swapIntoPlace(temp: string, target: string): Promise<void> {
  let old: string | undefined;
  try {
    await stat(target);
    old = `${temp}.old`;
    await rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(temp, target);
  if (old) await rm(old, { recursive: true, force: true });
}
