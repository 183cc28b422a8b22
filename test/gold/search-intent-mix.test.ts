// gold.search_intent_mix: per-intent search outcomes on hand-built silver searches and intents,
// its declared checks, and its place in the DAG (after ml.search_intent, outside --through gold).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SparkEngine } from '../../src/engine/spark/engine.js';
import { compileModel } from '../../src/pipeline/compile.js';
import { MODEL_MACROS, modelVars, pipelineParts } from '../../src/cli/registry.js';
import { SPARK_URL, scratchSchema, sparkIsUp } from '../engine/helpers/spark.js';
import type { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { loadConfig } from '../../src/config.js';
import { planPipeline } from '../../src/pipeline/runner.js';
import { selectNodes } from '../../src/pipeline/select.js';
import { runChecks } from '../../src/quality/run-checks.js';
import intentMixMeta from '../../models/gold/search_intent_mix.meta.js';
import { buildGoldModel, freshEngine } from './build-model.js';

const sparkUp = await sparkIsUp();
let engine: DuckDbEngine;
beforeEach(async () => {
  engine = await freshEngine();
});
afterEach(async () => engine.close());

// search_id, query, results, clicked, position; intent (undefined: not classified, e.g. blank query)
const SEARCHES: [string, string | null, number, boolean, number | null, string | undefined][] = [
  ['q1', 'inception', 10, true, 1, 'title_lookup'],
  ['q2', 'incepton', 0, false, null, 'title_lookup'],
  ['q3', 'the matrix', 8, true, 3, 'title_lookup'],
  ['q4', 'comedy', 20, true, 2, 'genre_browse'],
  ['q5', 'horror movies', 15, false, null, 'genre_browse'],
  ['q6', 'date night', 0, false, null, 'mood_occasion'],
  ['q7', null, 0, false, null, undefined],
  ['q8', 'trending', 12, true, 5, 'navigational'],
];

/** The fixture's DDL and rows as SQL text, the same on DuckDB and Spark; `silver`/`gold` name the schemas. */
function fixtureSql(silver: string, gold: string): string[] {
  return [
    `CREATE TABLE ${silver}.search_logs (search_id VARCHAR, user_id VARCHAR, search_query VARCHAR, results_returned BIGINT, clicked BOOLEAN, clicked_result_position BIGINT, had_typo BOOLEAN)`,
    `INSERT INTO ${silver}.search_logs VALUES ${SEARCHES.map(
      ([id, query, n, clicked, pos]) =>
        `('${id}', 'u1', ${query === null ? 'CAST(NULL AS VARCHAR)' : `'${query}'`}, ${n}, ${clicked}, ${pos === null ? 'CAST(NULL AS BIGINT)' : pos}, false)`,
    ).join(', ')}`,
    `CREATE TABLE ${gold}.search_intent (search_id VARCHAR, search_query VARCHAR, weak_label VARCHAR, predicted_intent VARCHAR, model VARCHAR, run_id VARCHAR)`,
    `INSERT INTO ${gold}.search_intent VALUES ${SEARCHES.filter((s) => s[5] !== undefined)
      .map(([id, query, , , , intent]) => `('${id}', '${query}', CAST(NULL AS VARCHAR), '${intent}', 'tfidf_char_svm', 'r1')`)
      .join(', ')}`,
  ];
}

async function load(): Promise<void> {
  for (const statement of fixtureSql('silver', 'gold')) await engine.exec(statement);
}

const EXPECTED = [
  // 2 of 2 genre searches returned results; one clicked at position 2.
  {
    intent: 'genre_browse',
    searches: 2,
    intent_share: 2 / 8,
    intent_share_total: 1,
    zero_result_rate: 0,
    search_click_through: 0.5,
    mean_click_position: 2,
  },
  {
    intent: 'mood_occasion',
    searches: 1,
    intent_share: 1 / 8,
    intent_share_total: 1,
    zero_result_rate: 1,
    search_click_through: 0,
    mean_click_position: null,
  },
  {
    intent: 'navigational',
    searches: 1,
    intent_share: 1 / 8,
    intent_share_total: 1,
    zero_result_rate: 0,
    search_click_through: 1,
    mean_click_position: 5,
  },
  // The blank query has no intent: its own row, so the searches add up to silver's 8.
  {
    intent: 'no_query',
    searches: 1,
    intent_share: 1 / 8,
    intent_share_total: 1,
    zero_result_rate: 1,
    search_click_through: 0,
    mean_click_position: null,
  },
  // Title lookups: one of three returned nothing; clicks at positions 1 and 3.
  {
    intent: 'title_lookup',
    searches: 3,
    intent_share: 3 / 8,
    intent_share_total: 1,
    zero_result_rate: 1 / 3,
    search_click_through: 2 / 3,
    mean_click_position: 2,
  },
];
const COLUMNS = 'intent, searches, intent_share, intent_share_total, zero_result_rate, search_click_through, mean_click_position';

describe('gold.search_intent_mix', () => {
  it('matches hand-computed shares, zero-result rates, click-through and click positions per intent', async () => {
    await load();
    await buildGoldModel(engine, 'search_intent_mix');
    const rows = await engine.query(`SELECT ${COLUMNS} FROM gold.search_intent_mix ORDER BY intent`);
    expect(rows).toEqual(EXPECTED);
  });

  it('passes its declared checks, and the share check fails when shares do not sum to 1', async () => {
    await load();
    await buildGoldModel(engine, 'search_intent_mix');
    const results = await runChecks(engine, intentMixMeta.checks, { runId: 'r1', layer: 'ml' });
    expect(results.map((r) => r.check).sort()).toEqual(
      expect.arrayContaining(['intent_shares_sum_to_one', 'intent_unique', 'intent_known', 'kpi_zero_result_rate_in_range']),
    );
    expect(results.filter((r) => !r.passed).map((r) => r.check)).toEqual([]);

    await engine.exec("UPDATE gold.search_intent_mix SET intent_share_total = 0.9 WHERE intent = 'title_lookup'");
    await engine.exec("UPDATE gold.search_intent_mix SET intent = 'shopping' WHERE intent = 'navigational'");
    const broken = await runChecks(engine, intentMixMeta.checks, { runId: 'r2', layer: 'ml' });
    expect(
      broken
        .filter((r) => !r.passed)
        .map((r) => r.check)
        .sort(),
    ).toEqual(['intent_known', 'intent_shares_sum_to_one']);
  });

  it('runs after ml.search_intent, in the ml layer, so --through gold leaves it out', async () => {
    const dag = await planPipeline({ engine, ...pipelineParts(loadConfig({})) });
    const node = dag.nodes.get('gold.search_intent_mix')!;
    expect(node.layer).toBe('ml');
    expect(node.dependsOn).toEqual(expect.arrayContaining(['ml.search_intent', 'silver.search_logs']));
    expect(dag.order.indexOf('gold.search_intent_mix')).toBeGreaterThan(dag.order.indexOf('ml.search_intent'));
    expect(selectNodes(dag, undefined, 'gold').has('gold.search_intent_mix')).toBe(false);
    expect(selectNodes(dag, undefined, 'ml').has('gold.search_intent_mix')).toBe(true);
  });
});

describe("a model's declared layer", () => {
  it('may be later than its folder, never earlier, and the error names the file', async () => {
    const { loadSqlModels } = await import('../../src/pipeline/models.js');
    // One directory per case: an imported .meta.ts is cached by path.
    const dirs: string[] = [];
    const modelsWith = (layer: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'marquee-layer-'));
      dirs.push(dir);
      mkdirSync(join(dir, 'gold'));
      writeFileSync(join(dir, 'gold', 'x.sql'), 'SELECT 1 AS one');
      writeFileSync(join(dir, 'gold', 'x.meta.ts'), `export default { description: 'x', columns: { one: 'one' }, layer: '${layer}' };\n`);
      return dir;
    };
    try {
      expect((await loadSqlModels(modelsWith('ml'))).map((m) => [m.name, m.layer])).toEqual([['gold.x', 'ml']]);
      await expect(loadSqlModels(modelsWith('silver'))).rejects.toThrow(
        /x\.meta\.ts: 'layer' must be a layer no earlier than the model's folder, got "silver"/,
      );
      await expect(loadSqlModels(modelsWith('platinum'))).rejects.toThrow(/got "platinum"/);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!sparkUp)('gold.search_intent_mix on Spark', () => {
  let spark: SparkEngine;
  const schema = scratchSchema('intent_mix');
  afterAll(async () => {
    await spark?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await spark?.close();
  });

  it('gives the same hand-computed rows when compiled for Spark SQL', async () => {
    spark = await SparkEngine.connect(SPARK_URL);
    await spark.exec(`CREATE SCHEMA ${schema}`);
    for (const statement of fixtureSql(schema, schema)) await spark.exec(statement);
    const path = join(import.meta.dirname, '..', '..', 'models', 'gold', 'search_intent_mix.sql');
    const compiled = compileModel(readFileSync(path, 'utf8'), spark.dialect, path, modelVars(loadConfig({})), MODEL_MACROS);
    expect(compiled.refs.sort()).toEqual(['gold.search_intent', 'silver.search_logs']);
    const text = compiled.sql
      .replace(/\bsilver\.search_logs\b/g, `${schema}.search_logs`)
      .replace(/\bgold\.search_intent\b/g, `${schema}.search_intent`);
    const rows = await spark.query(`SELECT ${COLUMNS} FROM (${text}) m ORDER BY intent`);
    expect(rows.length).toBe(EXPECTED.length);
    rows.forEach((row, i) => {
      for (const [column, value] of Object.entries(EXPECTED[i])) {
        if (typeof value === 'number') expect(Number(row[column]), `${EXPECTED[i].intent}.${column}`).toBeCloseTo(value, 12);
        else expect(row[column], `${EXPECTED[i].intent}.${column}`).toBe(value);
      }
    });
  }, 120_000);
});
