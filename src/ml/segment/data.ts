// Segmentation inputs per account, all from gold and all point-in-time (events strictly before the
// as-of date, no imputed durations): engagement, RFM inputs and demographics from
// gold.ml_user_features (not gold.kpi_engagement_by_user, which counts the as-of day and imputed
// durations), and taste shares (gold.ml_user_taste, pivoted here so the
// genre and device lists come from the data, sorted). Two matrices: `raw` in real units for profiles,
// `model` (log counts, shares, missing filled) for clustering before standardisation.
import type { Engine } from '../../engine/engine.js';
import { createMatrix, type FeatureMatrix } from '../core/matrix.js';
import type { FeatureWording } from '../cluster/profile.js';

export const SEGMENT_SOURCES = ['gold.ml_user_features', 'gold.ml_user_taste'] as const;

export interface SegmentDataset {
  userIds: string[];
  raw: FeatureMatrix;
  model: FeatureMatrix;
  /** RFM inputs: days since the last session (NaN: never), sessions in 90 days, monthly spend. */
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  wording: Record<string, FeatureWording>;
}

interface BaseRow {
  user_id: string;
  sessions: number | null;
  watch_hours: number | null;
  completion_rate: number | null;
  binge_sessions: number | null;
  recency_days: number | null;
  frequency_90d: number | null;
  monetary: number | null;
  age: number | null;
  household_size: number | null;
}

interface TasteRow {
  user_id: string;
  kind: string;
  value: string;
  share: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));

