// The flags of `npm run bench` (bench/run.ts) and the options they make for runBench
// (pipeline-bench.ts). The options type lives here so that pipeline-bench imports args, never the
// other way round.

export interface BenchOptions {
  scales: number[];
  /** Rounds per scale; each round runs Marquee (whole run), the Polars peer, Marquee (peer's subset), in that order. */
  rounds?: number;
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

export function parseRounds(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`--rounds expects a whole number of at least 1; got '${text}'`);
  return n;
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
    else if (arg === '--rounds') options.rounds = parseRounds(value());
    else if (arg === '--keep-data') options.keepData = true;
    else if (arg === '--no-peer') options.peer = false;
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--memory-limit') options.memoryLimit = value();
    else throw new BenchUsageError(`unknown flag ${arg}; expected --scales, --rounds, --keep-data, --no-peer, --seed, --memory-limit`);
  }
  return options;
}

/** The value after `--name` on this process's command line, or undefined (the single-purpose bench scripts' flags). */
export function flagValue(name: string, argv: readonly string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
