// npm run audit:ml -- [--seeds 10] [--scale 0.05] [--no-shuffled] [--results bench/RESULTS.md]
//
// The false-claim audit: for each seed, generate --signal none data (nothing planted), run the whole
// pipeline through ml, and count the model cards that claim `signal`, per use case. Then realistic
// data with its labels and event times shuffled (bench/lib/audit-ml.ts: shuffleLabelsAndTimes).
// Target: at most 1 seed with a false claim per use case over 10 seeds. Writes its table into
// bench/RESULTS.md (section bench:audit-ml) with the date and the machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUDITED_USE_CASES,
  countClaims,
  generateAndRun,
  shuffleLabelsAndTimes,
  type AuditedUseCase,
  type CardClaims,
} from './lib/audit-ml.js';
import { describeMachine, formatLoad, machineInfo } from './lib/machine.js';
import { replaceSection } from './lib/results-file.js';
import { loadavg } from 'node:os';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const seeds = Number(flag('--seeds', '10'));
const scale = Number(flag('--scale', '0.05'));
const shuffled = !process.argv.includes('--no-shuffled');
const resultsFile = flag('--results', join(import.meta.dirname, 'RESULTS.md'));
if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds expects a positive integer, got ${flag('--seeds', '')}`);
if (!(scale > 0)) throw new Error(`--scale expects a positive number, got ${flag('--scale', '')}`);

const machine = machineInfo();
const base = mkdtempSync(join(tmpdir(), 'marquee-audit-ml-'));
const started = performance.now();
const log = (line: string) => process.stdout.write(`${line}\n`);

interface SeedResult {
  seed: number;
  claims: CardClaims;
  seconds: number;
}
const none: SeedResult[] = [];
try {
  for (let k = 0; k < seeds; k++) {
    const seed = 1001 + k;
    const data = join(base, `none-${seed}`);
    const warehouse = join(base, `wh-none-${seed}`);
    const t = generateAndRun(data, warehouse, { scale, seed, signal: 'none' });
    const claims = await countClaims(warehouse);
    none.push({ seed, claims, seconds: t.generateSeconds + t.runSeconds });
    log(
      `seed ${seed}: ${(t.generateSeconds + t.runSeconds).toFixed(0)} s; claims ${AUDITED_USE_CASES.map((u) => `${u} ${claims.claims[u]}/${claims.cards[u]}`).join(', ')}`,
    );
    for (const c of claims.claimed) log(`  claims signal: ${c.useCase} ${c.model}: ${c.verdict.slice(0, 200)}`);
    rmSync(data, { recursive: true, force: true });
    rmSync(warehouse, { recursive: true, force: true });
  }
  let shuffledClaims: CardClaims | null = null;
  if (shuffled) {
    const seed = 2001;
    const data = join(base, 'shuffled');
    const warehouse = join(base, 'wh-shuffled');
    generateAndRun(data, warehouse, { scale, seed, signal: 'realistic', afterGenerate: (dir) => shuffleLabelsAndTimes(dir, seed) });
    shuffledClaims = await countClaims(warehouse);
    log(
      `realistic, labels and event times shuffled: ${AUDITED_USE_CASES.map((u) => `${u} ${shuffledClaims!.claims[u]}/${shuffledClaims!.cards[u]}`).join(', ')}`,
    );
    for (const c of shuffledClaims.claimed) log(`  claims signal: ${c.useCase} ${c.model}: ${c.verdict.slice(0, 200)}`);
  }
  const minutes = (performance.now() - started) / 60000;
  replaceSection(resultsFile, 'bench:audit-ml', renderTable(none, shuffledClaims, minutes));
  log(`wrote ${resultsFile} (${minutes.toFixed(1)} min)`);
} finally {
  rmSync(base, { recursive: true, force: true });
}

function renderTable(results: SeedResult[], shuffledClaims: CardClaims | null, minutes: number): string {
  const seedsWith = (u: AuditedUseCase) => results.filter((r) => r.claims.claims[u] > 0).length;
  const cardsClaiming = (u: AuditedUseCase) => results.reduce((s, r) => s + r.claims.claims[u], 0);
  const cards = (u: AuditedUseCase) => results.reduce((s, r) => s + r.claims.cards[u], 0);
  const targeted: readonly AuditedUseCase[] = ['forecasting', 'trending', 'recommendations', 'segmentation', 'churn'];
  const lines = [
    '## ML false-claim audit (`npm run audit:ml`)',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${describeMachine(machine)}; load average at the end ${formatLoad(loadavg())}.`,
    `--signal none data at scale ${scale} for ${results.length} seeds (${results.map((r) => r.seed).join(', ')}), the whole pipeline through ml each time; ${minutes.toFixed(1)} min in all.`,
    'A false claim is a model card with verdict_level `signal` on data where nothing is planted. Target: at most 1 seed with a false claim per use case (forecasting, trending, recommendations, segmentation, churn) over 10 seeds.',
    '',
    '| use case | seeds with a false claim | cards claiming signal / cards | target met |',
    '|---|---|---|---|',
    ...AUDITED_USE_CASES.map(
      (u) =>
        `| ${u} | ${seedsWith(u)} of ${results.length} | ${cardsClaiming(u)} / ${cards(u)} | ${targeted.includes(u) ? (cards(u) === 0 ? 'no cards' : seedsWith(u) <= 1 ? 'yes' : 'NO') : 'not targeted'} |`,
    ),
  ];
  const claimed = results.flatMap((r) =>
    r.claims.claimed.map((c) => `- seed ${r.seed}, ${c.useCase} ${c.model}: ${c.verdict.slice(0, 240)}`),
  );
  if (claimed.length) lines.push('', 'Cards that claimed signal:', ...claimed);
  lines.push(
    '',
    'Sentiment and search intent are not targeted: --signal none ties each of its 30 review texts to one sentiment (as the published file does) and has no intent truth, so a text model may rightly find the text-sentiment link.',
  );
  if (shuffledClaims) {
    lines.push(
      '',
      `Realistic data (scale ${scale}, seed 2001) with is_active, review ratings/labels and every event date shuffled: cards claiming signal / cards. Churn, sentiment, forecasting and trending have nothing left to find; recommendations and segmentation keep user taste (user-title pairs stay), so their claims there are real.`,
      '',
      '| use case | cards claiming signal / cards |',
      '|---|---|',
      ...AUDITED_USE_CASES.map((u) => `| ${u} | ${shuffledClaims.claims[u]} / ${shuffledClaims.cards[u]} |`),
    );
    if (shuffledClaims.claimed.length)
      lines.push('', ...shuffledClaims.claimed.map((c) => `- ${c.useCase} ${c.model}: ${c.verdict.slice(0, 240)}`));
  }
  return lines.join('\n');
}
