// `marquee run`: the pipeline over the input CSVs into the warehouse (or a selection of it).
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { ENGINE_NAMES, type EngineName } from '../engine/engine.js';
import { CONTRACTS } from '../contracts/index.js';
import { openEngine } from '../engine/open.js';
import { PipelineError } from '../pipeline/errors.js';
import { plainReporter, ttyReporter } from '../pipeline/reporter.js';
import { planPipeline, runPipeline } from '../pipeline/runner.js';
import { selectNodes } from '../pipeline/select.js';
import { UserError } from '../errors.js';
import { pipelineParts } from './registry.js';

interface RunFlags {
  input?: string;
  warehouse?: string;
  through?: string;
  select?: string;
  fullRefresh?: boolean;
  asOf?: string;
  engine?: string;
  sparkUrl?: string;
  memoryLimit?: string;
  models?: string;
}

function parseDate(value: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!ok) throw new UserError(`--as-of expects a date YYYY-MM-DD, got '${value}'`);
  return value;
}

export function parseEngine(value: string): EngineName {
  if (!(ENGINE_NAMES as readonly string[]).includes(value)) throw new UserError(`--engine expects ${ENGINE_NAMES.join(' or ')}, got '${value}'`);
  return value as EngineName;
}

function parseMemory(value: string): string {
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) throw new UserError(`--memory-limit expects a size such as 4GB or 512MB, got '${value}'`);
  return value;
}

/** The input folder must hold every source file when the run loads bronze. */
export function checkInput(input: string): void {
  if (!existsSync(input) || !statSync(input).isDirectory()) {
    throw new UserError(`input folder ${input} does not exist (generate the default data set with 'marquee generate', or pass --input DIR)`);
  }
  const missing = CONTRACTS.map((c) => c.file).filter((file) => !existsSync(join(input, file)));
  if (missing.length > 0) throw new UserError(`input folder ${input} lacks ${missing.join(', ')} (expected the six source CSVs)`);
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run the pipeline (bronze -> silver -> gold -> ml) into the warehouse, or a selection of it.')
    .option('--input <dir>', 'folder with the six source CSVs (default: data/generated)')
    .option('--warehouse <dir>', 'warehouse folder holding marquee.duckdb and reports/ (default: ./warehouse)')
    .option('--through <layer>', 'run every step up to this layer: bronze, silver, gold or ml')
    .option('--select <expr>', "steps to run: 'silver+' (layer and downstream), 'gold.kpi_x', '+gold.kpi_x' (with upstream); comma-separated")
    .option('--full-refresh', 'rebuild incremental tables from scratch')
    .option('--as-of <date>', 'the fixed "today" (YYYY-MM-DD) for recency, freshness and ML splits', parseDate)
    .option('--engine <name>', 'duckdb (default) or spark', parseEngine)
    .option('--spark-url <url>', 'Spark Connect URL (engine spark)')
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 4GB', parseMemory)
    .option('--models <dir>', 'models folder (default: the repository models/)')
    .action(async (flags: RunFlags) => {
      const config = loadConfig({
        input: flags.input, warehouse: flags.warehouse, asOfDate: flags.asOf, engine: flags.engine as EngineName | undefined,
        sparkUrl: flags.sparkUrl, memoryLimit: flags.memoryLimit,
      });
      const engine = await openEngine(config);
      try {
        const plan = { engine, config, modelsDir: flags.models, ...pipelineParts(config) };
        const dag = await planPipeline(plan);
        const selected = selectNodes(dag, flags.select, flags.through);
        if ([...selected].some((n) => dag.nodes.get(n)!.layer === 'bronze')) checkInput(config.input);
        const reporter = process.stdout.isTTY ? ttyReporter() : plainReporter();
        const summary = await runPipeline({ ...plan, select: flags.select, through: flags.through, fullRefresh: flags.fullRefresh, reporter });
        if (summary.status !== 'ok') {
          process.stderr.write(`marquee: run ${summary.runId} failed:\n${summary.failures.map((f) => `  ${f}\n`).join('')}`);
          process.exitCode = 1;
        }
      } catch (error) {
        if (error instanceof PipelineError) throw new UserError(error.message);
        throw error;
      } finally {
        await engine.close();
      }
    });
}
