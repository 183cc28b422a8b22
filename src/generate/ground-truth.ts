// ground_truth.json: the planted parameters and per-entity truths, streamed. Per-entity data is
// columnar (one array per field, index i = entity i+1, e.g. users.columns.segment[0] is user_00001),
// so a million users stay compact. The pipeline never reads this file; evaluation does.
// Schema: src/generate/CONTEXT.md.
import { BufferedFile } from './output.js';
import { EVENT_FIRST_DAY } from './calendar.js';
import type { DayText } from './format.js';
import type { TitleModel } from './title-model.js';
import type { UserModel } from './user-model.js';

export const GROUND_TRUTH_FILE = 'ground_truth.json';
export const GROUND_TRUTH_FORMAT = 'marquee-ground-truth/1';

const round4 = (x: number) => String(Math.round(x * 1e4) / 1e4);

export class GroundTruthWriter {
  private readonly file: BufferedFile;
  private rowsInArray = 0;

  constructor(path: string) {
    this.file = new BufferedFile(path);
  }

  /** Opens the object and writes the header fields and `parameters`. */
  async begin(header: Record<string, unknown>): Promise<void> {
    const text = JSON.stringify(header);
    this.file.add(text.slice(0, -1)); // leave the object open for the sections that follow
    await this.file.flush();
  }

  /** `"name": {"count": n, "columns": {"col": [..], ...}}` from typed arrays or string arrays. */
  async columnarSection(name: string, count: number, columns: Record<string, (i: number) => string>): Promise<void> {
    this.file.add(`,${JSON.stringify(name)}:{"count":${count},"columns":{`);
    let firstColumn = true;
    for (const [column, valueAt] of Object.entries(columns)) {
      this.file.add(`${firstColumn ? '' : ','}${JSON.stringify(column)}:[`);
      firstColumn = false;
      for (let i = 0; i < count; i++) {
        if (this.file.add(i === 0 ? valueAt(i) : `,${valueAt(i)}`)) await this.file.flush();
      }
      this.file.add(']');
    }
    this.file.add('}}');
    await this.file.flush();
  }

  /** Starts `"name": {"columns": [...], "rows": [` for rows streamed with `row()`. */
  beginRows(name: string, columns: readonly string[]): void {
    this.file.add(`,${JSON.stringify(name)}:{"columns":${JSON.stringify(columns)},"rows":[`);
    this.rowsInArray = 0;
  }

  /** One row (already JSON values); true when the caller should `await flush()`. */
  row(values: string): boolean {
    return this.file.add(`${this.rowsInArray++ === 0 ? '' : ','}[${values}]`);
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  endRows(): void {
    this.file.add(`],"count":${this.rowsInArray}}`);
  }

  nullSection(name: string): void {
    this.file.add(`,${JSON.stringify(name)}:null`);
  }

  async close(): Promise<void> {
    this.file.add('}\n');
    await this.file.close();
  }
}

/** Users section: latent state and the churn truth of every user. */
export function userColumns(m: UserModel, days: DayText): Record<string, (i: number) => string> {
  const dayOrNull = (d: number) => (d < 0 ? 'null' : `"${days.text(EVENT_FIRST_DAY + d)}"`);
  return {
    segment: (i) => String(m.segment[i]),
    fav_genre_1: (i) => String(m.fav1[i]),
    fav_genre_2: (i) => String(m.fav2[i]),
    activity: (i) => round4(m.activity[i]),
    completion_propensity: (i) => round4(m.completion[i]),
    disengagement: (i) => round4(m.disengagement[i]),
    true_monthly_spend: (i) => round4(m.spend[i]),
    churn_probability: (i) => round4(m.churnProbability[i]),
    is_active: (i) => (m.active[i] ? 'true' : 'false'),
    churn_date: (i) => dayOrNull(m.churnDay[i]),
    decline_start: (i) => dayOrNull(m.declineStart[i]),
    decline_end: (i) => dayOrNull(m.declineEnd[i]),
    decline_floor: (i) => round4(m.declineFloor[i]),
  };
}

/** Titles section: genres as indexes into parameters.genres, and the popularity curve. */
export function titleColumns(t: TitleModel): Record<string, (i: number) => string> {
  return {
    genre_primary: (i) => String(t.genre1[i]),
    genre_secondary: (i) => (t.genre2[i] === 255 ? 'null' : String(t.genre2[i])),
    true_quality: (i) => round4(t.quality[i]),
    holiday: (i) => (t.holiday[i] ? 'true' : 'false'),
    base_popularity: (i) => round4(t.basePopularity[i]),
    decay_days: (i) => round4(t.decayDays[i]),
    floor: (i) => round4(t.floor[i]),
    trend_per_year: (i) => round4(t.trendPerYear[i]),
  };
}
