// What every event table's generator opens before its first row: its random stream, its CSV writer
// and row count, its key formatter, the user and title key texts it references, who acts when, and
// the device weights per segment. Opened in one place so the four event generators start alike.
import { contractFor, type TableContract } from '../contracts/index.js';
import { ActivitySampler } from './activity.js';
import { devicePickers } from './behaviour.js';
import { keyFormatter, keyTexts, openTable, type GenContext } from './context.js';
import { Rng } from './rng.js';
import type { TableWriter } from './output.js';
import type { UserModel } from './user-model.js';

export interface EventTable {
  /** The table's own stream (named after the table), so one table's draws never shift another's. */
  rng: Rng;
  writer: TableWriter;
  /** Rows before the duplicate block. */
  unique: number;
  /** The table's key text for row n (1-based). */
  rowKey: (n: number) => string;
  userIds: string[];
  /** Title key texts; empty when the table references no title. */
  movieIds: string[];
  activity: ActivitySampler;
  devices: Float64Array[];
}

export function openEventTable(
  ctx: GenContext,
  contract: TableContract,
  users: UserModel,
  titleCount: number | undefined,
  /** Which of a segment's device weights the table's events use (sessions: watch devices; the rest: event devices). */
  deviceWeights: 'watchDevices' | 'eventDevices',
): EventTable {
  const { writer, unique } = openTable(ctx, contract);
  return {
    rng: new Rng(ctx.seed, contract.name),
    writer,
    unique,
    rowKey: keyFormatter(contract),
    userIds: keyTexts(ctx, contractFor('users'), users.n),
    movieIds: titleCount === undefined ? [] : keyTexts(ctx, contractFor('movies'), titleCount),
    activity: new ActivitySampler(users),
    devices: devicePickers((segment) => segment[deviceWeights]),
  };
}
