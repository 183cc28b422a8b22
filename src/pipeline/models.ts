// Loads SQL models from a models directory: models/<layer>/<name>.sql is table <layer>.<name>, with
// its description, columns and checks in the sidecar models/<layer>/<name>.meta.ts (default export).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledPath, RUNNING_COMPILED } from '../install-paths.js';
import { PipelineError } from './errors.js';
import { isLayer, LAYER_ORDER, layerRank } from './layers.js';
import type { Layer, ModelMeta, SqlModelStep } from './step.js';

const NAME = /^[a-z_][a-z0-9_]*$/;

function validateMeta(meta: unknown, metaPath: string, tableName: string): ModelMeta {
  if (typeof meta !== 'object' || meta === null) throw new PipelineError(`${metaPath}: default export must be a ModelMeta object`);
  const m = meta as Partial<ModelMeta>;
  if (typeof m.description !== 'string' || m.description.trim() === '')
    throw new PipelineError(`${metaPath}: 'description' must be a non-empty string`);
  if (typeof m.columns !== 'object' || m.columns === null)
    throw new PipelineError(`${metaPath}: 'columns' must map each output column to a one-line description`);
  for (const check of m.checks ?? []) {
    if (check.dataset !== tableName) {
      throw new PipelineError(
        `${metaPath}: check '${check.name}' names dataset '${check.dataset}' but sits beside the model of ${tableName}`,
      );
    }
  }
  if (m.layer !== undefined && (!isLayer(m.layer) || layerRank(m.layer) < layerRank(tableName.split('.')[0] as Layer))) {
    throw new PipelineError(`${metaPath}: 'layer' must be a layer no earlier than the model's folder, got ${JSON.stringify(m.layer)}`);
  }
  return m as ModelMeta;
}

/**
 * A sidecar's module. TypeScript sources import it as is (vitest, tsx). The compiled program imports
 * the repository's sidecars from dist/ (compiled by `npm run build` beside the code they import);
 * a models folder outside the repository (`--models DIR`) has no build, so its sidecar is bundled
 * with esbuild when loaded (Node 20 cannot import TypeScript).
 */
async function importMeta(metaPath: string): Promise<{ default?: unknown }> {
  if (!RUNNING_COMPILED) return (await import(pathToFileURL(metaPath).href)) as { default?: unknown };
  const compiled = compiledPath(metaPath);
  if (compiled !== undefined) {
    if (!existsSync(compiled)) throw new PipelineError(`${metaPath} has no compiled copy at ${compiled}: run npm run build`);
    return (await import(pathToFileURL(compiled).href)) as { default?: unknown };
  }
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [metaPath], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0].text;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: unknown };
}

/** Every SQL model under `modelsDir` (sorted by name); an absent directory holds no models. */
export async function loadSqlModels(modelsDir: string): Promise<SqlModelStep[]> {
  const root = resolve(modelsDir);
  if (!existsSync(root)) return [];
  const steps: SqlModelStep[] = [];
  for (const layer of readdirSync(root).sort()) {
    const layerDir = join(root, layer);
    if (!statSync(layerDir).isDirectory()) continue;
    if (!isLayer(layer)) throw new PipelineError(`${layerDir}: '${layer}' is not a layer (${LAYER_ORDER.join(', ')})`);
    for (const file of readdirSync(layerDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      const base = file.slice(0, -'.sql'.length);
      const path = join(layerDir, file);
      if (!NAME.test(base)) throw new PipelineError(`${path}: model file names must be lower-case words (they become table names)`);
      const name = `${layer}.${base}`;
      const metaPath = join(layerDir, `${base}.meta.ts`);
      if (!existsSync(metaPath)) throw new PipelineError(`${path}: missing its sidecar ${base}.meta.ts (description, columns, checks)`);
      const imported = await importMeta(metaPath);
      const meta = validateMeta(imported.default, metaPath, name);
      steps.push({ kind: 'sql', name, layer: meta.layer ?? layer, path, text: readFileSync(path, 'utf8'), meta });
    }
  }
  return steps;
}
