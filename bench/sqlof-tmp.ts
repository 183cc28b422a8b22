import { loadConfig } from '../src/config.js';
import { planPipeline } from '../src/pipeline/runner.js';
import { planningParts } from '../src/cli/registry.js';
import { dialectFor } from '../src/engine/dialect.js';
const config = loadConfig({});
const dag = await planPipeline({ dialect: dialectFor('duckdb'), ...planningParts(config) });
const node = dag.nodes.get(process.argv[2])! as unknown as { compiled?: { sql: string } };
console.log(node.compiled?.sql ?? Object.keys(node));
