#!/usr/bin/env node
// `npm run build` (and npm's `prepare`, which `npm install` and `npm ci` run): compile the TypeScript
// of src/ and models/ into dist/ with esbuild, one JavaScript file per source file in the same layout
// (dist/src/..., dist/models/...), so every relative import and every sidecar keeps its place. No
// type checking here (`npm run typecheck` does that); esbuild only strips the types. Then the
// dashboard's browser client is bundled once into dist/src/dashboard/client.js, and dist/BUILD
// records when, for bin/marquee.js's check that the sources have not changed since.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const started = performance.now();

/** Every .ts file under dir, except the browser client (bundled on its own below). */
function sources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (relative(root, path) !== join('src', 'dashboard', 'client')) out.push(...sources(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

rmSync(dist, { recursive: true, force: true });
const entryPoints = [...sources(join(root, 'src')), ...sources(join(root, 'models'))];
await build({
  entryPoints,
  outdir: dist,
  outbase: root,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});

// The client is bundled by the same function the TypeScript sources use (one set of options).
const { bundleClient, BUILT_CLIENT } = await import(pathToFileURL(join(dist, 'src', 'dashboard', 'client-bundle.js')).href);
mkdirSync(dirname(BUILT_CLIENT), { recursive: true });
writeFileSync(BUILT_CLIENT, await bundleClient());

writeFileSync(join(dist, 'BUILD'), `${new Date().toISOString()} ${entryPoints.length} files\n`);
process.stdout.write(`marquee build: ${entryPoints.length} files into dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
