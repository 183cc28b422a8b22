// `marquee run`: the pipeline over the input CSVs into the warehouse (or a selection of it).
import type { Command } from 'commander';
import { ENGINE_NAMES, loadConfig, type EngineName } from '../config.js';
import { dialectFor } from '../engine/dialect.js';
import { listLanding, unrecognisedMessage } from '../bronze/landing.js';
import { checkInputFolder } from './paths.js';
import { SIGNAL_EXIT_CODE, withRunSession } from './run-session.js';
import { PipelineError } from '../pipeline/errors.js';
import { plainReporter, ttyReporter } from '../pipeline/reporter.js';
import { planPipeline, runPipeline } from '../pipeline/runner.js';
import { selectNodes } from '../pipeline/select.js';
import { UserError } from '../errors.js';
import { pipelineParts, planningParts } from './registry.js';

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
  strict?: boolean;
}

function parseDate(value: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  // new Date('2025-13-01T00:00:00Z') is an Invalid Date (toISOString would throw RangeError).
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  if (!ok) throw new UserError(`--as-of expects a real calendar date YYYY-MM-DD, got '${value}'`);
  return value;
}

export function parseEngine(value: string): EngineName {
  if (!(ENGINE_NAMES as readonly string[]).includes(value))
    throw new UserError(`--engine expects ${ENGINE_NAMES.join(' or ')}, got '${value}'`);
  return value as EngineName;
}

function parseMemory(value: string): string {
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value))
    throw new UserError(`--memory-limit expects a size such as 4GB or 512MB, got '${value}'`);
  return value;
}

/**
 * Before a run that loads bronze creates anything: the input folder must exist, and with --strict no
 * file in it may be unrecognised. Missing tables and broken files are reported by bronze itself.
 */
export function checkInput(input: string, strict = false): void {
  checkInputFolder(input);
  const { unrecognised } = listLanding(input);
  if (strict && unrecognised.length > 0) throw new UserError(`--strict: ${unrecognisedMessage(input, unrecognised)}`);
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run the pipeline (bronze -> silver -> gold -> ml) into the warehouse, or a selection of it.')
    .option('--input <dir>', 'folder with the six source CSVs (default: data/generated)')
    .option('--warehouse <dir>', 'warehouse folder holding marquee.duckdb and reports/ (default: ./warehouse)')
    .option('--through <layer>', 'run every step up to this layer: bronze, silver, gold or ml')
    .option(
      '--select <expr>',
      "steps to run: 'silver+' (layer and downstream), 'gold.kpi_x', '+gold.kpi_x' (with upstream); comma-separated",
    )
    .option('--full-refresh', 'rebuild incremental tables from scratch')
    .option('--as-of <date>', 'the fixed "today" (YYYY-MM-DD) for recency, freshness and ML splits', parseDate)
    .option('--engine <name>', 'duckdb (default) or spark', parseEngine)
    .option('--spark-url <url>', 'Spark Connect URL (engine spark)')
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 4GB', parseMemory)
    .option('--models <dir>', 'models folder (default: the repository models/)')
    .option('--strict', 'fail (exit 2) when the input folder holds a CSV that matches no source table, instead of listing it')
    .action(async (flags: RunFlags) => {
      const config = loadConfig({
        input: flags.input,
        warehouse: flags.warehouse,
        asOfDate: flags.asOf,
        engine: flags.engine as EngineName | undefined,
        sparkUrl: flags.sparkUrl,
        memoryLimit: flags.memoryLimit,
      });
      try {
        // Everything that can be refused is refused before anything is created or opened.
        const dag = await planPipeline({ dialect: dialectFor(config.engine), modelsDir: flags.models, ...planningParts(config) });
        const selected = selectNodes(dag, flags.select, flags.through);
        if ([...selected].some((n) => dag.nodes.get(n)!.layer === 'bronze')) checkInput(config.input, flags.strict);
        await withRunSession(config, async ({ engine, signal }) => {
          const reporter = process.stdout.isTTY ? ttyReporter() : plainReporter();
          const summary = await runPipeline({
            engine,
            config,
            modelsDir: flags.models,
            select: flags.select,
            through: flags.through,
            fullRefresh: flags.fullRefresh,
            reporter,
            signal,
            ...pipelineParts(config),
          });
          if (summary.status === 'cancelled') {
            process.stderr.write(`marquee: run ${summary.runId} cancelled: ${summary.failures.at(-1)}\n`);
            process.exitCode = SIGNAL_EXIT_CODE[String(signal.reason)] ?? 1;
          } else if (summary.status !== 'ok') {
            process.stderr.write(`marquee: run ${summary.runId} failed:\n${summary.failures.map((f) => `  ${f}\n`).join('')}`);
            process.exitCode = 1;
          }
        });
      } catch (error) {
        if (error instanceof PipelineError) throw new UserError(error.message);
        throw error;
      }
    });
}
