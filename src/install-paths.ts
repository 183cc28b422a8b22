// Where Marquee's own files are, whether this code runs as TypeScript (src/, through vitest or tsx) or
// as the compiled JavaScript in dist/ (`npm run build`, what bin/marquee.js and `npm start` run).
// Paths computed from a module's own location would otherwise point into dist/ once compiled, where
// there are no SQL models and no .spark/ folder: every such path starts from REPO_ROOT instead.
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file is <root>/src/install-paths.ts, or <root>/dist/src/install-paths.js once compiled.
const SRC_DIR = dirname(fileURLToPath(import.meta.url));
const PARENT = dirname(SRC_DIR);

/** True when this process runs the compiled JavaScript of dist/. */
export const RUNNING_COMPILED = basename(PARENT) === 'dist';

/** The repository (or installed package) root: package.json, models/, node_modules/ are here. */
export const REPO_ROOT = RUNNING_COMPILED ? dirname(PARENT) : PARENT;

/** The build's output folder (`npm run build`): dist/src/..., dist/models/... mirror the sources. */
export const DIST_DIR = join(REPO_ROOT, 'dist');

/** The repository's SQL models (models/<layer>/<name>.sql with their .meta.ts sidecars). */
export const REPO_MODELS_DIR = join(REPO_ROOT, 'models');

/**
 * The compiled counterpart of a TypeScript file of the repository (`<root>/models/gold/x.meta.ts` ->
 * `<root>/dist/models/gold/x.meta.js`), or undefined for a file outside the repository.
 */
export function compiledPath(tsFile: string): string | undefined {
  const rel = relative(REPO_ROOT, tsFile);
  if (rel === '' || rel.startsWith('..') || rel.split(sep)[0] === 'dist' || !rel.endsWith('.ts')) return undefined;
  return join(DIST_DIR, `${rel.slice(0, -'.ts'.length)}.js`);
}
