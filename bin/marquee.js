#!/usr/bin/env node
// The `marquee` command: runs the compiled CLI (dist/, written by `npm run build`, which `npm install`
// and `npm ci` run through npm's `prepare`) in this process: no compiler at start-up and no child
// process, so SIGINT / SIGTERM reach the run directly (src/cli/run-session.ts stops it at a safe point).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const stamp = join(root, 'dist', 'BUILD');

function fail(message) {
  process.stderr.write(`marquee: error: ${message}\n`);
  process.exit(2);
}

/** The first TypeScript source under dir modified after the build, if any (a stale build would run old code). */
function changedSince(dir, builtAt) {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = changedSince(path, builtAt);
      if (found) return found;
    } else if (entry.name.endsWith('.ts') && statSync(path).mtimeMs > builtAt) return path;
  }
  return undefined;
}

if (!existsSync(main) || !existsSync(stamp)) fail(`the compiled program is missing (${main}): run npm run build`);
const builtAt = statSync(stamp).mtimeMs;
const changed = changedSince(join(root, 'src'), builtAt) ?? changedSince(join(root, 'models'), builtAt);
if (changed) fail(`${changed} changed after the last build: run npm run build (or npm run dev -- <command> to run the sources)`);

// Stack traces name the TypeScript files and lines (dist/ carries source maps).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(main).href);
