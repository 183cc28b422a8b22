// Starting a worker thread on a module of this project, compiled or not. The runner's ML steps
// (src/pipeline/step-thread.ts) and the generator's second lane (src/generate/parallel.ts) use it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The worker for `entry`. A compiled entry (.js) starts as it is. A TypeScript entry (the sources,
 * run by `npm run dev` or the tests) needs tsx's loader, which Node 20 does not carry into a worker
 * from --import: a small module registers it in the worker first, then imports the entry.
 */
export function startWorker(entry: URL, options: WorkerOptions): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const require = createRequire(import.meta.url);
  const tsx = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), tsx.exports['./esm/api'].import.default));
  const bootstrap = `import { register } from ${JSON.stringify(api.href)};\nregister();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}

/** This module's sibling `name` (.ts when the sources run, under tsx or vitest; .js when compiled). */
export function siblingEntry(base: string, name: string): URL {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
