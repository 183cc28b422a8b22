// The false-claim audit's parts (bench/audit-ml.ts runs them): generate a data set, run the whole
// pipeline through ml, and count the model cards that claim `signal`, per use case. Also the
// shuffle that takes the planted findings out of realistic data (labels and event times).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { createRng, type Rng } from '../../src/ml/core/rng.js';
import { warehouseDbPath } from '../../src/warehouse/layout.js';

const root = join(import.meta.dirname, '..', '..');

/** The use cases the audit reports, in table order; trending is told apart from forecasting by its model name. */
export const AUDITED_USE_CASES = [
  'forecasting',
  'trending',
  'recommendations',
  'segmentation',
  'churn',
  'sentiment',
  'search_intent',
] as const;
export type AuditedUseCase = (typeof AUDITED_USE_CASES)[number];

/** ml.model_cards use_case (and model) -> the audit's use case. */
export function auditedUseCase(useCase: string, model: string): AuditedUseCase | null {
  if (useCase === 'trending' || model.startsWith('trending')) return 'trending';
  switch (useCase) {
    case 'forecast':
      return 'forecasting';
    case 'recommend':
      return 'recommendations';
    case 'segmentation':
      return 'segmentation';
    case 'churn':
      return 'churn';
    case 'sentiment':
      return 'sentiment';
    case 'search_intent':
      return 'search_intent';
    default:
      return null;
  }
}

/** Runs the marquee CLI; throws with its output when it fails. */
export function marquee(...args: string[]): void {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`marquee ${args.join(' ')} exited ${r.status}:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
}

export interface CardClaims {
  /** Cards per audited use case. */
  cards: Record<AuditedUseCase, number>;
  /** Cards that claim `signal`. */
  claims: Record<AuditedUseCase, number>;
  /** The claiming cards: use case, model, verdict. */
  claimed: { useCase: AuditedUseCase; model: string; verdict: string }[];
}

const zero = (): Record<AuditedUseCase, number> =>
  Object.fromEntries(AUDITED_USE_CASES.map((u) => [u, 0])) as Record<AuditedUseCase, number>;

/** Reads the latest cards of a warehouse and counts the claims of signal. */
export async function countClaims(warehouse: string): Promise<CardClaims> {
  const engine = await DuckDbEngine.open({ path: warehouseDbPath(warehouse) });
  try {
    const rows = await engine.query<{ use_case: string; model: string; verdict_level: string; verdict: string }>(
      'SELECT use_case, model, verdict_level, verdict FROM ml.model_cards ORDER BY use_case, model',
    );
    const out: CardClaims = { cards: zero(), claims: zero(), claimed: [] };
    for (const r of rows) {
      const u = auditedUseCase(String(r.use_case), String(r.model));
      if (!u) continue;
      out.cards[u]++;
      if (r.verdict_level === 'signal') {
        out.claims[u]++;
        out.claimed.push({ useCase: u, model: String(r.model), verdict: String(r.verdict) });
      }
    }
    return out;
  } finally {
    await engine.close();
  }
}

/** Splits one CSV line (RFC 4180 quoting; the generator writes no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`unterminated quoted field in: ${line.slice(0, 80)}`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      out.push(value);
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return out;
    i++; // the comma
  }
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function shuffleInPlace<T>(values: T[], rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [values[i], values[j]] = [values[j], values[i]];
  }
}

/**
 * Permutes the named columns of a CSV file across rows, together (one permutation for the group, so
 * a rating keeps its sentiment label). Returns the number of rows.
 */
export function shuffleColumns(file: string, columns: readonly string[], seed: number): number {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const header = splitCsvLine(lines[0]);
  const at = columns.map((c) => {
    const k = header.indexOf(c);
    if (k < 0) throw new Error(`${file}: no column ${c} (header: ${header.join(', ')})`);
    return k;
  });
  const rows = lines.slice(1).map(splitCsvLine);
  const order = rows.map((_, i) => i);
  shuffleInPlace(order, createRng(seed));
  const moved = order.map((i) => at.map((k) => rows[i][k]));
  rows.forEach((r, i) =>
    at.forEach((k, c) => {
      r[k] = moved[i][c];
    }),
  );
  writeFileSync(file, [lines[0], ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n');
  return rows.length;
}

/**
 * Takes the planted findings out of a realistic data set: the churn label (is_active), the review
 * labels (rating, sentiment and score move together, away from their text) and every event's date
 * (so no seasonality, trend or launch curve is left). User-title pairs stay, so taste is still
 * there: recommendations and segmentation may still rightly find it.
 */
export function shuffleLabelsAndTimes(dir: string, seed: number): void {
  shuffleColumns(join(dir, 'users.csv'), ['is_active'], seed);
  shuffleColumns(join(dir, 'reviews.csv'), ['rating', 'sentiment', 'sentiment_score'], seed + 1);
  shuffleColumns(join(dir, 'reviews.csv'), ['review_date'], seed + 2);
  shuffleColumns(join(dir, 'watch_history.csv'), ['watch_date'], seed + 3);
  shuffleColumns(join(dir, 'search_logs.csv'), ['search_date'], seed + 4);
  shuffleColumns(join(dir, 'recommendation_logs.csv'), ['recommendation_date'], seed + 5);
}

/** Generates a data set and runs the pipeline through ml on it; returns wall seconds of each part. */
export function generateAndRun(
  dataDir: string,
  warehouse: string,
  options: { scale: number; seed: number; signal: 'none' | 'realistic'; afterGenerate?: (dir: string) => void },
): { generateSeconds: number; runSeconds: number } {
  const t0 = performance.now();
  marquee('generate', '--out', dataDir, '--scale', String(options.scale), '--seed', String(options.seed), '--signal', options.signal);
  options.afterGenerate?.(dataDir);
  const t1 = performance.now();
  marquee('run', '--input', dataDir, '--warehouse', warehouse);
  return { generateSeconds: (t1 - t0) / 1000, runSeconds: (performance.now() - t1) / 1000 };
}
