// Tiny pipelines for the runner tests: a models folder written per test and a bronze TS step.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import type { Engine } from '../../src/engine/engine.js';
import type { CheckDefinition } from '../../src/quality/check.js';
import type { RunOptions } from '../../src/pipeline/runner.js';
import type { Layer, TsStep } from '../../src/pipeline/step.js';

/** Write files (path relative to the models folder -> text) into a fresh folder; returns it. */
export function writeModels(files: Record<string, string>, dir = mkdtempSync(join(tmpdir(), 'marquee-models-'))): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A model's .sql and .meta.ts pair. */
export function model(name: string, sqlText: string, checks: CheckDefinition[] = []): Record<string, string> {
  const [layer, table] = name.split('.');
  const meta = { description: `${name} fixture`, columns: {}, checks };
  return { [`${layer}/${table}.sql`]: sqlText, [`${layer}/${table}.meta.ts`]: `export default ${JSON.stringify(meta)};\n` };
}

/** Five bronze users; (u3, 150) is implausible and (u5, 10) too young. */
export const BRONZE_USERS = `SELECT * FROM (VALUES ('u1', 25), ('u2', 40), ('u3', 150), ('u4', 33), ('u5', 10)) AS t(user_id, age)`;

export function tsStep(name: string, layer: Layer, produces: string[], deps: string[], sqlText?: string): TsStep {
  return {
    kind: 'ts',
    name,
    layer,
    description: `${name} fixture`,
    deps,
    produces,
    async run(ctx) {
      if (sqlText) await ctx.engine.exec(sqlText);
      ctx.log(`${name} ran`);
      return { rowsOut: 5 };
    },
  };
}

export const bronzeLoad = tsStep('bronze.load', 'bronze', ['bronze.users'], [], `CREATE OR REPLACE TABLE bronze.users AS ${BRONZE_USERS}`);

export async function withEngine(fn: (engine: Engine, warehouse: string) => Promise<void>): Promise<void> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  const warehouse = mkdtempSync(join(tmpdir(), 'marquee-wh-'));
  try {
    await fn(engine, warehouse);
  } finally {
    await engine.close();
  }
}

export function runOptions(engine: Engine, warehouse: string, modelsDir: string, extra: Partial<RunOptions> = {}): RunOptions {
  return {
    engine,
    config: loadConfig({ warehouse }),
    modelsDir,
    tsSteps: [bronzeLoad],
    macros: {},
    vars: {},
    hooks: [],
    conservationTables: ['users'],
    runId: 'r1',
    ...extra,
  };
}

export function check(partial: Partial<CheckDefinition> & Pick<CheckDefinition, 'name' | 'kind' | 'dataset'>): CheckDefinition {
  return { action: 'warn', reasonCode: partial.name.toUpperCase(), description: `${partial.name} holds`, ...partial };
}
