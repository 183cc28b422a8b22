// The Polars peer (bench/peers/polars_pipeline.py): whether it can run here, which tables it writes,
// and one measured run. Used by `npm run bench` and test/bench/polars-peer.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { measure, type Measured } from './measure.js';
import { REPO_ROOT } from './datasets.js';

export const POLARS_PEER = join(REPO_ROOT, 'bench', 'peers', 'polars_pipeline.py');

export interface PolarsPeerRun {
  measured: Measured;
  /** Seconds the script timed itself (reading to writing the last table), without Python start-up. */
  innerSeconds: number;
  stages: Record<string, number>;
  sourceRows: number;
  polarsVersion: string;
}

/** undefined when python3 with polars is usable, else why not. */
export function polarsUnavailable(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import polars; print(polars.__version__)'], { encoding: 'utf8' });
  if (r.error) return 'python3 is not installed';
  if (r.status !== 0) return 'python3 lacks polars (pip install polars)';
  return undefined;
}

/** The tables the peer writes, by schema, as Marquee names them (the peer's COVERED list). */
export function peerTables(): Record<string, string[]> {
  return JSON.parse(execFileSync('python3', [POLARS_PEER, '--list-tables'], { encoding: 'utf8' })) as Record<string, string[]>;
}

export async function runPolarsPeer(input: string, spec: string, outDir: string, env: NodeJS.ProcessEnv): Promise<PolarsPeerRun> {
  const measured = await measure('python3', [POLARS_PEER, '--input', input, '--spec', spec, '--out', outDir], { cwd: REPO_ROOT, env });
  if (measured.exitCode !== 0) throw new Error(`polars peer failed (exit ${measured.exitCode}):\n${measured.stderr.slice(-2000)}`);
  const result = JSON.parse(measured.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    stages: Record<string, number>;
    source_rows: number;
    polars: string;
  };
  return { measured, innerSeconds: result.seconds, stages: result.stages, sourceRows: result.source_rows, polarsVersion: result.polars };
}
