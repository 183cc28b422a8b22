// The browser's scripts: our client (TypeScript in client/, bundled by esbuild into one classic
// script, so it shares format.ts and escape.ts with the server) and ECharts' prebuilt file. Both are
// served by `marquee serve` and inlined by `marquee report`. The compiled program (dist/) reads the
// client bundled once by `npm run build` (scripts/build.mjs calls bundleClient below); the TypeScript
// sources (tests, tsx) bundle it once per process.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT, RUNNING_COMPILED } from '../install-paths.js';

/** Where `npm run build` writes the bundled client. */
export const BUILT_CLIENT = join(DIST_DIR, 'src', 'dashboard', 'client.js');

let clientPromise: Promise<string> | undefined;
let echartsPromise: Promise<string> | undefined;

/** Bundle src/dashboard/client/main.ts into one browser script (esbuild). */
export async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, 'src', 'dashboard', 'client', 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function builtClient(): Promise<string> {
  if (!existsSync(BUILT_CLIENT)) throw new Error(`${BUILT_CLIENT} is missing: run npm run build`);
  return readFile(BUILT_CLIENT, 'utf8');
}

/** Our client as one script (cached). */
export function clientScript(): Promise<string> {
  clientPromise ??= RUNNING_COMPILED ? builtClient() : bundleClient();
  return clientPromise;
}

/** ECharts' minified browser build from node_modules (cached). */
export function echartsScript(): Promise<string> {
  echartsPromise ??= readFile(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsPromise;
}
