// The per-title latent state the event tables draw from (movies.ts fills it while writing movies.csv).
// Kept apart from movies.ts so a module that only reads titles does not load Faker with it (the
// generator's worker thread, src/generate/parallel.ts, writes watch_history from it).

/** genre2 of a title with one genre. */
export const NO_GENRE = 255;

export interface TitleModel {
  n: number;
  names: string[];
  contentType: Uint8Array;
  genre1: Uint8Array;
  genre2: Uint8Array;
  duration: Int32Array;
  addedDay: Int32Array;
  quality: Float32Array;
  holiday: Uint8Array;
  /** Popularity curve: base x (floor + (1-floor) e^(-age/decay)) x trend, realistic only. */
  basePopularity: Float32Array;
  decayDays: Float32Array;
  floor: Float32Array;
  trendPerYear: Float32Array;
}
