// `npm run bench [-- --scales 1,10,100 --rounds 2 --keep-data --no-peer --memory-limit 4GB]`: see pipeline-bench.ts.
import { BenchUsageError, parseBenchArgs } from './lib/args.js';
import { runBench } from './pipeline-bench.js';

try {
  await runBench(parseBenchArgs(process.argv.slice(2)));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 2;
}
