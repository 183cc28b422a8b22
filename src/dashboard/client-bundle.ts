// The browser's scripts: our client (TypeScript in client/, bundled once per process by esbuild into
// one classic script, so it shares format.ts and escape.ts with the server) and ECharts' prebuilt
// file. Both are served by `marquee serve` and inlined by `marquee report`.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let clientPromise: Promise<string> | undefined;
let echartsPromise: Promise<string> | undefined;

async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(here, 'client', 'main.ts')],
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

/** Our client as one script (cached). */
export function clientScript(): Promise<string> {
  clientPromise ??= bundleClient();
  return clientPromise;
}

/** ECharts' minified browser build from node_modules (cached). */
export function echartsScript(): Promise<string> {
  echartsPromise ??= readFile(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsPromise;
}
