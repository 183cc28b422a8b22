// The flags of `npm run bench` (bench/run.ts) and the options they make for runBench
// (pipeline-bench.ts). The options type lives here so that pipeline-bench imports args, never the
// other way round.

export interface BenchOptions {
  scales: number[];
  /** Layers to run, in order; each needs the ones before it (default: every layer up to gold that has steps). */
  layers?: string[];
  seed?: number;
  /** Keep the warehouses under bench/out/warehouse-*; data sets are always kept (the cache). */
  keepData?: boolean;
  memoryLimit?: string;
  peer?: boolean;
  resultsFile?: string;
  log?: (line: string) => void;
}

/** A wrong flag or value (bench/run.ts prints it and exits 2). */
export class BenchUsageError extends Error {}

export function parseScales(text: string): number[] {
  const scales = text.split(',').map((s) => Number(s.trim()));
  if (scales.length === 0 || scales.some((s) => !Number.isFinite(s) || s <= 0))
    throw new BenchUsageError(`--scales expects positive numbers separated by commas, e.g. 1,10,100; got '${text}'`);
  return scales;
}

export function parseLayers(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { scales: [1, 10, 100] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new BenchUsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--scales') options.scales = parseScales(value());
    else if (arg === '--layers') options.layers = parseLayers(value());
    else if (arg === '--keep-data') options.keepData = true;
    else if (arg === '--no-peer') options.peer = false;
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--memory-limit') options.memoryLimit = value();
    else throw new BenchUsageError(`unknown flag ${arg}; expected --scales, --layers, --keep-data, --no-peer, --seed, --memory-limit`);
  }
  return options;
}
