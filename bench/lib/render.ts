// The benchmark's section of bench/RESULTS.md: per scale, every run of the alternation (Marquee's whole
// run, the Polars peer, Marquee on the peer's subset), the best of each, the ratios, per-layer times,
// the floor, and seconds per million rows across scales (linear growth shows as a flat column).
import { describeMachine, type MachineInfo } from './machine.js';

export interface RunFigure {
  kind: 'marquee' | 'polars' | 'marquee-subset';
  wallSeconds: number;
  cpuSeconds: number | null;
  peakRssMb: number | null;
  /** 1-minute load average when the run started. */
  load: number;
  /** Marquee: meta.runs finished - started; the peer: its own timer (reading to writing the last table). */
  runSeconds?: number;
  steps?: number;
  warehouseMb?: number;
  slowest?: { step: string; seconds: number }[];
  /** Per layer: Marquee's first step start to last step end (and summed step time); the peer's stage timers. */
  layers: { layer: string; seconds: number; stepSeconds?: number }[];
}

export interface ScaleFigures {
  scale: number;
  sourceRows: number;
  reusedData: boolean;
  load: number;
  floorSeconds: number;
  runs: RunFigure[];
  /** Why the peer did not run, when it did not. */
  peerSkipped?: string;
  covered?: Record<string, string[]>;
  /** Data tables of Marquee's whole run (bronze, quarantine, silver, gold) the peer does not build. */
  notCovered?: string[];
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : int(n));
const opt = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : f2(n));
const KIND_LABEL: Record<RunFigure['kind'], string> = {
  marquee: 'Marquee, whole run',
  polars: 'Polars peer',
  'marquee-subset': "Marquee, peer's tables only",
};

/** The fastest run of a kind (by wall time), or undefined. */
export function best(runs: readonly RunFigure[], kind: RunFigure['kind']): RunFigure | undefined {
  return runs.filter((r) => r.kind === kind).sort((a, b) => a.wallSeconds - b.wallSeconds)[0];
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? 'n/a' : `${f2(a / b)}x`;
}

function coveredText(covered: Record<string, string[]>): string {
  const count = Object.values(covered).reduce((s, t) => s + t.length, 0);
  return (
    `The peer builds ${count} tables: ` +
    Object.entries(covered)
      .map(([schema, names]) => `${schema} (${names.length}): ${names.join(', ')}`)
      .join('; ') +
    '.'
  );
}

/** A warning when the machine was busier than its cores at some run's start: wall times are then inflated. */
function loadedWarning(machine: MachineInfo, results: readonly ScaleFigures[]): string[] {
  const peak = Math.max(machine.load[0], ...results.flatMap((r) => [r.load, ...r.runs.map((x) => x.load)]));
  if (peak <= machine.cores) return [];
  return [
    `**Measured on a loaded machine**: the 1-minute load average reached ${f1(peak)} on ${machine.cores} cores, so wall times are`,
    'inflated by other jobs; CPU seconds are the steadier figure. Re-time on a quiet machine before quoting wall times.',
    '',
  ];
}

