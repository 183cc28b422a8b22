// Runs one command as a child process and measures it from outside: wall time, and peak resident
// memory of the child and its descendants. With GNU time installed (`apt-get install -y time`),
// `/usr/bin/time -v` reports the peak RSS of the largest process in the tree; without it, /proc is
// polled every 50 ms for VmHWM of the child (its own high-water mark; may miss a short spike at the end).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface Measured {
  exitCode: number;
  wallSeconds: number;
  peakRssMb: number | null;
  /** How peak RSS was taken: 'gnu-time', 'proc-vmhwm' or 'none'. */
  rssSource: 'gnu-time' | 'proc-vmhwm' | 'none';
  /** User + system CPU seconds of the child and its waited-for descendants (GNU time only, else null). */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

function vmHwmKb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Run `command args` in `cwd`; the timer starts at spawn and stops at exit. */
export function measure(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Measured> {
  const useTime = hasGnuTime();
  const [file, argv] = useTime ? [GNU_TIME, ['-v', command, ...args]] : [command, [...args]];
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let peakKb = 0;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          peakKb = Math.max(peakKb, vmHwmKb(child.pid!) ?? 0);
        }, 50);
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      let peakRssMb: number | null = peakKb > 0 ? peakKb / 1024 : null;
      let rssSource: Measured['rssSource'] = peakKb > 0 ? 'proc-vmhwm' : 'none';
      let cpuSeconds: number | null = null;
      if (useTime) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        peakRssMb = match ? Number(match[1]) / 1024 : null;
        rssSource = match ? 'gnu-time' : 'none';
        const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
        const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
        cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : null;
        // GNU time's own report is not the command's output.
        stderr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '');
      }
      resolveRun({ exitCode: code ?? (signal ? 128 : 1), wallSeconds, peakRssMb, rssSource, cpuSeconds, stdout, stderr });
    });
  });
}
