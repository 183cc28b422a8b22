// The pandas peer (bench/peers/pandas_pipeline.py): availability check and one measured run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { measure, type Measured } from './measure.js';
import { REPO_ROOT } from './datasets.js';

export interface PeerRun {
  measured: Measured;
  /** Seconds the script timed itself (reading to writing gold), without Python start-up. */
  innerSeconds: number;
  stages: Record<string, number>;
  sourceRows: number;
}

/** undefined when Python with pandas and pyarrow is usable, else why not. */
export function peerUnavailable(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import pandas, pyarrow; print(pandas.__version__, pyarrow.__version__)'], { encoding: 'utf8' });
  if (r.error) return 'python3 is not installed';
  if (r.status !== 0) return 'python3 lacks pandas or pyarrow (pip install pandas pyarrow)';
  return undefined;
}

export async function runPeer(input: string, outDir: string): Promise<PeerRun> {
  const measured = await measure('python3', [join(REPO_ROOT, 'bench', 'peers', 'pandas_pipeline.py'), '--input', input, '--out', outDir], {
    cwd: REPO_ROOT,
  });
  if (measured.exitCode !== 0) throw new Error(`pandas peer failed (exit ${measured.exitCode}):\n${measured.stderr.slice(-2000)}`);
  const result = JSON.parse(measured.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    stages: Record<string, number>;
    source_rows: number;
  };
  return { measured, innerSeconds: result.seconds, stages: result.stages, sourceRows: result.source_rows };
}
