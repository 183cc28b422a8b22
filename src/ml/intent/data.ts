// What ml.search_intent reads: every search with query text from gold.ml_search_queries, with the
// generator's true intent (ground_truth.json) when one was planted.
import { existsSync } from 'node:fs';
import { readGroundTruthSections } from '../ground_truth.js';
import { join } from 'node:path';
import type { StepContext } from '../../pipeline/step.js';
import { INTENTS, type Intent } from '../text/intent-rules.js';
import type { SearchRow } from './train.js';
import { SEARCH_TABLE } from './tables.js';

/** The generator's intents per search (search_000001 -> rows[0]); null when absent or signal none. */
export function readTrueIntents(inputDir: string): { intent: Intent; clean: string }[] | null {
  const file = join(inputDir, 'ground_truth.json');
  if (!existsSync(file)) return null;
  const doc = readGroundTruthSections(file, ['parameters', 'searches']);
  if (!doc.searches) return null;
  const names: string[] = doc.parameters?.search?.intents;
  if (!Array.isArray(names) || !Array.isArray(doc.searches.rows))
    throw new Error(`${file}: expected parameters.search.intents and searches.rows`);
  return doc.searches.rows.map(([k, clean]: [number, string], n: number) => {
    const intent = names[k] as Intent;
    if (!INTENTS.includes(intent))
      throw new Error(`${file}: searches.rows[${n}] has intent ${JSON.stringify(names[k])}, expected one of ${INTENTS.join(', ')}`);
    return { intent, clean };
  });
}

export async function loadSearches(ctx: StepContext): Promise<SearchRow[]> {
  const truth = readTrueIntents(ctx.config.input);
  const rows = await ctx.engine.query(
    `SELECT search_id, search_query, had_typo FROM ${SEARCH_TABLE} WHERE search_query IS NOT NULL ORDER BY search_id`,
  );
  return rows.map((r) => {
    const id = String(r.search_id);
    const m = /(\d+)$/.exec(id);
    const t = truth && m ? truth[Number(m[1]) - 1] : undefined;
    return {
      searchId: id,
      query: String(r.search_query),
      hadTypo: r.had_typo === true,
      trueIntent: t?.intent ?? null,
      cleanQuery: t?.clean ?? null,
    };
  });
}
