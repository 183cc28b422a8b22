// A second process holding a DuckDB file open for writing, as `marquee run` would: the dashboard
// tests use it to check that readers get a clear "open for writing" answer. One helper for every test
// that needs a writer (server access, read-only warehouse access).
import { spawn, type ChildProcess } from 'node:child_process';

/** Spawns a Node process that opens `file` read-write; resolves once it holds the file (it exits by itself after 20 s). */
export function holdWriter(file: string): Promise<ChildProcess> {
  const script = `
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(${JSON.stringify(file)});
    const connection = await db.connect();
    await connection.run('SELECT 1');
    process.stdout.write('held\\n');
    // The timer uses both handles: with nothing left referring to them, a garbage collection could
    // close the database and free the lock while the test still counts on it being held.
    setTimeout(() => {
      connection.closeSync();
      db.closeSync();
      process.exit(0);
    }, 20000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('writer did not start in 15 s')), 15000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('held')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`writer exited ${code}`)));
  });
}
