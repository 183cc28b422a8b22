// What `marquee generate` does (src/cli/generate.ts defines the command and imports this module only
// when it runs): write the data set, with a progress bar on a terminal only.
import cliProgress from 'cli-progress';
import { generateDataset, type GenerateProgress } from '../../generate/index.js';

export interface GenerateFlags {
  out: string;
  scale: number;
  seed: number;
  signal: 'realistic' | 'none';
  force: boolean;
  snapshots: number;
}

export async function generate(opts: GenerateFlags): Promise<void> {
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar(
        { format: 'generate [{bar}] {percentage}% | {value}/{total} rows | {table}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  const onProgress = (p: GenerateProgress) => {
    if (!bar) return;
    if (!started) {
      bar.start(p.rowsTotal, 0, { table: p.table });
      started = true;
    }
    bar.update(p.rowsDone, { table: p.table });
  };
  try {
    const result = await generateDataset(opts, onProgress);
    bar?.stop();
    const exports = opts.snapshots > 1 ? `, users as ${opts.snapshots} monthly exports` : '';
    process.stdout.write(
      `Wrote ${result.totalRows.toLocaleString('en-US')} rows (scale ${opts.scale}, seed ${opts.seed}, signal ${opts.signal}${exports}) to ${result.out} in ${result.seconds.toFixed(1)} s\n`,
    );
  } finally {
    bar?.stop();
  }
}
