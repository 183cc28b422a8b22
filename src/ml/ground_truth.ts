// The generator's planted truth (ground_truth.json in the input folder), read only by the ML steps
// to measure how close a model gets to the best achievable score. Other layers never read it; on real
// data the file is absent and the ML steps simply skip the comparison.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonSections } from './json_sections.js';

export interface GroundTruthUsers {
  file: string;
  signal: 'realistic' | 'none';
  asOfDate: string;
  segmentNames: string[];
  /** Per user index (user_00001 -> 0): segment index and true churn probability. */
  segment: number[];
  churnProbability: number[];
}

/** Reads `<input>/ground_truth.json` when present (null otherwise); throws on a malformed file, naming it. */
export function readGroundTruth(inputDir: string): GroundTruthUsers | null {
  const file = join(inputDir, 'ground_truth.json');
  if (!existsSync(file)) return null;
  const doc = readGroundTruthSections(file, ['format', 'signal', 'asOfDate', 'parameters', 'users']);
  if (doc.format !== 'marquee-ground-truth/1')
    throw new Error(`${file}: expected format "marquee-ground-truth/1", got ${JSON.stringify(doc.format)}`);
  const cols = doc.users?.columns;
  if (!Array.isArray(cols?.segment) || !Array.isArray(cols?.churn_probability)) {
    throw new Error(`${file}: users.columns.segment and users.columns.churn_probability must be arrays`);
  }
  const segmentNames = (doc.parameters?.segments ?? []).map((s: { name?: string } | string, i: number) =>
    typeof s === 'string' ? s : (s?.name ?? `segment_${i}`),
  );
  return {
    file,
    signal: doc.signal,
    asOfDate: doc.asOfDate,
    segmentNames,
    segment: cols.segment,
    churnProbability: cols.churn_probability,
  };
}

/**
 * The named top-level sections of a ground_truth.json file, parsed; the others (the 2.5 million
 * search rows at scale 100, when a step does not read them) are skipped unparsed (json_sections.ts).
 */
export function readGroundTruthSections(file: string, sections: readonly string[]): Record<string, any> {
  try {
    return parseJsonSections(readFileSync(file, 'utf8'), sections, file);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** Index of a user in the ground truth columns: user_00042 -> 41 (NaN when the key has no number). */
export function userIndex(userId: string): number {
  const m = /(\d+)$/.exec(userId);
  return m ? Number(m[1]) - 1 : NaN;
}

/** Values of a ground-truth column for these user ids, NaN where the user is unknown. */
export function truthFor(userIds: readonly string[], values: readonly number[]): Float64Array {
  const out = new Float64Array(userIds.length);
  for (let i = 0; i < userIds.length; i++) {
    const k = userIndex(userIds[i]);
    out[i] = Number.isInteger(k) && k >= 0 && k < values.length ? Number(values[k]) : NaN;
  }
  return out;
}
