// `npm run bench [-- --scales 1,10,100 --layers bronze,silver,gold --keep-data --no-peer]`: see pipeline-bench.ts.
import { BenchUsageError, parseBenchArgs } from './lib/args.js';
import { runBench } from './pipeline-bench.js';

try {
  await runBench(parseBenchArgs(process.argv.slice(2)));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 2;
}
