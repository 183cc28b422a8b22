// Flags shared by `npm run bench` and `marquee bench`.
import type { BenchOptions } from '../pipeline-bench.js';

/** A wrong flag or value (the CLI turns it into a usage error, exit 2). */
export class BenchUsageError extends Error {}

export function parseScales(text: string): number[] {
  const scales = text.split(',').map((s) => Number(s.trim()));
  if (scales.length === 0 || scales.some((s) => !Number.isFinite(s) || s <= 0)) throw new BenchUsageError(`--scales expects positive numbers separated by commas, e.g. 1,10,100; got '${text}'`);
  return scales;
}

export function parseLayers(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
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
