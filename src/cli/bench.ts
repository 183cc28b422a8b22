// `marquee bench`: the pipeline benchmark (bench/pipeline-bench.ts) from the CLI.
import type { Command } from 'commander';
import { UserError } from '../errors.js';

interface BenchFlags {
  scales: string;
  layers?: string;
  keepData?: boolean;
  peer: boolean;
  seed: string;
  memoryLimit?: string;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('Benchmark bronze -> silver -> gold at several scales against the DuckDB read floor and a pandas peer; writes bench/RESULTS.md.')
    .option('--scales <list>', 'comma-separated scales', '1,10,100')
    .option('--layers <list>', 'layers to run, from bronze (default: every layer up to gold that has steps)')
    .option('--keep-data', 'keep the warehouses under bench/out/ (generated data sets are always cached there)')
    .option('--no-peer', 'skip the pandas peer')
    .option('--seed <n>', 'generator seed', '42')
    .option('--memory-limit <size>', 'DuckDB memory limit passed to each run, e.g. 6GB')
    .action(async (flags: BenchFlags) => {
      // Loaded on demand: the benchmark code lives in bench/, outside the CLI's normal path.
      const { runBench } = await import('../../bench/pipeline-bench.js');
      const { BenchUsageError, parseLayers, parseScales } = await import('../../bench/lib/args.js');
      try {
        await runBench({
          scales: parseScales(flags.scales), layers: flags.layers ? parseLayers(flags.layers) : undefined, keepData: flags.keepData,
          peer: flags.peer, seed: Number(flags.seed), memoryLimit: flags.memoryLimit,
        });
      } catch (error) {
        if (error instanceof BenchUsageError) throw new UserError(error.message);
        throw error;
      }
    });
}
