// The secret key of the silver pseudonyms (HMAC-SHA256 of each personal value). Only its holder can
// re-identify a pseudonym, by computing the HMAC of a candidate value and comparing. The key comes
// from MARQUEE_PSEUDONYM_KEY (config.pseudonymKey), or else from <warehouse>/secrets/pseudonym.key,
// 256 random bits created on the warehouse's first run with mode 0600. There is no default key: a
// constant in the code would let anyone with the code reverse the pseudonyms by a dictionary.
// The key never goes into the database or a report; meta.pseudonym_keys keeps only its fingerprint
// (an HMAC of a fixed label), which tells a run that the key changed.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MarqueeConfig } from '../config.js';
import { UserError } from '../errors.js';

export const KEY_FILE = join('secrets', 'pseudonym.key');
/** A key given in the environment must be at least this long (a short one can be guessed). */
export const MIN_ENV_KEY_LENGTH = 16;
const KEY_BYTES = 32;
const HMAC_BLOCK = 64;
const FINGERPRINT_LABEL = 'marquee pseudonym key fingerprint v1';

export interface PseudonymKey {
  key: Buffer;
  source: 'environment' | 'key file';
  /** The key file, when the key came from one. */
  path?: string;
  /** True when this call created the key file. */
  created: boolean;
}

export function keyFilePath(warehouse: string): string {
  return join(warehouse, KEY_FILE);
}

function readKeyFile(path: string): Buffer {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new UserError(`${path}: the pseudonym key file is readable by other users (mode ${mode.toString(8)}); run 'chmod 600 ${path}'`);
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/i.test(text)) throw new UserError(`${path}: expected the pseudonym key as at least 64 hex digits on one line`);
  return Buffer.from(text, 'hex');
}

/** Create the key file with a fresh random key; another process racing us wins and we read its key. */
function createKeyFile(path: string): boolean {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, randomBytes(KEY_BYTES).toString('hex') + '\n');
  } finally {
    closeSync(fd);
  }
  chmodSync(path, 0o600); // the umask may have narrowed it further; never wider
  return true;
}

/** The key for this warehouse: the environment's, else the key file's (created on first use). */
export function resolvePseudonymKey(config: Pick<MarqueeConfig, 'pseudonymKey' | 'warehouse'>): PseudonymKey {
  const fromEnv = config.pseudonymKey;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_ENV_KEY_LENGTH) {
      throw new UserError(
        `MARQUEE_PSEUDONYM_KEY is ${fromEnv.length} characters; use at least ${MIN_ENV_KEY_LENGTH} (e.g. 64 hex digits from 'openssl rand -hex 32'), or unset it to use ${KEY_FILE} in the warehouse`,
      );
    }
    return { key: Buffer.from(fromEnv, 'utf8'), source: 'environment', created: false };
  }
  const path = keyFilePath(config.warehouse);
  const created = !existsSync(path) && createKeyFile(path);
  if (created) unannounced.add(path);
  return { key: readKeyFile(path), source: 'key file', path, created };
}

/** Key files this process created whose creation the run output has not said yet. */
const unannounced = new Set<string>();

/** Whether this process created the key file at `path` and nobody has said so yet (true once). */
export function takeCreationNotice(path: string): boolean {
  return unannounced.delete(path);
}

/** The HMAC key blocks as hex (RFC 2104): the key padded to 64 bytes (sha256 of it if longer), XOR 0x36 and XOR 0x5c. */
export function hmacPads(key: Buffer): { inner: string; outer: string } {
  const block = Buffer.alloc(HMAC_BLOCK);
  (key.length > HMAC_BLOCK ? createHash('sha256').update(key).digest() : key).copy(block);
  return {
    inner: Buffer.from(block.map((b) => b ^ 0x36)).toString('hex'),
    outer: Buffer.from(block.map((b) => b ^ 0x5c)).toString('hex'),
  };
}

/** The pseudonym of one value, as the SQL computes it (for tests and for the key holder). */
export function pseudonymOf(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** An HMAC of a fixed label: identifies the key without revealing anything about it. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update(FINGERPRINT_LABEL, 'utf8').digest('hex').slice(0, 16);
}

/**
 * The pseudonym silver gives a personal value of the source column `column` (models/silver/users.sql):
 * an email lower-cased and trimmed first, a name as it is. The quality report shows failing bronze
 * rows this way, so a reader can find the account in silver without seeing who it is.
 */
export function pseudonymOfColumn(key: Buffer, column: string, value: string): string {
  return pseudonymOf(key, column === 'email' ? value.trim().toLowerCase() : value);
}