/** Column name of a taste share: genre:Drama -> share_genre_drama. */
export function shareColumn(kind: string, value: string): string {
  return `share_${kind}_${value.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}

/** The share columns' keys (kind NUL value), sorted: the column order of the pivot. */
function tasteKeys(pairs: Iterable<{ kind: string; value: string }>): string[] {
  return [...new Set(Array.from(pairs, (t) => `${t.kind}\u0000${t.value}`))].sort();
}

type TastePivot = { names: string[]; kinds: string[]; values: Float64Array[] };

/**
 * Accumulates long taste rows, batch by batch, into one share column per key (rows in `userIds`
 * order), so the taste table (about 12 per user: 12 million rows at scale 100) is never held whole.
 * `finish` gives a user with no event of a kind the population mean share of that kind (neutral, so
 * it does not form its own cluster).
 */
export function tastePivot(
  userIds: readonly string[],
  keys: readonly string[],
): { add(rows: Iterable<TasteRow>): void; finish(): TastePivot } {
  const index = new Map(userIds.map((u, i) => [u, i]));
  const names = keys.map((k) => shareColumn(...(k.split('\u0000') as [string, string])));
  const kinds = keys.map((k) => k.split('\u0000')[0]);
  const col = new Map(keys.map((k, j) => [k, j]));
  const n = userIds.length;
  const values = keys.map(() => new Float64Array(n));
  const hasKind = new Map<string, Uint8Array>();
  return {
    add(rows) {
      for (const t of rows) {
        const i = index.get(t.user_id);
        if (i === undefined) continue;
        const j = col.get(`${t.kind}\u0000${t.value}`);
        if (j === undefined) throw new Error(`taste pivot: ${t.kind} '${t.value}' is not one of the ${keys.length} known kinds and values`);
        values[j][i] = Number(t.share);
        let h = hasKind.get(t.kind);
        if (!h) {
          h = new Uint8Array(n);
          hasKind.set(t.kind, h);
        }
        h[i] = 1;
      }
    },
    finish() {
      keys.forEach((_, j) => {
        const h = hasKind.get(kinds[j])!;
        let s = 0;
        let c = 0;
        for (let i = 0; i < n; i++)
          if (h[i]) {
            s += values[j][i];
            c++;
          }
        const mean = c ? s / c : 0;
        for (let i = 0; i < n; i++) if (!h[i]) values[j][i] = mean;
      });
      return { names, kinds, values };
    },
  };
}

/** Pivots long taste rows held in memory (the streaming `tastePivot` over one batch). */
export function pivotTaste(userIds: readonly string[], taste: readonly TasteRow[]): TastePivot {
  const pivot = tastePivot(userIds, tasteKeys(taste));
  pivot.add(taste);
  return pivot.finish();
}

function fillMedian(v: Float64Array): Float64Array {
  const finite = Array.from(v)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const med = finite.length ? finite[Math.floor(finite.length / 2)] : 0;
  return v.map((x) => (Number.isFinite(x) ? x : med));
}

export async function loadSegmentDataset(engine: Engine): Promise<SegmentDataset> {
  const base = await engine.query<
    BaseRow & Record<string, unknown>
  >(`SELECT f.user_id, f.sessions_total AS sessions, f.watch_hours_total AS watch_hours,
      f.completion_rate_total AS completion_rate, f.binge_sessions, f.days_since_last_watch AS recency_days, f.sessions_90d AS frequency_90d,
      f.monthly_spend AS monetary, f.age, f.household_size
    FROM gold.ml_user_features f
    ORDER BY f.user_id`);
  if (base.length === 0) throw new Error('gold.ml_user_features is empty: nothing to segment');
  // Ordered so the features never depend on the engine's scan order (DuckDB and Spark differ).
  const userIds = base.map((r) => String(r.user_id));
  // The taste table is read in batches (12 rows a user; never held whole): its kinds and values first.
  const keys = tasteKeys(
    (await engine.query('SELECT DISTINCT kind, value FROM gold.ml_user_taste')).map((r) => ({
      kind: String(r.kind),
      value: String(r.value),
    })),
  );
  const tasteShares = tastePivot(userIds, keys);
  for await (const batch of engine.stream('SELECT user_id, kind, value, share FROM gold.ml_user_taste ORDER BY user_id, kind, value'))
    tasteShares.add(batch as unknown as TasteRow[]);
  const n = userIds.length;
  const pick = (f: (r: BaseRow) => number) => Float64Array.from(base, (r) => f(r));
  const sessions = pick((r) => num(r.sessions));
  const hours = pick((r) => num(r.watch_hours));
  const engagementRaw: [string, Float64Array, FeatureWording][] = [
    ['sessions', sessions, { kind: 'amount', phrase: 'watches' }],
    ['watch_hours', hours, { kind: 'amount', phrase: 'spends hours watching' }],
    ['minutes_per_session', sessions.map((s, i) => (s > 0 ? (60 * hours[i]) / s : NaN)), { kind: 'amount', phrase: 'has long sessions' }],
    ['completion_rate', pick((r) => num(r.completion_rate)), { kind: 'amount', phrase: 'finishes titles' }],
    ['binge_share', sessions.map((s, i) => (s > 0 ? num(base[i].binge_sessions) / s : NaN)), { kind: 'amount', phrase: 'binges' }],
    ['age', pick((r) => num(r.age)), { kind: 'amount', phrase: 'is older' }],
    ['household_size', pick((r) => num(r.household_size)), { kind: 'amount', phrase: 'has a larger household' }],
  ];
  const pivot = tasteShares.finish();
  const names = [...engagementRaw.map((e) => e[0]), ...pivot.names];
  const raw = createMatrix(n, names);
  const model = createMatrix(n, names);
  engagementRaw.forEach(([name, values], j) => {
    raw.data.set(values, j * n);
    // Counts are heavy-tailed: cluster on log1p so a few heavy users do not dominate the distances.
    const filled = fillMedian(values);
    model.data.set(name === 'sessions' || name === 'watch_hours' ? filled.map(Math.log1p) : filled, j * n);
  });
  pivot.values.forEach((values, k) => {
    const j = engagementRaw.length + k;
    raw.data.set(values, j * n);
    model.data.set(values, j * n);
  });
  const wording: Record<string, FeatureWording> = Object.fromEntries(engagementRaw.map(([name, , w]) => [name, w]));
  pivot.names.forEach((name, k) => {
    const value = name.replace(`share_${pivot.kinds[k]}_`, '').replace(/_/g, ' ');
    wording[name] =
      pivot.kinds[k] === 'genre'
        ? { kind: 'share', phrase: `${value} titles` }
        : { kind: 'share', phrase: pivot.kinds[k] === 'event_device' ? `browsing on ${value}` : `watching on ${value}` };
  });
  return {
    userIds,
    raw,
    model,
    wording,
    recencyDays: pick((r) => num(r.recency_days)),
    frequency: pick((r) => num(r.frequency_90d)),
    monetary: pick((r) => num(r.monetary)),
  };
}
