// What the user sees while a run goes: on a terminal a live line per step (rows, elapsed time) and
// a summary table at the end; elsewhere (CI, pipes, logs) one plain line per finished step.
import type { Layer } from './step.js';

export type StepStatus = 'ok' | 'failed' | 'skipped';

export interface StepRecord {
  name: string;
  layer: Layer;
  status: StepStatus;
  rowsIn: number | null;
  rowsOut: number | null;
  durationMs: number;
  message?: string;
}

export interface CheckTally {
  passed: number;
  warned: number;
  dropped: number;
  failed: number;
}

export interface RunSummary {
  runId: string;
  /** 'cancelled': a SIGINT/SIGTERM stopped the run between two steps (see RunOptions.signal). */
  status: 'ok' | 'failed' | 'cancelled';
  steps: StepRecord[];
  checks: CheckTally;
  /** The same counts per layer (meta.check_results.layer). */
  checksByLayer: Record<string, CheckTally>;
  /** Why the run failed (failed checks with their names, failed steps, conservation mismatches). */
  failures: string[];
  durationMs: number;
}

export interface RunReporter {
  runStarted(runId: string, stepCount: number): void;
  stepStarted(name: string): void;
  stepProgress(name: string, done: number, total?: number, note?: string): void;
  stepFinished(record: StepRecord): void;
  log(name: string, message: string): void;
  runFinished(summary: RunSummary): void;
}

const fmtInt = (n: number | null) => (n === null ? '-' : n.toLocaleString('en-US'));
const fmtSeconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export const silentReporter: RunReporter = {
  runStarted() {},
  stepStarted() {},
  stepProgress() {},
  stepFinished() {},
  log() {},
  runFinished() {},
};

/** One line per finished step, then one line for the run: for logs and pipes. */
export function plainReporter(write: (text: string) => void = (t) => process.stdout.write(t)): RunReporter {
  return {
    runStarted(runId, count) {
      write(`run ${runId}: ${count} steps\n`);
    },
    stepStarted() {},
    stepProgress() {},
    stepFinished(r) {
      // An OK step's message is its log lines, already printed as they came.
      write(
        `${r.status} ${r.name} rows_in=${r.rowsIn ?? '-'} rows_out=${r.rowsOut ?? '-'} ${fmtSeconds(r.durationMs)}${r.message && r.status !== 'ok' ? ` ${r.message}` : ''}\n`,
      );
    },
    log(name, message) {
      write(`  ${name}: ${message}\n`);
    },
    runFinished(s) {
      write(`${summaryLine(s)}\n${s.failures.map((f) => `  ${f}\n`).join('')}`);
    },
  };
}

function summaryLine(s: RunSummary): string {
  const by = (status: StepStatus) => s.steps.filter((r) => r.status === status).length;
  return (
    `run ${s.runId} ${s.status}: steps ok ${by('ok')}, failed ${by('failed')}, skipped ${by('skipped')}; ` +
    `checks passed ${s.checks.passed}, warned ${s.checks.warned}, dropped ${s.checks.dropped}, failed ${s.checks.failed}; ${fmtSeconds(s.durationMs)}`
  );
}

/** The end-of-run table: steps by status and rows written per layer. */
export function summaryTable(s: RunSummary): string {
  const layers = [...new Set(s.steps.map((r) => r.layer))];
  const rows = layers.map((layer) => {
    const steps = s.steps.filter((r) => r.layer === layer);
    const count = (status: StepStatus) => String(steps.filter((r) => r.status === status).length);
    const written = steps.reduce((sum, r) => sum + (r.status === 'ok' ? (r.rowsOut ?? 0) : 0), 0);
    const time = steps.reduce((sum, r) => sum + r.durationMs, 0);
    const c = s.checksByLayer[layer];
    const checks = c ? `${c.passed}/${c.warned}/${c.dropped}/${c.failed}` : '-';
    return [layer, count('ok'), count('failed'), count('skipped'), fmtInt(written), checks, fmtSeconds(time)];
  });
  const header = ['layer', 'ok', 'failed', 'skipped', 'rows out', 'checks pass/warn/drop/fail', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    summaryLine(s),
    ...s.failures.map((f) => `  ${f}`),
  ].join('\n');
}

/**
 * A live status line for the running steps (one, or several when the run is concurrent, each with its
 * rows and elapsed time), rewritten in place, and the summary table at the end.
 */
export function ttyReporter(stream: NodeJS.WriteStream = process.stdout): RunReporter {
  type Live = { started: number; done?: number; total?: number; note?: string };
  const running = new Map<string, Live>();
  let timer: NodeJS.Timeout | undefined;
  const render = () => {
    if (running.size === 0) return;
    const parts = [...running].map(([name, live]) => {
      const rows = live.done === undefined ? '' : ` ${fmtInt(live.done)}${live.total ? `/${fmtInt(live.total)}` : ''} rows`;
      return `${name}${rows}${live.note ? ` ${live.note}` : ''} ${fmtSeconds(Date.now() - live.started)}`;
    });
    const text = `… ${parts.join(' | ')}`;
    stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 120) - 1)}`);
  };
  return {
    runStarted(runId, count) {
      stream.write(`run ${runId}: ${count} steps\n`);
    },
    stepStarted(name) {
      running.set(name, { started: Date.now() });
      render();
      if (!timer) {
        timer = setInterval(render, 200);
        timer.unref();
      }
    },
    stepProgress(name, done, total, note) {
      const live = running.get(name);
      if (live) Object.assign(live, { done, total, note });
      render();
    },
    stepFinished(r) {
      running.delete(r.name);
      if (running.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
      stream.write('\r\x1b[2K');
      const mark = r.status === 'ok' ? '✓' : r.status === 'failed' ? '✗' : '-';
      stream.write(
        `${mark} ${r.name.padEnd(40)} ${fmtInt(r.rowsOut).padStart(12)} rows ${fmtSeconds(r.durationMs).padStart(7)}${r.message && r.status !== 'ok' ? `  ${r.message}` : ''}\n`,
      );
      render();
    },
    log(name, message) {
      stream.write(`\r\x1b[2K  ${name}: ${message}\n`);
      render();
    },
    runFinished(s) {
      stream.write(`\n${summaryTable(s)}\n`);
    },
  };
}
