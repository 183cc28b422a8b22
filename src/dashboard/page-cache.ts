// Page results cached per warehouse version: repeated requests for a page and filters are answered
// from memory until the warehouse file changes (a run writes it; its size, mtime or inode move).
// Identical requests arriving together share one computation. Bounded: the oldest entry goes first.
import { statSync } from 'node:fs';

/** The warehouse file's version: changes whenever a writer has touched it (or its WAL). */
export function warehouseVersion(file: string): string {
  const part = (path: string) => {
    try {
      const s = statSync(path);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  return `${part(file)}|${part(`${file}.wal`)}`;
}

export interface PageCache<T> {
  /** The cached value of `key` at `version`, or compute it (once, however many ask at the same time). */
  get(key: string, version: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }>;
  readonly size: number;
}

export function createPageCache<T>(maxEntries: number): PageCache<T> {
  const done = new Map<string, { version: string; value: T }>();
  const pending = new Map<string, Promise<T>>();
  return {
    get size() {
      return done.size;
    },
    async get(key, version, compute) {
      const hit = done.get(key);
      if (hit && hit.version === version) return { value: hit.value, cached: true };
      const slot = `${version}\u0000${key}`;
      let running = pending.get(slot);
      if (!running) {
        running = compute().finally(() => pending.delete(slot));
        pending.set(slot, running);
        running.then(
          (value) => {
            done.delete(key);
            done.set(key, { version, value });
            if (done.size > maxEntries) done.delete(done.keys().next().value as string);
          },
          () => undefined,
        );
      }
      return { value: await running, cached: false };
    },
  };
}