export function renderSection(machine: MachineInfo, command: string, measuredBy: string, results: ScaleFigures[]): string {
  const covered = results.find((r) => r.covered)?.covered;
  const lines = [
    `## Pipeline benchmark (bench/run.ts): ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${describeMachine(machine)}. Command: \`${command}\`. Measured with ${measuredBy}.`,
    '',
    ...loadedWarning(machine, results),
    'What is timed. Each round runs, one after the other on the same files: **Marquee, whole run** (`marquee run --through gold',
    '--full-refresh`: bronze, silver, gold with every check, profile, history table, quality report, reconciliation and',
    'scorecard), the **Polars peer** (`bench/peers/polars_pipeline.py`, an independent Polars implementation checked',
    "table by table against Marquee in test/bench/polars-peer.test.ts), and **Marquee on the peer's tables only**",
    '(`--select +<each table the peer builds>`: the same tables with their upstream steps, including the bronze load and',
    'the checks attached to those models). Only the last compares like with like; the whole run does more work than the',
    'peer. Wall time is the child process from spawn to exit (Node + tsx start-up, or Python start-up, included); CPU',
    'is user + system seconds of the child; on a loaded machine CPU is the steadier figure. The floor is DuckDB alone',
    'counting the six CSVs once (`bench/floor.ts`).',
    '',
  ];
  const notCovered = results.find((r) => r.notCovered)?.notCovered;
  if (covered) {
    lines.push(
      coveredText(covered),
      `Data tables of Marquee's whole run the peer does not build: ${notCovered?.length ? notCovered.join(', ') : 'none'}. The peer also records no` +
        ' check results, profiles, quality report, imputation quality, change log, lineage or run log.',
      '',
    );
  }
  for (const r of results) {
    lines.push(
      `### scale ${r.scale}: ${int(r.sourceRows)} source rows (load ${f1(r.load)} at start${r.reusedData ? ', cached data set' : ''})`,
      '',
    );
    lines.push('| round | run | wall s | CPU s | own timer s | peak RSS MB | load at start |', '|---:|---|---:|---:|---:|---:|---:|');
    let round = 0;
    for (const run of r.runs) {
      if (run.kind === 'marquee') round++;
      lines.push(
        `| ${round} | ${KIND_LABEL[run.kind]} | ${f2(run.wallSeconds)} | ${opt(run.cpuSeconds)} | ${opt(run.runSeconds)} | ${mb(run.peakRssMb)} | ${f1(run.load)} |`,
      );
    }
    lines.push('');
    const [whole, peer, subset] = [best(r.runs, 'marquee'), best(r.runs, 'polars'), best(r.runs, 'marquee-subset')];
    if (r.peerSkipped) lines.push(`Polars peer: not run (${r.peerSkipped}).`, '');
    if (peer && subset && whole) {
      lines.push(
        `Best of each: Marquee on the peer's tables ${f2(subset.wallSeconds)} s wall / ${opt(subset.cpuSeconds)} s CPU; Polars ${f2(peer.wallSeconds)} s / ${opt(peer.cpuSeconds)} s;` +
          ` Marquee whole run ${f2(whole.wallSeconds)} s / ${opt(whole.cpuSeconds)} s.`,
        `**Like with like, Marquee / Polars = ${ratio(subset.wallSeconds, peer.wallSeconds)} wall, ${ratio(subset.cpuSeconds, peer.cpuSeconds)} CPU**` +
          ` (whole run / Polars: ${ratio(whole.wallSeconds, peer.wallSeconds)} wall, ${ratio(whole.cpuSeconds, peer.cpuSeconds)} CPU). Peak memory: Marquee ${mb(subset.peakRssMb)} MB` +
          ` (whole run ${mb(whole.peakRssMb)} MB), Polars ${mb(peer.peakRssMb)} MB.`,
        '',
        "| layer | Marquee, peer's tables: span s (summed step s) | Marquee, whole run: span s (summed step s) | Polars: stage s |",
        '|---|---:|---:|---:|',
      );
      for (const layer of ['bronze', 'silver', 'gold']) {
        const cell = (run: RunFigure) => {
          const l = run.layers.find((x) => x.layer === layer);
          return l ? (l.stepSeconds === undefined ? f2(l.seconds) : `${f2(l.seconds)} (${f2(l.stepSeconds)})`) : 'n/a';
        };
        lines.push(`| ${layer} | ${cell(subset)} | ${cell(whole)} | ${cell(peer)} |`);
      }
      lines.push(
        '',
        `In-run (meta.runs) vs own timer: Marquee on the peer's tables ${opt(subset.runSeconds)} s, whole run ${opt(whole.runSeconds)} s; Polars ${opt(peer.runSeconds)} s.`,
      );
    } else if (whole) {
      lines.push(
        `Best Marquee whole run: ${f2(whole.wallSeconds)} s wall / ${opt(whole.cpuSeconds)} s CPU, peak ${mb(whole.peakRssMb)} MB.`,
      );
    }
    if (whole?.slowest?.length)
      lines.push(`Slowest steps of the whole run: ${whole.slowest.map((s) => `${s.step} ${f1(s.seconds)} s`).join(', ')}.`);
    if (whole) lines.push(`Floor: ${f2(r.floorSeconds)} s; Marquee whole run / floor = ${f1(whole.wallSeconds / r.floorSeconds)}x (wall).`);
    lines.push('');
  }
  if (results.length > 1) {
    lines.push(
      '### Growth with data (best wall seconds per million source rows; flat = linear)',
      '',
      "| scale | rows | Marquee whole run | Marquee, peer's tables | Polars | floor |",
      '|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of results) {
      const m = r.sourceRows / 1e6;
      const per = (kind: RunFigure['kind']) => {
        const b = best(r.runs, kind);
        return b ? f2(b.wallSeconds / m) : 'n/a';
      };
      lines.push(
        `| ${r.scale} | ${int(r.sourceRows)} | ${per('marquee')} | ${per('marquee-subset')} | ${per('polars')} | ${f2(r.floorSeconds / m)} |`,
      );
    }
    lines.push(
      '',
      'At small scales fixed costs (process start-up, planning, run-log writes) dominate, so s / M rows falls until the data outweighs them.',
    );
  }
  lines.push(
    '',
    "Target (issue 21): bronze -> gold wall time at or below the Polars peer's at scale 1, 10 and 100, measured in the same run, alternating; peak memory at most 1.5 GB at scale 10 and 6 GB at scale 100.",
  );
  return lines.join('\n');
}
