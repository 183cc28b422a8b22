// Every check definition the pipeline runs, by dataset|name: bronze's (built from the config) and
// every SQL model's (its .meta.ts, silver anomaly rules included). The quality report reads each
// check's description and params from here for its expectation in words and its threshold.
import type { MarqueeConfig } from '../config.js';
import { bronzeChecks } from '../bronze/checks.js';
import { loadSqlModels } from '../pipeline/models.js';
import { DEFAULT_MODELS_DIR } from '../pipeline/runner.js';
import type { CheckDefinition } from '../quality/check.js';
import { catalogKey } from '../quality/report/expectation.js';

export async function checkCatalog(config: MarqueeConfig, modelsDir = DEFAULT_MODELS_DIR): Promise<Map<string, CheckDefinition>> {
  const models = await loadSqlModels(modelsDir);
  const all = [...bronzeChecks(config), ...models.flatMap((m) => m.meta.checks ?? [])];
  return new Map(all.map((c) => [catalogKey(c.dataset, c.name), c]));
}
