// What a benchmark figure depends on: cores, memory, Node, and how busy the machine was.
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  /** 1/5/15-minute load averages. */
  load: [number, number, number];
}

export function machineInfo(): MachineInfo {
  const [one, five, fifteen] = loadavg();
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: totalmem() / 2 ** 30,
    node: process.version,
    load: [one, five, fifteen],
  };
}

export const formatLoad = (load: readonly number[]) => load.map((l) => l.toFixed(1)).join(' / ');

export function describeMachine(m: MachineInfo): string {
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGb.toFixed(1)} GB memory, Node ${m.node}, load average at start ${formatLoad(m.load)} (1/5/15 min)`;
}
