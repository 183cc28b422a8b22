// Paths checked before a run creates anything: a warehouse that is a file, a read-only warehouse,
// database file or reports folder, or an input folder that is missing each get one clear line
// (UserError, exit 2) instead of a stack trace, and leave the disk as it was.
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';

const WAREHOUSE_FILE = 'marquee.duckdb';

/** Can this process create a file in `dir`? A probe file (removed at once) says, for root too. */
function assertWritableFolder(dir: string, what: string): void {
  const probe = join(dir, `.marquee-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST')
      throw new UserError(
        `${what} (${code === 'EROFS' ? 'read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code})`,
      );
  }
  rmSync(probe, { force: true });
}

/** The warehouse folder must be a writable folder (or creatable), its database file and reports/ writable. */
export function checkWarehousePath(warehouse: string): void {
  if (!existsSync(warehouse)) {
    let parent = dirname(warehouse);
    while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
    if (!statSync(parent).isDirectory())
      throw new UserError(`cannot create the warehouse folder ${warehouse}: ${parent} is a file, not a folder`);
    assertWritableFolder(parent, `cannot create the warehouse folder ${warehouse}: ${parent} is not writable`);
    return;
  }
  if (!statSync(warehouse).isDirectory()) {
    throw new UserError(`--warehouse ${warehouse} is a file; expected a folder (it holds ${WAREHOUSE_FILE} and reports/)`);
  }
  assertWritableFolder(warehouse, `the warehouse folder ${warehouse} is not writable`);
  const database = join(warehouse, WAREHOUSE_FILE);
  if (existsSync(database)) {
    if (!statSync(database).isFile()) throw new UserError(`${database} is not a file; the warehouse database goes there`);
    try {
      closeSync(openSync(database, 'r+'));
    } catch (error) {
      throw new UserError(
        `the warehouse database ${database} is read-only (${(error as NodeJS.ErrnoException).code}); a run must write it`,
      );
    }
  }
  const reports = join(warehouse, 'reports');
  if (existsSync(reports)) {
    if (!statSync(reports).isDirectory())
      throw new UserError(`${reports} is a file; the quality and dashboard reports go into a folder there`);
    assertWritableFolder(reports, `the reports folder ${reports} is not writable`);
  }
}

/** The input folder must exist (bronze reports the tables it lacks, file by file). */
export function checkInputFolder(input: string): void {
  if (!existsSync(input))
    throw new UserError(
      `input folder ${input} does not exist (generate the default data set with 'marquee generate', or pass --input DIR)`,
    );
  if (!statSync(input).isDirectory()) throw new UserError(`--input ${input} is a file; expected the folder the source CSVs land in`);
}
