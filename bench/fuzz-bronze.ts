// Bronze fuzz: N mutated source files from a seed (bench/fuzz/mutations.ts), each ingested on its own
// (bench/fuzz/run-case.ts); counts how many held and replaces the `bench:fuzz-bronze` section of
// bench/RESULTS.md. Usage: npx tsx bench/fuzz-bronze.ts [--cases 60] [--seed 1] [--scale 0.02]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACTS } from '../src/contracts/index.js';
import { ensureDataset, REPO_ROOT } from './lib/datasets.js';
import { describeMachine, machineInfo } from './lib/machine.js';
import { replaceSection } from './lib/results-file.js';
import { fuzzCases } from './fuzz/mutations.js';
import { runFuzzCase, type FuzzOutcome } from './fuzz/run-case.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const count = Number(flag('--cases', '60'));
const seed = Number(flag('--seed', '1'));
const scale = Number(flag('--scale', '0.02'));

const machine = machineInfo();
const base = ensureDataset(scale, 42, (l) => console.log(l)).dir;
const work = mkdtempSync(join(tmpdir(), 'marquee-fuzz-'));
const outcomes: FuzzOutcome[] = [];
try {
  for (const c of fuzzCases(
    count,
    seed,
    CONTRACTS.map((t) => t.name),
  )) {
    const o = await runFuzzCase(base, c, work);
    outcomes.push(o);
    console.log(`${o.held ? 'held  ' : 'FAILED'} ${o.case}: ${o.outcome} ${o.seconds.toFixed(1)}s — ${o.detail.split('\n')[0]}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const held = outcomes.filter((o) => o.held).length;
const byMutation = new Map<string, FuzzOutcome[]>();
for (const o of outcomes) {
  const name = o.case.split(' ')[1];
  byMutation.set(name, [...(byMutation.get(name) ?? []), o]);
}
const section = [
  `## Bronze fuzz (bench/fuzz-bronze.ts): ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Machine: ${describeMachine(machine)}. Command: \`npx tsx bench/fuzz-bronze.ts --cases ${count} --seed ${seed} --scale ${scale}\`.`,
  '',
  `**${held} of ${outcomes.length} cases held** (no crash; either refused with a message naming the file, or loaded with`,
  'rows read = rows loaded + rows quarantined, equal to the data lines of the file, every quarantined row with a reason).',
  '',
  '| mutation | cases | held | outcomes |',
  '|---|---:|---:|---|',
  ...[...byMutation].map(
    ([name, os]) =>
      `| ${name} | ${os.length} | ${os.filter((o) => o.held).length} | ${[...new Set(os.map((o) => o.outcome))].join(', ')} |`,
  ),
  '',
  ...outcomes.filter((o) => !o.held).map((o) => `- failed: ${o.case}: ${o.outcome}: ${o.detail.split('\n')[0]}`),
].join('\n');
replaceSection(join(REPO_ROOT, 'bench', 'RESULTS.md'), 'bench:fuzz-bronze', section);
console.log(`${held}/${outcomes.length} held; wrote the bench:fuzz-bronze section of bench/RESULTS.md`);
process.exitCode = held === outcomes.length ? 0 : 1;
