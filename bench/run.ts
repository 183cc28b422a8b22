// `npm run bench [-- --scales 1,10,100 --layers bronze,silver,gold --keep-data --no-peer]`: see pipeline-bench.ts.
import { parseBenchArgs } from './lib/args.js';
import { runBench } from './pipeline-bench.js';

await runBench(parseBenchArgs(process.argv.slice(2)));
